"""An in-memory Store for the session's tests: what the session needs of storage, without
SQLite, following the rules the project file keeps (a span's key is unique per document and
annotator; a first edit moves a new document to "in progress", never one that is done;
a failed transaction changes nothing)."""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import replace

from annotator.core.document import DocStatus
from annotator.core.errors import InputError
from annotator.core.spans import Span


class FakeStore:
    def __init__(self, lengths: dict[int, int]) -> None:
        self.lengths = lengths  # document row id -> its text's length
        self.spans: dict[int, Span] = {}  # span row id -> span (with its document's rowid)
        self.where: dict[int, int] = {}  # span row id -> document row id
        self.statuses: dict[tuple[int, str], DocStatus] = {}
        self.rejections: set[tuple[int, str, int, int, str]] = set()
        self._next = 1
        self._depth = 0

    @contextmanager
    def transaction(self):
        """All or nothing, as a SQLite transaction (nested ones join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        saved = copy.deepcopy((self.spans, self.where, self.statuses, self.rejections))
        self._depth = 1
        try:
            yield
        except BaseException:
            self.spans, self.where, self.statuses, self.rejections = saved
            raise
        finally:
            self._depth = 0

    def _check(self, doc_rowid: int, span: Span, ignore: int | None = None) -> None:
        if not 0 <= span.start < span.end <= self.lengths[doc_rowid]:
            raise InputError(f"span {span.start}-{span.end} is out of range", "bad_span")
        for rowid, other in self.spans.items():
            same = other.key() == span.key() and other.annotator == span.annotator
            if rowid != ignore and self.where[rowid] == doc_rowid and same:
                raise InputError("already has that span", "duplicate_span")

    def _touch(self, doc_rowid: int, annotator: str) -> None:
        if self.statuses.get((doc_rowid, annotator), DocStatus.NEW) == DocStatus.NEW:
            self.statuses[(doc_rowid, annotator)] = DocStatus.IN_PROGRESS

    def add_span(self, doc_rowid: int, span: Span) -> Span:
        with self.transaction():
            self._check(doc_rowid, span)
            rowid, self._next = self._next, self._next + 1
            stored = replace(span, rowid=rowid)
            self.spans[rowid], self.where[rowid] = stored, doc_rowid
            self._touch(doc_rowid, span.annotator)
            return stored

    def find_span(self, doc_rowid: int, span: Span) -> Span | None:
        return next(
            (
                s
                for rowid, s in self.spans.items()
                if self.where[rowid] == doc_rowid
                and s.annotator == span.annotator
                and s.key() == span.key()
            ),
            None,
        )

    def replace_span(self, span_rowid: int, new: Span) -> Span:
        with self.transaction():
            doc_rowid = self.where[span_rowid]
            self._check(doc_rowid, new, ignore=span_rowid)
            stored = replace(new, annotator=self.spans[span_rowid].annotator, rowid=span_rowid)
            self.spans[span_rowid] = stored
            self._touch(doc_rowid, stored.annotator)
            return stored

    def delete_span(self, span_rowid: int) -> None:
        with self.transaction():
            span, doc_rowid = self.spans.pop(span_rowid), self.where.pop(span_rowid)
            self._touch(doc_rowid, span.annotator)

    def status(self, doc_rowid: int, annotator: str) -> DocStatus:
        return self.statuses.get((doc_rowid, annotator), DocStatus.NEW)

    def set_status(self, doc_rowid: int, annotator: str, status: DocStatus) -> None:
        self.statuses[(doc_rowid, annotator)] = DocStatus(status)

    def reject_suggestion(self, doc_rowid, annotator, start, end, label) -> bool:
        key = (doc_rowid, annotator, start, end, label)
        new = key not in self.rejections
        self.rejections.add(key)
        return new

    def unreject_suggestion(self, doc_rowid, annotator, start, end, label) -> bool:
        key = (doc_rowid, annotator, start, end, label)
        was = key in self.rejections
        self.rejections.discard(key)
        return was

    # -- what the tests look at --------------------------------------------------------

    def state(self) -> tuple:
        """Everything a change can touch, comparable (row ids left out: an undone delete
        comes back under a new one)."""
        spans = sorted(
            (self.where[r], s.start, s.end, s.label, s.annotator, str(s.attrs), s.origin.value)
            for r, s in self.spans.items()
        )
        statuses = sorted((k, v.value) for k, v in self.statuses.items() if v != DocStatus.NEW)
        return (tuple(spans), tuple(statuses), tuple(sorted(self.rejections)))
