"""A reviewer's work on the gold layer: what the review window drives, free of Qt and SQL.

The reviewer compares chosen annotators' spans on each document they all finished, in order
of least agreement first, and decides: accept a proposal into the gold layer (as it is, or
with its range or label corrected), take a gold span back out, accept everything the
annotators agree on (or what most of them made) at once, and mark the document curated,
also when nothing was accepted (every proposal rejected). Names can be hidden: the reviewer
then sees "Annotator 1", "Annotator 2" in a fixed order, while the gold layer still records
the real names.

Every decision is an operation of a Session (core/gold_decisions.py), so the review's undo
and redo are the session's: one history model for every edit in the app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from annotator.core.adjudication import Proposal, Region, agreed, disagreements, majority
from annotator.core.adjudication import proposals as proposals_of
from annotator.core.agreement import per_document_alpha
from annotator.core.comparing import CompareStore, chosen_annotators, compared_documents
from annotator.core.gold import GoldSpan
from annotator.core.gold_decisions import (
    Accept,
    AcceptEdited,
    GoldStore,
    Key,
    MarkCurated,
    Reject,
    RejectAll,
    TakeBack,
    accept,
)
from annotator.core.session import Changes, Session, Store
from annotator.core.spans import Span


class ReviewStore(GoldStore, CompareStore, Store, Protocol):
    """What a review needs from storage (annotator.storage.Project provides it)."""

    def spans(self, doc_rowid: int, annotator: str | None = None) -> list[Span]: ...
    def gold_statuses(self) -> dict[int, str]: ...


@dataclass(frozen=True)
class ReviewItem:
    """A document to review: its row id and id, and how much its annotators agree."""

    rowid: int
    id: str
    alpha: float | None  # Krippendorff's alpha on its tokens; None: nothing to measure
    curated: bool


def document_proposals(store: ReviewStore, doc_rowid: int, annotators: Sequence[str]):
    """The proposals of `annotators` on one document."""
    return proposals_of(
        {name: [s.key()[:3] for s in store.spans(doc_rowid, name)] for name in annotators}
    )


class Review:
    def __init__(
        self,
        store: ReviewStore,
        adjudicator: str,
        annotators: Sequence[str] | None = None,
        anonymous: bool = False,
        history: Session | None = None,
    ) -> None:
        self.store = store
        self.adjudicator = adjudicator
        self.annotators = chosen_annotators(store, list(annotators) if annotators else None)
        self.anonymous = anonymous
        # The reviewer's decisions, done, undone and redone as every edit is.
        self.history = history if history is not None else Session(store, adjudicator)

    def with_annotators(self, annotators: Sequence[str]) -> Review:
        """The same review comparing other annotators. The history goes along: each
        decision is about one document's gold layer, whoever was compared."""
        return Review(self.store, self.adjudicator, annotators, self.anonymous, self.history)

    # -- what is shown ------------------------------------------------------------------------

    def name(self, annotator: str, template: str = "Annotator {number}") -> str:
        """How an annotator is shown: their name, or in anonymous review `template` with
        their number among all the project's annotators (fixed, whoever is compared)."""
        if not self.anonymous:
            return annotator
        return template.format(number=self.store.annotators().index(annotator) + 1)

    def documents(self) -> list[ReviewItem]:
        """The documents every chosen annotator finished, least agreement first (those with
        nothing to measure last), then in project order. It measures every document: ask
        once, not after each decision (decisions do not change the annotators' agreement)."""
        compared, _ = compared_documents(self.store, self.annotators)
        labels = [label.name for label in self.store.labels()]
        alphas = per_document_alpha(compared, self.annotators, labels)
        statuses = self.store.gold_statuses()
        items = []
        for order, (doc, alpha) in enumerate(zip(compared, alphas, strict=True)):
            assert doc.rowid is not None
            item = ReviewItem(doc.rowid, doc.id, alpha, statuses.get(doc.rowid) == "done")
            items.append((order, item))
        items.sort(key=lambda x: (x[1].alpha is None, x[1].alpha or 0.0, x[0]))
        return [item for _, item in items]

    def curated(self, rowid: int) -> bool:
        return self.store.gold_status(rowid) == "done"

    def proposals(self, rowid: int) -> list[Proposal]:
        return document_proposals(self.store, rowid, self.annotators)

    def disagreements(self, rowid: int, found: list[Proposal] | None = None) -> list[Region]:
        """Where the annotators disagree (`found`: the document's proposals, if at hand)."""
        return disagreements(self.proposals(rowid) if found is None else found, self.annotators)

    def gold(self, rowid: int) -> list[GoldSpan]:
        return self.store.gold_spans(rowid)

    def rejected(self, rowid: int) -> set[Key]:
        """The proposals the reviewer rejected on the document."""
        return set(self.store.gold_rejections(rowid))

    # -- undo and redo ------------------------------------------------------------------------

    def can_undo(self) -> bool:
        return self.history.can_undo

    def can_redo(self) -> bool:
        return self.history.can_redo

    def undo(self) -> int | None:
        """Undo the last decision; return the document it was on (None: nothing to undo)."""
        return _document(self.history.undo())

    def redo(self) -> int | None:
        return _document(self.history.redo())

    # -- decisions ----------------------------------------------------------------------------

    def accept(self, rowid: int, proposal: Proposal) -> None:
        """Accept one proposal as it is: decided by the reviewer."""
        self.history.execute(Accept(rowid, self.adjudicator, (proposal,), self.adjudicator))

    def reject(self, rowid: int, proposal: Proposal) -> None:
        """Reject one proposal: it stays out of the gold layer (taken out if it was in),
        and the review shows it decided."""
        self.history.execute(Reject(rowid, self.adjudicator, (proposal,)))

    def accept_agreed(self, rowid: int) -> int:
        """Accept every span all the annotators made identically (recorded as agreed)."""
        return self._accept_all(rowid, agreed, None)

    def accept_majority(self, rowid: int) -> int:
        """Accept every span more than half of the annotators made."""
        return self._accept_all(rowid, majority, self.adjudicator)

    def _accept_all(self, rowid: int, rule: Callable, adjudicator: str | None) -> int:
        """Accept what `rule` chooses; how many spans that added to the gold layer."""
        chosen = tuple(rule(self.proposals(rowid), self.annotators))
        before = len(self.store.gold_spans(rowid))
        self.history.execute(Accept(rowid, self.adjudicator, chosen, adjudicator))
        return len(self.store.gold_spans(rowid)) - before

    def accept_edited(
        self, rowid: int, proposal: Proposal | None, start: int, end: int, label: str
    ) -> GoldSpan:
        """Accept a span with the reviewer's range and label, and return it. It keeps as
        its proposers the annotators of the proposal it corrects (none: the reviewer's own
        span)."""
        gold = GoldSpan(
            start,
            end,
            label,
            agreed_by=proposal.annotators if proposal else (),
            adjudicator=self.adjudicator,
        )
        self.history.execute(AcceptEdited(rowid, self.adjudicator, gold))
        key = (start, end, label)
        return next(g for g in self.store.gold_spans(rowid) if (g.start, g.end, g.label) == key)

    def take_back(self, rowid: int, key: Key) -> None:
        """Take the span with this range and label out of the gold layer (the proposals are
        left as they were, undecided)."""
        self.history.execute(TakeBack(rowid, self.adjudicator, frozenset({key})))

    def reject_all(self, rowid: int) -> None:
        """Reject every proposal, take everything out of the document's gold layer, and mark
        it curated: the annotators' proposals were all wrong. The document stays in the
        gold export, empty."""
        self.history.execute(RejectAll(rowid, self.adjudicator, tuple(self.proposals(rowid))))

    def mark_curated(self, rowid: int) -> None:
        self.history.execute(MarkCurated(rowid, self.adjudicator))


def _document(changes: Changes | None) -> int | None:
    return None if changes is None else changes.doc_rowid


def accept_everywhere(
    store: ReviewStore, annotators: Sequence[str], rule: str, adjudicator: str
) -> tuple[int, int]:
    """`annotator adjudicate`: accept, in every document all of `annotators` finished, the
    proposals every one of them made (`rule` "agreed": no adjudicator is recorded, the
    annotators agreed) or more than half made ("majority": recorded as decided by
    `adjudicator`), except those a reviewer has rejected there. One transaction, with the
    review window's own rules (gold_decisions.accept). Returns (documents touched, spans
    added)."""
    choose = agreed if rule == "agreed" else majority
    decided_by = None if rule == "agreed" else adjudicator
    documents, _ = compared_documents(store, list(annotators))
    touched = added = 0
    with store.transaction():
        for doc in documents:
            assert doc.rowid is not None
            rejected = store.gold_rejections(doc.rowid)
            found = [
                p
                for p in choose(proposals_of(doc.spans), annotators)
                if (p.start, p.end, p.label) not in rejected
            ]
            if not found:
                continue
            count = accept(store, doc.rowid, found, decided_by, adjudicator)
            touched += count > 0
            added += count
    return touched, added
