"""A reviewer's decisions on a document's gold layer, as operations of the session.

Each decision (accept proposals, reject them, take a gold span back out, accept a corrected
span, reject everything, mark the document curated) is an Operation, done through a
Session like every edit of an annotator's spans: one history, one undo model. A decision is
undone by putting the document's whole gold layer back as it was before (its spans with
their provenance and decision times, its status, its rejections), and redone by putting
back the layer it left: however a decision got there, undo and redo give back exactly
what was there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from annotator.core.adjudication import Proposal
from annotator.core.gold import GoldSpan
from annotator.core.session import Changes, Key, Operation


class GoldStore(Protocol):
    """What gold decisions need from storage (annotator.storage.Project provides it)."""

    def transaction(self) -> AbstractContextManager[None]: ...
    def gold_spans(self, doc_rowid: int) -> list[GoldSpan]: ...
    def add_gold_span(self, doc_rowid: int, gold: GoldSpan) -> GoldSpan: ...
    def delete_gold_span(self, gold_rowid: int) -> None: ...
    def gold_status(self, doc_rowid: int) -> str | None: ...
    def set_gold_status(self, doc_rowid: int, status: str, adjudicator: str) -> None: ...
    def clear_gold_status(self, doc_rowid: int) -> None: ...
    def gold_rejections(self, doc_rowid: int) -> dict[Key, tuple[str, str]]: ...
    def reject_proposals(self, doc_rowid: int, keys: Iterable[Key], adjudicator: str) -> None: ...
    def unreject_proposals(self, doc_rowid: int, keys: Iterable[Key]) -> None: ...
    def restore_gold_rejections(
        self, doc_rowid: int, rejections: dict[Key, tuple[str, str]]
    ) -> None: ...


@dataclass(frozen=True)
class GoldState:
    """A document's gold layer at one moment: its spans (with provenance) and status, and
    the proposals rejected (with who rejected them and when)."""

    spans: tuple[GoldSpan, ...]
    status: str | None
    rejected: tuple[tuple[Key, tuple[str, str]], ...]

    @classmethod
    def of(cls, store: GoldStore, doc_rowid: int) -> GoldState:
        return cls(
            tuple(store.gold_spans(doc_rowid)),
            store.gold_status(doc_rowid),
            tuple(sorted(store.gold_rejections(doc_rowid).items())),
        )


def take_out(store: GoldStore, doc_rowid: int, keys: AbstractSet[Key] | None = None) -> None:
    """Delete the document's gold spans with these (start, end, label), or all of them."""
    with store.transaction():
        for gold in store.gold_spans(doc_rowid):
            if keys is None or (gold.start, gold.end, gold.label) in keys:
                assert gold.rowid is not None
                store.delete_gold_span(gold.rowid)


def mark_in_progress(store: GoldStore, doc_rowid: int, reviewer: str) -> None:
    """A first decision on a document starts its adjudication; a later one changes nothing."""
    if store.gold_status(doc_rowid) is None:
        store.set_gold_status(doc_rowid, "in_progress", reviewer)


def accept(
    store: GoldStore,
    doc_rowid: int,
    chosen: Sequence[Proposal],
    adjudicator: str | None,
    reviewer: str,
) -> int:
    """Add the proposals the gold layer has not got yet, recorded as decided by
    `adjudicator` (None: accepted because the annotators agreed); an accepted proposal is
    no longer rejected, and the document's adjudication is under way (by `reviewer`).
    Returns how many were added."""
    with store.transaction():
        have = {(g.start, g.end, g.label) for g in store.gold_spans(doc_rowid)}
        added = 0
        for proposal in chosen:
            if (proposal.start, proposal.end, proposal.label) not in have:
                store.add_gold_span(doc_rowid, proposal.gold(adjudicator))
                added += 1
        store.unreject_proposals(doc_rowid, [(p.start, p.end, p.label) for p in chosen])
        mark_in_progress(store, doc_rowid, reviewer)
    return added


@dataclass(frozen=True)
class RestoreGold:
    """Put a document's gold layer back as `state` holds it (what undo and redo do). Who
    set the status is not part of the state: `reviewer` is recorded."""

    doc_rowid: int
    state: GoldState
    reviewer: str

    def apply(self, store: GoldStore) -> tuple[Changes, Operation]:
        before = GoldState.of(store, self.doc_rowid)
        with store.transaction():
            take_out(store, self.doc_rowid)
            for gold in self.state.spans:
                store.add_gold_span(self.doc_rowid, gold)
            store.restore_gold_rejections(self.doc_rowid, dict(self.state.rejected))
            if self.state.status is None:
                store.clear_gold_status(self.doc_rowid)
            else:
                store.set_gold_status(self.doc_rowid, self.state.status, self.reviewer)
        inverse = RestoreGold(self.doc_rowid, before, self.reviewer)
        return Changes(self.doc_rowid, gold=True), inverse


@dataclass(frozen=True)
class GoldDecision:
    """A decision on one document's gold layer by `reviewer`; `decide` makes it."""

    doc_rowid: int
    reviewer: str

    def decide(self, store: GoldStore) -> None:
        raise NotImplementedError

    def apply(self, store: GoldStore) -> tuple[Changes, Operation]:
        before = GoldState.of(store, self.doc_rowid)
        with store.transaction():
            self.decide(store)
        if GoldState.of(store, self.doc_rowid) == before:  # decided so already
            return Changes(self.doc_rowid), RestoreGold(self.doc_rowid, before, self.reviewer)
        return Changes(self.doc_rowid, gold=True), RestoreGold(
            self.doc_rowid, before, self.reviewer
        )


@dataclass(frozen=True)
class Accept(GoldDecision):
    """Accept proposals as they are, decided by `adjudicator` (None: on agreement)."""

    proposals: tuple[Proposal, ...]
    adjudicator: str | None

    def decide(self, store: GoldStore) -> None:
        accept(store, self.doc_rowid, self.proposals, self.adjudicator, self.reviewer)


@dataclass(frozen=True)
class AcceptEdited(GoldDecision):
    """Accept a span the reviewer corrected (range or label)."""

    gold: GoldSpan

    def decide(self, store: GoldStore) -> None:
        store.add_gold_span(self.doc_rowid, self.gold)
        mark_in_progress(store, self.doc_rowid, self.reviewer)


@dataclass(frozen=True)
class Reject(GoldDecision):
    """Reject proposals: they stay out of the gold layer (taken out if they were in)."""

    proposals: tuple[Proposal, ...]

    def decide(self, store: GoldStore) -> None:
        keys = {(p.start, p.end, p.label) for p in self.proposals}
        take_out(store, self.doc_rowid, keys)
        store.reject_proposals(self.doc_rowid, keys, self.reviewer)
        mark_in_progress(store, self.doc_rowid, self.reviewer)


@dataclass(frozen=True)
class TakeBack(GoldDecision):
    """Take the gold spans with these keys back out (the proposals stay undecided)."""

    keys: frozenset[Key]

    def decide(self, store: GoldStore) -> None:
        take_out(store, self.doc_rowid, self.keys)


@dataclass(frozen=True)
class RejectAll(GoldDecision):
    """Every proposal was wrong: reject them all, empty the gold layer, mark it curated."""

    proposals: tuple[Proposal, ...]

    def decide(self, store: GoldStore) -> None:
        Reject(self.doc_rowid, self.reviewer, self.proposals).decide(store)
        take_out(store, self.doc_rowid)
        store.set_gold_status(self.doc_rowid, "done", self.reviewer)


@dataclass(frozen=True)
class MarkCurated(GoldDecision):
    def decide(self, store: GoldStore) -> None:
        store.set_gold_status(self.doc_rowid, "done", self.reviewer)
