"""A project's span rows: each annotator's spans, the suggestions they rejected, and the
status of each document for them. Part of Project (storage/project.py), which provides the
connection, the transactions and the document and label rows these refer to."""

from __future__ import annotations

import json
import sqlite3  # noqa: TID251 (storage talks SQL)
import sys
from collections.abc import Iterator
from typing import Any

from annotator.core.document import DocStatus
from annotator.core.errors import InputError
from annotator.core.spans import Origin, Span, check_attrs
from annotator.storage.values import now, to_json

# Origin by stored value: a dict lookup, not an Enum call, for each of 600,000 spans.
_ORIGINS = {origin.value: origin for origin in Origin}


def _duplicate(span: Span) -> InputError:
    return InputError(
        f"{span.annotator} already has a {span.label} span at {span.start}-{span.end}",
        "duplicate_span",
    )


class SpanRows:
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
        return list(self.iter_spans(doc_rowid, annotator))

    def iter_spans(self, doc_rowid: int, annotator: str | None = None) -> Iterator[Span]:
        """`spans` one at a time as they are read, all from one moment of the project: a
        reader of half a million can tell how far it is, or stop."""
        sql, params = f"{self._SPAN_SELECT} WHERE s.document_id = ?", [doc_rowid]
        if annotator is not None:
            sql, params = sql + " AND a.name = ?", [*params, annotator]
        rows = self.db.execute(sql + ' ORDER BY s.start, s."end", l.position, a.name', params)
        return map(self._span, rows)

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

    def statuses_by_annotator(self, rowids: range | None = None) -> dict[str, dict[int, DocStatus]]:
        """Every annotator's statuses (of documents in `rowids`) in one query."""
        where, params = self._rowid_range("d.document_id", rowids)
        rows = self.db.execute(
            "SELECT a.name, d.document_id, d.status FROM document_status d "
            f"JOIN annotators a ON a.id = d.annotator_id {where}",
            params,
        )
        found: dict[str, dict[int, DocStatus]] = {}
        for name, doc, status in rows:
            found.setdefault(name, {})[doc] = DocStatus(status)
        return found

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
