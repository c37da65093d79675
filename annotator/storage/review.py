"""A reviewer's work on the gold layer: what the review window drives, free of Qt.

The reviewer compares chosen annotators' spans on each document they all finished, in order
of least agreement first, and decides: accept a proposal into the gold layer (as it is, or
with its range or label corrected), take a gold span back out, accept everything the
annotators agree on (or what most of them made) at once, and mark the document curated,
also when nothing was accepted (every proposal rejected). Names can be hidden: the reviewer
then sees "Annotator 1", "Annotator 2" in a fixed order, while the gold layer still records
the real names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.adjudication import Proposal, Region, agreed, disagreements, majority
from annotator.core.agreement import per_document_alpha
from annotator.core.gold import GoldSpan
from annotator.storage.adjudicating import accept, document_proposals, mark_in_progress
from annotator.storage.compare import chosen_annotators, compared_documents
from annotator.storage.project import Project

Key = tuple[int, int, str]  # a proposal's (start, end, label)


@dataclass(frozen=True)
class ReviewItem:
    """A document to review: its row id and id, and how much its annotators agree."""

    rowid: int
    id: str
    alpha: float | None  # Krippendorff's alpha on its tokens; None: nothing to measure
    curated: bool


@dataclass(frozen=True)
class _State:
    """A document's gold layer at one moment: its spans (with provenance) and status."""

    spans: tuple[GoldSpan, ...]
    status: str | None
    rejected: tuple[tuple[Key, tuple[str, str]], ...]  # with who rejected and when


@dataclass(frozen=True)
class _Decision:
    rowid: int
    before: _State
    after: _State


class Review:
    def __init__(
        self,
        project: Project,
        adjudicator: str,
        annotators: Sequence[str] | None = None,
        anonymous: bool = False,
    ) -> None:
        self.project = project
        self.adjudicator = adjudicator
        self.annotators = chosen_annotators(project, list(annotators) if annotators else None)
        self.anonymous = anonymous
        self._undo: list[_Decision] = []
        self._redo: list[_Decision] = []

    def with_annotators(self, annotators: Sequence[str]) -> Review:
        """The same review comparing other annotators. The undo history goes along: each
        decision is about one document's gold layer, whoever was compared."""
        other = Review(self.project, self.adjudicator, annotators, self.anonymous)
        other._undo, other._redo = self._undo, self._redo
        return other

    # -- what is shown ------------------------------------------------------------------------

    def name(self, annotator: str, template: str = "Annotator {number}") -> str:
        """How an annotator is shown: their name, or in anonymous review `template` with
        their number among all the project's annotators (fixed, whoever is compared)."""
        if not self.anonymous:
            return annotator
        return template.format(number=self.project.annotators().index(annotator) + 1)

    def documents(self) -> list[ReviewItem]:
        """The documents every chosen annotator finished, least agreement first (those with
        nothing to measure last), then in project order. It measures every document: ask
        once, not after each decision (decisions do not change the annotators' agreement)."""
        compared, _ = compared_documents(self.project, self.annotators)
        labels = [label.name for label in self.project.labels()]
        alphas = per_document_alpha(compared, self.annotators, labels)
        statuses = self.project.gold_statuses()
        items = []
        for order, (doc, alpha) in enumerate(zip(compared, alphas, strict=True)):
            assert doc.rowid is not None
            item = ReviewItem(doc.rowid, doc.id, alpha, statuses.get(doc.rowid) == "done")
            items.append((order, item))
        items.sort(key=lambda x: (x[1].alpha is None, x[1].alpha or 0.0, x[0]))
        return [item for _, item in items]

    def curated(self, rowid: int) -> bool:
        return self.project.gold_status(rowid) == "done"

    def proposals(self, rowid: int) -> list[Proposal]:
        return document_proposals(self.project, rowid, self.annotators)

    def disagreements(self, rowid: int, found: list[Proposal] | None = None) -> list[Region]:
        """Where the annotators disagree (`found`: the document's proposals, if at hand)."""
        return disagreements(self.proposals(rowid) if found is None else found, self.annotators)

    def gold(self, rowid: int) -> list[GoldSpan]:
        return self.project.gold_spans(rowid)

    # -- undo and redo ------------------------------------------------------------------------
    #
    # Every decision changes one document's gold layer. Each is remembered as that layer
    # before and after, so undo and redo put the whole layer back as it was, provenance and
    # decision times included, however the decision got there.

    def _state(self, rowid: int) -> _State:
        return _State(
            tuple(self.project.gold_spans(rowid)),
            self.project.gold_status(rowid),
            tuple(sorted(self.project.gold_rejections(rowid).items())),
        )

    def _restore(self, rowid: int, state: _State) -> None:
        with self.project.transaction():
            self._take_out(rowid)
            for gold in state.spans:
                self.project.add_gold_span(rowid, gold)
            self.project.restore_gold_rejections(rowid, dict(state.rejected))
            if state.status is None:
                self.project.clear_gold_status(rowid)
            else:
                # Who set the status is not part of the state shown: the reviewer's.
                self.project.set_gold_status(rowid, state.status, self.adjudicator)

    def _decide(self, rowid: int, action):
        before = self._state(rowid)
        result = action()
        after = self._state(rowid)
        if after != before:
            self._undo.append(_Decision(rowid, before, after))
            self._redo.clear()
        return result

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> int | None:
        """Undo the last decision; return the document it was on (None: nothing to undo)."""
        return self._replay(self._undo, self._redo, after=False)

    def redo(self) -> int | None:
        return self._replay(self._redo, self._undo, after=True)

    def _replay(self, source: list[_Decision], target: list[_Decision], after: bool) -> int | None:
        if not source:
            return None
        decision = source[-1]
        self._restore(decision.rowid, decision.after if after else decision.before)
        # Moved only once restored: a refused write (the project busy) keeps it to try again.
        target.append(source.pop())
        return decision.rowid

    # -- decisions ----------------------------------------------------------------------------

    def accept(self, rowid: int, proposal: Proposal) -> None:
        """Accept one proposal as it is: decided by the reviewer."""
        self._decide(rowid, lambda: self._accept(rowid, [proposal], self.adjudicator))

    def rejected(self, rowid: int) -> set[Key]:
        """The proposals the reviewer rejected on the document."""
        return set(self.project.gold_rejections(rowid))

    def reject(self, rowid: int, proposal: Proposal) -> None:
        """Reject one proposal: it stays out of the gold layer (taken out if it was in),
        and the review shows it decided."""
        self._decide(rowid, lambda: self._reject(rowid, [proposal]))

    def accept_agreed(self, rowid: int) -> int:
        """Accept every span all the annotators made identically (recorded as agreed)."""
        chosen = agreed(self.proposals(rowid), self.annotators)
        return self._decide(rowid, lambda: self._accept(rowid, chosen, None))

    def accept_majority(self, rowid: int) -> int:
        """Accept every span more than half of the annotators made."""
        chosen = majority(self.proposals(rowid), self.annotators)
        return self._decide(rowid, lambda: self._accept(rowid, chosen, self.adjudicator))

    def accept_edited(
        self, rowid: int, proposal: Proposal | None, start: int, end: int, label: str
    ) -> GoldSpan:
        """Accept a span with the reviewer's range and label. It keeps as its proposers the
        annotators of the proposal it corrects (none: the reviewer's own span)."""
        gold = GoldSpan(
            start,
            end,
            label,
            agreed_by=proposal.annotators if proposal else (),
            adjudicator=self.adjudicator,
        )

        def add() -> GoldSpan:
            with self.project.transaction():
                added = self.project.add_gold_span(rowid, gold)
                mark_in_progress(self.project, rowid, self.adjudicator)
            return added

        return self._decide(rowid, add)

    def take_back(self, rowid: int, key: Key) -> None:
        """Take the span with this range and label out of the gold layer (the proposals are
        left as they were, undecided)."""

        self._decide(rowid, lambda: self._take_out(rowid, {key}))

    def reject_all(self, rowid: int) -> None:
        """Reject every proposal, take everything out of the document's gold layer, and mark
        it curated: the annotators' proposals were all wrong. The document stays in the
        gold export, empty."""

        def reject_all() -> None:
            with self.project.transaction():
                self._take_out(rowid)
                self._reject(rowid, self.proposals(rowid))
                self.project.set_gold_status(rowid, "done", self.adjudicator)

        self._decide(rowid, reject_all)

    def mark_curated(self, rowid: int) -> None:
        self._decide(rowid, lambda: self.project.set_gold_status(rowid, "done", self.adjudicator))

    def _accept(self, rowid: int, chosen: list[Proposal], adjudicator: str | None) -> int:
        return accept(self.project, rowid, chosen, adjudicator, self.adjudicator)

    def _reject(self, rowid: int, chosen: Sequence[Proposal]) -> None:
        keys = {(p.start, p.end, p.label) for p in chosen}
        with self.project.transaction():
            self._take_out(rowid, keys)
            self.project.reject_proposals(rowid, keys, self.adjudicator)
            mark_in_progress(self.project, rowid, self.adjudicator)

    def _take_out(self, rowid: int, keys: set[Key] | None = None) -> None:
        """Delete the document's gold spans with these (start, end, label), or all of them."""
        with self.project.transaction():
            for gold in self.project.gold_spans(rowid):
                if keys is None or (gold.start, gold.end, gold.label) in keys:
                    assert gold.rowid is not None
                    self.project.delete_gold_span(gold.rowid)
