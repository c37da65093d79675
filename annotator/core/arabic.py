"""Normalization for matching, never applied to stored text.

`normalize(text)` folds the spelling variants that make the same word look different
(hamza seats, alef maqsura, ta marbuta, digits of three scripts, diacritics, tatweel, bidi
marks) and returns an offset map, so a match found in the normalized copy becomes an exact
span of the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Arabic combining marks: harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
TATWEEL = "\u0640"
# Bidi controls and marks: they steer display and carry no letter. U+061C is the Arabic
# letter mark; U+FEFF a stray byte-order mark.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"

_DROPPED = re.compile(f"[{MARKS}{TATWEEL}{BIDI}]+")
_ATTACHED = re.compile(f"[{MARKS}{TATWEEL}]")

# One character for one character: the offset map only has to account for the dropped ones.
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended (Persian/Urdu) digits
        "\u066b": ".",  # Arabic decimal separator
        "\u066c": ",",  # Arabic thousands separator
    }
)


_FOLD_PAIRS = tuple((chr(source), target) for source, target in _FOLD.items())
# Past this length, one str.replace per folded character that occurs beats str.translate,
# which looks every character up in a dict (ten times slower on megabytes of text).
_LONG = 256


def _fold(text: str) -> str:
    if len(text) < _LONG:
        return text.translate(_FOLD)
    for source, target in _FOLD_PAIRS:
        if source in text:
            text = text.replace(source, target)
    return text


@dataclass(frozen=True)
class Normalized:
    """A normalized copy of `original` and the way back.

    The map is stored as runs: normalized text is the concatenation of kept runs of the
    original, so run k starting at normalized index `norm_starts[k]` starts at original index
    `orig_starts[k]`. Lookups are a bisect, and memory grows with the number of dropped
    stretches, not with the text.
    """

    original: str
    text: str
    norm_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]

    def to_original(self, index: int) -> int:
        """Original index of the normalized character at `index` (len(text) -> its end)."""
        if index >= len(self.text):
            if not self.text:
                return 0
            return self.to_original(len(self.text) - 1) + 1
        run = bisect_right(self.norm_starts, index) - 1
        return self.orig_starts[run] + index - self.norm_starts[run]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span of normalized [start, end).

        The end takes in the diacritics and tatweel written on the last letter (حماةُ stays
        whole), but not a bidi mark after it, which belongs to no word.
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}-{end} is outside the normalized text")
        orig_start = self.to_original(start)
        orig_end = self.to_original(end - 1) + 1
        while orig_end < len(self.original) and _ATTACHED.match(self.original, orig_end):
            orig_end += 1
        return orig_start, orig_end

    def find_all(self, term: str, limit: int | None = None) -> tuple[list[tuple[int, int]], bool]:
        """Every occurrence of `term` (normalized as lexicon entries are), as exact spans of
        the original, in order; at most `limit` of them, and whether there were more."""
        needle = normalize_term(term.strip())
        found: list[tuple[int, int]] = []
        if not needle:
            return found, False
        at = self.text.find(needle)
        while at >= 0:
            if limit is not None and len(found) == limit:
                return found, True
            found.append(self.span_to_original(at, at + len(needle)))
            at = self.text.find(needle, at + 1)
        return found, False


def normalize(text: str) -> Normalized:
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    pieces: list[str] = []
    kept_from = 0
    length = 0
    for dropped in _DROPPED.finditer(text):
        if dropped.start() > kept_from:
            norm_starts.append(length)
            orig_starts.append(kept_from)
            pieces.append(text[kept_from : dropped.start()])
            length += dropped.start() - kept_from
        kept_from = dropped.end()
    if kept_from < len(text):
        norm_starts.append(length)
        orig_starts.append(kept_from)
        pieces.append(text[kept_from:])
    folded = _fold("".join(pieces))
    return Normalized(text, folded, tuple(norm_starts), tuple(orig_starts))


def normalize_term(term: str) -> str:
    """The normalized form of a lexicon or gazetteer entry (no map needed)."""
    return _fold(_DROPPED.sub("", term))
