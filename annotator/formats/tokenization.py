"""The tokens a document is exported with: the ones its source file had, or ours.

A CoNLL import records the file's own tokenization in the document's metadata, so that
exporting it again reproduces every token exactly (the text alone cannot say where the
file's tokens were: "و1 , 971" in Wojood). Any other document is tokenized and split into
sentences by the text engine.

    meta["tokenization"] = {"source": "conll", "sentences": [[[start, end], ...], ...]}
"""

from __future__ import annotations

from itertools import pairwise

from annotator.core.document import Document
from annotator.core.sentences import sentence_starts
from annotator.core.tokenize import bounds

TOKENIZATION_KEY = "tokenization"

Sentence = list[tuple[int, int]]


def recorded(sentences: list[Sentence], source: str = "conll") -> dict:
    """The metadata value that records a file's tokenization."""
    return {
        "source": source,
        "sentences": [[[s, e] for s, e in sentence] for sentence in sentences],
    }


def recorded_sentences(doc: Document) -> list[Sentence] | None:
    """The source file's tokenization, if the document has one recorded."""
    kept = doc.meta.get(TOKENIZATION_KEY)
    if isinstance(kept, dict) and isinstance(kept.get("sentences"), list):
        return [[(int(s), int(e)) for s, e in sentence] for sentence in kept["sentences"]]
    return None


def engine_tokens(text: str) -> tuple[list[int], list[int], list[int]]:
    """The text engine's tokens as (starts, ends, index of each sentence's first token):
    the flat form an export works on, built without a Python object per token."""
    starts, ends = bounds(text)
    return starts, ends, sentence_starts(text, starts, ends)


def document_sentences(doc: Document) -> list[Sentence]:
    """Sentences of (start, end) token offsets into doc.text, in reading order."""
    kept = recorded_sentences(doc)
    if kept is not None:
        return kept
    starts, ends, firsts = engine_tokens(doc.text)
    return [
        list(zip(starts[a:b], ends[a:b], strict=True)) for a, b in pairwise([*firsts, len(starts)])
    ]
