"""Who is compared by default: annotators with a span or a document done, not someone whose
only trace is a document in progress (a word labelled and deleted again)."""

import json

import pytest

from annotator.core.document import DocStatus
from annotator.core.review import Review
from annotator.storage import Project


@pytest.fixture
def db(demo_with_lina):
    """The demo project (salma and omar) with lina, whose only trace is a document in
    progress: she labelled a word and deleted it."""
    with Project.open(demo_with_lina) as project:
        doc = next(project.documents())
        assert project.status(doc.rowid, "lina") is DocStatus.IN_PROGRESS
        assert project.spans(doc.rowid, "lina") == []
        assert project.annotators() == ["salma", "omar", "lina"]
    return demo_with_lina


def test_agreement_leaves_her_out_unless_named(cli, db):
    code, out, err = cli("agreement", db, "--include-unfinished", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["annotators"] == ["salma", "omar"]
    assert round(report["overall"]["span_f1_exact"], 3) == 0.583
    code, out, _ = cli(
        "agreement", db, "--include-unfinished", "--json", "--annotators", "salma,omar,lina"
    )
    named = json.loads(out)
    assert named["annotators"] == ["salma", "omar", "lina"]  # named: compared as asked
    assert round(named["overall"]["span_f1_exact"], 3) == 0.194


def test_adjudicate_accepts_what_salma_and_omar_agree_on(cli, db):
    code, out, err = cli("adjudicate", db, "--agreed", "--as", "lead")
    assert code == 0, err
    assert out.startswith("8 gold spans accepted (agreed) in 1 document")
    with Project.open(db) as project:
        assert sum(len(project.gold_spans(d.rowid)) for d in project.documents()) == 8


def test_the_review_compares_salma_and_omar_and_shows_their_document(db):
    with Project.open(db) as project:
        review = Review(project, "lead")
        assert review.annotators == ["salma", "omar"]
        assert [item.id for item in review.documents()] == ["idlib-market-strike"]
        assert Review(project, "lead", ["salma", "lina"]).annotators == ["salma", "lina"]


def test_a_document_done_without_spans_is_work_to_compare(db):
    with Project.open(db) as project:  # nothing to label in it is an answer too
        project.set_status(next(project.documents()).rowid, "lina", DocStatus.DONE)
        assert project.compared_annotators() == ["salma", "omar", "lina"]


def test_too_few_counts_those_compared(cli, db):
    omar = "(SELECT id FROM annotators WHERE name = 'omar')"
    with Project.open(db) as project:  # omar's work taken out: salma is the only one left
        project.db.execute(f"DELETE FROM spans WHERE annotator_id = {omar}")
        project.db.execute(f"DELETE FROM document_status WHERE annotator_id = {omar}")
    code, _, err = cli("agreement", db)
    assert code == 2
    assert err == (
        "annotator: agreement needs two or more annotators; this project has 1 with spans "
        "or a document done (salma)\n"
    )


def test_a_bundle_reports_the_agreement_of_those_compared(cli, tmp_path, db):
    code, _, err = cli("export", db, tmp_path / "bundle", "--bundle")
    assert code == 0, err
    agreement = json.loads((tmp_path / "bundle" / "agreement.json").read_text("utf-8"))
    assert agreement["annotators"] == ["salma", "omar"]
    manifest = json.loads((tmp_path / "bundle" / "manifest.json").read_text("utf-8"))
    assert "annotator-lina.jsonl" in manifest["files"]  # her status is still exported
