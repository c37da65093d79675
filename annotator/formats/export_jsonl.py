"""Export a project (one annotator's layer, every layer, or the gold layer) to our JSONL."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.atomic import atomic_text_writer
from annotator.formats.jsonl import document_line, span_object, write_line
from annotator.storage import Project


def _annotator_layers(project: Project, only: str | None):
    names = project.annotators() if only is None else [only]
    if only is not None and only not in project.annotators():
        known = ", ".join(project.annotators()) or "none yet"
        raise InputError(
            f"no annotator {only!r} in this project (annotators: {known})", "unknown_annotator"
        )
    statuses = {name: project.statuses(name) for name in names}
    # A run of documents at a time: a large project's spans are never all in memory at once.
    for run in project.document_runs():
        spans = {name: project.span_rows_by_document(name, run) for name in names}
        for doc in project.documents(run):
            written = False
            text = doc.text
            for name in names:
                rows = spans[name].get(doc.rowid, ())
                status = statuses[name].get(doc.rowid)
                if rows or status is not None or only is not None:
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


def _gold_layer(project: Project):
    for doc in project.documents():
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


def export_jsonl(
    project: Project, out: Path, annotator: str | None = None, gold: bool = False
) -> int:
    """Write the lines atomically; return how many were written."""
    lines = _gold_layer(project) if gold else _annotator_layers(project, annotator)
    count = 0
    with atomic_text_writer(out) as handle:
        for line in lines:
            write_line(handle, line)
            count += 1
    return count
