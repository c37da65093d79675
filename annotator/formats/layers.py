"""Which layer an export writes (an annotator's or the gold layer), and the documents it
has worked on, with their spans.

Which documents: those the layer has worked on. For an annotator, the documents with their
spans or a status other than "new"; for the gold layer, those with gold spans or a gold
status (as the JSONL export). A document nobody has looked at is not training data where
nothing is an entity, so it is left out (and counted in the notes).
"""

from __future__ import annotations

from collections.abc import Container, Iterator

import numpy as np

from annotator.core.document import DocStatus, Document
from annotator.core.errors import InputError
from annotator.formats.export_jsonl import layer_names
from annotator.formats.tagging import LabelledRange
from annotator.storage import Project
from annotator.storage.span_columns import SpanArrays


def choose_layer(project: Project, annotator: str | None, gold: bool) -> str | None:
    """The annotator whose spans are exported, or None for the gold layer."""
    if gold:
        if annotator is not None:
            raise InputError("choose --annotator NAME or --gold, not both", "choose_layer")
        return None
    if annotator is not None:
        return layer_names(project, annotator)[0]
    names = project.annotators()
    if len(names) == 1:
        return names[0]
    if not names:
        raise InputError(
            "no annotator has worked in this project yet: nothing to export (or choose --gold)",
            "choose_layer",
        )
    raise InputError("several annotators: choose --annotator NAME or --gold", "choose_layer")


class Layer:
    """The documents one layer has worked on, in project order, with their spans.

    Documents are read as they are written, a run of them at a time (`document_runs`), never
    all held at once; iterating again (for the clitic vocabulary or the column count) reads
    them again. `runs` limits the layer to some documents (a worker's share).
    """

    def __init__(
        self, project: Project, annotator: str | None, runs: list[range] | None = None
    ) -> None:
        self.project = project
        self.annotator = annotator
        self.runs = runs
        self.untouched = self.in_progress = 0

    def __iter__(self) -> Iterator[tuple[Document, list[LabelledRange]]]:
        self.untouched = self.in_progress = 0
        project = self.project
        for run in project.document_runs() if self.runs is None else self.runs:
            if self.annotator is None:
                yield from self._gold(run)
                continue
            spans = project.span_ranges_by_document(self.annotator, run)
            for doc in self._worked(run, spans):
                yield doc, spans.get(doc.rowid, [])

    def run_columns(self, run: range) -> tuple[list[Document], SpanArrays]:
        """The documents of one run the layer has worked on, in order, and their spans as
        columns: what a run written at once reads (a tuple per span is most of the time)."""
        if self.annotator is None:
            pairs = list(self._gold(run))
            return [doc for doc, _ in pairs], columns_of(pairs)
        found = self.project.span_columns(run, [self.annotator]).get(self.annotator)
        spans = columns_of([]) if found is None else found
        return list(self._worked(run, set(np.unique(spans.doc).tolist()))), spans

    def _worked(self, run: range, with_spans: Container[int]) -> Iterator[Document]:
        """The run's documents the annotator has worked on (a span, or a status past new),
        counting the rest as untouched and the unfinished as in progress."""
        statuses = self.project.statuses(self.annotator, run)
        for doc in self.project.documents(run):
            status = statuses.get(doc.rowid, DocStatus.NEW)
            if doc.rowid not in with_spans and status is DocStatus.NEW:
                self.untouched += 1
                continue
            self.in_progress += status is not DocStatus.DONE
            yield doc

    def _gold(self, run: range) -> Iterator[tuple[Document, list[LabelledRange]]]:
        project = self.project
        for doc in project.documents(run):
            gold = project.gold_spans(doc.rowid)
            status = project.gold_status(doc.rowid)
            if not gold and status is None:
                self.untouched += 1
                continue
            self.in_progress += status != "done"
            yield doc, [(g.start, g.end, g.label) for g in gold]

    def notes(self) -> list[str]:
        return layer_notes(self.annotator, self.untouched, self.in_progress)


def columns_of(pairs: list[tuple[Document, list[LabelledRange]]]) -> SpanArrays:
    """The spans of (document, spans) pairs as columns."""
    spans = [span for _, doc_spans in pairs for span in doc_spans]
    rowids = [doc.rowid for doc, doc_spans in pairs for _ in doc_spans]
    return SpanArrays(
        np.array(rowids, np.int64),
        np.array([span[0] for span in spans], np.int32),
        np.array([span[1] for span in spans], np.int32),
        np.array([span[2] for span in spans], object),
    )


def layer_notes(annotator: str | None, untouched: int, in_progress: int) -> list[str]:
    """What the report says about the documents a layer left out or has not finished."""
    layer = "the gold layer" if annotator is None else annotator
    notes = []
    if untouched:
        notes.append(
            f"{untouched} document(s) {layer} has not worked on are not written "
            "(no spans, status new)"
        )
    if in_progress:
        notes.append(f"{in_progress} written document(s) are not done yet for {layer}")
    return notes
