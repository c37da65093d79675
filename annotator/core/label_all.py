""" "Label all occurrences" across documents: what the command line's `label-all` and the
window's Document > Label all occurrences in every document both find, then store through
the annotation session (one transaction, one undo)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from annotator.core.document import Document
from annotator.core.spans import Span
from annotator.core.suggest import Suggestion, occurrences


class SpanSource(Protocol):
    def spans(self, doc_rowid: int, annotator: str | None = None) -> list[Span]: ...


@dataclass
class Found:
    by_document: list[tuple[int, list[Suggestion]]] = field(default_factory=list)  # new ones
    already: int = 0  # occurrences the annotator has labelled so (or inside such a span)

    @property
    def count(self) -> int:
        return sum(len(new) for _, new in self.by_document)


def find_everywhere(
    store: SpanSource,
    documents: Iterable[Document],
    term: str,
    label: str,
    annotator: str,
    stopped: Callable[[], bool] = lambda: False,
) -> Found | None:
    """Every occurrence of `term` the annotator has not labelled as `label`, by document;
    None when `stopped` says so between documents (the window's Cancel)."""
    found = Found()
    for doc in documents:
        if stopped():
            return None
        every = occurrences(doc.text, term, label)
        if not every:  # most documents: their spans are not read at all
            continue
        new = occurrences(doc.text, term, label, store.spans(doc.rowid, annotator))
        found.already += len(every) - len(new)
        if new:
            found.by_document.append((doc.rowid, new))
    return found
