"""Merging other annotators' work into a project: from their project files or bundles.

Documents are matched by content hash (as every import is), spans keep their annotator, and
merging the same work twice adds nothing. What cannot be merged without choosing is left
as it is and reported: an annotator whose spans on a document differ between the two files
(a conflict). Statuses only move forward (new, in progress, done), never back.
"""

from __future__ import annotations

import sqlite3  # noqa: TID251 (storage talks SQL)
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.document import DocStatus, Document
from annotator.core.errors import AnnotatorError, ProjectError
from annotator.core.quoting import for_message
from annotator.core.records import ImportRecord, ImportReport
from annotator.storage.connection import check_file, check_project
from annotator.storage.importing import check_storable, import_records
from annotator.storage.project import Project

_PROGRESS = {DocStatus.NEW: 0, DocStatus.IN_PROGRESS: 1, DocStatus.DONE: 2}


@dataclass
class MergeReport:
    imported: ImportReport = field(default_factory=ImportReport)
    conflicts: list[str] = field(default_factory=list)  # one line each: document, annotator
    unchanged: int = 0  # annotators' documents already there exactly


def _key(span) -> tuple:
    return (span.start, span.end, span.label, sorted(span.attrs.items()))


def merge_records(
    project: Project, records: Iterable[ImportRecord], add_labels: bool = False
) -> MergeReport:
    """Import `records` (one transaction, all or nothing), leaving out and reporting each
    annotator's document whose spans differ from what the project already has."""
    report = MergeReport()

    def checked() -> Iterator[ImportRecord]:
        for record in records:
            try:  # before the project is asked about its names: SQLite cannot take them all
                check_storable(record)
            except AnnotatorError as exc:
                raise exc.located(record.source, record.line) from None
            # Asked each time: an earlier file of the same merge may have added it.
            rowid = project.document_rowid_by_hash(record.document.hash)
            if rowid is None or record.annotator is None:
                yield record
                continue
            ours = project.spans(rowid, record.annotator)
            status = project.statuses(record.annotator, range(rowid, rowid + 1)).get(rowid)
            if not ours and status is None:
                yield record  # new to this project: nothing to compare
                continue
            if sorted(map(_key, ours)) != sorted(map(_key, record.spans)):
                report.conflicts.append(
                    f"{record.where()}: {for_message(record.annotator)}'s spans on document "
                    f"{record.document.id!r} differ from this project's ({len(ours)} here, "
                    f"{len(record.spans)} there): kept this project's"
                )
                continue
            theirs = record.status or DocStatus.DONE
            if status is not None and _PROGRESS[theirs] <= _PROGRESS[status]:
                report.unchanged += 1
                continue  # the same work, no further along
            record.status = theirs
            yield record

    report.imported = import_records(project, checked(), add_labels=add_labels)
    return report


def project_records(path: Path, notes: list[str]) -> Iterator[ImportRecord]:
    """Every annotator's work in another project file, read from a snapshot of it (so the
    file is never changed, not even migrated, and a writer using it is not disturbed). The
    file is checked as opening it would be (ours, a version we know, no trigger or table we
    did not create) before anything is read from it."""
    check_file(path, create=False)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "snapshot.db"
        try:
            # Read-write but query-only, not mode=ro: SQL cannot write through it either way,
            # but a read-only connection cannot remove the -wal and -shm files it makes beside
            # a WAL project, so every merge would leave two files in the annotator's folder.
            # (The URI keeps a "?" or "#" in a file name part of the name.)
            source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
            try:
                source.execute("PRAGMA query_only = ON")
                # Refused before a page is copied, with what opening it would say.
                check_project(source, path)
                with sqlite3.connect(copy) as target:
                    source.backup(target)
            finally:
                source.close()
        except sqlite3.Error as exc:
            raise ProjectError(f"cannot read: {exc}", "unreadable", str(path)) from None
        try:
            other = Project.open(copy)
        except ProjectError as exc:
            raise ProjectError(exc.message, exc.code, str(path)) from None
        with other:
            if other.db.execute("SELECT 1 FROM gold_spans LIMIT 1").fetchone():
                notes.append(f"{path}: its gold layer is not merged (adjudicate here)")
            names = other.annotators()
            statuses = {name: other.statuses(name) for name in names}
            assisted = other.assistance()
            for number, doc in enumerate(other.documents(), 1):
                text = Document(doc.id, doc.text, doc.meta)
                worked = False
                for name in names:
                    spans = other.spans(doc.rowid, name)
                    status = statuses[name].get(doc.rowid)
                    if spans or status is not None:
                        worked = True
                        yield ImportRecord(
                            text,
                            str(path),
                            number,
                            spans,
                            name,
                            status,
                            assisted=assisted.get((doc.rowid, name)),
                        )
                if not worked:
                    yield ImportRecord(text, str(path), number)
