"""Sentences with offsets: split at . ؟ ? ! … and at line breaks (news text has one
paragraph per line), but not inside numbers (3.5 is one token), after abbreviations, or
inside quotes that continue the sentence."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise

from annotator.core.tokenize import Kind, Token, Tokens, kind_of, tokenize

TERMINATORS = frozenset(".!?؟…۔")
# Closers that stay with the sentence they close: `قال: "انتهى." ` ends after the quote.
CLOSERS = frozenset("\"'»”’)]}")
OPENING_QUOTES = frozenset("«“")
CLOSING_QUOTES = frozenset("»”")
_ENDING = TERMINATORS | CLOSERS
# Abbreviations that take a full stop without ending the sentence (compared lower-cased).
ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "no",
        "e.g",
        "i.e",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "ص",
        "ج",
        "ه",
        "م",
        "ق",
    }
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


def _is_abbreviation(
    text: str, starts: list[int], ends: list[int], i: int, first: int = 0, stop: int | None = None
) -> bool:
    """Is the full stop at token i the end of an abbreviation rather than of a sentence?
    The document's tokens are those from `first` to `stop` (all by default)."""
    if i == first or ends[i - 1] != starts[i]:
        return False
    word = text[starts[i - 1] : ends[i - 1]]
    # (The kinds are asked last: most full stops fail the cheaper tests first.)
    if len(word) == 1 or word.lower() in ABBREVIATIONS:
        return kind_of(word) is Kind.WORD  # initials (د. ، J.) and listed abbreviations
    if i + 1 == (len(starts) if stop is None else stop):
        return False
    # "e.g. the" / "U.S. forces": a lower-case Latin word next continues the sentence.
    following = text[starts[i + 1] : ends[i + 1]]
    return following[0].islower() and kind_of(following) is Kind.WORD and kind_of(word) is Kind.WORD


# Where a decision may fall: line breaks, and the one-character tokens that open or close a
# quotation or end a sentence. Everything else (nearly every token) is passed over in C.
_EVENTS = re.compile(
    "[\\n" + re.escape("".join(sorted(TERMINATORS | OPENING_QUOTES | CLOSING_QUOTES))) + '"]'
)


def sentence_starts(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """The index of the first token of each sentence, given the tokens' offsets.

    A line break ends a sentence, whatever is open. A terminator ends it too, with the
    closers right after it (`قال: "انتهى." ` ends after the quote), unless it stands inside a
    quotation that goes on: then the sentence goes on, unless the quote closes right after
    the terminator and nothing but more terminators follows on that line.
    """
    n = len(starts)
    if not n:
        return []
    firsts = [0]
    quote_depth = 0  # inside « » or “ ”
    straight_open = False  # inside "..."
    skip_to = 0  # tokens before this were taken in with a terminator
    find = text.find
    for match in _EVENTS.finditer(text, starts[0], ends[-1]):
        at = match.start()
        char = text[at]
        if char == "\n":
            i = bisect_right(starts, at)  # the token after the line break
            if firsts[-1] < i < n and i >= skip_to:
                firsts.append(i)
                quote_depth, straight_open = 0, False
            continue
        i = bisect_left(starts, at)
        if i < skip_to or i == n or starts[i] != at or ends[i] != at + 1:
            continue  # inside a longer token (3.5, a URL), or already taken in
        if char in OPENING_QUOTES:
            quote_depth += 1
        elif char in CLOSING_QUOTES:
            quote_depth = max(0, quote_depth - 1)
        elif char == '"':
            straight_open = not straight_open
        elif char in TERMINATORS and not (char == "." and _is_abbreviation(text, starts, ends, i)):
            j = i + 1
            while j < n and ends[j] - starts[j] == 1 and text[starts[j]] in _ENDING:
                j += 1
            inside = quote_depth > 0 or straight_open
            at_line_end = j == n or find("\n", ends[j - 1], starts[j]) != -1
            if not inside or at_line_end:
                if j < n:
                    firsts.append(j)
                skip_to = j
                quote_depth, straight_open = 0, False
    return firsts


def split_sentences(text: str, tokens: list[Token] | None = None) -> list[Sentence]:
    tokens = tokenize(text) if tokens is None else tokens
    if isinstance(tokens, Tokens):
        starts, ends = tokens.starts.tolist(), tokens.ends.tolist()
        tokens = tokens.objects()  # sliced a sentence at a time below
    else:
        starts, ends = [t.start for t in tokens], [t.end for t in tokens]
    firsts = sentence_starts(text, starts, ends)
    return [
        Sentence(starts[a], ends[b - 1], tuple(tokens[a:b]))
        for a, b in pairwise([*firsts, len(tokens)])
    ]
