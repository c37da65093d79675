"""The units agreement is measured on: tokens, each given a category by every annotator.

A document's units are the text engine's tokens, split wherever any compared annotator's
span starts or ends inside one (و + حماة when one annotator marked حماة in وحماة), as the
CoNLL export splits them: so a span that covers part of a token is compared exactly. A
unit's category for an annotator is the label of the span covering it, or `O` (0). When
spans of one annotator nest or cross, the unit takes the label of the first span to reach
it, the longest first where two start together: the outer span, as CoNLL's outer policy.
An annotator who has not finished the document gives `MISSING` for all its units.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from annotator.core.agreement.coefficients import MISSING
from annotator.core.agreement.tables import Compared, SpanTable, Tables, build_tables


@dataclass
class Layer:
    """One annotator's categories on the units of the documents they annotated: a crowd's
    rater on a few documents holds a few units, not a column over every unit."""

    docs: np.ndarray  # their documents, in order
    positions: np.ndarray | None  # the units of those documents, in order (None: every unit)
    codes: np.ndarray  # the category of each (0 = O)


@dataclass
class Units:
    """Every compared document's units, end to end."""

    document: np.ndarray  # the index of each unit's document
    starts: np.ndarray  # each unit's offsets on the shared line (`tables.py`)
    ends: np.ndarray
    first: np.ndarray  # the first unit of each document, and one past the last
    layers: list[Layer]  # one per annotator

    @property
    def values(self) -> np.ndarray:
        """units x annotators: each annotator's category of each unit, or MISSING where
        they did not annotate its document. Dense: for a few annotators (the tests, the
        benchmarks' comparisons with other packages), never built for a crowd."""
        found = np.full((len(self.starts), len(self.layers)), MISSING, dtype=self.codes_type)
        for column, layer in enumerate(self.layers):
            at = slice(None) if layer.positions is None else layer.positions
            found[at, column] = layer.codes
        return found

    @property
    def codes_type(self) -> np.dtype:
        return self.layers[0].codes.dtype if self.layers else np.dtype(np.int8)

    def of_documents(self, layer: int, docs: np.ndarray) -> np.ndarray:
        """One annotator's categories of the units of `docs` (sorted, all theirs), in order."""
        found = self.layers[layer]
        if len(docs) == len(found.docs):  # all theirs: the layer as it is, not a copy
            return found.codes
        units = ranges(self.first[docs], self.first[docs + 1])
        if found.positions is None:
            return found.codes[units]
        # Each unit's place in the layer: its document's place among the layer's documents,
        # then its place inside the document.
        sizes = self.first[found.docs + 1] - self.first[found.docs]
        starts_in_layer = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        doc = self.document[units]
        place = starts_in_layer[np.searchsorted(found.docs, doc)] + units - self.first[doc]
        return found.codes[place]


def ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The integers of every range [start, end), one after another."""
    sizes = ends - starts
    total = int(sizes.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    # Each range's first value minus where its run begins, repeated over the run, plus the
    # position in the whole output: a count up that jumps at each range.
    run_starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    keep = sizes > 0
    return np.repeat(starts[keep] - run_starts[keep], sizes[keep]) + np.arange(total)


def build_units(
    documents: Sequence[Compared], annotators: Sequence[str], codes: dict[str, int]
) -> Units:
    return units_of(build_tables(documents, annotators, codes))


def units_of(tables: Tables, tokens: tuple[np.ndarray, np.ndarray] | None = None) -> Units:
    """The units of `tables`: their tokens (`tables.tokens()`, or `tokens` found already),
    split wherever a span starts or ends inside one."""
    starts, ends = _split_tokens(tables, tables.tokens() if tokens is None else tokens)
    # Each document's first unit (the first at or after where it starts), then a document
    # index per unit: 32 bits (a count of documents, not of characters).
    first = np.searchsorted(starts, tables.base.astype(starts.dtype), side="left")
    first = np.append(first[: len(tables.lengths)], len(starts))
    document = np.repeat(np.arange(len(first) - 1, dtype=np.int32), np.diff(first))
    # The smallest codes that hold every label (and MISSING): a byte for any usual label
    # set, an eighth of the memory of int64 on millions of units.
    top = max((int(t.label.max()) for t in tables.spans if len(t)), default=0)
    kind = np.int8 if top < 127 else np.int32
    layers = []
    for column, spans in enumerate(tables.spans):
        docs = np.nonzero(tables.present[:, column])[0]
        if len(docs) == len(tables.base):
            positions = None
            painted = _paint(spans, starts, ends, kind)
        else:
            positions = ranges(first[docs], first[docs + 1])
            painted = _paint(spans, starts[positions], ends[positions], kind)
        layers.append(Layer(docs, positions, painted))
    return Units(document, starts, ends, first, layers)


def _split_tokens(
    tables: Tables, tokens: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The tokens, split wherever a span starts or ends inside one."""
    starts, ends = tokens
    # The edges inside a token, and the token, an annotator's starts or ends at a time: the
    # arrays on the way are the size of one annotator's spans.
    found_edges, found_tokens = [], []
    for edges in (e for t in tables.spans for e in (t.start, t.end)):
        if not len(edges) or not len(starts):
            continue
        # In the tokens' own integers: numpy would otherwise convert every token to search.
        token = np.searchsorted(starts, edges.astype(starts.dtype), side="right") - 1
        clipped = np.maximum(token, 0)
        inside = (token >= 0) & (edges > starts[clipped]) & (edges < ends[clipped])
        found_edges.append(edges[inside])
        found_tokens.append(token[inside])
    if not any(len(found) for found in found_edges):
        return starts, ends
    # Only the few tokens with a cut are taken apart, then put back in their place.
    cuts = np.unique(np.concatenate(found_edges))
    cut_tokens = np.unique(np.concatenate(found_tokens))
    points = np.unique(np.concatenate([starts[cut_tokens], ends[cut_tokens], cuts]))
    left, right = points[:-1], points[1:]
    owner = cut_tokens[np.searchsorted(starts[cut_tokens], left, side="right") - 1]
    piece = (left >= starts[owner]) & (right <= ends[owner])
    left, right = left[piece], right[piece]
    keep = np.ones(len(starts), dtype=bool)
    keep[cut_tokens] = False
    starts, ends = starts[keep], ends[keep]
    at = np.searchsorted(starts, left)
    return np.insert(starts, at, left), np.insert(ends, at, right)


def _paint(spans: SpanTable, starts: np.ndarray, ends: np.ndarray, kind: type) -> np.ndarray:
    """Each unit's category for one annotator's spans, as `kind` (integers that hold every
    label)."""
    if not len(spans) or not len(starts):
        return np.zeros(len(starts), dtype=kind)
    order = np.lexsort((-spans.end, spans.start))  # by start, the longest first
    span_starts, span_ends = spans.start[order], spans.end[order]
    labels = spans.label[order].astype(kind)
    # The units each span covers: from the first starting at or after its start to the last
    # ending at or before its end.
    first = np.searchsorted(starts, span_starts.astype(starts.dtype), side="left")
    after = np.searchsorted(ends, span_ends.astype(ends.dtype), side="right")
    # Spans that start before an earlier one has ended nest in it or cross it; the others
    # (nearly all) are painted at once.
    reach = np.maximum.accumulate(span_ends)
    overlapping = np.zeros(len(order), dtype=bool)
    overlapping[1:] = span_starts[1:] < reach[:-1]
    plain = ~overlapping & (after > first)
    # The plain spans do not overlap: each adds its label where it starts and takes it away
    # where it ends, and a running sum paints every unit (in `kind`: a running sum of
    # spans that do not overlap is always 0 or one label).
    # (No two plain spans start, nor end, at one unit: each assignment has its own places.)
    change = np.zeros(len(starts) + 1, dtype=kind)
    change[first[plain]] = labels[plain]
    change[after[plain]] -= labels[plain]
    out = np.cumsum(change[:-1], dtype=kind)
    for index in np.nonzero(overlapping)[0]:  # the rare rest, where still O
        piece = out[first[index] : after[index]]
        piece[piece == 0] = labels[index]
    return out
