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

    def __len__(self) -> int:
        return len(self.doc)


@dataclass
class Tables:
    base: np.ndarray  # where each document starts on the shared line
    lengths: np.ndarray  # each document's length in characters
    present: np.ndarray  # documents x annotators: has this annotator annotated it
    spans: list[SpanTable]  # one per annotator
    token_starts: np.ndarray  # every document's tokens, on the shared line
    token_ends: np.ndarray


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
    parts: list[SpanColumns] = []
    runs: list[tuple[int, int, int]] = []  # (document, annotator, how many spans)
    for d, doc in enumerate(documents):
        for name, found in doc.spans.items():
            k = column.get(name)
            if k is None or found is None:
                continue
            present[d, k] = True
            if len(found):
                # A project's documents come as columns; tuples (tests) become columns.
                if not isinstance(found, SpanColumns):
                    found = SpanColumns.of(found)
                parts.append(found)
                runs.append((d, k, len(found)))
    spans = SpanColumns(
        *(
            np.concatenate([getattr(p, name) for p in parts])
            if parts
            else np.zeros(0, dtype=object if name == "label" else np.int64)
            for name in ("start", "end", "label")
        )
    )
    token_starts, token_ends = _tokens(documents, base)
    return Tables(
        base,
        lengths - 1,
        present,
        _span_tables(spans, runs, len(annotators), base, codes),
        token_starts,
        token_ends,
    )


RUN = 500  # documents tokenized together


def _tokens(documents: Sequence[Compared], base: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every document's tokens on the shared line. Documents are joined with a line break,
    as they lie on the line, and tokenized a run at a time: no token crosses white space,
    so the tokens are each document's own, found with one call per run, not per document."""
    starts, ends = [], []
    for first in range(0, len(documents), RUN):
        joined = "\n".join(doc.text for doc in documents[first : first + RUN])
        edges = bounds_array(joined) + base[first]
        starts.append(edges[0::2])
        ends.append(edges[1::2])
    if not starts:
        return _ints([]), _ints([])
    return np.concatenate(starts), np.concatenate(ends)


def _span_tables(
    spans: SpanColumns,
    runs: list[tuple[int, int, int]],
    annotators: int,
    base: np.ndarray,
    codes: dict[str, int],
) -> list[SpanTable]:
    """Each annotator's SpanTable from every span, in the order of `runs`, which say whose
    they are and in which document."""
    n = len(spans)
    run_docs, run_annotators, run_sizes = (
        (_ints(list(column)) for column in zip(*runs, strict=True)) if runs else (_ints([]),) * 3
    )
    doc = np.repeat(run_docs, run_sizes)
    annotator = np.repeat(run_annotators, run_sizes)
    shift = base[doc] if n else _ints([])
    start = spans.start.astype(np.int64) + shift
    end = spans.end.astype(np.int64) + shift
    # Labels not compared get code 0 and are left out.
    label = np.fromiter(map(codes.get, spans.label, repeat(0)), np.int64, count=n)
    order = np.argsort(annotator, kind="stable")  # document order kept within each
    bounds = np.searchsorted(annotator[order], np.arange(annotators + 1))
    tables = []
    for k in range(annotators):
        at = order[bounds[k] : bounds[k + 1]]
        table = SpanTable(doc[at], start[at], end[at], label[at])
        tables.append(table.where(table.label > 0))
    return tables
