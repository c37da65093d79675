"""The starter model shipped with the package, for a project with no spans yet: the tagger
trained on openly licensed Arabic NER data (packaging/starter_model.py builds it; its
licence and sources are in starter/LICENCE.md). A project's own model replaces it."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.tagger.model import Model, ModelInfo

FOLDER = Path(__file__).with_name("starter")
MODEL = FOLDER / "model.crfsuite"
INFO = FOLDER / "info.json"
LICENCE = FOLDER / "LICENCE.md"


def starter_model() -> Model | None:
    """The shipped model, read afresh (a Model is not shared between threads), or None in
    a build without it."""
    if not MODEL.is_file() or not INFO.is_file():
        return None
    return Model(MODEL.read_bytes(), ModelInfo.from_json(json.loads(INFO.read_text("utf-8"))))
