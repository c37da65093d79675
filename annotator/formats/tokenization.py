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
from annotator.core.errors import InputError
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
    """The source file's tokenization, if the document has one recorded (None if not).

    Anything else under the key (another tool's tokens, a hand-edited JSONL) is refused
    rather than guessed at: exported with tokens it does not describe, a document would
    silently lose its file's tokenization."""
    if TOKENIZATION_KEY not in doc.meta:
        return None
    kept = doc.meta[TOKENIZATION_KEY]
    if isinstance(kept, dict) and kept.get("source") == "conll":
        sentences = kept.get("sentences")
        if isinstance(sentences, list) and all(map(_is_sentence, sentences)):
            return [[(s, e) for s, e in sentence] for sentence in sentences]
    raise InputError(
        f"document {doc.id!r}: meta[{TOKENIZATION_KEY!r}] is not a tokenization recorded by a "
        'CoNLL import ({"source": "conll", "sentences": [[[start, end], ...], ...]}): '
        "remove it or rename the key",
        "bad_tokenization",
    )


def _is_sentence(sentence: object) -> bool:
    # type() is int, not isinstance: JSON's true and false are not offsets.
    return isinstance(sentence, list) and all(
        isinstance(token, list) and len(token) == 2 and type(token[0]) is type(token[1]) is int
        for token in sentence
    )


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
