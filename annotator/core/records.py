"""What readers hand to the store, and what an import reports back."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.document import DocStatus, Document
from annotator.core.spans import Span


@dataclass
class ImportRecord:
    """One document read from a file, with the spans one annotator made on it."""

    document: Document
    source: str  # the file it came from, for messages
    line: int | None = None  # its line in that file, where that means something
    spans: list[Span] = field(default_factory=list)
    annotator: str | None = None
    status: DocStatus | None = None
    # The line of each span, where spans have lines of their own (a brat .ann, a CoNLL
    # column): a refused span is then named by its line, not the document's.
    span_lines: list[int] | None = None
    # Whether the annotator worked it with suggestions shown (False: a control document),
    # where the project it comes from recorded it (a merge).
    assisted: bool | None = None

    def line_of(self, span_index: int) -> int | None:
        if self.span_lines is not None and span_index < len(self.span_lines):
            return self.span_lines[span_index]
        return self.line

    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source


@dataclass
class ImportReport:
    documents_added: int = 0
    spans_added: int = 0
    spans_already_present: int = 0
    labels_added: list[str] = field(default_factory=list)
    annotators: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # duplicates, renamed ids, decodings
