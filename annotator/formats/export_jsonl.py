"""Export a project (one annotator's layer, every layer, or the gold layer) to our JSONL.

Written a run of documents at a time (`export_workers`), so a large project's spans are
never all in memory, and by several processes when it is large."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.formats.atomic import atomic_text_writer
from annotator.formats.export_workers import write_runs
from annotator.formats.jsonl import document_line, json_line, span_object
from annotator.storage import Project


def _annotator_lines(
    names: list[str], every_document: bool, project: Project, run: range
) -> Iterator[dict[str, Any]]:
    """One line per document and annotator who worked on it (all of `names` when
    `every_document`); a line with no annotator for a document nobody touched."""
    spans = {name: project.span_rows_by_document(name, run) for name in names}
    statuses = {name: project.statuses(name, run) for name in names}
    for doc in project.documents(run):
        written = False
        text = doc.text
        for name in names:
            rows = spans[name].get(doc.rowid, ())
            status = statuses[name].get(doc.rowid)
            if rows or status is not None or every_document:
                written = True
                yield document_line(
                    doc,
                    name,
                    status.value if status else "new",
                    [
                        span_object(text, start, end, label, _attrs(attrs), origin)
                        for start, end, label, attrs, origin in rows
                    ],
                )
        if not written:
            # Nobody has touched it: still part of the project, so still exported.
            yield document_line(doc, None, None, [])


def _attrs(stored: str) -> dict:
    return json.loads(stored) if stored != "{}" else {}


def _gold_lines(project: Project, run: range) -> Iterator[dict[str, Any]]:
    for doc in project.documents(run):
        gold = project.gold_spans(doc.rowid)
        status = project.gold_status(doc.rowid)
        if not gold and status is None:
            continue  # not adjudicated: no gold to give
        yield document_line(
            doc,
            None,
            status or "in_progress",
            [
                span_object(
                    doc.text,
                    g.start,
                    g.end,
                    g.label,
                    g.attrs,
                    "adjudicated",
                    provenance={
                        "agreed_by": list(g.agreed_by),
                        "adjudicator": g.adjudicator,
                        "decided_at": g.decided_at,
                    },
                )
                for g in gold
            ],
        )


def _run_text(lines: Any, project: Project, run: range) -> tuple[str, int]:
    """The JSONL of one run of documents, and how many lines it has."""
    written = [json_line(line) for line in lines(project, run)]
    return "".join(written), len(written)


def layer_names(project: Project, annotator: str | None) -> list[str]:
    """The annotators whose layers are exported: `annotator` (refused when the project has
    no such annotator), or every one."""
    names = project.annotators()
    if annotator is None:
        return names
    if annotator not in names:
        known = ", ".join(names) or "none yet"
        raise InputError(
            f"no annotator {annotator!r} in this project (annotators: {known})",
            "unknown_annotator",
        )
    return [annotator]


def export_jsonl(
    project: Project,
    out: Path,
    annotator: str | None = None,
    gold: bool = False,
    workers: int | None = None,
) -> int:
    """Write the lines atomically; return how many were written."""
    if gold:
        lines: Any = _gold_lines
    else:
        names = layer_names(project, annotator)
        lines = partial(_annotator_lines, names, annotator is not None)
    with atomic_text_writer(out) as handle:
        counts = write_runs(project, partial(_run_text, lines), handle, workers)
    return sum(counts)
