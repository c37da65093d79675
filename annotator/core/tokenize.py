"""Tokens with offsets into the original text.

Words keep their diacritics, tatweel and ZWJ/ZWNJ; numbers keep their separators (3.5,
1,971, ١٬٢٣٤, ٣٫٥); every punctuation mark (، ؛ ؟ « » ٪ and ASCII) is a token of its own;
URLs, e-mail addresses and hashtags stay whole. Bidi controls and marks belong to no token.
White space belongs to no token. Tokens never overlap and each is `text[start:end]`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from annotator.core.arabic import BIDI, MARKS, TATWEEL


class Kind(StrEnum):
    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"
    SYMBOL = "symbol"  # emoji, currency, maths...
    URL = "url"
    EMAIL = "email"
    HASHTAG = "hashtag"


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    kind: Kind

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


_LETTER = r"[^\W\d_]"
# Arabic-script letters, tried first: most of the text, and an explicit range is far cheaper
# for the regex engine than the general letter class.
_ARABIC = (
    "\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u08a0-\u08c9"
)
# What may continue a word: letters, Arabic and Latin combining marks (\w does not match
# them), tatweel, ZWNJ/ZWJ. Not digits: و1,971 is the conjunction and a whole number.
_WORD_CONT = rf"(?:{_LETTER}|[{MARKS}\u0300-\u036f{TATWEEL}\u200c\u200d])"
# Latin words may carry digits (F16, COVID19, H1N1).
_LATIN = r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9\u0300-\u036f]*"
_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
_URL_END = r"[^\s<>\"«».,;:!?،؛؟)\]}'’”]"
_PATTERN = re.compile(
    rf"""
    (?P<arabic>[{_ARABIC}][{_ARABIC}{MARKS}{TATWEEL}\u200c\u200d]*)
  | (?P<number>{_DIGIT}+(?:[.,\u066b\u066c]{_DIGIT}+)*)
  | (?P<url>(?:https?://|www\.)[^\s<>"«»]*{_URL_END})
  | (?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)
  | (?P<hashtag>[#@](?:{_WORD_CONT}|[0-9_])+)
  | (?P<latin>{_LATIN})
  | (?P<word>{_LETTER}{_WORD_CONT}*)
  | (?P<other>[^\s{BIDI}])
    """,
    re.VERBOSE,
)
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


def tokenize(text: str) -> list[Token]:
    tokens = []
    append = tokens.append
    for match in _PATTERN.finditer(text):
        group = match.lastgroup
        kind = _KINDS.get(group) or _other_kind(match.group())
        append(Token(match.start(), match.end(), kind))
    return tokens
