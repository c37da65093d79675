"""The tokens a document is exported with: the ones its source file had, or ours.

A CoNLL import records the file's own tokenization in the document's metadata, so that
exporting it again reproduces every token exactly (the text alone cannot say where the
file's tokens were: "و1 , 971" in Wojood). Any other document is tokenized and split into
sentences by the text engine.

    meta["tokenization"] = {"source": "conll", "sentences": [[[start, end], ...], ...]}
"""

from __future__ import annotations

from annotator.core.document import Document
from annotator.core.sentences import split_sentences

TOKENIZATION_KEY = "tokenization"

Sentence = list[tuple[int, int]]


def recorded(sentences: list[Sentence], source: str = "conll") -> dict:
    """The metadata value that records a file's tokenization."""
    return {
        "source": source,
        "sentences": [[[s, e] for s, e in sentence] for sentence in sentences],
    }


def document_sentences(doc: Document) -> list[Sentence]:
    """Sentences of (start, end) token offsets into doc.text, in reading order."""
    kept = doc.meta.get(TOKENIZATION_KEY)
    if isinstance(kept, dict) and isinstance(kept.get("sentences"), list):
        return [[(int(s), int(e)) for s, e in sentence] for sentence in kept["sentences"]]
    return [[(t.start, t.end) for t in sentence.tokens] for sentence in split_sentences(doc.text)]
