"""The export bundle: everything a dataset release needs, in one folder.

    annotator-<name>.jsonl   each annotator's layer (our JSONL)
    gold.jsonl, gold.conll   the adjudicated layer, when there is one
    agreement.json           `annotator agreement --json`, when there are two annotators or more
    labels.json              the label schema (name, colour, key, retired, description)
    manifest.json            counts per label, SHA-256 of every file, tool version, time

Every file is written atomically; the manifest is written last, so a folder with a manifest
holds a complete bundle. File names made from annotator names keep only letters, digits,
"-" and "_": a name can never point outside the folder.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.core.errors import InputError
from annotator.formats.atomic import atomic_text_writer
from annotator.formats.conll_export import export_conll
from annotator.formats.export_jsonl import export_jsonl
from annotator.storage import Project
from annotator.storage.compare import agreement_report
from annotator.storage.stats import project_stats

_UNSAFE = re.compile(r"[^\w\-]+")


def safe_name(name: str, taken: set[str]) -> str:
    """A file-name part for `name`: word characters and '-' only, unique within `taken`."""
    base = _UNSAFE.sub("_", name).strip("_") or "annotator"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_bundle(project: Project, folder: Path) -> dict[str, Any]:
    if folder.exists() and not folder.is_dir():
        raise InputError("is a file; a bundle needs a folder", "bad_output", str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, Any]] = {}
    taken: set[str] = set()
    for name in project.annotators():
        path = folder / f"annotator-{safe_name(name, taken)}.jsonl"
        lines = export_jsonl(project, path, annotator=name)
        files[path.name] = {"annotator": name, "lines": lines}
    stats = project_stats(project)
    gold = stats["gold"]
    if gold["spans"] or gold["documents_done"] or gold["documents_in_progress"]:
        files["gold.jsonl"] = {"lines": export_jsonl(project, folder / "gold.jsonl", gold=True)}
        report = export_conll(project, folder / "gold.conll", gold=True)
        files["gold.conll"] = {"tokens": report.tokens, "not_written_exactly": report.inexact}
    if len(project.annotators()) >= 2:
        # The agreement of every annotator on the documents they all finished.
        with atomic_text_writer(folder / "agreement.json") as handle:
            handle.write(json.dumps(agreement_report(project), ensure_ascii=False, indent=1))
            handle.write("\n")
        files["agreement.json"] = {}
    with atomic_text_writer(folder / "labels.json") as handle:
        schema = [
            {
                "name": label.name,
                "colour": label.colour,
                "shortcut": label.shortcut,
                "retired": label.retired,
                "description": label.description,
            }
            for label in project.labels()
        ]
        handle.write(json.dumps(schema, ensure_ascii=False, indent=1) + "\n")
    files["labels.json"] = {}
    for name, entry in files.items():
        path = folder / name
        entry.update(sha256=_sha256(path), bytes=path.stat().st_size)
    manifest = {
        "tool": "annotator",
        "version": __version__,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "project": project.path.name,
        "documents": stats["documents"],
        "spans_per_label": {label["name"]: label["spans"] for label in stats["labels"]},
        "annotators": {a["name"]: a["spans_per_label"] for a in stats["annotators"]},
        "gold_spans_per_label": gold["spans_per_label"],
        "files": files,
    }
    with atomic_text_writer(folder / "manifest.json") as handle:
        handle.write(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return manifest
