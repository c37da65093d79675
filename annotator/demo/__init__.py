"""The demo project: short reports written by the team, labelled by two annotators.

`annotator` without a project opens it on first run, so the article view, the suggestions
and the review window all have something to show before anyone has imported a file. It is
built once, in the user's data folder, and never rebuilt or overwritten: whatever the user
does in it stays, and a file of theirs with its name is left alone.

The reports are in `reports.json`. Each annotator's spans are written as the text they
cover (and which occurrence of it), not as offsets, so the reports can be edited without
recounting characters; the builder finds the offsets and refuses any span it cannot place.
A NUMBER's value is the one the number reader gives, so the demo shows what suggestions
would propose.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from annotator.core.document import DocStatus, Document
from annotator.core.numbers import find_numbers
from annotator.core.spans import Span
from annotator.paths import user_data_dir
from annotator.storage import Project

DEMO_FILE = "demo.db"


def demo_path() -> Path:
    return user_data_dir() / "projects" / DEMO_FILE


def demo_project() -> Path:
    """The demo project's path, built first if it is not there yet."""
    path = demo_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_demo(path)
    return path


def reports() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("reports.json").read_text("utf-8"))


def place(text: str, covered: str, occurrence: int = 1) -> tuple[int, int]:
    """The offsets of the `occurrence`-th appearance (from 1) of `covered` in `text`."""
    start = -1
    for _ in range(occurrence):
        start = text.find(covered, start + 1)
        if start < 0:
            raise ValueError(f"{covered!r} does not occur {occurrence} time(s)")
    return start, start + len(covered)


def number_attrs(text: str, start: int, end: int) -> dict[str, Any]:
    """What the number reader says about exactly this range, as a NUMBER span's attrs."""
    for match in find_numbers(text):
        if (match.start, match.end) == (start, end):
            return match.attrs()
    raise ValueError(f"{text[start:end]!r} is not a number the reader finds")


def demo_spans(doc: Document, entries: list[list[Any]], annotator: str) -> list[Span]:
    spans = []
    for entry in entries:
        # [label, text covered] + optionally [which occurrence, attrs]: attrs given by hand are
        # an annotator's own reading, e.g. a value the number reader would not propose.
        label, covered = entry[:2]
        occurrence = entry[2] if len(entry) > 2 else 1
        attrs = entry[3] if len(entry) > 3 else None
        try:
            start, end = place(doc.text, covered, occurrence)
            if attrs is None:
                attrs = number_attrs(doc.text, start, end) if label == "NUMBER" else {}
        except ValueError as exc:
            raise ValueError(f"demo report {doc.id}, {annotator}: {exc}") from None
        spans.append(Span(start, end, label, annotator, attrs))
    return spans


def _put_in_place(built: Path, path: Path) -> None:
    try:
        os.link(built, path)  # fails, rather than replaces, when the path exists
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: a rename, checked just before
        if path.exists():
            raise FileExistsError(f"{path} exists") from None
        os.replace(built, path)


def build_demo(path: Path) -> None:
    """Write the demo project to `path`, which must not exist. It is built under a temporary
    name and linked into place whole, so an interrupted build leaves no half demo, and a file
    that appeared at `path` meanwhile is kept."""
    data = reports()
    building = path.with_name(f".{path.name}.{os.getpid()}.building")
    building.unlink(missing_ok=True)
    try:
        with Project.open(building, create=True) as project, project.transaction():
            docs = {}
            for entry in data["documents"]:
                doc = project.insert_document(
                    Document(entry["id"], entry["text"], entry.get("meta", {}))
                )
                docs[doc.id] = doc
            for annotator, work in data["annotators"].items():
                for doc_id, done in work.items():
                    doc = docs[doc_id]
                    for span in demo_spans(doc, done["spans"], annotator):
                        project.add_span(doc.rowid, span)
                    project.set_status(doc.rowid, annotator, DocStatus(done["status"]))
        _put_in_place(building, path)
    finally:
        building.unlink(missing_ok=True)
