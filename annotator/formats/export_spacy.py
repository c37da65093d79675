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

from pathlib import Path

from annotator.formats.atomic import atomic_text_writer
from annotator.formats.conll_export import ConllReport, Tagged, prepare
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
            tagged = exporter.tagged(doc, spans)
            # A span not written exactly is left out here too: char_span would refuse it.
            inexact = {(s, e, label) for _, s, e, label in exporter.report.inexact_spans[before:]}
            words, spaces = spacy_words(doc.text, tagged)
            kept = [[s, e, label] for s, e, label in spans if (s, e, label) not in inexact]
            write_line(
                handle,
                {"id": doc.id, "text": doc.text, "words": words, "spaces": spaces, "spans": kept},
            )
    exporter.report.notes[:0] = layer.notes()
    return exporter.report
