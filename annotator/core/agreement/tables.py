"""Every compared document's tokens and spans laid end to end in numpy arrays.

Documents are placed one after another on one line of characters (each after the previous
one's text and one more position), so one array holds every document's spans, and two
spans overlap only if they are in the same document. Agreement is then computed for all
documents at once, not document by document in Python.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter

import numpy as np

from annotator.core.tokenize import bounds_array

# One annotator's spans in one document: (start, end, label); None: not finished.
Spans = list[tuple[int, int, str]]


@dataclass(frozen=True)
class SpanColumns:
    """One annotator's spans in one document as three columns (start, end, label name):
    what a project's documents are compared with. A tuple per span would hold most of the
    memory of a comparison (a hundred bytes each, millions of spans)."""

    start: np.ndarray
    end: np.ndarray
    label: np.ndarray  # the label names (objects)

    def __len__(self) -> int:
        return len(self.start)

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        """(start, end, label) each, as the tuples of `Spans` (adjudication reads them so)."""
        return zip(self.start.tolist(), self.end.tolist(), self.label.tolist(), strict=True)

    @classmethod
    def of(cls, spans: Spans) -> SpanColumns:
        """Tuples (a test's spans) as columns."""
        n = len(spans)
        return cls(
            np.fromiter(map(itemgetter(0), spans), dtype=np.int64, count=n),
            np.fromiter(map(itemgetter(1), spans), dtype=np.int64, count=n),
            np.fromiter(map(itemgetter(2), spans), dtype=object, count=n),
        )

    @classmethod
    def by_document(
        cls, doc: np.ndarray, start: np.ndarray, end: np.ndarray, label: np.ndarray
    ) -> dict[int, SpanColumns]:
        """Columns of spans sorted by document, as each document's columns: views into
        them, by document row id."""
        docs, first = np.unique(doc, return_index=True)
        cuts = [*first.tolist(), len(doc)]
        return {
            d: cls(start[a:b], end[a:b], label[a:b])
            for d, a, b in zip(docs.tolist(), cuts[:-1], cuts[1:], strict=True)
        }


@dataclass(frozen=True)
class Compared:
    """A document as the agreement sees it: its text and each annotator's spans."""

    id: str
    text: str
    spans: dict[str, Spans | None]
    rowid: int | None = None  # the project's row id, when it came from a project


@dataclass
class SpanTable:
    """One annotator's spans in every document they annotated."""

    doc: np.ndarray  # document index
    start: np.ndarray  # offsets on the shared line (the document's base added)
    end: np.ndarray
    label: np.ndarray  # label code, 1..

    def where(self, keep: np.ndarray) -> SpanTable:
        return SpanTable(self.doc[keep], self.start[keep], self.end[keep], self.label[keep])

    def between(self, low: int | None, high: int | None) -> SpanTable:
        """The spans of documents low (or the first) to high (or the last), not included:
        views, for spans in document order."""
        first = 0 if low is None else int(np.searchsorted(self.doc, low))
        last = len(self.doc) if high is None else int(np.searchsorted(self.doc, high))
        return self.where(slice(first, last))

    def __len__(self) -> int:
        return len(self.doc)


@dataclass
class Tables:
    base: np.ndarray  # where each document starts on the shared line
    lengths: np.ndarray  # each document's length in characters
    present: np.ndarray  # documents x annotators: has this annotator annotated it
    spans: list[SpanTable]  # one per annotator
    texts: Sequence[str]  # the documents' texts, for their tokens

    def tokens(self) -> tuple[np.ndarray, np.ndarray]:
        """Every document's tokens on the shared line (starts, ends): found again at each
        call, not kept, for they are the largest arrays here and the units need them once."""
        return _tokens(self.texts, self.base)


def _ints(values: list[int]) -> np.ndarray:
    return np.asarray(values, dtype=np.int64)


def build_tables(
    documents: Sequence[Compared], annotators: Sequence[str], codes: dict[str, int]
) -> Tables:
    """The tables of `documents`; spans with a label not in `codes` are left out. One pass
    over the documents, whatever the number of annotators: each names only those who
    worked on it."""
    lengths = _ints([len(doc.text) + 1 for doc in documents])
    base = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    column = {name: k for k, name in enumerate(annotators)}
    present = np.zeros((len(documents), len(annotators)), dtype=bool)
    # Each annotator's spans, document after document, and the documents they are in.
    parts: list[list[SpanColumns]] = [[] for _ in annotators]
    docs: list[list[int]] = [[] for _ in annotators]
    for d, doc in enumerate(documents):
        for name, found in doc.spans.items():
            k = column.get(name)
            if k is None or found is None:
                continue
            present[d, k] = True
            if len(found):
                # A project's documents come as columns; tuples (tests) become columns.
                parts[k].append(found if isinstance(found, SpanColumns) else SpanColumns.of(found))
                docs[k].append(d)
    spans = [
        _span_table(found, where, base, codes) for found, where in zip(parts, docs, strict=True)
    ]
    return Tables(base, lengths - 1, present, spans, [doc.text for doc in documents])


def _span_table(
    parts: list[SpanColumns], docs: list[int], base: np.ndarray, codes: dict[str, int]
) -> SpanTable:
    """One annotator's SpanTable from their spans in each of `docs`, one annotator at a
    time: the copies made on the way are the size of one annotator's spans."""
    if not parts:
        return SpanTable(*(_ints([]) for _ in range(4)))
    doc = np.repeat(_ints(docs), [len(p) for p in parts])
    # Labels not compared get code 0 and are left out.
    labels = np.concatenate([p.label for p in parts])
    label = np.fromiter(map(codes.get, labels, repeat(0)), np.int64, count=len(labels))
    keep = label > 0
    doc = doc[keep]
    shift = base[doc]
    start = np.concatenate([p.start for p in parts])[keep].astype(np.int64) + shift
    end = np.concatenate([p.end for p in parts])[keep].astype(np.int64) + shift
    return SpanTable(doc, start, end, label[keep])


RUN = 500  # documents tokenized together


def _tokens(texts: Sequence[str], base: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every document's tokens on the shared line. Documents are joined with a line break,
    as they lie on the line, and tokenized a run at a time: no token crosses white space,
    so the tokens are each document's own, found with one call per run, not per document."""
    # 32 bits a position where the line is shorter than 2^31 (always, in practice): half
    # the memory of the largest arrays of a comparison.
    line = np.int32 if not texts or base[len(texts) - 1] + len(texts[-1]) < 2**31 else np.int64
    starts, ends = [], []
    for first in range(0, len(texts), RUN):
        joined = "\n".join(texts[first : first + RUN])
        edges = bounds_array(joined) + base[first]
        starts.append(edges[0::2].astype(line))
        ends.append(edges[1::2].astype(line))
    if not starts:
        return _ints([]), _ints([])
    return np.concatenate(starts), np.concatenate(ends)
