"""Where sentences start in many documents at once (an export's run of documents joined by
line breaks), with numpy: the same starts `sentence_starts` finds a document at a time.

Without quotation marks the rules need no memory beyond the last full stop: a sentence
starts right after each terminator and the closers and terminators that follow it (within
its document), and at the first token of each line that such a run has not taken in. A
document with quotation marks needs the quote depth, token by token: it goes to
`sentence_starts`, as do the rare full stops that may end an abbreviation.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from annotator.core.sentences import (
    _ENDING,
    CLOSING_QUOTES,
    OPENING_QUOTES,
    TERMINATORS,
    _is_abbreviation,
    sentence_starts,
)
from annotator.core.tokenize import ARABIC_LETTERS

# Longest entry of ABBREVIATIONS: a full stop after a longer word is an abbreviation only
# when a lower-case word follows (e.g. "U.S. forces").
_LONGEST_ABBREVIATION = 4


@cache
def _tables() -> dict[str, np.ndarray]:
    """Code point tables: which characters end a sentence, close it or quote; which are a
    word on their own, are in the Arabic blocks, are lower case. Characters beyond the BMP
    count as letters and as lower case: full stops next to them are asked one by one."""
    tables = {}
    for name, chars in (
        ("terminator", TERMINATORS),
        ("ending", _ENDING),
        ("quote", OPENING_QUOTES | CLOSING_QUOTES | {'"'}),
    ):
        table = np.zeros(0x110000, np.bool_)
        table[[ord(c) for c in chars]] = True
        tables[name] = table
    bmp = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000 and not chr(c).isspace()]
    lower, letter, arabic = (np.zeros(0x110000, np.bool_) for _ in range(3))
    lower[0x10000:] = letter[0x10000:] = True
    lower[[ord(c) for c in bmp if c.islower()]] = True
    # A character alone is a word when the tokenizer's Arabic letters or any letter (its
    # [^\W\d_]) match it: every other single character is punctuation or a symbol.
    words = re.findall(f"[{ARABIC_LETTERS}]|[^\\W\\d_]", "".join(bmp))
    letter[[ord(c) for c in words]] = True
    for low, high in ((0x0600, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)):
        arabic[low : high + 1] = True
    return tables | {"lower": lower, "letter": letter, "arabic": arabic}


def run_sentence_starts(
    text: str,
    starts: np.ndarray,
    ends: np.ndarray,
    doc_first: np.ndarray,
    codes: np.ndarray | None = None,
) -> np.ndarray:
    """Whether each token starts a sentence (and True once more after the last token).
    `doc_first` holds the index of each document's first token, then the token count; the
    documents' texts are joined in `text` with something between them that no token holds.
    `codes`: the text's code points, when the caller has them already."""
    n = len(starts)
    marks = np.zeros(n + 1, np.bool_)
    marks[n] = True
    if not n:
        return marks
    tables = _tables()
    if codes is None:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
    sizes = np.diff(doc_first)
    doc_of = np.repeat(np.arange(len(sizes)), sizes)
    doc_end = doc_first[1:][doc_of]
    marks[doc_first[:-1][sizes > 0]] = True
    single = ends - starts == 1
    first = codes[starts]
    ending = single & tables["ending"][first]
    terminator = single & tables["terminator"][first]
    quoted = np.unique(doc_of[single & tables["quote"][first]])

    # A full stop right after a word may end an abbreviation: asked one by one, but only
    # after a one-letter word or a short word not in Arabic script (the abbreviations longer
    # than a letter are Latin), each starting with a letter; or before a lower-case letter.
    dots = np.flatnonzero(terminator & (first == ord(".")))
    dots = dots[dots > doc_first[doc_of[dots]]]
    dots = dots[ends[dots - 1] == starts[dots]]
    before, length = first[dots - 1], ends[dots - 1] - starts[dots - 1]
    following = first[np.minimum(dots + 1, n - 1)]
    short = (length == 1) | ((length <= _LONGEST_ABBREVIATION) & ~tables["arabic"][before])
    ask = (short & tables["letter"][before]) | (
        (dots + 1 < doc_end[dots]) & tables["lower"][following]
    )
    lists = None
    for i in dots[ask].tolist():
        lists = lists or (starts.tolist(), ends.tolist())
        a, b = int(doc_first[doc_of[i]]), int(doc_end[i])
        if _is_abbreviation(text, *lists, i, a, b):
            terminator[i] = False

    # After each terminator: the run of closers and terminators that follows it.
    said = np.flatnonzero(terminator)
    not_ending = np.append(np.flatnonzero(~ending), n)
    after = np.minimum(not_ending[np.searchsorted(not_ending, said + 1)], doc_end[said])
    marks[after[after < doc_end[said]]] = True
    # Each line's first token, unless the run after a terminator took it in.
    newlines = np.flatnonzero(codes == 10)
    line_first = np.searchsorted(starts, newlines, "right")
    line_first = line_first[line_first < n]
    line_first = line_first[line_first > doc_first[doc_of[line_first]]]
    last = np.searchsorted(said, line_first) - 1
    taken = (last >= 0) & (np.append(after, 0)[last] > line_first)  # [-1]: no terminator
    marks[line_first[~taken]] = True

    for k in quoted.tolist():
        lists = lists or (starts.tolist(), ends.tolist())
        a, b = int(doc_first[k]), int(doc_first[k + 1])
        marks[a:b] = False
        found = sentence_starts(text, lists[0][a:b], lists[1][a:b])
        marks[np.asarray(found, np.int64) + a] = True
    return marks
