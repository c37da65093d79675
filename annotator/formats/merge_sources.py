"""What `annotator merge` reads: another project file, or an export bundle (`--bundle`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.records import ImportRecord
from annotator.formats.bundle import MANIFEST, annotator_layers
from annotator.formats.jsonl import read_jsonl
from annotator.storage.merging import project_records


def merge_source(path: Path, notes: list[str]) -> Iterator[ImportRecord]:
    """Every annotator's work in `path`: each annotator's JSONL of a bundle, or every layer
    of a project file. A bundle's gold layer is not merged: adjudication happens here."""
    if not path.is_dir():
        yield from project_records(path, notes)
        return
    if not (path / MANIFEST).is_file():
        raise InputError(
            f"not an export bundle (no {MANIFEST}) and not a project file",
            "not_a_bundle",
            str(path),
        )
    # Every layer is checked before any is read: a bad file merges nothing.
    layers = annotator_layers(path)
    if not layers:
        notes.append(f"{path}: the bundle has no annotator's layer: nothing to merge")
    for layer in layers:
        yield from read_jsonl(layer, None, None, notes)
    if (path / "gold.jsonl").is_file():
        notes.append(f"{path / 'gold.jsonl'}: the gold layer is not merged (adjudicate here)")
