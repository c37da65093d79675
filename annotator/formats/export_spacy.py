"""spaCy-compatible export: the text, its tokens as spaCy words, and character spans.

One JSON line per document:

    {"id", "text", "words": [...], "spaces": [...], "spans": [[start, end, label], ...]}

`spacy.tokens.Doc(vocab, words=words, spaces=spaces)` rebuilds exactly `text`: white space
and bidi marks between tokens that are not a single space become words of their own, as
spaCy does with "\\n". Tokens are split wherever a span boundary falls, so
`doc.char_span(start, end, label)` accepts every exported span, nested ones included (put
them in `doc.spans`; `doc.ents` takes only non-overlapping ones). Offsets are code points,
which is what spaCy's character offsets are too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from annotator.core.document import Document
from annotator.formats.atomic import atomic_text_writer
from annotator.formats.conll_export import ConllReport, Tagged, _Exporter, prepare, windows
from annotator.formats.jsonl import write_line
from annotator.storage import Project


def spacy_words(text: str, tagged: Tagged) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags that spell out `text` exactly."""
    words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for start, end in zip(tagged.starts, tagged.ends, strict=True):
        gap = text[position:start]
        if gap == " " and words:
            spaces[-1] = True
        elif gap:
            words.append(gap)
            spaces.append(False)
        words.append(text[start:end])
        spaces.append(False)
        position = end
    if position < len(text):
        tail = text[position:]
        if tail == " " and words:
            spaces[-1] = True
        else:
            words.append(tail)
            spaces.append(False)
    return words, spaces


def export_spacy(
    project: Project,
    out: Path,
    *,
    annotator: str | None = None,
    gold: bool = False,
    clitics: str = "keep",
) -> ConllReport:
    # Columns: every span is placed, so tokens are split at every span's boundaries.
    layer, exporter = prepare(project, annotator, gold, "iob2", clitics, "columns")
    with atomic_text_writer(out) as handle:
        for doc, spans in layer:
            before = len(exporter.report.inexact_spans)
            stretches = list(windows(doc, spans))
            if len(stretches) > 1:
                _write_long(handle, exporter, doc, spans, stretches, before)
                continue
            tagged = exporter.tagged(doc, spans)
            words, spaces = spacy_words(doc.text, tagged)
            write_line(
                handle,
                {
                    "id": doc.id,
                    "text": doc.text,
                    "words": words,
                    "spaces": spaces,
                    "spans": _kept(exporter, spans, before),
                },
            )
    exporter.report.notes[:0] = layer.notes()
    return exporter.report


def _kept(exporter: _Exporter, spans: list[tuple[int, int, str]], before: int) -> list[list]:
    """The spans written exactly: one that is not is left out here too, as char_span would
    refuse it."""
    inexact = {(s, e, label) for _, s, e, label in exporter.report.inexact_spans[before:]}
    return [[s, e, label] for s, e, label in spans if (s, e, label) not in inexact]


# What json_line escapes, so that every reader sees one line per document.
_LINE_BREAKS = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_SPACES_AT_ONCE = 100_000


def _escaped(fragment: str) -> str:
    for char, escaped in _LINE_BREAKS:
        fragment = fragment.replace(char, escaped)
    return fragment


def _write_long(
    out: IO[str],
    exporter: _Exporter,
    doc: Document,
    spans: list[tuple[int, int, str]],
    stretches: list,
    before: int,
) -> None:
    """The line `write_line` would write for this document, written a stretch of its words
    at a time (conll_export.windows): a long document's words never all in memory at once.
    Each stretch starts after a line break, so the first gap of each is a word of its own,
    as `spacy_words` makes it over the whole text."""
    text = doc.text
    head = json.dumps({"id": doc.id, "text": text}, ensure_ascii=False)
    out.write(_escaped(head[:-1]) + ', "words": [')
    spaces = bytearray()
    position = 0
    for within, part in stretches:
        tagged = exporter.tagged(doc, part, within)
        words: list[str] = []
        for start, end in zip(tagged.starts, tagged.ends, strict=True):
            gap = text[position:start]
            if gap == " " and words:
                spaces[-1] = 1
            elif gap:
                words.append(gap)
                spaces.append(0)
            words.append(text[start:end])
            spaces.append(0)
            position = end
        if words:
            separator = ", " if len(spaces) > len(words) else ""
            out.write(separator + _escaped(json.dumps(words, ensure_ascii=False)[1:-1]))
    if position < len(text):
        tail = text[position:]
        if tail == " " and spaces:
            spaces[-1] = 1
        else:
            separator = ", " if spaces else ""
            out.write(separator + _escaped(json.dumps(tail, ensure_ascii=False)))
            spaces.append(0)
    out.write('], "spaces": [')
    for at in range(0, len(spaces), _SPACES_AT_ONCE):
        chunk = ", ".join("true" if flag else "false" for flag in spaces[at : at + _SPACES_AT_ONCE])
        out.write((", " if at else "") + chunk)
    kept = json.dumps(_kept(exporter, spans, before), ensure_ascii=False)
    out.write('], "spans": ' + _escaped(kept) + "}\n")
