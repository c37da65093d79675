"""Bulk import: many records, one transaction. A failed import leaves the project as it was."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from annotator.core.document import DocStatus, Document
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.json_depth import MAX_DEPTH, too_deep
from annotator.core.names import check_annotator_name
from annotator.core.records import ImportRecord, ImportReport
from annotator.storage.project import Project
from annotator.storage.values import now, to_json


def _check_name(value: str, what: str) -> None:
    """Refuse an unpaired surrogate (JSON's "\\ud800"), which is not text: SQLite cannot
    take it, and would stop the import with a traceback instead of this message."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{what} contains an unpaired surrogate (\\u{ord(value[exc.start]):04x}), which "
            "is not text and cannot be stored",
            "bad_text",
        ) from None


def _check_json(value: dict[str, Any], what: str) -> None:
    """Raise unless `value` stores as the project stores it (to_json): not too deep, no NaN,
    nothing that is not JSON, no string that is not text. Every reader's metadata passes
    here, so none can fail later inside the database."""
    if not value:
        return
    # The readers' own limit: far from the recursion limit the encoder that stores it shares
    # with the rest of the import.
    if too_deep(value):
        raise InputError(f"{what} is nested more than {MAX_DEPTH} levels deep", "bad_meta")
    try:
        stored = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{what} is not plain JSON: {exc}", "bad_meta") from None
    _check_name(stored, what)


# Checked once per name, not once per span (an import carries hundreds of thousands).
_person = lru_cache(maxsize=4096)(check_annotator_name)


def check_storable(record: ImportRecord) -> None:
    """What the readers' own checks leave to the store: names and metadata it can hold."""
    doc = record.document
    _check_name(doc.id, "the document id")
    _check_json(doc.meta, "the document's meta")
    if record.annotator is not None:
        _check_name(record.annotator, "the annotator's name")
        _person(record.annotator)
    for span in record.spans:
        _check_name(span.annotator, "the annotator's name")
        _person(span.annotator)
        _check_name(span.label, "the label")
        _check_json(span.attrs, f"the attrs of span {span.start}-{span.end}")


class _Importer:
    """Holds what the import has learnt so far, so each record costs a few statements."""

    def __init__(self, project: Project, add_labels: bool) -> None:
        self.project = project
        self.db = project.db
        self.add_labels = add_labels
        self.report = ImportReport()
        self.by_hash, self.uids = project.known_documents()
        self.doc_rowids: dict[str, int] = {}
        self.label_ids = project.label_ids()
        self.annotator_ids: dict[str, int] = {}
        self.stamp = now()
        self.added: set[str] = set()  # the hashes of the texts this run added

    def _doc_rowid(self, text_hash: str) -> int:
        if text_hash not in self.doc_rowids:
            self.doc_rowids[text_hash] = self.project._one(
                "SELECT id FROM documents WHERE hash = ?", [text_hash]
            )
        return self.doc_rowids[text_hash]

    def _annotator(self, name: str) -> int:
        if name not in self.annotator_ids:
            self.annotator_ids[name] = self.project.annotator_id(name)
            self.report.annotators.add(name)
        return self.annotator_ids[name]

    def _label(self, name: str) -> int:
        if name not in self.label_ids:
            if not self.add_labels:
                known = ", ".join(self.label_ids)
                raise InputError(
                    f"unknown label {name!r} (project labels: {known}); "
                    "add it first (annotator labels DB add NAME) or import with --add-labels",
                    "unknown_label",
                )
            self.project.change_labels(lambda labels: labels.new(name))
            self.label_ids = self.project.label_ids()
            self.report.labels_added.append(name)
        return self.label_ids[name]

    def _unique_uid(self, uid: str) -> str:
        if uid not in self.uids:
            return uid
        n = 2
        while f"{uid}~{n}" in self.uids:
            n += 1
        return f"{uid}~{n}"

    def _document(self, record: ImportRecord) -> int:
        doc = record.document
        text_hash = doc.hash
        existing = self.by_hash.get(text_hash)
        if existing is not None:
            spans = f"; its {len(record.spans)} spans go to that document" if record.spans else ""
            if text_hash not in self.added:
                self.report.notes.append(
                    f"{record.where()}: same text as document {existing!r} already in the "
                    f"project: not added again{spans}"
                )
            elif existing != doc.id:
                # The same text under another id earlier in this run: this id is dropped.
                self.report.notes.append(
                    f"{record.where()}: same text as document {existing!r}, added earlier "
                    f"in this run: not added again{spans}"
                )
            # Else the same document again, with another annotator's work (a merge reads a
            # document once per annotator, an export of every layer has a line for each):
            # nothing to say about it.
            return self._doc_rowid(text_hash)
        uid = self._unique_uid(doc.id)
        if uid != doc.id:
            self.report.notes.append(
                f"{record.where()}: id {doc.id!r} is taken by another text: stored as {uid!r}"
            )
            doc = Document(uid, doc.text, doc.meta)
        stored = self.project.insert_document(doc)
        self.by_hash[text_hash] = uid
        self.added.add(text_hash)
        self.uids.add(uid)
        self.doc_rowids[text_hash] = stored.rowid
        self.report.documents_added += 1
        return stored.rowid

    def add(self, record: ImportRecord) -> None:
        text = record.document.text
        check_storable(record)
        label_ids = []
        for index, span in enumerate(record.spans):
            try:
                # The label first: an unknown one is refused by name, quoted, before a
                # range message could print it as it is.
                label_ids.append(self._label(span.label))
                span.check_against(text)
            except AnnotatorError as exc:
                raise exc.located(record.source, record.line_of(index)) from None
        doc_rowid = self._document(record)
        rows = [
            (
                doc_rowid,
                self._annotator(span.annotator),
                label_id,
                span.start,
                span.end,
                to_json(span.attrs),
                span.origin.value,
                self.stamp,
            )
            for span, label_id in zip(record.spans, label_ids, strict=True)
        ]
        before = self.db.conn.total_changes
        self.db.conn.executemany(
            'INSERT OR IGNORE INTO spans (document_id, annotator_id, label_id, start, "end", '
            "attrs, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        added = self.db.conn.total_changes - before
        self.report.spans_added += added
        self.report.spans_already_present += len(rows) - added
        if record.annotator is not None:
            # Imported spans are the annotator's finished work unless the file says otherwise.
            status = record.status or (DocStatus.DONE if record.spans else None)
            if status is not None:
                self.db.execute(
                    "INSERT INTO document_status (document_id, annotator_id, status, updated_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator_id) DO UPDATE SET"
                    " status = excluded.status, updated_at = excluded.updated_at",
                    [doc_rowid, self._annotator(record.annotator), status.value, self.stamp],
                )
            if record.assisted is not None:  # merged from a project that recorded it
                self.db.execute(
                    "INSERT OR IGNORE INTO assistance (document_id, annotator_id, assisted, "
                    "first_seen) VALUES (?, ?, ?, ?)",
                    [
                        doc_rowid,
                        self._annotator(record.annotator),
                        int(record.assisted),
                        self.stamp,
                    ],
                )


def import_records(
    project: Project,
    records: Iterable[ImportRecord],
    *,
    add_labels: bool = False,
    on_record: Callable[[ImportRecord], None] | None = None,
) -> ImportReport:
    """Store every record, or none: any error rolls the whole import back.

    Errors are re-raised naming the record's file and line.
    """
    with project.transaction():
        # Read under the write lock: an import that waited for another sees what it added.
        importer = _Importer(project, add_labels)
        for record in records:
            try:
                importer.add(record)
            except AnnotatorError as exc:
                raise exc.located(record.source, record.line) from None
            if on_record is not None:
                on_record(record)
    return importer.report


__all__ = ["import_records"]
