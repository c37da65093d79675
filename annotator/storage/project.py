"""A project file: documents, labels, annotators, spans, status and the gold layer.

Project holds the connection, its transactions, the annotator, label and document rows;
the span rows (with suggestion rejections and statuses) are in span_rows.py, the gold
layer's in gold_rows.py, the tagger model's in model_rows.py and what a team hub sync
agreed on in hub_rows.py, whose classes Project is made of.

Every public method that writes does so in one transaction: it either happens whole or not
at all. Offsets are validated against the stored text before anything is written.
"""

from __future__ import annotations

import json
import sqlite3  # noqa: TID251 (storage talks SQL)
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils  # noqa: TID251 (storage talks SQL)

from annotator.core.document import DocStatus, Document
from annotator.core.errors import InputError, ProjectError
from annotator.core.labels import Label, LabelSet
from annotator.core.names import check_annotator_name
from annotator.storage import connection
from annotator.storage.connection import integrity_problems, open_database
from annotator.storage.gold_rows import GoldRows
from annotator.storage.hub_rows import HubRows
from annotator.storage.model_rows import ModelRows
from annotator.storage.span_columns import SpanColumnRows
from annotator.storage.span_rows import SpanRows
from annotator.storage.values import now, to_json


class Project(SpanRows, SpanColumnRows, GoldRows, ModelRows, HubRows):
    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path, create: bool = False) -> Project:
        path = Path(path)
        return cls(open_database(path, create=create), path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested calls become savepoints.

        BEGIN IMMEDIATE takes the write lock up front, so two processes never deadlock
        upgrading read locks; the busy timeout makes the second one wait its turn, and one
        that waits longer than that is refused with ProjectError "busy", nothing written.
        """
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        try:
            self.db.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            self._raise_if_busy(exc)
            raise
        try:
            yield
            self.db.conn.execute("COMMIT")
        except BaseException as exc:
            # Also when COMMIT itself fails (a full disk): never leave a transaction open
            # for the next change to join.
            if self.db.conn.in_transaction:
                self.db.conn.rollback()
            if isinstance(exc, sqlite3.OperationalError):
                self._raise_if_busy(exc)
            raise

    def _raise_if_busy(self, exc: sqlite3.OperationalError) -> None:
        """Another program held the write lock for the whole busy timeout (or the file became
        read-only): say so in words the window and the command line show, instead of a bare
        "database is locked" that would reach the crash dialog."""
        primary = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if primary == sqlite3.SQLITE_READONLY:  # made read-only since it was opened
            raise ProjectError(
                "the project file is read-only: nothing was changed", "read_only", str(self.path)
            ) from None
        if primary not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return
        seconds = connection.BUSY_TIMEOUT_MS / 1000
        raise ProjectError(
            "the project is busy: another program (an import, a merge?) has been writing to "
            f"it for more than {seconds:g} seconds; nothing was changed, try again when it "
            "is done",
            "busy",
            str(self.path),
        ) from None

    def integrity_check(self) -> list[str]:
        """What SQLite finds wrong with the file and its references; empty when sound."""
        problems = integrity_problems(self.db.conn)
        for table, rowid, parent, _ in self.db.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent} row")
        return problems

    def _one(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
        row = self.db.execute(sql, params).fetchone()
        return row[0] if row else None

    # -- annotators -------------------------------------------------------------------------

    def annotator_id(self, name: str, create: bool = True) -> int | None:
        if not isinstance(name, str) or not name.strip():
            raise InputError("annotator name must not be empty", "bad_annotator")
        found = self._one("SELECT id FROM annotators WHERE name = ?", [name])
        if found is not None or not create:
            return found
        check_annotator_name(name)  # a new name; one stored by an older version still works
        with self.transaction():
            return self.db.execute(
                "INSERT INTO annotators (name, created_at) VALUES (?, ?)", [name, now()]
            ).lastrowid

    def annotators(self) -> list[str]:
        """Everyone who has annotated: spans, or a document in progress or done. (An
        adjudicator is in the annotators table for the gold layer's provenance, and is not
        one of them unless they annotated too; nor is someone whose only trace is a status
        set back to new, as undoing "done" leaves.) Exports, merges and stats take them all:
        a status is work to carry along."""
        return self._annotators((DocStatus.IN_PROGRESS, DocStatus.DONE))

    def compared_annotators(self) -> list[str]:
        """The annotators a comparison takes when nobody names them (agreement,
        adjudication, the review): those with a span or a document done. Someone whose only
        trace is a document in progress without spans (a word labelled and deleted) has
        nothing to compare, and counted in would be an annotator who marked nothing there,
        pulling every figure down and blocking every agreed span."""
        return self._annotators((DocStatus.DONE,))

    def _annotators(self, statuses: tuple[DocStatus, ...]) -> list[str]:
        """Annotators with a span, or a document in one of `statuses`, in the order they
        were first recorded."""
        marks = ", ".join("?" * len(statuses))
        rows = self.db.execute(
            "SELECT name FROM annotators a WHERE "
            "EXISTS (SELECT 1 FROM document_status d "
            f"        WHERE d.annotator_id = a.id AND d.status IN ({marks})) OR "
            "EXISTS (SELECT 1 FROM spans s WHERE s.annotator_id = a.id) ORDER BY id",
            [status.value for status in statuses],
        )
        return [name for (name,) in rows]

    # -- labels -----------------------------------------------------------------------------

    def _label_rows(self) -> list[tuple[int, Label]]:
        rows = self.db.execute(
            "SELECT id, name, colour, shortcut, retired, description FROM labels ORDER BY position"
        )
        return [
            (rowid, Label(name, colour, shortcut, bool(retired), description))
            for rowid, name, colour, shortcut, retired, description in rows
        ]

    def labels(self) -> LabelSet:
        return LabelSet(label for _, label in self._label_rows())

    def label_ids(self) -> dict[str, int]:
        return {name: rowid for rowid, name in self.db.execute("SELECT id, name FROM labels")}

    def change_labels(self, change: Callable[[LabelSet], Label]) -> Label:
        """Apply one LabelSet operation (add, rename, recolour, retire...) and store the result.

        Rows are matched by position, so a rename keeps the row and every span that uses it.
        """
        with self.transaction():
            rows = self._label_rows()
            labels = LabelSet(label for _, label in rows)
            result = change(labels)
            for position, label in enumerate(labels):
                values = [
                    label.name,
                    label.colour,
                    label.shortcut,
                    int(label.retired),
                    label.description,
                    position,
                ]
                if position < len(rows):
                    self.db.execute(
                        "UPDATE labels SET name = ?, colour = ?, shortcut = ?, retired = ?, "
                        "description = ?, position = ? WHERE id = ?",
                        [*values, rows[position][0]],
                    )
                    old_name = rows[position][1].name
                    if old_name != label.name:
                        # Rejected proposals name their label (as the review showed it):
                        # they follow a rename like spans, which refer to the row.
                        self.db.execute(
                            "UPDATE gold_rejections SET label = ? WHERE label = ?",
                            [label.name, old_name],
                        )
                else:
                    self.db.execute(
                        "INSERT INTO labels (name, colour, shortcut, retired, description, "
                        "position) VALUES (?, ?, ?, ?, ?, ?)",
                        values,
                    )
        return result

    def _label_id(self, name: str) -> int:
        found = self._one("SELECT id FROM labels WHERE name = ?", [name])
        if found is None:
            self.labels()[name]  # raises the "unknown label" error that lists the labels
        return found

    # -- documents --------------------------------------------------------------------------

    _DOC_COLUMNS = "id, uid, text, meta"

    @staticmethod
    def _document(row: tuple[Any, ...]) -> Document:
        rowid, uid, text, meta = row
        return Document(uid, text, json.loads(meta), rowid)

    def insert_document(self, doc: Document) -> Document:
        """Insert without checks beyond the schema's; callers have checked hash and uid."""
        cursor = self.db.execute(
            "INSERT INTO documents (uid, text, hash, meta, direction, length, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                doc.id,
                doc.text,
                doc.hash,
                to_json(doc.meta),
                doc.direction.value,
                len(doc.text),
                now(),
            ],
        )
        return Document(doc.id, doc.text, doc.meta, cursor.lastrowid)

    def add_document(self, doc: Document) -> Document:
        existing = self.find_document(doc.hash)
        if existing is not None:
            raise InputError(
                f"document {doc.id!r} is already in the project as {existing.id!r}",
                "duplicate_document",
            )
        if self._one("SELECT 1 FROM documents WHERE uid = ?", [doc.id]):
            raise InputError(f"a different document already has the id {doc.id!r}", "duplicate_id")
        with self.transaction():
            return self.insert_document(doc)

    def _find_document(self, column: str, value: Any) -> Document | None:
        row = self.db.execute(
            f"SELECT {self._DOC_COLUMNS} FROM documents WHERE {column} = ?", [value]
        ).fetchone()
        return self._document(row) if row else None

    def find_document(self, text_hash: str) -> Document | None:
        return self._find_document("hash", text_hash)

    def document(self, rowid: int) -> Document:
        found = self._find_document("id", rowid)
        if found is None:
            raise InputError(f"no document with row id {rowid}", "missing_document")
        return found

    def document_by_id(self, uid: str) -> Document:
        found = self._find_document("uid", uid)
        if found is None:
            raise InputError(f"no document with id {uid!r}", "missing_document")
        return found

    def documents(self, rowids: range | None = None) -> Iterator[Document]:
        """Every document in project order, or those whose row id is in `rowids`."""
        where, params = self._rowid_range("id", rowids)
        sql = f"SELECT {self._DOC_COLUMNS} FROM documents {where} ORDER BY id"
        for row in self.db.execute(sql, params):
            yield self._document(row)

    def document_texts(self, rowids: range | None = None) -> Iterator[tuple[int, str, str]]:
        """(row id, id, text) of every document in project order (or of those in `rowids`):
        what comparing annotators reads, without a Document and its metadata for each."""
        where, params = self._rowid_range("id", rowids)
        return iter(
            self.db.execute(f"SELECT id, uid, text FROM documents {where} ORDER BY id", params)
        )

    def document_runs(self, size: int = 500) -> list[range]:
        """The documents' row ids in project order, cut into ranges of `size` documents:
        what exports read one at a time, so that a large layer is never all in memory."""
        rowids = [rowid for (rowid,) in self.db.execute("SELECT id FROM documents ORDER BY id")]
        return [
            range(rowids[k], rowids[k + size] if k + size < len(rowids) else rowids[-1] + 1)
            for k in range(0, len(rowids), size)
        ]

    @staticmethod
    def _rowid_range(column: str, rowids: range | None) -> tuple[str, list[int]]:
        """A WHERE clause limiting `column` to a step-1 range of row ids (or nothing)."""
        if rowids is None:
            return "", []
        if rowids.step != 1:
            raise ValueError("row id ranges step by 1")
        return f"WHERE {column} >= ? AND {column} < ?", [rowids.start, rowids.stop]

    def document_count(self) -> int:
        return self._one("SELECT count(*) FROM documents")

    def document_rowid_by_hash(self, text_hash: str) -> int | None:
        return self._one("SELECT id FROM documents WHERE hash = ?", [text_hash])

    def document_rowid_by_id(self, uid: str) -> int | None:
        """The row id of the document with this id, without reading its text."""
        return self._one("SELECT id FROM documents WHERE uid = ?", [uid])

    def known_documents(self) -> tuple[dict[str, str], set[str]]:
        """hash -> uid of every document, and the set of uids: what an import checks against."""
        by_hash = dict(self.db.execute("SELECT hash, uid FROM documents"))
        return by_hash, set(by_hash.values())
