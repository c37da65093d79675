"""The tagging engine: one layer's document as tokens with a tag per token in each column,
what the CoNLL, Hugging Face and spaCy exports write.

The tokens are the ones the document is exported with (`tokenization.py`: the source
file's own, recorded at import, or the text engine's), written exactly as stored. A token a
span boundary falls inside is split there (و + حماة), so every tag is exact; with a clitic
vocabulary every proclitic `segment` is confident about is split off too.

What tags cannot hold is never dropped silently: each span that is not written exactly (left
out by an overlap policy, edges on characters no token has, a token that cannot be written)
gets one line in `ConllReport.inexact`. Other changes (sentences joined so that a span stays
whole, tokens left out) are in `ConllReport.notes`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from operator import itemgetter
from typing import Any, NamedTuple

from annotator.core.clitics import Vocabulary, segment
from annotator.core.document import Document
from annotator.core.errors import InputError
from annotator.formats.tokenization import engine_tokens, recorded_sentences

DOCSTART = "-DOCSTART-"
# A token holding one of these would end its column or its line: TAB and every line break
# of str.splitlines (readers differ in which they split on).
_UNWRITABLE = re.compile("[\t\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029]")
# A document longer than this is tokenized and tagged a stretch at a time: the tokens and
# tags of a 50 MB document, all at once, would take 2 GB of memory.
WINDOW_CHARS = 1_000_000
# Where a stretch may end: after a line break with a letter or digit next. A line break
# always ends a sentence and no token holds one, and a letter cannot be a closing quote
# that the sentence before takes in, so the tokens and sentences on either side are those
# of the whole text.
_WINDOW_CUT = re.compile(r"\n(?=\w)")

# A span of a layer as the exports read it: (start, end, label), code points into the text,
# end exclusive. A plain tuple, not a Span: a large layer has hundreds of thousands.
LabelledRange = tuple[int, int, str]


@dataclass
class ConllReport:
    """What a tagged export (CoNLL, Hugging Face, spaCy) wrote and what it could not write
    exactly."""

    documents: int = 0
    sentences: int = 0
    tokens: int = 0
    # What happened to each span not written exactly, in the order it was found; a span
    # may have several entries (its edges moved, then left out by the overlap policy).
    inexact_records: list[Inexact] = field(default_factory=list)
    # Everything else changed or left out: tokens, joined sentences, documents not written.
    notes: list[str] = field(default_factory=list)
    columns: int = 1  # tag columns per token line

    def add(self, other: ConllReport) -> None:
        """Take in the report of the documents that follow (another worker's share)."""
        self.documents += other.documents
        self.sentences += other.sentences
        self.tokens += other.tokens
        self.inexact_records += other.inexact_records
        self.notes += other.notes

    @property
    def inexact(self) -> list[str]:
        """One line per thing that happened to a span: doc id, offsets, label, text, why."""
        return [
            f"{r.document}: {r.start}-{r.end} {r.label} {r.text!r}: {r.why}"
            for r in self.inexact_records
        ]

    @property
    def inexact_spans(self) -> list[tuple[str, int, int, str]]:
        """The spans as data, (document id, start, end, label): once each, in order."""
        return list(dict.fromkeys(r[:4] for r in self.inexact_records))

    def inexact_by_span(self) -> list[dict[str, Any]]:
        """A record per span not written exactly, with everything that happened to it:
        what `export --report` writes, a JSON line each."""
        found: dict[tuple[str, int, int, str], dict[str, Any]] = {}
        for r in self.inexact_records:
            key = r[:4]
            if key not in found:
                found[key] = {"document": r.document, "start": r.start, "end": r.end,
                              "label": r.label, "text": r.text, "what": []}  # fmt: skip
            found[key]["what"].append(r.why)
        return list(found.values())


class Inexact(NamedTuple):
    """Something that happened to a span an export could not write exactly."""

    document: str
    start: int
    end: int
    label: str
    text: str
    why: str


@dataclass
class Tagged:
    """One document as tag sequences: what CoNLL and Hugging Face exports both write."""

    tokens: list[str]
    columns: list[list[str]]  # one tag per token in each column; column 0 the outermost
    sentence_starts: list[int]  # token index where each sentence starts
    starts: list[int] = field(default_factory=list)  # each token's offsets in the text
    ends: list[int] = field(default_factory=list)

    def sentences(self) -> Iterator[tuple[int, int]]:
        """(first token, end) of each sentence."""
        return pairwise([*self.sentence_starts, len(self.tokens)])


def windows(
    doc: Document, spans: list[LabelledRange]
) -> Iterator[tuple[tuple[int, int] | None, list[LabelledRange]]]:
    """The stretches of the document to tokenize one at a time, each with its spans, in text
    order: (None, spans) for the whole document when it is short, has no line break to cut
    at, or keeps its source file's tokens. No span is cut: a stretch ends only where none
    runs across."""
    text = doc.text
    size = WINDOW_CHARS
    if len(text) <= size or recorded_sentences(doc) is not None:
        yield None, spans
        return
    ranges = sorted((start, end) for start, end, _ in spans)
    cuts: list[int] = []
    k = furthest = 0
    position = size
    while (found := _WINDOW_CUT.search(text, position)) is not None:
        cut = found.end()
        while k < len(ranges) and ranges[k][0] < cut:
            furthest = max(furthest, ranges[k][1])
            k += 1
        if furthest > cut:  # a span runs across: the next cut after it
            position = furthest
            continue
        cuts.append(cut)
        position = cut + size
    if not cuts:
        yield None, spans
        return
    parts: list[list[LabelledRange]] = [[] for _ in range(len(cuts) + 1)]
    for span in spans:
        parts[bisect_right(cuts, span[0])].append(span)
    yield from zip(pairwise([0, *cuts, len(text)]), parts, strict=True)


def line_pieces(text: str) -> Iterator[str]:
    """The text in pieces of about WINDOW_CHARS cut after line breaks, which no word
    crosses: the words of the pieces are the words of the text, without a token object for
    each word of a long document at once."""
    size = WINDOW_CHARS
    start = 0
    while len(text) - start > size and (found := _WINDOW_CUT.search(text, start + size)):
        yield text[start : found.end()]
        start = found.end()
    yield text[start:] if start else text


def _levels(ranges: list[tuple[int, int, int]]) -> dict[int, int]:
    """A column for each (start, end, index) range: the first one free where it starts.

    Ranges go in order of start, longer first, so a span's container takes a lower column
    than the span: column 0 holds the outermost spans (as Wojood's nested layers do).
    Crossing spans (neither inside the other) go to different columns too.
    """
    level_end: list[int] = []
    levels: dict[int, int] = {}  # span index -> column
    for start, end, index in sorted(ranges, key=lambda r: (r[0], -r[1], r[2])):
        for level, busy_until in enumerate(level_end):
            if busy_until <= start:
                level_end[level] = end
                break
        else:
            level = len(level_end)
            level_end.append(end)
        levels[index] = level
    return levels


def _relation(kept: LabelledRange, dropped: LabelledRange) -> str:
    if (kept[0], kept[1]) == (dropped[0], dropped[1]):
        return "same range as"
    if kept[0] <= dropped[0] and dropped[1] <= kept[1]:
        return "inside"
    if dropped[0] <= kept[0] and kept[1] <= dropped[1]:
        return "contains"
    return "crosses"


class Tagger:
    """Tags the documents of one layer as an export's settings say: `scheme` (iob2, iob1,
    bioes), `overlaps` (outer, inner, columns), the clitic `vocabulary` (None: clitics are
    kept) and the tag `columns` every token line has. `report` gathers what the documents
    tagged so far did not hold exactly."""

    def __init__(self, scheme: str, overlaps: str, vocabulary: Vocabulary | None, columns: int):
        self.scheme = scheme
        self.overlaps = overlaps
        self.vocabulary = vocabulary
        self.columns = columns
        self.report = ConllReport(columns=columns)
        self._clitic_cache: dict[str, int] = {}
        self._tags: dict[str, tuple[str, str, str, str]] = {}

    def tag_strings(self, label: str) -> tuple[str, str, str, str]:
        """The label's B-, I-, E- and S- tags, one str each for the whole export."""
        found = self._tags.get(label)
        if found is None:
            found = self._tags[label] = (f"B-{label}", f"I-{label}", f"E-{label}", f"S-{label}")
        return found

    def _clitic(self, word: str) -> int:
        found = self._clitic_cache.get(word)
        if found is None:
            found = self._clitic_cache[word] = segment(word, self.vocabulary)
        return found

    def _say(self, doc: Document, span: LabelledRange, why: str) -> None:
        start, end, label = span
        self.report.inexact_records.append(
            Inexact(doc.id, start, end, label, doc.text[start:end], why)
        )

    # -- tokens -----------------------------------------------------------------------------

    def _pieces(
        self, doc: Document, cuts: set[int], within: tuple[int, int] | None = None
    ) -> tuple[list[int], list[int], list[int], bool]:
        """Token starts, ends and the index where each sentence starts, split at `cuts`; and
        whether the tokens are the source file's (recorded) rather than the text engine's.
        `within`: only the tokens of that stretch of the text (see `windows`)."""
        sentences = recorded_sentences(doc)
        from_file = sentences is not None
        if sentences is None and within is not None:
            start, end = within
            starts, ends, sentence_starts = engine_tokens(doc.text[start:end])
            if start:
                starts = [s + start for s in starts]
                ends = [e + start for e in ends]
        elif sentences is None:
            starts, ends, sentence_starts = engine_tokens(doc.text)
        else:
            sentences = _checked(doc, sentences)
            starts = [s for sentence in sentences for s, _ in sentence]
            ends = [e for sentence in sentences for _, e in sentence]
            sentence_starts = []
            total = 0
            for sentence in sentences:
                sentence_starts.append(total)
                total += len(sentence)
        # Cuts inside a token: span boundaries (found by bisection, as they are few), and
        # with clitics="split" the proclitic of every token.
        inside: dict[int, set[int]] = {}
        boundaries = set(starts)
        boundaries.update(ends)
        for cut in sorted(cuts - boundaries):  # most fall between tokens
            t = bisect_right(starts, cut) - 1
            if t >= 0 and cut < ends[t] and cut != starts[t]:
                inside.setdefault(t, set()).add(cut)
        if self.vocabulary is not None:
            text, clitic = doc.text, self._clitic
            for t, (s, e) in enumerate(zip(starts, ends, strict=True)):
                prefix = clitic(text[s:e])
                if prefix:
                    inside.setdefault(t, set()).add(s + prefix)
        if not inside:
            return starts, ends, sentence_starts, from_file
        keys = sorted(inside)
        new_starts: list[int] = []
        new_ends: list[int] = []
        shifts = []
        previous = shift = 0
        for t in keys:
            new_starts += starts[previous:t]
            new_ends += ends[previous:t]
            at = starts[t]
            for cut in sorted(inside[t]):
                new_starts.append(at)
                new_ends.append(cut)
                at = cut
            new_starts.append(at)
            new_ends.append(ends[t])
            shift += len(inside[t])
            shifts.append(shift)
            previous = t + 1
        new_starts += starts[previous:]
        new_ends += ends[previous:]
        moved = []
        for first in sentence_starts:
            before = bisect_left(keys, first)  # split tokens before this sentence
            moved.append(first + (shifts[before - 1] if before else 0))
        return new_starts, new_ends, moved, from_file

    def _drop_unwritable(
        self,
        doc: Document,
        starts: list[int],
        ends: list[int],
        texts: list[str],
        sentence_starts: list[int],
    ) -> list[int]:
        """Leave out tokens that would break the format; return the starts of those left out."""
        left_out: list[int] = []
        keep: list[int] = []
        for index, token in enumerate(texts):
            if _UNWRITABLE.search(token):
                why = "holds a TAB or a line break"
            elif token == DOCSTART:
                why = "would read as a document boundary"
            else:
                keep.append(index)
                continue
            left_out.append(starts[index])
            self.report.notes.append(
                f"{doc.id}: token {starts[index]}-{ends[index]} {token!r} {why}: not written"
            )
        if left_out:
            new_index = {old: new for new, old in enumerate(keep)}
            # A sentence now starts at its first token that is kept.
            bounds = [*sentence_starts, len(texts)]
            new_starts = []
            for a, b in pairwise(bounds):
                kept = [new_index[i] for i in range(a, b) if i in new_index]
                if kept:
                    new_starts.append(kept[0])
            sentence_starts[:] = new_starts
            starts[:] = [starts[i] for i in keep]
            ends[:] = [ends[i] for i in keep]
            texts[:] = [texts[i] for i in keep]
        return left_out

    # -- spans ------------------------------------------------------------------------------

    def _place(
        self,
        doc: Document,
        spans: list[LabelledRange],
        starts: list[int],
        ends: list[int],
        left_out: list[int],
    ) -> list[tuple[int, int, int]]:
        """(first token, end token, span index) of every span that covers a token."""
        placed = []
        text = doc.text
        # Nearly every span starts and ends on token edges (tokens were split at its edges):
        # place them all at once in C, and look at spans one by one only when one is not.
        span_starts = list(map(itemgetter(0), spans))
        span_ends = list(map(itemgetter(1), spans))
        firsts = list(map(partial(bisect_left, starts), span_starts))
        afters = list(map(partial(bisect_right, ends), span_ends))
        if (
            not left_out
            and max(firsts, default=0) < len(starts)
            and min(afters, default=1) > 0
            and list(map(starts.__getitem__, firsts)) == span_starts
            and list(map(ends.__getitem__, map((-1).__add__, afters))) == span_ends
        ):
            return list(zip(firsts, afters, range(len(spans)), strict=True))
        for index, span in enumerate(spans):
            start, end, _ = span
            i, j = firsts[index], afters[index]
            if j <= i:
                self._say(doc, span, "covers no token that can be written: not written")
                continue
            problems = []
            if starts[i] != start:
                problems.append(f"starts on {text[start : starts[i]]!r}")
            if ends[j - 1] != end:
                problems.append(f"ends on {text[ends[j - 1] : end]!r}")
            if problems:
                problems[-1] += ", which no written token holds"
            if left_out:
                inside = bisect_left(left_out, end) - bisect_left(left_out, start)
                if inside:
                    problems.append(f"{inside} token(s) in it cannot be written (see notes)")
            if problems:
                written = f"{starts[i]}-{ends[j - 1]} {text[starts[i] : ends[j - 1]]!r}"
                self._say(doc, span, f"{'; '.join(problems)}: written as {written}")
            placed.append((i, j, index))
        return placed

    def _select(
        self, doc: Document, spans: list[LabelledRange], placed: list[tuple[int, int, int]], n: int
    ) -> list[list[tuple[int, int, int]]]:
        """The spans of each tag column, resolving overlaps by the policy."""
        # An overlap shows as a span starting before the furthest end of those before it,
        # in any order; with none, the spans (read in order of start) are already in order.
        furthest = 0
        for i, j, _ in placed:
            if i < furthest:
                break
            if j > furthest:
                furthest = j
        else:
            return [placed]
        placed.sort(key=lambda p: (p[0], -p[1], p[2]))
        if self.overlaps == "columns":
            levels = _levels(placed)
            columns: list[list[tuple[int, int, int]]] = [
                [] for _ in range(max(levels.values()) + 1)
            ]
            for item in placed:
                columns[levels[item[2]]].append(item)
            return columns
        if self.overlaps == "outer":
            order = sorted(
                placed,
                key=lambda p: (
                    -(p[1] - p[0]),
                    spans[p[2]][0] - spans[p[2]][1],
                    spans[p[2]][0],
                    p[2],
                ),
            )
        else:
            order = sorted(
                placed,
                key=lambda p: (p[1] - p[0], spans[p[2]][1] - spans[p[2]][0], spans[p[2]][0], p[2]),
            )
        owner = [-1] * n
        kept = []
        for i, j, index in order:
            clash = next((owner[t] for t in range(i, j) if owner[t] >= 0), -1)
            if clash >= 0:
                other = spans[clash]
                start, end, label = other
                self._say(
                    doc,
                    spans[index],
                    f"left out (overlaps={self.overlaps}): {_relation(other, spans[index])} "
                    f"{label} {start}-{end} {doc.text[start:end]!r}, which is written",
                )
                continue
            owner[i:j] = [index] * (j - i)
            kept.append((i, j, index))
        kept.sort()
        return [kept]

    def _tags_for(
        self,
        spans: list[LabelledRange],
        column: list[tuple[int, int, int]],
        n: int,
        sentence_starts: set[int],
    ) -> list[str]:
        tags = ["O"] * n
        scheme = self.scheme
        ended: dict[int, str] = {}  # token index right after a span -> its label (iob1)
        known, tag_strings = self._tags, self.tag_strings
        for i, j, index in column:
            label = spans[index][2]
            b, inside, e, single = known.get(label) or tag_strings(label)
            if scheme == "iob2":
                tags[i] = b
                if j - i > 1:
                    tags[i + 1 : j] = [inside] * (j - i - 1)
            elif scheme == "iob1":
                tags[i:j] = [inside] * (j - i)
                if ended.get(i) == label and i not in sentence_starts:
                    tags[i] = b
                ended[j] = label
            elif j - i == 1:
                tags[i] = single
            else:
                tags[i] = b
                if j - i > 2:
                    tags[i + 1 : j - 1] = [inside] * (j - i - 2)
                tags[j - 1] = e
        return tags

    # -- one document -----------------------------------------------------------------------

    def tagged(
        self, doc: Document, spans: list[LabelledRange], within: tuple[int, int] | None = None
    ) -> Tagged:
        """The document's tokens, one tag list per column, and where sentences start; with
        `within`, those of one stretch of it (`windows`), given the spans in it."""
        cuts = set(map(itemgetter(0), spans))
        cuts.update(map(itemgetter(1), spans))
        starts, ends, sentence_starts, from_file = self._pieces(doc, cuts, within)
        text = doc.text
        texts = list(map(text.__getitem__, map(slice, starts, ends)))  # [text[s:e] ...], in C
        left_out: list[int] = []
        # The text engine's tokens never hold white space and -DOCSTART- is three of them;
        # a source file's recorded tokens may be anything.
        if from_file:
            joined = "".join(texts)
            if _UNWRITABLE.search(joined) or DOCSTART in joined:
                left_out = self._drop_unwritable(doc, starts, ends, texts, sentence_starts)
        n = len(texts)
        report = self.report
        report.documents += within is None or within[0] == 0
        if spans:
            placed = self._place(doc, spans, starts, ends, left_out)
            columns = self._select(doc, spans, placed, n)
            sentence_starts = self._join_sentences(
                doc, spans, columns, sentence_starts, starts, ends
            )
            starting = set(sentence_starts)
            tag_columns = [self._tags_for(spans, column, n, starting) for column in columns]
        else:
            tag_columns = []
        tag_columns += [["O"] * n] * (self.columns - len(tag_columns))
        report.sentences += len(sentence_starts)
        report.tokens += n
        return Tagged(texts, tag_columns, sentence_starts, starts, ends)

    def _join_sentences(
        self,
        doc: Document,
        spans: list[LabelledRange],
        columns: list[list[tuple[int, int, int]]],
        sentence_starts: list[int],
        starts: list[int],
        ends: list[int],
    ) -> list[int]:
        """Join sentences a written span runs across: the span is the annotator's, the
        sentence split only the engine's (or the source file's) guess."""
        if len(sentence_starts) < 2:
            return sentence_starts
        # The sentence of each span's first and last token, found in C: nearly always the
        # same, and then there is nothing to join.
        sentence_of = partial(bisect_right, sentence_starts)
        if all(
            list(map(sentence_of, map(itemgetter(0), column)))
            == [sentence_of(j - 1) for _, j, _ in column]
            for column in columns
        ):
            return sentence_starts
        removed: set[int] = set()
        for column in columns:
            for i, j, index in column:
                k = bisect_right(sentence_starts, i)
                while k < len(sentence_starts) and sentence_starts[k] < j:
                    if sentence_starts[k] not in removed:
                        removed.add(sentence_starts[k])
                        start, end, label = spans[index]
                        at = starts[sentence_starts[k]]
                        self.report.notes.append(
                            f"{doc.id}: sentences joined at {at} so that {label} "
                            f"{start}-{end} {doc.text[start:end]!r} stays whole"
                        )
                    k += 1
        if not removed:
            return sentence_starts
        return [s for s in sentence_starts if s not in removed]


def _checked(doc: Document, sentences: list[list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """A recorded tokenization, checked: tokens in order, within the text; empty ones out."""
    length = len(doc.text)
    last_end = 0
    checked = []
    for sentence in sentences:
        kept = []
        for s, e in sentence:
            if s < last_end or e < s or e > length:
                raise InputError(
                    f"document {doc.id!r}: its recorded tokenization has token {s}-{e}, which "
                    "overlaps the one before it, ends before it starts or is out of range",
                    "bad_tokenization",
                )
            if e > s:
                kept.append((s, e))
                last_end = e
        if kept:
            checked.append(kept)
    return checked


def max_columns(layer: Iterable[tuple[Document, list[LabelledRange]]]) -> int:
    """Tag columns the whole file needs: the deepest overlap of any document's spans.

    Counted on character ranges; a span's token range lies within them, so no document
    needs more (it may need fewer, and then its extra column is all O).
    """
    deepest = 1
    for _, spans in layer:
        if len(spans) > 1:
            ranges = [(s, e, k) for k, (s, e, _) in enumerate(spans)]
            deepest = max(deepest, max(_levels(ranges).values()) + 1)
    return deepest
