"""A project file: documents, labels, annotators, spans, status and the gold layer.

Every public method that writes does so in one transaction: it either happens whole or not
at all. Offsets are validated against the stored text before anything is written.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from annotator.core.document import DocStatus, Document
from annotator.core.errors import InputError, ProjectError
from annotator.core.gold import GoldSpan
from annotator.core.labels import Label, LabelSet
from annotator.core.spans import Origin, Span, check_attrs
from annotator.storage import connection
from annotator.storage.connection import integrity_problems, open_database


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_json(value: dict[str, Any]) -> str:
    if not value:
        return "{}"  # most spans have no attributes: skip the encoder
    # ensure_ascii=False keeps Arabic readable for anyone who opens the file with sqlite3.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


def _duplicate(span: Span) -> InputError:
    return InputError(
        f"{span.annotator} already has a {span.label} span at {span.start}-{span.end}",
        "duplicate_span",
    )


# Origin by stored value: a dict lookup, not an Enum call, for each of 600,000 spans.
_ORIGINS = {origin.value: origin for origin in Origin}


class Project:
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
        """Another program held the write lock for the whole busy timeout: say so in words
        the window and the command line show, instead of a bare "database is locked" that
        would reach the crash dialog."""
        primary = getattr(exc, "sqlite_errorcode", 0) & 0xFF
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

    def known_documents(self) -> tuple[dict[str, str], set[str]]:
        """hash -> uid of every document, and the set of uids: what an import checks against."""
        by_hash = dict(self.db.execute("SELECT hash, uid FROM documents"))
        return by_hash, set(by_hash.values())

    # -- spans ------------------------------------------------------------------------------

    def _check_fits(self, doc_rowid: int, span: Span) -> None:
        """Span.check_against the document without reading its text into Python: what the
        span covers and the stored length, the check that runs for every span written."""
        row = self.db.execute(
            "SELECT substr(text, ?, ?), length FROM documents WHERE id = ?",
            [span.start + 1, span.end - span.start, doc_rowid],
        ).fetchone()
        if row is None:
            raise InputError(f"no document with row id {doc_rowid}", "missing_document")
        covered, length = row
        if len(covered) < span.end - span.start and span.end <= length:
            # SQLite's text functions stop at a NUL character, which a text may hold.
            covered = self.document(doc_rowid).text[span.start : span.end]
        span.check_covered(covered, length)

    def _checked_span(self, doc_rowid: int, span: Span) -> int:
        """Check the span against its document and return its label's row id."""
        self._check_fits(doc_rowid, span)
        return self._label_id(span.label)

    def add_span(self, doc_rowid: int, span: Span) -> Span:
        label_id = self._checked_span(doc_rowid, span)
        with self.transaction():
            annotator = self.annotator_id(span.annotator)
            try:
                cursor = self.db.execute(
                    'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", '
                    "attrs, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        doc_rowid,
                        annotator,
                        label_id,
                        span.start,
                        span.end,
                        to_json(span.attrs),
                        span.origin.value,
                        now(),
                    ],
                )
            except sqlite3.IntegrityError:
                raise _duplicate(span) from None
            self._touch_status(doc_rowid, annotator)
        return Span(
            span.start,
            span.end,
            span.label,
            span.annotator,
            span.attrs,
            span.origin,
            cursor.lastrowid,
        )

    def _touch_status(self, doc_rowid: int, annotator_id: int) -> None:
        """A manual edit moves a new document to "in progress" (never back from "done"),
        also one set back to "new" (by an undo) since."""
        self.db.execute(
            "INSERT INTO document_status (document_id, annotator_id, status, updated_at)"
            " VALUES (?, ?, 'in_progress', ?) ON CONFLICT (document_id, annotator_id) DO UPDATE"
            " SET status = 'in_progress', updated_at = excluded.updated_at WHERE status = 'new'",
            [doc_rowid, annotator_id, now()],
        )

    def _span_where(self, span_rowid: int) -> tuple[int, int]:
        row = self.db.execute(
            "SELECT document_id, annotator_id FROM spans WHERE id = ?", [span_rowid]
        ).fetchone()
        if row is None:
            raise InputError(f"no span with row id {span_rowid}", "missing_span")
        return row

    def find_span(self, doc_rowid: int, span: Span) -> Span | None:
        """The stored span with the same document, annotator, range and label, if any."""
        row = self.db.execute(
            f"{self._SPAN_SELECT} WHERE s.document_id = ? AND a.name = ? AND s.start = ? "
            'AND s."end" = ? AND l.name = ?',
            [doc_rowid, span.annotator, span.start, span.end, span.label],
        ).fetchone()
        return self._span(row) if row else None

    def replace_span(self, span_rowid: int, new: Span) -> Span:
        """Change a span's range, label and attributes in one step (the annotator stays)."""
        doc_rowid, annotator = self._span_where(span_rowid)
        label_id = self._checked_span(doc_rowid, new)
        with self.transaction():
            try:
                self.db.execute(
                    'UPDATE spans SET start = ?, "end" = ?, label_id = ?, attrs = ?, origin = ? '
                    "WHERE id = ?",
                    [
                        new.start,
                        new.end,
                        label_id,
                        to_json(new.attrs),
                        new.origin.value,
                        span_rowid,
                    ],
                )
            except sqlite3.IntegrityError:
                raise _duplicate(new) from None
            self._touch_status(doc_rowid, annotator)
        return Span(new.start, new.end, new.label, new.annotator, new.attrs, new.origin, span_rowid)

    def delete_span(self, span_rowid: int) -> None:
        doc_rowid, annotator = self._span_where(span_rowid)
        with self.transaction():
            self.db.execute("DELETE FROM spans WHERE id = ?", [span_rowid])
            self._touch_status(doc_rowid, annotator)

    def relabel_span(self, span_rowid: int, label: str) -> None:
        doc_rowid, annotator = self._span_where(span_rowid)
        label_id = self._label_id(label)
        with self.transaction():
            try:
                self.db.execute(
                    "UPDATE spans SET label_id = ? WHERE id = ?", [label_id, span_rowid]
                )
            except sqlite3.IntegrityError:
                raise InputError(
                    f"the same range already has a {label} span", "duplicate_span"
                ) from None
            self._touch_status(doc_rowid, annotator)

    def set_span_attrs(self, span_rowid: int, attrs: dict[str, Any]) -> None:
        self._span_where(span_rowid)
        check_attrs(attrs)
        with self.transaction():
            self.db.execute("UPDATE spans SET attrs = ? WHERE id = ?", [to_json(attrs), span_rowid])

    _SPAN_SELECT = (
        'SELECT s.id, s.document_id, s.start, s."end", l.name, a.name, s.attrs, s.origin '
        "FROM spans s JOIN labels l ON l.id = s.label_id JOIN annotators a ON a.id = s.annotator_id"
    )

    @staticmethod
    def _span(row: tuple[Any, ...]) -> Span:
        rowid, _doc, start, end, label, annotator, attrs, origin = row
        # Checked when written: read back without checking again (5,000 spans a document).
        # A label or annotator name is one string for every span, not one per row read:
        # 60 MB less for a document with 470,000 spans.
        return Span.stored(
            start,
            end,
            sys.intern(label),
            sys.intern(annotator),
            json.loads(attrs) if attrs != "{}" else {},
            _ORIGINS[origin],
            rowid,
        )

    def spans(self, doc_rowid: int, annotator: str | None = None) -> list[Span]:
        """Spans of one document (of one annotator, or all), in reading order."""
        sql, params = f"{self._SPAN_SELECT} WHERE s.document_id = ?", [doc_rowid]
        if annotator is not None:
            sql, params = sql + " AND a.name = ?", [*params, annotator]
        rows = self.db.execute(sql + ' ORDER BY s.start, s."end", l.position, a.name', params)
        return [self._span(row) for row in rows]

    def span_ranges_by_document(
        self, annotator: str, rowids: range | None = None
    ) -> dict[int, list[tuple[int, int, str]]]:
        """(start, end, label) of one annotator's spans by document row id (those in
        `rowids`, or all): what an export of tags needs, without building a Span per row
        (600,000 rows in a large project)."""
        return self._span_rows('s.start, s."end", l.name', annotator, rowids)

    def span_rows_by_document(
        self, annotator: str, rowids: range | None = None
    ) -> dict[int, list[tuple[int, int, str, str, str]]]:
        """(start, end, label, attrs as stored JSON text, origin) of one annotator's spans by
        document row id: what a JSONL export writes."""
        return self._span_rows('s.start, s."end", l.name, s.attrs, s.origin', annotator, rowids)

    def _span_rows(self, columns: str, annotator: str, rowids: range | None) -> dict[int, list]:
        grouped: dict[int, list] = {}
        where, params = self._rowid_range("s.document_id", rowids)
        where = f"{where} AND a.name = ?" if where else "WHERE a.name = ?"
        rows = self.db.execute(
            f"SELECT s.document_id, {columns} FROM spans s "
            "JOIN labels l ON l.id = s.label_id JOIN annotators a ON a.id = s.annotator_id "
            f'{where} ORDER BY s.document_id, s.start, s."end", l.position',
            [*params, annotator],
        )
        for row in rows:
            grouped.setdefault(row[0], []).append(row[1:])
        return grouped

    def span_texts(self, exclude_labels: tuple[str, ...] = ()) -> Iterator[tuple[str, str, int]]:
        """(covered text, label, how many spans) over every annotator's spans and the gold
        layer: what the project lexicon learns from.

        The texts are cut in Python, each document read once: SQLite's substr() walks a
        UTF-8 text from its start to find a code point, so on a 5 MB document with 4,000
        spans it took 11 s, and the time grew with the document's length times its spans."""
        marks = ", ".join("?" * len(exclude_labels)) or "''"
        rows = self.db.execute(
            "SELECT document_id, start, e, label FROM ("
            ' SELECT s.document_id, s.start, s."end" AS e, l.name AS label'
            " FROM spans s JOIN labels l ON l.id = s.label_id"
            " UNION ALL"
            ' SELECT g.document_id, g.start, g."end", l.name'
            " FROM gold_spans g JOIN labels l ON l.id = g.label_id"
            f") WHERE label NOT IN ({marks}) ORDER BY document_id",
            list(exclude_labels),
        )
        counts: dict[tuple[str, str], int] = {}
        current, text = None, ""
        for rowid, start, end, label in rows:
            if rowid != current:
                current, text = rowid, self._one("SELECT text FROM documents WHERE id = ?", [rowid])
            key = (text[start:end], label)
            counts[key] = counts.get(key, 0) + 1
        # In the order GROUP BY gave: UTF-8 bytes sort as code points do.
        for (covered, label), count in sorted(counts.items()):
            yield covered, label, count

    # -- suggestions ------------------------------------------------------------------------

    def reject_suggestion(
        self, doc_rowid: int, annotator: str, start: int, end: int, label: str
    ) -> bool:
        """Remember a rejected suggestion; False when it was rejected already."""
        self.document(doc_rowid)
        with self.transaction():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO suggestion_rejections (document_id, annotator_id, start, "
                '"end", label, rejected_at) VALUES (?, ?, ?, ?, ?, ?)',
                [doc_rowid, self.annotator_id(annotator), start, end, label, now()],
            )
            return cursor.rowcount > 0

    def unreject_suggestion(
        self, doc_rowid: int, annotator: str, start: int, end: int, label: str
    ) -> bool:
        """Forget a rejection; False when there was none."""
        with self.transaction():
            cursor = self.db.execute(
                "DELETE FROM suggestion_rejections WHERE document_id = ? AND start = ? "
                'AND "end" = ? AND label = ? AND annotator_id = '
                "(SELECT id FROM annotators WHERE name = ?)",
                [doc_rowid, start, end, label, annotator],
            )
            return cursor.rowcount > 0

    def rejected_suggestions(self, doc_rowid: int, annotator: str) -> set[tuple[int, int, str]]:
        rows = self.db.execute(
            'SELECT r.start, r."end", r.label FROM suggestion_rejections r '
            "JOIN annotators a ON a.id = r.annotator_id WHERE r.document_id = ? AND a.name = ?",
            [doc_rowid, annotator],
        )
        return {tuple(row) for row in rows}

    # -- status -----------------------------------------------------------------------------

    def set_status(self, doc_rowid: int, annotator: str, status: DocStatus | str) -> None:
        status = DocStatus(status)
        self.document(doc_rowid)
        with self.transaction():
            self.db.execute(
                "INSERT INTO document_status (document_id, annotator_id, status, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator_id) DO UPDATE SET "
                "status = excluded.status, updated_at = excluded.updated_at",
                [doc_rowid, self.annotator_id(annotator), status.value, now()],
            )

    def status(self, doc_rowid: int, annotator: str) -> DocStatus:
        found = self._one(
            "SELECT status FROM document_status d JOIN annotators a ON a.id = d.annotator_id "
            "WHERE d.document_id = ? AND a.name = ?",
            [doc_rowid, annotator],
        )
        return DocStatus(found) if found else DocStatus.NEW

    def statuses(self, annotator: str, rowids: range | None = None) -> dict[int, DocStatus]:
        """One annotator's status of each document (in `rowids`, or all) that has one."""
        where, params = self._rowid_range("d.document_id", rowids)
        where = f"{where} AND a.name = ?" if where else "WHERE a.name = ?"
        rows = self.db.execute(
            "SELECT document_id, status FROM document_status d "
            f"JOIN annotators a ON a.id = d.annotator_id {where}",
            [*params, annotator],
        )
        return {doc: DocStatus(status) for doc, status in rows}

    # -- gold layer -------------------------------------------------------------------------

    def add_gold_span(self, doc_rowid: int, gold: GoldSpan) -> GoldSpan:
        label_id = self._checked_span(doc_rowid, Span(gold.start, gold.end, gold.label, "gold"))
        decided_at = gold.decided_at or now()
        with self.transaction():
            adjudicator = self.annotator_id(gold.adjudicator) if gold.adjudicator else None
            try:
                cursor = self.db.execute(
                    'INSERT INTO gold_spans (document_id, label_id, start, "end", attrs, '
                    "adjudicator_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        doc_rowid,
                        label_id,
                        gold.start,
                        gold.end,
                        to_json(gold.attrs),
                        adjudicator,
                        decided_at,
                    ],
                )
            except sqlite3.IntegrityError:
                raise InputError(
                    f"the gold layer already has a {gold.label} span at {gold.start}-{gold.end}",
                    "duplicate_span",
                ) from None
            for name in gold.agreed_by:
                self.db.execute(
                    "INSERT INTO gold_span_agreement (gold_span_id, annotator_id) VALUES (?, ?)",
                    [cursor.lastrowid, self.annotator_id(name)],
                )
        return GoldSpan(
            gold.start,
            gold.end,
            gold.label,
            gold.attrs,
            tuple(gold.agreed_by),
            gold.adjudicator,
            decided_at,
            cursor.lastrowid,
        )

    def delete_gold_span(self, gold_rowid: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM gold_spans WHERE id = ?", [gold_rowid])

    def gold_spans(self, doc_rowid: int) -> list[GoldSpan]:
        rows = self.db.execute(
            'SELECT g.id, g.start, g."end", l.name, g.attrs, a.name, g.decided_at, '
            "(SELECT json_group_array(x.name) FROM (SELECT an.name FROM gold_span_agreement ga "
            " JOIN annotators an ON an.id = ga.annotator_id WHERE ga.gold_span_id = g.id "
            " ORDER BY an.name) x) "
            "FROM gold_spans g JOIN labels l ON l.id = g.label_id "
            "LEFT JOIN annotators a ON a.id = g.adjudicator_id "
            'WHERE g.document_id = ? ORDER BY g.start, g."end", l.position',
            [doc_rowid],
        )
        return [
            GoldSpan(
                start,
                end,
                label,
                json.loads(attrs),
                tuple(json.loads(agreed)),
                adjudicator,
                decided_at,
                rowid,
            )
            for rowid, start, end, label, attrs, adjudicator, decided_at, agreed in rows
        ]

    def set_gold_status(self, doc_rowid: int, status: str, adjudicator: str) -> None:
        """Mark a document's adjudication in progress or done, even with no gold span."""
        if status not in ("in_progress", "done"):
            raise InputError(
                f"gold status must be in_progress or done, not {status!r}", "bad_status"
            )
        self.document(doc_rowid)
        with self.transaction():
            self.db.execute(
                "INSERT INTO gold_documents (document_id, adjudicator_id, status, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET "
                "adjudicator_id = excluded.adjudicator_id, status = excluded.status, "
                "updated_at = excluded.updated_at",
                [doc_rowid, self.annotator_id(adjudicator), status, now()],
            )

    def gold_rejections(self, doc_rowid: int) -> dict[tuple[int, int, str], tuple[str, str]]:
        """The proposals rejected on a document: (start, end, label) -> (who, when)."""
        rows = self.db.execute(
            'SELECT r.start, r."end", r.label, a.name, r.decided_at FROM gold_rejections r '
            "JOIN annotators a ON a.id = r.adjudicator_id WHERE r.document_id = ?",
            [doc_rowid],
        )
        return {(start, end, label): (who, when) for start, end, label, who, when in rows}

    def reject_proposals(
        self, doc_rowid: int, keys: Iterable[tuple[int, int, str]], adjudicator: str
    ) -> None:
        """Record these proposals as rejected; those already rejected keep who and when."""
        self.restore_gold_rejections(
            doc_rowid, dict.fromkeys(keys, (adjudicator, now())), replace=False
        )

    def unreject_proposals(self, doc_rowid: int, keys: Iterable[tuple[int, int, str]]) -> None:
        with self.transaction():
            for start, end, label in keys:
                self.db.execute(
                    'DELETE FROM gold_rejections WHERE document_id = ? AND start = ? AND "end" = ? '
                    "AND label = ?",
                    [doc_rowid, start, end, label],
                )

    def restore_gold_rejections(
        self,
        doc_rowid: int,
        rejected: dict[tuple[int, int, str], tuple[str, str]],
        replace: bool = True,
    ) -> None:
        """Write rejections with their own provenance; with `replace`, these are all the
        document's rejections (what undo puts back)."""
        with self.transaction():
            if replace:
                self.db.execute("DELETE FROM gold_rejections WHERE document_id = ?", [doc_rowid])
            for (start, end, label), (who, when) in sorted(rejected.items()):
                self.db.execute(
                    'INSERT OR IGNORE INTO gold_rejections (document_id, start, "end", label, '
                    "adjudicator_id, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [doc_rowid, start, end, label, self.annotator_id(who), when],
                )

    def clear_gold_status(self, doc_rowid: int) -> None:
        """Back to no adjudication at all (what undoing the first decision on it restores)."""
        with self.transaction():
            self.db.execute("DELETE FROM gold_documents WHERE document_id = ?", [doc_rowid])

    def gold_statuses(self) -> dict[int, str]:
        """Every document's gold status that has one, by row id, in one query."""
        return dict(self.db.execute("SELECT document_id, status FROM gold_documents"))

    def gold_status(self, doc_rowid: int) -> str | None:
        return self._one("SELECT status FROM gold_documents WHERE document_id = ?", [doc_rowid])
