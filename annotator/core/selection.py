"""From what an annotator selected to the span it makes: the whole words it touches without
punctuation or quotes at either end, no white space at its edges. The session applies it to
every span made by hand (`Session.add` with the text), so the window, the review window and
anything else that labels a selection make spans the same way."""

from __future__ import annotations

from annotator.core.errors import InputError
from annotator.core.tokenize import NOT_WORDS, paragraphs, tokenize

_BREAKS = "\n\r\u2029"


def _paragraph_start(text: str, position: int) -> int:
    return max(text.rfind(c, 0, position) for c in _BREAKS) + 1


def _paragraph_end(text: str, position: int) -> int:
    found = [i for i in (text.find(c, position) for c in _BREAKS) if i >= 0]
    return min(found, default=len(text))


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole words (tokens that are not punctuation or symbols) the range start..end
    touches: a drag that stops mid-word takes the word, and punctuation or quotes at either
    end are left out ("جيش الفتح" from a drag that began on the quote, كفر زيتا without its
    comma). (start, start) when it touches no word. Only the paragraphs it reaches are
    tokenized."""
    first, last = _paragraph_start(text, start), _paragraph_end(text, max(start, end - 1))
    touched = [
        (p + t.start, p + t.end)
        for p, q in paragraphs(text, first, last)
        for t in tokenize(text[p:q])
        if t.kind not in NOT_WORDS and p + t.start < end and p + t.end > start
    ]
    if not touched:
        return start, start
    return touched[0][0], touched[-1][1]


def span_range(text: str, start: int, end: int, snap: bool) -> tuple[int, int]:
    """The range a selection start..end of `text` makes a span of: widened to whole words
    when `snap`, without white space at its edges. InputError (codes `empty_selection`,
    `no_word`, `only_spaces`) when there is nothing to label."""
    if start >= end:
        raise InputError("select some text first, then a label", "empty_selection")
    if snap:
        start, end = snap_to_words(text, start, end)
        if start == end:
            raise InputError("the selection holds no word: nothing to label", "no_word")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise InputError("the selection holds only spaces: nothing to label", "only_spaces")
    return start, end
