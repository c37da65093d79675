"""The units the tagger labels: the text engine's tokens, with a confident proclitic split
off its word (وحماة -> و + حماة), so that a predicted span may start after the proclitic,
as annotators mark it. Sequences are sentences, never across a paragraph break.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import NamedTuple

from annotator.core.clitics import segment
from annotator.core.sentences import split_sentences
from annotator.core.tokenize import Kind, paragraphs, tokenize

OUTSIDE = "O"


class Piece(NamedTuple):
    start: int
    end: int
    kind: Kind
    proclitic: bool  # split off the word that follows it in the same token


Sequence = tuple[Piece, ...]


def _pieces(text: str, tokens) -> Iterator[Piece]:
    for token in tokens:
        if token.kind is Kind.WORD:
            cut = segment(text[token.start : token.end])
            if cut:
                yield Piece(token.start, token.start + cut, token.kind, True)
                yield Piece(token.start + cut, token.end, token.kind, False)
                continue
        yield Piece(token.start, token.end, token.kind, False)


def sequences(
    text: str,
    start: int = 0,
    end: int | None = None,
    keep_together: Iterable[tuple[int, ...]] = (),
) -> list[Sequence]:
    """The sentences of the paragraphs of text[start:end], as pieces with offsets into
    `text`. Sentences a range of `keep_together` crosses (a span the sentence splitter
    would cut) are one sequence."""
    crossing = Within(keep_together)
    found: list[Sequence] = []
    for first, last in paragraphs(text, start, end):
        piece = text[first:last]
        sentences = split_sentences(piece)
        merged: list[list[Piece]] = []
        previous_end = -1
        for sentence in sentences:
            pieces = [
                Piece(p.start + first, p.end + first, p.kind, p.proclitic)
                for p in _pieces(piece, sentence.tokens)
            ]
            if not pieces:
                continue
            if merged and crossing.overlapping(pieces[0].start, previous_end):
                merged[-1].extend(pieces)
            else:
                merged.append(pieces)
            previous_end = pieces[-1].end
        found.extend(tuple(m) for m in merged)
    return found


class Within:
    """Ranges (start, end, ...) found by what they overlap, without a pass over them all
    for each sentence: a document may hold half a million spans."""

    def __init__(self, ranges: Iterable[tuple[int, ...]]) -> None:
        self.ranges = sorted(ranges)
        self._starts = [r[0] for r in self.ranges]
        self._reach = list(accumulate((r[1] for r in self.ranges), max))  # furthest end so far

    def overlapping(self, first: int, last: int) -> list[tuple[int, ...]]:
        """The ranges that start before `last` and end after `first`, in order."""
        found = []
        j = bisect_left(self._starts, last) - 1
        while j >= 0 and self._reach[j] > first:  # none before j ends after `first`
            if self.ranges[j][1] > first:
                found.append(self.ranges[j])
            j -= 1
        found.reverse()
        return found

    def of(self, sequence: Sequence) -> list[tuple[int, ...]]:
        return self.overlapping(sequence[0].start, sequence[-1].end)


def tags_for(sequence: Sequence, spans: Iterable[tuple[int, int, str]]) -> tuple[list[str], int]:
    """BIO tags of the pieces for the spans inside the sequence, and how many of those
    spans had to be widened to whole pieces. Nested spans: the outer one wins (the tagger
    is flat); of two overlapping spans, the earlier."""
    tags = [OUTSIDE] * len(sequence)
    starts = [p.start for p in sequence]
    ends = [p.end for p in sequence]
    first, last = sequence[0].start, sequence[-1].end
    inside = sorted((s for s in spans if s[0] < last and s[1] > first), key=lambda s: (s[0], -s[1]))
    widened = 0
    for span_start, span_end, label in inside:
        # The pieces that end after the span starts and start before it ends.
        covered = range(bisect_right(ends, span_start), bisect_left(starts, span_end))
        if not covered or any(tags[i] != OUTSIDE for i in covered):
            continue
        if starts[covered[0]] != span_start or ends[covered[-1]] != span_end:
            widened += 1
        tags[covered[0]] = f"B-{label}"
        for i in covered[1:]:
            tags[i] = f"I-{label}"
    return tags, widened


def spans_from_tags(sequence: Sequence, tags: list[str]) -> list[tuple[int, int, str, int, int]]:
    """(start, end, label, first piece, last piece + 1) of each chunk; an I- that follows
    nothing of its label starts a chunk."""
    found = []
    open_label: str | None = None
    open_at = 0
    for i, tag in enumerate([*tags, OUTSIDE]):
        kind, _, label = tag.partition("-")
        continues = kind == "I" and label == open_label
        if open_label is not None and not continues:
            found.append((sequence[open_at].start, sequence[i - 1].end, open_label, open_at, i))
            open_label = None
        if kind in ("B", "I") and not continues:
            open_label, open_at = label, i
    return found


def after_proclitics(
    text: str, spans: Iterable[tuple[int, int, str]]
) -> tuple[tuple[int, int, str], ...]:
    """`spans` with a proclitic the clitic engine is sure of left out at their start
    (وحماة -> حماة), as this project's annotators mark them: for files that tag whole
    tokens (AQMAR, Wojood)."""
    moved = []
    for start, end, label in spans:
        first = next(iter(tokenize(text[start:end])), None)
        if first is not None and first.start == 0 and first.kind is Kind.WORD:
            cut = segment(text[start : start + first.end])
            if cut and start + cut < end:
                start += cut
        moved.append((start, end, label))
    return tuple(moved)
