"""The window's suggestions: numbers, the project lexicon, which learns each name an
annotator labels, so that its other mentions are suggested at once, and the project's
tagger once it is good enough (gui/tagger.py)."""

from __future__ import annotations

from annotator.core.assistance import is_control
from annotator.core.document import DocStatus, Document
from annotator.core.labels import LabelSet
from annotator.core.session import Changes
from annotator.core.spans import Span
from annotator.core.suggest import (
    NUMBER_LABEL,
    Lexicon,
    Suggestion,
    lexicon_from_spans,
    suggest,
)
from annotator.gui.article_view import Suggester
from annotator.gui.tagger import Tagger
from annotator.storage import Project


def read_lexicon(project: Project) -> Lexicon:
    """The names every span of the project labels, numbers aside."""
    return lexicon_from_spans(project.span_texts(exclude_labels=(NUMBER_LABEL,)))


class ProjectSuggestions:
    def __init__(self, project: Project, labels: LabelSet, tagger: Tagger | None = None) -> None:
        self.project = project
        self.tagger = tagger
        self.active = {label.name for label in labels.active()}
        self._lexicon: Lexicon | None = None  # read when first needed
        self._control: dict[tuple[int, str], bool] = {}  # decided: (document, annotator)

    @property
    def lexicon(self) -> Lexicon:
        """The project lexicon, learnt from every span when first needed: a second for
        half a million spans, which a long document opened in the background does not
        wait for (its load reads the lexicon too, and `provide`s it)."""
        if self._lexicon is None:
            self._lexicon = read_lexicon(self.project)
        return self._lexicon

    @property
    def has_lexicon(self) -> bool:
        return self._lexicon is not None

    def provide(self, lexicon: Lexicon) -> None:
        """A lexicon `read_lexicon` read with another connection, taken if none was read
        since (one read here is as new, and may have learnt since)."""
        if self._lexicon is None:
            self._lexicon = lexicon

    def reload(self) -> None:
        """Read the lexicon afresh when next needed (another program wrote to the
        project)."""
        self._lexicon = None

    def is_control(self, doc: Document, annotator: str) -> bool:
        """Whether `annotator` works `doc` without any suggestion (core/assistance.py).

        Decided once per document and annotator, the first time the document is open while
        the model suggests, and recorded: the assisted and the control documents are then
        each seen one way only. A document the annotator began before that is not recorded
        and keeps its suggestions; before the model suggests, nothing is a control."""
        key = (doc.rowid, annotator)
        if key in self._control:
            return self._control[key]
        seen = self.project.assistance_of(doc.rowid, annotator)
        if seen is None:
            if self.tagger is None or self.tagger.usable() is None:
                return False  # not decided yet
            if self.project.status(doc.rowid, annotator) is not DocStatus.NEW:
                self._control[key] = False  # begun with the suggestions it had: unrecorded
                return False
            seen = not is_control(doc.hash, self.project.control_share())
            self.project.record_assistance(doc.rowid, annotator, seen)
        self._control[key] = not seen
        return not seen

    def for_document(self, doc: Document, spans: list[Span], annotator: str) -> Suggester:
        """Suggestions in a stretch of `doc`, which the article asks for a paragraph at a
        time as it shows them, from the lexicon and the model as they are when asked; none
        in a control document. Neither a span nor a rejected suggestion is suggested."""
        skip = {s.key() for s in spans}
        skip |= self.project.rejected_suggestions(doc.rowid, annotator)
        return self.suggester(doc, annotator, skip)

    def suggester(self, doc: Document, annotator: str, skip: set) -> Suggester:
        """`for_document`, given the keys of its spans and rejected suggestions (`skip`),
        read already (by a worker thread: gui/span_loading.py)."""
        self.is_control(doc, annotator)  # decided now, if the model suggests already
        numbers = NUMBER_LABEL in self.active
        active = self.active

        def found(start: int, end: int) -> list[Suggestion]:
            if self.is_control(doc, annotator):
                return []
            every = suggest(
                doc.text, self.lexicon, numbers=numbers, skip=skip, start=start, end=end
            )
            model = self.tagger.usable() if self.tagger is not None else None
            if model is not None:  # where the rules found the same, theirs is kept (a value)
                found = {s.key() for s in every}
                min_score = self.tagger.settings.min_score
                every += [
                    s
                    for s in model.suggestions(doc.text, start, end, self.lexicon, min_score)
                    if s.key() not in skip and s.key() not in found
                ]
            return sorted((s for s in every if s.label in active), key=Suggestion.key)

        return found

    def learn(self, changes: Changes, text: str) -> list[str]:
        """Learn the names `changes` labelled in `text`, and unlearn those it took away (a
        relabel takes the old label back); the terms it now suggests otherwise."""
        learnt = []
        for span in changes.removed:
            term = text[span.start : span.end]
            if span.label != NUMBER_LABEL and self.lexicon.forget(term, span.label):
                learnt.append(term)
        for span in changes.added:
            term = text[span.start : span.end]
            if span.label != NUMBER_LABEL and self.lexicon.add(term, span.label):
                learnt.append(term)
        return learnt
