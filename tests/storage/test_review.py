"""The reviewer's decisions on the gold layer, as the review window makes them."""

import json
import sqlite3
from contextlib import contextmanager

import pytest

from annotator.core import Document, InputError, ProjectError, Span
from annotator.core.review import Review
from annotator.formats.export_jsonl import export_jsonl

RAID = "قصفت قوات النظام بلدة كفرنبل وحماة"
CALM = "قال المرصد السوري إن الهدوء عاد إلى حلب"


def at(text, part):
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def reviewed(project):
    raid = project.add_document(Document("raid", RAID))
    calm = project.add_document(Document("calm", CALM))
    spans = {
        "amira": [(RAID, "قوات النظام", "ACTOR"), (RAID, "حماة", "LOCATION"),
                  (CALM, "المرصد السوري", "SOURCE"), (CALM, "حلب", "LOCATION")],
        "omar": [(RAID, "قوات النظام", "ACTOR"), (RAID, "وحماة", "LOCATION"),
                 (CALM, "المرصد السوري", "SOURCE"), (CALM, "حلب", "LOCATION")],
        "zaid": [(RAID, "قوات النظام", "ACTOR"), (RAID, "حماة", "ACTOR"),
                 (CALM, "المرصد السوري", "SOURCE"), (CALM, "حلب", "LOCATION")],
    }  # fmt: skip
    for name, found in spans.items():
        for text, part, label in found:
            doc = raid if text == RAID else calm
            project.add_span(doc.rowid, Span(*at(text, part), label, name))
        for doc in (raid, calm):
            project.set_status(doc.rowid, name, "done")
    return Review(project, "lina"), raid.rowid, calm.rowid


def test_documents_come_least_agreement_first(reviewed):
    review, _, _ = reviewed
    items = review.documents()
    assert [item.id for item in items] == ["raid", "calm"]
    assert items[0].alpha < items[1].alpha == 1.0
    assert not any(item.curated for item in items)


def test_accept_agreed_then_decide_the_disagreements(reviewed, project):
    review, raid, _ = reviewed
    assert [(r.start, r.end) for r in review.disagreements(raid)] == [(29, 34)]
    assert review.accept_agreed(raid) == 1
    [actor] = review.gold(raid)
    assert (actor.label, actor.agreed_by, actor.adjudicator) == (
        "ACTOR", ("amira", "omar", "zaid"), None,
    )  # fmt: skip
    assert project.gold_status(raid) == "in_progress"
    # حماة: amira said LOCATION, zaid ACTOR; the reviewer takes amira's.
    hama = next(p for p in review.proposals(raid) if p.label == "LOCATION" and p.start == 30)
    review.accept(raid, hama)
    review.accept(raid, hama)  # twice: still once
    assert [(g.label, g.agreed_by, g.adjudicator) for g in review.gold(raid)][1] == (
        "LOCATION", ("amira",), "lina",
    )  # fmt: skip
    review.mark_curated(raid)
    assert project.gold_status(raid) == "done"
    assert next(item for item in review.documents() if item.id == "raid").curated


def test_an_edited_span_keeps_its_proposers_and_can_be_taken_back(reviewed):
    review, raid, _ = reviewed
    wrong = next(p for p in review.proposals(raid) if p.label == "ACTOR" and p.start == 30)
    edited = review.accept_edited(raid, wrong, 30, 34, "LOCATION")
    assert (edited.agreed_by, edited.adjudicator) == (("zaid",), "lina")
    with pytest.raises(InputError, match="already has a LOCATION span at 30-34"):
        review.accept_edited(raid, None, 30, 34, "LOCATION")
    review.take_back(raid, (edited.start, edited.end, edited.label))
    assert review.gold(raid) == []


def test_majority_and_reject_all(reviewed, project, tmp_path):
    review, raid, calm = reviewed
    assert review.accept_majority(raid) == 1  # only قوات النظام has more than half
    assert review.accept_majority(calm) == 2
    review.reject_all(raid)  # every proposal judged wrong: curated, empty
    assert review.gold(raid) == [] and project.gold_status(raid) == "done"
    out = tmp_path / "gold.jsonl"
    export_jsonl(project, out, gold=True)
    lines = {line["id"]: line for line in map(json.loads, out.read_text("utf-8").splitlines())}
    assert lines["raid"]["spans"] == [] and lines["raid"]["status"] == "done"
    assert len(lines["calm"]["spans"]) == 2


def test_anonymous_review_hides_names_but_the_gold_layer_keeps_them(reviewed):
    review, raid, _ = reviewed
    hidden = Review(review.store, "lina", anonymous=True)
    assert [hidden.name(n) for n in hidden.annotators] == [
        "Annotator 1", "Annotator 2", "Annotator 3",
    ]  # fmt: skip
    assert review.name("omar") == "omar"
    hidden.accept_agreed(raid)
    assert hidden.gold(raid)[0].agreed_by == ("amira", "omar", "zaid")


def test_undo_and_redo_put_the_gold_layer_back_exactly(reviewed, project):
    review, raid, calm = reviewed
    assert not review.can_undo()
    review.accept_agreed(raid)
    [agreed] = review.gold(raid)
    review.accept_majority(calm)
    review.reject_all(raid)
    assert review.gold(raid) == [] and project.gold_status(raid) == "done"
    assert review.undo() == raid  # the rejection
    [back] = review.gold(raid)
    assert (back.agreed_by, back.adjudicator, back.decided_at) == (
        agreed.agreed_by, agreed.adjudicator, agreed.decided_at,
    )  # fmt: skip
    assert project.gold_status(raid) == "in_progress"
    assert review.undo() == calm and review.gold(calm) == []
    assert review.undo() == raid and review.gold(raid) == []
    assert project.gold_status(raid) is None  # as before any decision
    assert review.undo() is None and review.can_redo()
    assert review.redo() == raid and len(review.gold(raid)) == 1
    review.mark_curated(raid)  # a new decision: nothing left to redo
    assert not review.can_redo()
    review.mark_curated(raid)  # changes nothing: nothing to undo for it
    assert review.undo() == raid and project.gold_status(raid) == "in_progress"


@contextmanager
def another_program_writing(project):
    """Another program holds the write lock; the project waits for it no time at all."""
    project.db.conn.execute("PRAGMA busy_timeout = 0")
    writer = sqlite3.connect(project.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_an_undo_or_redo_refused_as_busy_keeps_the_decision_to_try_again(reviewed, project):
    review, raid, _ = reviewed
    review.accept_agreed(raid)
    with another_program_writing(project), pytest.raises(ProjectError, match="busy"):
        review.undo()
    assert review.can_undo() and not review.can_redo() and len(review.gold(raid)) == 1
    assert review.undo() == raid and review.gold(raid) == []
    with another_program_writing(project), pytest.raises(ProjectError, match="busy"):
        review.redo()
    assert review.can_redo() and not review.can_undo() and review.gold(raid) == []
    assert review.redo() == raid and len(review.gold(raid)) == 1


def test_a_rejected_proposal_is_decided_until_accepted_and_undo_covers_it(reviewed, project):
    review, raid, _ = reviewed
    wrong = next(p for p in review.proposals(raid) if p.label == "ACTOR" and p.start == 30)
    review.accept(raid, wrong)
    review.reject(raid, wrong)  # out of the gold layer, and marked rejected
    assert review.gold(raid) == [] and review.rejected(raid) == {(30, 34, "ACTOR")}
    review.undo()
    assert review.rejected(raid) == set() and len(review.gold(raid)) == 1
    review.redo()
    review.accept(raid, wrong)  # changing one's mind: accepted, no longer rejected
    assert review.rejected(raid) == set() and len(review.gold(raid)) == 1
    review.reject_all(raid)
    assert review.rejected(raid) == {(p.start, p.end, p.label) for p in review.proposals(raid)}
