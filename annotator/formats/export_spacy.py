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

from annotator.core.document import Document
from annotator.formats.atomic import atomic_text_writer
from annotator.formats.conll_export import Settings, write_layer
from annotator.formats.jsonl import one_line
from annotator.formats.tagging import ConllReport, LabelledRange, Tagger, windows
from annotator.storage import Project


def export_spacy(
    project: Project,
    out: Path,
    *,
    annotator: str | None = None,
    gold: bool = False,
    clitics: str = "keep",
    workers: int | None = None,
) -> ConllReport:
    """`workers`: as export_conll's."""
    # Columns: every span is placed, so tokens are split at every span's boundaries.
    settings = Settings.chosen(project, annotator, gold, "iob2", clitics, "columns")
    with atomic_text_writer(out) as handle:
        return write_layer(project, settings, _line, handle, workers)


# Trailing-space flags encoded at a time: a list of a long document's flags all at once
# would take 8 bytes a word.
_SPACES_AT_ONCE = 100_000


def _line(tagger: Tagger, doc: Document, spans: list[LabelledRange]) -> str:
    """The document's JSON line (as `json_line` would encode the object), built a stretch of
    its words at a time (tagging.windows): the words of a long document are never all
    objects in memory at once. The words and trailing-space flags spell out the text
    exactly: a gap between tokens that is not a single space is a word of its own. Each
    stretch starts after a line break, so the first gap of each is such a word, as it is
    over the whole text."""
    before = len(tagger.report.inexact_records)
    text = doc.text
    head = json.dumps({"id": doc.id, "text": text}, ensure_ascii=False)
    parts = [head[:-1], ', "words": [']
    spaces = bytearray()
    position = 0
    for within, part in windows(doc, spans):
        tagged = tagger.tagged(doc, part, within)
        words: list[str] = []
        for start, end in zip(tagged.starts, tagged.ends, strict=True):
            gap = text[position:start]
            if gap == " " and spaces:
                spaces[-1] = 1
            elif gap:
                words.append(gap)
                spaces.append(0)
            words.append(text[start:end])
            spaces.append(0)
            position = end
        if words:
            separator = ", " if len(spaces) > len(words) else ""
            parts.append(separator + json.dumps(words, ensure_ascii=False)[1:-1])
    if position < len(text):
        tail = text[position:]
        if tail == " " and spaces:
            spaces[-1] = 1
        else:
            parts.append((", " if spaces else "") + json.dumps(tail, ensure_ascii=False))
            spaces.append(0)
    parts.append('], "spaces": [')
    for at in range(0, len(spaces), _SPACES_AT_ONCE):
        flags = ", ".join("true" if flag else "false" for flag in spaces[at : at + _SPACES_AT_ONCE])
        parts.append((", " if at else "") + flags)
    # A span not written exactly is left out here too, as char_span would refuse it.
    inexact = {(r.start, r.end, r.label) for r in tagger.report.inexact_records[before:]}
    kept = [[s, e, label] for s, e, label in spans if (s, e, label) not in inexact]
    parts.append('], "spans": ' + json.dumps(kept, ensure_ascii=False) + "}\n")
    # Escaped a piece at a time and joined once: the line of a 50 MB document is 250 MB
    # as a string, and every whole copy of it counts.
    for k, part in enumerate(parts):
        parts[k] = one_line(part)
    return "".join(parts)
