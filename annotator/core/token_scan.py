"""The tokenizer's fast path for long texts: the same tokens as the pattern, found with a
few passes of numpy over the text's code points instead of a regex step per token.

Most of an Arabic text is plain words: a run of Arabic letters and marks between spaces
(or bidi marks) is always exactly one word, so it needs no regex at all. Everything else
(punctuation, numbers, Latin, URLs, mixed runs) is gathered into one string, with a space
between pieces, and split by the tokenizer's own pattern in one call; the offsets are
mapped back. No token crosses white space, so each piece splits there as it would in place.

`tests/core/test_tokenize.py` checks this path against the pattern alone on random texts.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from annotator.core.arabic import BIDI, MARKS, TATWEEL

# Character classes of the scan: the two that keep runs apart come first.
_SPACE, _BIDI_MARK, _ARABIC_LETTER, _ARABIC_MARK, _OTHER = range(5)
UNDECIDED = 255


@cache
def _classes(arabic: str) -> np.ndarray:
    """The class of every code point (a 1.1 MB table, built once from the same character
    classes the pattern uses, so the two cannot disagree)."""
    everything = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    table = np.full(0x110000, _OTHER, np.uint8)
    for pattern, value in (
        (rf"[{MARKS}{TATWEEL}\u200c\u200d]", _ARABIC_MARK),
        (rf"[{arabic}]", _ARABIC_LETTER),
        (rf"[{BIDI}]", _BIDI_MARK),
        (r"\s", _SPACE),
    ):
        table[[ord(m) for m in re.findall(pattern, everything)]] = value
    return table


def _runs_of(positions: np.ndarray, run_starts: np.ndarray) -> np.ndarray:
    """The run each position (inside some run) is in."""
    return np.searchsorted(run_starts, positions, "right") - 1


def _with_zero(counts: np.ndarray) -> np.ndarray:
    """Running totals with a 0 in front: totals[j] - totals[i] counts what is in [i, j)."""
    totals = np.zeros(len(counts) + 1, np.int64)
    np.cumsum(counts, out=totals[1:])
    return totals


def scan(
    text: str, arabic: str, splitter: re.Pattern, first_kind: np.ndarray, alone: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(starts, ends, kind codes) of the tokens of `text`. `arabic` is the pattern's class
    of Arabic letters and `splitter` its splitting pattern. `first_kind` holds the kind code
    that a longer token's first character decides alone, `alone` the kind of each character
    as a token of its own; both UNDECIDED where they do not know, and so is the kind."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
    classes = _classes(arabic)[codes]
    n = len(codes)
    # Runs of characters between spaces and bidi marks.
    apart = np.zeros(n + 2, np.int8)
    np.greater(classes, _BIDI_MARK, out=apart[1:-1].view(np.bool_))
    edges = np.flatnonzero(np.diff(apart))
    run_starts, run_ends = edges[0::2], edges[1::2]
    plain = classes[run_starts] == _ARABIC_LETTER
    plain[_runs_of(np.flatnonzero(classes == _OTHER), run_starts)] = False
    # A run is one word only if every run before it since the last space is one too: only a
    # URL runs across a bidi mark, and only a run with something other than Arabic starts one.
    after_space = np.ones(len(run_starts), np.bool_)
    bidi_at = np.flatnonzero(classes == _BIDI_MARK)
    if len(bidi_at):  # (most texts have none: every gap between runs is white space then)
        bidi = _with_zero(classes == _BIDI_MARK)
        gaps = run_starts[1:] - run_ends[:-1]
        after_space[1:] = gaps > bidi[run_starts[1:]] - bidi[run_ends[:-1]]
    group = np.cumsum(after_space) - 1
    not_plain = np.cumsum(~plain)
    group_first = np.flatnonzero(after_space)
    before_group = not_plain[group_first] - ~plain[group_first]
    word = not_plain == before_group[group]

    words = np.flatnonzero(word)
    word_starts, word_ends = run_starts[words], run_ends[words]
    # The rest: from a group's first run that is not one word to the next space.
    word_before = np.zeros(len(word), np.bool_)
    word_before[1:] = word[:-1]
    rest = np.flatnonzero(~word & (after_space | word_before))
    piece_starts = run_starts[rest]
    space_at = np.flatnonzero(classes == _SPACE)
    following = np.searchsorted(space_at, piece_starts)
    piece_ends = np.append(space_at, n)[following]
    marks = np.zeros(n + 1, np.int8)
    marks[piece_starts] = 1
    marks[piece_ends] -= 1
    kept = np.cumsum(marks[:-1], dtype=np.int8).view(np.bool_)
    kept[piece_ends[piece_ends < n]] = True  # the space after each piece keeps them apart
    kept_at = np.flatnonzero(kept)
    gathered = codes[kept_at].tobytes().decode("utf-32-le", "surrogatepass")
    pieces = splitter.split(gathered)
    offsets = np.cumsum(np.fromiter(map(len, pieces), np.int64, len(pieces)))
    other_starts = kept_at[offsets[0:-1:2]]
    other_ends = kept_at[offsets[1::2] - 1] + 1

    count = len(words) + len(other_starts)
    starts, ends = np.empty(count, np.int64), np.empty(count, np.int64)
    kinds = np.empty(count, np.uint8)
    at_words = np.arange(len(words)) + np.searchsorted(other_starts, word_starts)
    at_others = np.arange(len(other_starts)) + np.searchsorted(word_starts, other_starts)
    starts[at_words], ends[at_words] = word_starts, word_ends
    starts[at_others], ends[at_others] = other_starts, other_ends
    kinds[at_words] = first_kind[ord("ب")]
    first = codes[other_starts]
    kinds[at_others] = np.where(other_ends - other_starts > 1, first_kind[first], alone[first])
    return starts, ends, kinds
