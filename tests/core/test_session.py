"""The session against a real project file: every change and every undo is on disk at once."""

import pytest

from annotator.core import DocStatus, Document, InputError, Origin, Span
from annotator.core.session import Changes, Session
from annotator.core.suggest import Suggestion
from annotator.storage import Project

TEXT = "قال المرصد السوري إن 12 غارة استهدفت وحماة"


def at(part, text=TEXT):
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "p.db"
    project = Project.open(path, create=True)
    doc = project.add_document(Document("d", TEXT))
    session = Session(project, "amira")
    seen: list[Changes] = []
    session.subscribe(seen.append)
    yield project, session, doc.rowid, seen, path
    project.close()


def on_disk(path, doc_rowid):
    with Project.open(path) as again:
        return [(TEXT[s.start : s.end], s.label, s.attrs) for s in again.spans(doc_rowid)]


def test_add_is_written_at_once_and_announced(setup):
    project, session, doc, seen, path = setup
    changes = session.add(doc, *at("حماة"), "LOCATION")
    assert on_disk(path, doc) == [("حماة", "LOCATION", {})]
    assert seen == [changes] and changes.added[0].rowid is not None
    assert project.status(doc, "amira") is DocStatus.IN_PROGRESS


def test_undo_and_redo_are_persisted_too(setup):
    _, session, doc, _, path = setup
    session.add(doc, *at("حماة"), "LOCATION")
    session.undo()
    assert on_disk(path, doc) == []
    session.redo()
    assert on_disk(path, doc) == [("حماة", "LOCATION", {})]
    assert not session.can_redo and session.can_undo


def test_delete_undo_restores_attrs_and_origin(setup):
    _, session, doc, _, path = setup
    span = session.add(doc, *at("12 غارة"), "NUMBER", {"value": 12}, Origin.SUGGESTED).added[0]
    session.delete(doc, span)
    assert on_disk(path, doc) == []
    restored = session.undo().added[0]
    assert (restored.attrs, restored.origin) == ({"value": 12}, Origin.SUGGESTED)
    assert on_disk(path, doc) == [("12 غارة", "NUMBER", {"value": 12})]


def test_relabel_resize_and_attrs_and_their_undo(setup):
    _, session, doc, _, path = setup
    span = session.add(doc, *at("وحماة"), "ACTOR").added[0]
    span = session.relabel(doc, span, "LOCATION").added[0]
    start, end = at("حماة")
    span = session.resize(doc, span, start, end).added[0]  # leave the conjunction out
    assert on_disk(path, doc) == [("حماة", "LOCATION", {})]
    session.undo()
    session.undo()
    assert on_disk(path, doc) == [("وحماة", "ACTOR", {})]
    session.redo()
    session.redo()
    assert on_disk(path, doc) == [("حماة", "LOCATION", {})]


def test_relabelling_a_number_drops_its_value(setup):
    _, session, doc, _, path = setup
    span = session.add(doc, *at("12 غارة"), "NUMBER", {"value": 12}).added[0]
    span = session.set_attrs(doc, span, {"value": 13})
    assert on_disk(path, doc) == [("12 غارة", "NUMBER", {"value": 13})]
    session.relabel(doc, span.added[0], "ACTOR")
    assert on_disk(path, doc) == [("12 غارة", "ACTOR", {})]
    session.undo()
    assert on_disk(path, doc) == [("12 غارة", "NUMBER", {"value": 13})]


def test_accept_all_is_one_undo_step_and_rejections_stick(setup):
    project, session, doc, _, path = setup
    suggestions = [
        Suggestion(*at("حماة"), "LOCATION"),
        Suggestion(*at("12 غارة"), "NUMBER", {"value": 12}, "number"),
    ]
    session.accept(doc, suggestions)
    assert {(t, lab) for t, lab, _ in on_disk(path, doc)} == {
        ("حماة", "LOCATION"),
        ("12 غارة", "NUMBER"),
    }
    session.undo()
    assert on_disk(path, doc) == []
    session.reject(doc, suggestions[:1])
    assert project.rejected_suggestions(doc, "amira") == {(*at("حماة"), "LOCATION")}
    session.undo()
    assert project.rejected_suggestions(doc, "amira") == set()


def test_status_changes_undo(setup):
    project, session, doc, _, _ = setup
    session.set_status(doc, DocStatus.DONE)
    assert project.status(doc, "amira") is DocStatus.DONE
    session.undo()
    assert project.status(doc, "amira") is DocStatus.NEW


def test_a_refused_operation_changes_nothing_and_leaves_history_alone(setup):
    _, session, doc, seen, path = setup
    session.add(doc, *at("حماة"), "LOCATION")
    with pytest.raises(InputError, match="already has a LOCATION span"):
        session.add(doc, *at("حماة"), "LOCATION")
    with pytest.raises(InputError, match="out of range"):
        session.add(doc, 0, 999, "ACTOR")
    assert len(list(session.history())) == 1 and len(seen) == 1
    session.undo()
    assert on_disk(path, doc) == []


def test_undo_of_a_span_someone_else_removed_says_so(setup):
    project, session, doc, _, _ = setup
    span = session.add(doc, *at("حماة"), "LOCATION").added[0]
    project.delete_span(span.rowid)  # e.g. another window
    with pytest.raises(InputError, match="no longer there"):
        session.undo()


def test_history_spans_documents(setup):
    project, session, doc, _, path = setup
    other = project.add_document(Document("e", "نص آخر عن ادلب")).rowid
    session.add(doc, *at("حماة"), "LOCATION")
    session.add(other, 7, 11, "LOCATION")
    assert session.undo().doc_rowid == other
    assert session.undo().doc_rowid == doc
    assert on_disk(path, doc) == [] and project.spans(other) == []


def test_a_session_needs_an_annotator(project):
    with pytest.raises(InputError):
        Session(project, " ")


def test_span_without_attrs_default(setup):
    _, session, doc, _, _ = setup
    span = session.add(doc, *at("حماة"), "LOCATION").added[0]
    assert span == Span(*at("حماة"), "LOCATION", "amira")


def test_listeners_hear_after_the_history_is_updated(setup):
    _, session, doc, _, _ = setup
    seen = []
    session.subscribe(lambda changes: seen.append((session.can_undo, session.can_redo)))
    session.add(doc, *at("حماة"), "LOCATION")
    session.undo()
    session.redo()
    assert seen == [(True, False), (False, True), (True, False)]


def test_a_failed_undo_keeps_the_history(setup):
    project, session, doc, _, _ = setup
    span = session.add(doc, *at("حماة"), "LOCATION").added[0]
    project.delete_span(span.rowid)
    with pytest.raises(InputError):
        session.undo()
    assert session.can_undo and not session.can_redo


def test_undoing_the_first_edit_puts_the_document_back_to_new(setup):
    # The store moves a new document to "in progress" on the first edit; undone, the edit
    # leaves no trace: the annotator is not counted as having worked on the document.
    project, session, doc, seen, _ = setup
    session.add(doc, *at("حماة"), "LOCATION")
    assert seen[-1].status is DocStatus.IN_PROGRESS
    session.undo()
    assert project.status(doc, "amira") is DocStatus.NEW
    assert project.annotators() == []
    session.redo()
    assert project.status(doc, "amira") is DocStatus.IN_PROGRESS
    session.undo()
    assert project.status(doc, "amira") is DocStatus.NEW


def test_undo_keeps_a_status_the_edit_did_not_change(setup):
    project, session, doc, _, _ = setup
    session.set_status(doc, DocStatus.DONE)
    session.add(doc, *at("حماة"), "LOCATION")  # a span added to a finished document
    session.undo()
    assert project.status(doc, "amira") is DocStatus.DONE


def test_an_edit_across_documents_is_one_step_of_the_history(setup):
    project, session, doc, seen, path = setup
    other = project.add_document(Document("e", "قصف على حماة")).rowid
    found = [(doc, [Suggestion(*at("حماة"), "LOCATION")]), (other, [Suggestion(8, 12, "LOCATION")])]
    changes = session.accept_across(found)
    assert [c.doc_rowid for c in changes] == [doc, other] and all(c.across for c in changes)
    assert seen[-2:] == list(changes)
    assert [s.origin for s in project.spans(other)] == [Origin.SUGGESTED]
    undone = session.undo()
    assert {c.doc_rowid for c in undone} == {doc, other}
    assert project.spans(doc) == [] and project.spans(other) == []
    assert project.status(other, "amira") is DocStatus.NEW
    session.redo()
    assert on_disk(path, doc) == [("حماة", "LOCATION", {})] and len(project.spans(other)) == 1
    assert session.accept_across([(doc, [])]) == ()


def test_an_edit_after_an_undo_to_new_moves_the_document_on_again(setup):
    project, session, doc, _, _ = setup
    session.add(doc, *at("حماة"), "LOCATION")
    session.undo()  # back to new
    session.add(doc, *at("12 غارة"), "NUMBER")
    assert project.status(doc, "amira") is DocStatus.IN_PROGRESS
    session.set_status(doc, DocStatus.DONE)
    session.undo()  # done -> in progress again, as it was
    assert project.status(doc, "amira") is DocStatus.IN_PROGRESS
