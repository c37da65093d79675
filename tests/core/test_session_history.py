"""The session's history on an in-memory store (no SQLite): undo and redo retrace exactly
the edits made, and a new edit after an undo ends the redo history."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.document import DocStatus
from annotator.core.errors import InputError
from annotator.core.session import Session
from annotator.core.suggest import Suggestion
from tests.core.fake_store import FakeStore

LABELS = ("ACTOR", "LOCATION", "NUMBER")
LENGTH = 30


def fresh() -> tuple[FakeStore, Session]:
    store = FakeStore({1: LENGTH, 2: LENGTH})
    return store, Session(store, "amira")


def test_a_new_edit_after_an_undo_ends_the_redo_history():
    store, session = fresh()
    session.add(1, 0, 4, "ACTOR")  # A
    session.undo()
    session.add(1, 10, 14, "LOCATION")  # B
    assert not session.can_redo
    assert session.redo() is None  # A does not come back
    assert [(s.start, s.label) for s in store.spans.values()] == [(10, "LOCATION")]


def test_a_refused_edit_leaves_the_redo_history_alone():
    store, session = fresh()
    session.add(1, 0, 4, "ACTOR")
    session.undo()
    with contextlib.suppress(InputError):
        session.add(1, 0, 99, "ACTOR")  # out of range: refused, nothing happened
    assert session.can_redo
    session.redo()
    assert [(s.start, s.end) for s in store.spans.values()] == [(0, 4)]


def test_undoing_a_first_edit_puts_the_document_back_to_new():
    store, session = fresh()
    session.add(2, 0, 4, "ACTOR")
    assert store.status(2, "amira") is DocStatus.IN_PROGRESS
    session.undo()
    assert store.status(2, "amira") is DocStatus.NEW


ranges = st.tuples(st.integers(0, LENGTH - 1), st.integers(1, 8)).map(
    lambda r: (r[0], min(LENGTH, r[0] + r[1]))
)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from([1, 2]), ranges, st.sampled_from(LABELS)),
        st.tuples(st.just("accept"), st.sampled_from([1, 2]), ranges, st.sampled_from(LABELS)),
        st.tuples(st.just("reject"), st.sampled_from([1, 2]), ranges, st.sampled_from(LABELS)),
        st.tuples(st.just("relabel"), st.integers(0, 50), st.sampled_from(LABELS)),
        st.tuples(st.just("resize"), st.integers(0, 50), st.integers(-2, 2)),
        st.tuples(st.just("delete"), st.integers(0, 50)),
        st.tuples(st.just("done"), st.sampled_from([1, 2])),
        st.tuples(st.just("undo")),
        st.tuples(st.just("redo")),
    ),
    max_size=25,
)


def _do(session: Session, store: FakeStore, step: tuple) -> None:
    kind = step[0]
    spans = sorted(store.spans.values(), key=lambda s: s.rowid)
    doc_of = store.where
    if kind == "add":
        session.add(step[1], *step[2], step[3])
    elif kind == "accept":
        session.accept(step[1], [Suggestion(*step[2], step[3])])
    elif kind == "reject":
        session.reject(step[1], [Suggestion(*step[2], step[3])])
    elif kind == "done":
        session.set_status(step[1], DocStatus.DONE)
    elif kind == "undo":
        session.undo()
    elif kind == "redo":
        session.redo()
    elif spans:
        span = spans[step[1] % len(spans)]
        doc = doc_of[span.rowid]
        if kind == "relabel":
            session.relabel(doc, span, step[2])
        elif kind == "resize":
            session.resize(doc, span, span.start, span.end + step[2])
        else:
            session.delete(doc, span)


@settings(max_examples=150, deadline=None)
@given(steps)
def test_undo_retraces_every_edit_and_redo_replays_them(chosen):
    store, session = fresh()
    start = store.state()
    for step in chosen:
        with contextlib.suppress(InputError):  # refused: nothing changed, nothing remembered
            _do(session, store, step)
    while session.can_redo:  # to the end of the history first
        session.redo()
    # Whatever happened, undoing everything gives back the start, a step at a time...
    end = store.state()
    undone = []
    while session.can_undo:
        session.undo()
        undone.append(store.state())
    assert store.state() == start
    # ...and redoing everything gives back the end, through the same states in reverse.
    redone = []
    while session.can_redo:
        session.redo()
        redone.append(store.state())
    assert redone == [*reversed(undone[:-1]), end] if undone else redone == []
