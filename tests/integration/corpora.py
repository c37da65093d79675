"""Small readers for the real corpora in ../shared/data (used by tests only, never shipped).

Each reader yields sentences as lists of tokens, exactly as the file writes them (bidi marks
included); `strip_bidi` removes the marks where a comparison needs the bare token.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.arabic import BIDI

_BIDI = re.compile(f"[{BIDI}]")


def strip_bidi(token: str) -> str:
    return _BIDI.sub("", token)


@dataclass(frozen=True)
class Tagged:
    token: str
    tags: tuple[str, ...]


def read_aqmar(path: Path) -> Iterator[list[Tagged]]:
    """`token tag` per line, space separated; a blank line ends a sentence."""
    sentence: list[Tagged] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        token, *tags = line.split(" ")
        sentence.append(Tagged(token, tuple(tags)))
    if sentence:
        yield sentence


def read_wojood(path: Path) -> Iterator[list[Tagged]]:
    """`token tag [tag...]` space separated, blank line between sentences, `$#$ O` marker
    lines between segments (skipped: they are not text)."""
    for sentence in read_aqmar(path):
        kept = [t for t in sentence if t.token != "$#$"]
        if kept:
            yield kept


def read_newsfane(path: Path) -> Iterator[list[Tagged]]:
    """UTF-8 with BOM, CRLF, `token<TAB>tag`; a line with an empty token (a lone TAB) ends a
    sentence. Arabic tokens start with U+200E, kept here."""
    sentence: list[Tagged] = []
    with path.open(encoding="utf-8-sig", newline="") as file:
        text = file.read()
    for line in text.split("\r\n"):
        token, _, tag = line.partition("\t")
        if not token:
            if sentence:
                yield sentence
            sentence = []
            continue
        sentence.append(Tagged(token, (tag,)))
    if sentence:
        yield sentence


def join_proclitics(tokens: list[str], proclitics: Collection[str]) -> str:
    """A sentence of a corpus that splits proclitics off (`و` `ب` `المدينة`) as the running
    text it was cut from (وبالمدينة): each proclitic token is joined to the next token, and
    ل + the article loses the article's alef (ل الاتحاد -> للاتحاد)."""
    words: list[str] = []
    pending = ""
    for token in tokens:
        if not token:
            continue
        if token in proclitics:
            pending += token
            continue
        if pending.endswith("ل") and token.startswith("ال"):
            token = token[1:]
        words.append(pending + token)
        pending = ""
    if pending:
        words.append(pending)
    return " ".join(words)
