"""Counts for `annotator stats`: documents, spans per label and annotator, progress."""

from __future__ import annotations

from typing import Any

from annotator.core.document import DocStatus
from annotator.storage.project import Project


def project_stats(project: Project) -> dict[str, Any]:
    db = project.db
    documents = project.document_count()
    labels = [
        {
            "name": name,
            "colour": colour,
            "shortcut": shortcut,
            "retired": bool(retired),
            "spans": spans,
        }
        for name, colour, shortcut, retired, spans in db.execute(
            "SELECT l.name, l.colour, l.shortcut, l.retired, "
            "(SELECT count(*) FROM spans s WHERE s.label_id = l.id) "
            "FROM labels l ORDER BY l.position"
        )
    ]
    per_label: dict[str, dict[str, int]] = {}
    for annotator, label, count in db.execute(
        "SELECT a.name, l.name, count(*) FROM spans s JOIN annotators a ON a.id = s.annotator_id "
        "JOIN labels l ON l.id = s.label_id GROUP BY a.id, l.id ORDER BY a.id, l.position"
    ):
        per_label.setdefault(annotator, {})[label] = count
    progress: dict[str, dict[str, int]] = {}
    for annotator, status, count in db.execute(
        "SELECT a.name, d.status, count(*) FROM document_status d "
        "JOIN annotators a ON a.id = d.annotator_id GROUP BY a.id, d.status"
    ):
        progress.setdefault(annotator, {})[status] = count
    annotators = []
    for name in project.annotators():
        counts = progress.get(name, {})
        started = sum(counts.values())
        status = {s.value: counts.get(s.value, 0) for s in DocStatus}
        status[DocStatus.NEW.value] += documents - started  # untouched documents are new
        spans = per_label.get(name, {})
        annotators.append(
            {"name": name, "spans": sum(spans.values()), "spans_per_label": spans, "status": status}
        )
    gold_labels = dict(
        db.execute(
            "SELECT l.name, count(*) FROM gold_spans g JOIN labels l ON l.id = g.label_id "
            "GROUP BY l.id ORDER BY l.position"
        )
    )
    gold_docs = dict(db.execute("SELECT status, count(*) FROM gold_documents GROUP BY status"))
    return {
        "documents": documents,
        "characters": project._one("SELECT coalesce(sum(length), 0) FROM documents"),
        "spans": sum(label["spans"] for label in labels),
        "labels": labels,
        "annotators": annotators,
        "gold": {
            "spans": sum(gold_labels.values()),
            "spans_per_label": gold_labels,
            "documents_done": gold_docs.get("done", 0),
            "documents_in_progress": gold_docs.get("in_progress", 0),
        },
    }
