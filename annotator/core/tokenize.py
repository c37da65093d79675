"""Tokens with offsets into the original text.

Words keep their diacritics, tatweel and ZWJ/ZWNJ; numbers keep their separators (3.5,
1,971, ١٬٢٣٤, ٣٫٥); every punctuation mark (، ؛ ؟ « » ٪ and ASCII) is a token of its own;
URLs, e-mail addresses and hashtags stay whole. Bidi controls and marks belong to no token.
White space belongs to no token. Tokens never overlap and each is `text[start:end]`.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterator, Sequence
from enum import StrEnum
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import numpy as np

from annotator.core.arabic import BIDI, MARKS, TATWEEL
from annotator.core.token_scan import UNDECIDED, scan


class Kind(StrEnum):
    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"
    SYMBOL = "symbol"  # emoji, currency, maths...
    URL = "url"
    EMAIL = "email"
    HASHTAG = "hashtag"


# Kinds that are no words: what word-wise moves skip and snapping leaves out.
NOT_WORDS = (Kind.PUNCT, Kind.SYMBOL)


class Token(NamedTuple):
    """A tuple, not a dataclass: a 10 MB text has a million tokens, and a tuple is the
    cheapest immutable object to build."""

    start: int
    end: int
    kind: Kind

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


_LETTER = r"[^\W\d_]"
# Arabic-script letters, tried first: most of the text, and an explicit range is far cheaper
# for the regex engine than the general letter class.
# Presentation forms (ﻻ, ﺁ) count: old Windows text and PDFs are full of them. The ornate
# parentheses U+FD3E/U+FD3F inside that block are punctuation and stay out.
ARABIC_LETTERS = (
    "\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufd3d\ufd50-\ufdfb\ufe70-\ufefc"
)
# What may continue a word: letters, Arabic and Latin combining marks (\w does not match
# them), tatweel, ZWNJ/ZWJ. Not digits: و1,971 is the conjunction and a whole number.
_WORD_CONT = rf"(?:{_LETTER}|[{MARKS}\u0300-\u036f{TATWEEL}\u200c\u200d])"
# Latin words may carry digits (F16, COVID19, H1N1) and inner apostrophes (O'Donnell).
# × and ÷ sit inside Latin-1's letter range but are operators: 4×1078 is three tokens.
_LATIN_LETTER = r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_LATIN = (
    rf"[{_LATIN_LETTER}][{_LATIN_LETTER}0-9\u0300-\u036f]*"
    rf"(?:['’][{_LATIN_LETTER}][{_LATIN_LETTER}0-9\u0300-\u036f]*)*"
)
_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
_URL_END = r"[^\s<>\"«».,;:!?،؛؟)\]}'’”]"
# (kind, pattern) in the order the alternatives are tried: the first that matches wins.
_ALTERNATIVES = (
    ("arabic", rf"[{MARKS}]*[{ARABIC_LETTERS}][{ARABIC_LETTERS}{MARKS}{TATWEEL}\u200c\u200d]*"),
    ("number", rf"{_DIGIT}+(?:[.,\u066b\u066c]{_DIGIT}+)*"),
    ("url", rf"""(?:https?://|www\.)[^\s<>"«»]*{_URL_END}"""),
    ("email", r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"),
    ("hashtag", rf"[#@](?:{_WORD_CONT}|[0-9_])+"),
    ("latin", _LATIN),
    ("word", rf"{_LETTER}{_WORD_CONT}*"),
    ("other", rf"[^\s{BIDI}]"),
)
_PATTERN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _ALTERNATIVES))
# The same tokens as one capturing group: re.split then hands back [gap, token, gap, token,
# ..., gap], whose lengths give every offset without a Python-level step per token. The
# lookahead turns a space away in one test instead of eight failed alternatives (a fifth
# of the time on news text).
_SPLITTER = re.compile(r"(?=\S)(" + "|".join(pattern for _, pattern in _ALTERNATIVES) + ")")
_KINDS = {
    "url": Kind.URL,
    "email": Kind.EMAIL,
    "hashtag": Kind.HASHTAG,
    "number": Kind.NUMBER,
    "word": Kind.WORD,
    "latin": Kind.WORD,
    "arabic": Kind.WORD,
}


def _other_kind(char: str) -> Kind:
    category = unicodedata.category(char)
    return Kind.PUNCT if category.startswith("P") else Kind.SYMBOL


def _first_decides() -> dict[str, Kind]:
    """First characters that decide a token's kind alone: an Arabic letter is only ever the
    start of the first alternative's words, and a digit of the second's numbers."""
    found = {}
    for low, high in re.findall(r"(.)(?:-(.))?", ARABIC_LETTERS):
        found.update(dict.fromkeys(map(chr, range(ord(low), ord(high or low) + 1)), Kind.WORD))
    for low, high in ("09", "\u0660\u0669", "\u06f0\u06f9"):
        found.update(dict.fromkeys(map(chr, range(ord(low), ord(high) + 1)), Kind.NUMBER))
    return found


_FIRST_DECIDES = _first_decides()
_KINDS_BY_CODE = tuple(Kind)
_CODES = {kind: code for code, kind in enumerate(_KINDS_BY_CODE)}
# What a token's first character decides, by code point, for the fast path; and the kind of
# each character as a token of its own, learnt as characters come (a one-character token
# is punctuation or a symbol, and its kind_of costs a pattern match).
_FIRST_KIND = np.full(0x110000, UNDECIDED, np.uint8)
for _char, _kind in _FIRST_DECIDES.items():
    _FIRST_KIND[ord(_char)] = _CODES[_kind]
_ALONE = _FIRST_KIND.copy()
# Below this length the pattern alone is faster than the scan's fixed cost of numpy calls.
SCAN_FROM = 2_000


class Tokens(Sequence[Token]):
    """The tokens of a text as three arrays (starts, ends, kind codes): a long text has a
    million tokens, and a Token object is made only for the ones asked for. Iterating
    makes them all; code that needs only offsets reads `starts` and `ends`."""

    __slots__ = ("codes", "ends", "starts")

    def __init__(self, starts: np.ndarray, ends: np.ndarray, codes: np.ndarray):
        self.starts, self.ends, self.codes = starts, ends, codes

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Tokens(self.starts[index], self.ends[index], self.codes[index])
        kind = _KINDS_BY_CODE[self.codes[index]]
        return Token(int(self.starts[index]), int(self.ends[index]), kind)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.objects())

    def objects(self) -> list[Token]:
        """Every token as a Token: a million of them for 10 MB of text."""
        kinds = map(_KINDS_BY_CODE.__getitem__, self.codes.tolist())
        # The tokens form no reference cycles, so the cyclic collector has nothing to find
        # here; left running, it walks the growing list again and again (a third of the time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            return list(
                map(Token._make, zip(self.starts.tolist(), self.ends.tolist(), kinds, strict=True))
            )
        finally:
            if collecting:
                gc.enable()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Tokens({list(self)!r})"


def tokenize(text: str) -> Tokens:
    if len(text) < SCAN_FROM:
        return _matched(text)
    starts, ends, codes = scan(text, ARABIC_LETTERS, _SPLITTER, _FIRST_KIND, _ALONE)
    unknown = np.flatnonzero(codes == UNDECIDED)
    if len(unknown):
        lengths = ends[unknown] - starts[unknown]
        alone = starts[unknown[lengths == 1]]
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)[alone]
        for point in np.unique(points).tolist():
            _ALONE[point] = _CODES[_remembered_kind(chr(point))]
        codes[unknown[lengths == 1]] = _ALONE[points]
        longer = unknown[lengths > 1]
        codes[longer] = [
            _CODES[_remembered_kind(text[start:end])]
            for start, end in zip(starts[longer].tolist(), ends[longer].tolist(), strict=True)
        ]
    return Tokens(starts, ends, codes)


def _matched(text: str) -> Tokens:
    """The tokens as the pattern finds them: the definition, which the scan must match."""
    pieces = _SPLITTER.split(text)
    offsets = list(accumulate(map(len, pieces)))
    first, other = _FIRST_DECIDES.get, _remembered_kind
    codes = [_CODES[first(word[0]) or other(word)] for word in pieces[1::2]]
    return Tokens(
        np.array(offsets[0:-1:2], np.int64),
        np.array(offsets[1::2], np.int64),
        np.array(codes, np.uint8),
    )


_PARAGRAPH_BREAK = re.compile("[\n\r\u2029]")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph of text[start:end]: the stretches between line breaks
    (\\n, \\r, U+2029), which are also Qt's blocks. No token runs across a line break, so a
    paragraph can be tokenized or searched on its own, and a long document a paragraph at
    a time, never with all its tokens in memory."""
    end = len(text) if end is None else end
    for found in _PARAGRAPH_BREAK.finditer(text, start, end):
        yield start, found.start()
        start = found.end()
    yield start, end


def bounds(text: str) -> tuple[list[int], list[int]]:
    """The (starts, ends) of `tokenize(text)`, without their kinds: what an export asks for
    on every document."""
    starts, ends = _offsets(text)
    return starts.tolist(), ends.tolist()


def bounds_array(text: str) -> np.ndarray:
    """`bounds` as one numpy array of [start, end, start, end, ...]: for code that works on
    arrays (agreement, exports a run of documents at a time)."""
    starts, ends = _offsets(text)
    edges = np.empty(2 * len(starts), np.int64)
    edges[0::2], edges[1::2] = starts, ends
    return edges


def _offsets(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The tokens' starts and ends, by the scan or (for a short text) the pattern alone."""
    if len(text) >= SCAN_FROM:
        starts, ends, _ = scan(text, ARABIC_LETTERS, _SPLITTER, _FIRST_KIND, _ALONE)
        return starts, ends
    pieces = _SPLITTER.split(text)
    offsets = np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)))
    return offsets[0:-1:2], offsets[1::2]


def kind_of(token: str) -> Kind:
    """The kind `tokenize` gives a token, from its text alone. (Alternatives are tried in
    the same order; none looks beyond the token, so the first to match all of it is the
    one that matched it in its text.)"""
    match = _PATTERN.fullmatch(token)
    if match is None:
        raise ValueError(f"not one token: {token!r}")
    return _KINDS.get(match.lastgroup) or _other_kind(token)


# kind_of, remembered: what `tokenize` asks of the tokens no first character decides (Latin
# words, punctuation and the rest repeat).
_remembered_kind = lru_cache(maxsize=1 << 16)(kind_of)
