"""The sentence splitter as first written: one Python step per token. Kept as the oracle
that `sentence_starts` (which visits only line breaks, quotes and terminators) must agree
with on any text."""

from __future__ import annotations

from annotator.core.sentences import (
    _ENDING,
    ABBREVIATIONS,
    CLOSING_QUOTES,
    OPENING_QUOTES,
    TERMINATORS,
    Sentence,
)
from annotator.core.tokenize import Kind, Token, tokenize


def _is_abbreviation(text: str, tokens: list[Token], i: int) -> bool:
    """Is the full stop at tokens[i] the end of an abbreviation rather than of a sentence?"""
    if i == 0 or tokens[i - 1].end != tokens[i].start or tokens[i - 1].kind != Kind.WORD:
        return False
    word = tokens[i - 1].text_in(text)
    if len(word) == 1 or word.lower() in ABBREVIATIONS:
        return True  # initials (د. ، J.) and listed abbreviations
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    # "e.g. the" / "U.S. forces": a lower-case Latin word next continues the sentence.
    return bool(following and following.kind == Kind.WORD and text[following.start].islower())


def split_sentences(text: str, tokens: list[Token] | None = None) -> list[Sentence]:
    tokens = tokenize(text) if tokens is None else tokens
    sentences: list[Sentence] = []
    current: list[Token] = []
    quote_depth = 0  # inside « » or “ ”
    straight_open = False  # inside "..."

    def close() -> None:
        nonlocal quote_depth, straight_open
        if current:
            sentences.append(Sentence(current[0].start, current[-1].end, tuple(current)))
            current.clear()
        quote_depth, straight_open = 0, False

    i = 0
    find = text.find
    while i < len(tokens):
        token = tokens[i]
        # A line break ends a sentence, whatever is open (find: no slice per token).
        if current and find("\n", current[-1].end, token.start) != -1:
            close()
        current.append(token)
        if token.end - token.start != 1:  # words and numbers: most tokens, nothing to decide
            i += 1
            continue
        char = text[token.start]
        if char in OPENING_QUOTES:
            quote_depth += 1
        elif char in CLOSING_QUOTES:
            quote_depth = max(0, quote_depth - 1)
        elif char == '"':
            straight_open = not straight_open
        elif char in TERMINATORS and not (char == "." and _is_abbreviation(text, tokens, i)):
            # Inside a quotation the sentence goes on, unless the quote closes right after
            # the terminator and nothing but more terminators follows on that line.
            j = i + 1
            while (
                j < len(tokens)
                and text[tokens[j].start] in _ENDING
                and (tokens[j].end - tokens[j].start == 1)
            ):
                j += 1
            inside = quote_depth > 0 or straight_open
            at_line_end = j >= len(tokens) or find("\n", tokens[j - 1].end, tokens[j].start) != -1
            if not inside or at_line_end:
                current.extend(tokens[i + 1 : j])
                i = j
                close()
                continue
        i += 1
    close()
    return sentences
