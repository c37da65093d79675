"""Documents, spans, labels, status and the gold layer through the Project API."""

import sqlite3

import pytest

from annotator.core import DocStatus, Document, InputError, Origin, Span
from annotator.core.gold import GoldSpan

TEXT = "قال المرصد السوري إن طائرات روسية شنت 12 غارة على مدينة حماة."


def positions(text, part):
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def doc(project):
    return project.add_document(Document("hama-1", TEXT, {"title": "حماة"}))


def test_document_is_stored_exactly(project, doc):
    again = project.document(doc.rowid)
    assert again == doc and again.text == TEXT and again.meta == {"title": "حماة"}
    assert project.document_by_id("hama-1").rowid == doc.rowid


def test_same_text_is_one_document(project, doc):
    with pytest.raises(InputError, match="already in the project as 'hama-1'"):
        project.add_document(Document("other", TEXT))
    with pytest.raises(InputError, match="already has the id"):
        project.add_document(Document("hama-1", TEXT + " "))
    assert project.document_count() == 1


def test_spans_round_trip_with_attrs_and_origin(project, doc):
    start, end = positions(TEXT, "12 غارة")
    added = project.add_span(
        doc.rowid, Span(start, end, "NUMBER", "amira", {"value": 12}, Origin.SUGGESTED)
    )
    assert added.rowid is not None
    stored = project.spans(doc.rowid, "amira")
    assert stored == [Span(start, end, "NUMBER", "amira", {"value": 12}, Origin.SUGGESTED)]
    assert stored[0].text_in(TEXT) == "12 غارة"
    assert project.spans(doc.rowid, "someone-else") == []


def test_spans_are_checked_against_the_stored_text_at_its_edges(project, doc):
    # The store checks what a span covers without reading the whole text: its edges are
    # exactly the text's.
    last = len(TEXT)
    for span in (Span(0, 3, "SOURCE", "amira"), Span(last - 5, last, "LOCATION", "amira")):
        assert project.add_span(doc.rowid, span).rowid is not None
    with pytest.raises(InputError) as refused:
        project.add_span(doc.rowid, Span(last - 5, last + 1, "ACTOR", "amira"))
    assert refused.value.code == "span_out_of_range"
    assert f"the text has {last} characters" in str(refused.value)
    space = TEXT.index(" ")
    with pytest.raises(InputError, match="covers only white space"):
        project.add_span(doc.rowid, Span(space, space + 1, "ACTOR", "amira"))
    with pytest.raises(InputError, match="covers only white space"):
        project.add_gold_span(doc.rowid, GoldSpan(space, space + 1, "ACTOR"))
    with pytest.raises(InputError, match="no document with row id 99"):
        project.add_span(99, Span(0, 3, "SOURCE", "amira"))
    assert [s.text_in(TEXT) for s in project.spans(doc.rowid)] == ["قال", "حماة."]
    nul = project.add_document(Document("nul", "قال \x00 حماة"))
    for start, end in ((4, 5), (4, 10), (0, 10)):  # a NUL ends SQLite's view of a text
        project.add_span(nul.rowid, Span(start, end, "LOCATION", "amira"))
    with pytest.raises(InputError, match="the text has 10 characters"):
        project.add_span(nul.rowid, Span(4, 11, "ACTOR", "amira"))


def test_invalid_spans_change_nothing(project, doc):
    with pytest.raises(InputError, match="out of range"):
        project.add_span(doc.rowid, Span(50, 500, "ACTOR", "amira"))
    with pytest.raises(InputError, match="unknown label 'PER'"):
        project.add_span(doc.rowid, Span(0, 3, "PER", "amira"))
    start, end = positions(TEXT, "حماة")
    project.add_span(doc.rowid, Span(start, end, "LOCATION", "amira"))
    with pytest.raises(InputError, match="already has a LOCATION span"):
        project.add_span(doc.rowid, Span(start, end, "LOCATION", "amira"))
    assert len(project.spans(doc.rowid)) == 1
    assert project.annotators() == ["amira"]


def test_overlapping_and_nested_spans_are_allowed(project, doc):
    source = positions(TEXT, "المرصد السوري")
    actor = positions(TEXT, "المرصد")
    project.add_span(doc.rowid, Span(*source, "SOURCE", "amira"))
    project.add_span(doc.rowid, Span(*actor, "ACTOR", "amira"))
    project.add_span(doc.rowid, Span(*source, "ACTOR", "amira"))  # same range, other label
    assert len(project.spans(doc.rowid, "amira")) == 3


def test_delete_relabel_and_attrs(project, doc):
    span = project.add_span(doc.rowid, Span(*positions(TEXT, "حماة"), "ACTOR", "amira"))
    project.relabel_span(span.rowid, "LOCATION")
    project.set_span_attrs(span.rowid, {"note": "مدينة"})
    [stored] = project.spans(doc.rowid)
    assert (stored.label, stored.attrs) == ("LOCATION", {"note": "مدينة"})
    project.delete_span(span.rowid)
    assert project.spans(doc.rowid) == []
    with pytest.raises(InputError, match="no span"):
        project.delete_span(span.rowid)


def test_status_moves_to_in_progress_on_edit_and_is_settable(project, doc):
    assert project.status(doc.rowid, "amira") is DocStatus.NEW
    project.add_span(doc.rowid, Span(*positions(TEXT, "حماة"), "LOCATION", "amira"))
    assert project.status(doc.rowid, "amira") is DocStatus.IN_PROGRESS
    project.set_status(doc.rowid, "amira", "done")
    project.add_span(doc.rowid, Span(*positions(TEXT, "روسية"), "ACTOR", "amira"))
    assert project.status(doc.rowid, "amira") is DocStatus.DONE  # an edit never undoes "done"
    assert project.statuses("amira") == {doc.rowid: DocStatus.DONE}
    with pytest.raises(ValueError):
        project.set_status(doc.rowid, "amira", "finished")


def test_renaming_a_label_keeps_its_spans_and_retiring_keeps_them_too(project, doc):
    project.add_span(doc.rowid, Span(*positions(TEXT, "طائرات روسية"), "ACTOR", "amira"))
    project.change_labels(lambda labels: labels.rename("ACTOR", "ARMED_ACTOR"))
    assert [s.label for s in project.spans(doc.rowid)] == ["ARMED_ACTOR"]
    project.change_labels(lambda labels: labels.retire("ARMED_ACTOR"))
    assert [s.label for s in project.spans(doc.rowid)] == ["ARMED_ACTOR"]
    assert project.labels()["ARMED_ACTOR"].retired
    assert [label.name for label in project.labels()][:2] == ["ARMED_ACTOR", "LOCATION"]


def test_failed_label_change_leaves_the_file_unchanged(project):
    before = list(project.labels())
    with pytest.raises(InputError):
        project.change_labels(lambda labels: labels.set_shortcut("NUMBER", "1"))
    assert list(project.labels()) == before


def test_a_failed_transaction_rolls_back_everything(project, doc):
    with pytest.raises(RuntimeError), project.transaction():
        project.add_span(doc.rowid, Span(*positions(TEXT, "حماة"), "LOCATION", "amira"))
        project.add_document(Document("second", "نص آخر"))
        raise RuntimeError("crash half way")
    assert project.spans(doc.rowid) == []
    assert project.document_count() == 1


def test_schema_refuses_bad_rows_even_past_the_api(project, doc):
    with pytest.raises(sqlite3.IntegrityError):
        project.db.execute(
            'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", origin, '
            "created_at) VALUES (?, 1, 1, 5, 2, 'manual', 'now')",
            [doc.rowid],
        )


def test_gold_layer_keeps_provenance(project, doc):
    start, end = positions(TEXT, "حماة")
    gold = project.add_gold_span(
        doc.rowid, GoldSpan(start, end, "LOCATION", agreed_by=("amira", "omar"))
    )
    decided = project.add_gold_span(
        doc.rowid,
        GoldSpan(
            *positions(TEXT, "المرصد السوري"), "SOURCE", agreed_by=("omar",), adjudicator="lead"
        ),
    )
    spans = project.gold_spans(doc.rowid)
    assert [(g.label, g.agreed_by, g.adjudicator) for g in spans] == [
        ("SOURCE", ("omar",), "lead"),
        ("LOCATION", ("amira", "omar"), None),
    ]
    assert gold.decided_at and decided.rowid
    with pytest.raises(InputError, match="gold layer already has"):
        project.add_gold_span(doc.rowid, GoldSpan(start, end, "LOCATION"))
    with pytest.raises(InputError, match="out of range"):
        project.add_gold_span(doc.rowid, GoldSpan(0, 999, "LOCATION"))
    project.delete_gold_span(gold.rowid)
    assert [g.label for g in project.gold_spans(doc.rowid)] == ["SOURCE"]


def test_a_document_can_be_curated_with_no_gold_span(project, doc):
    assert project.gold_status(doc.rowid) is None
    project.set_gold_status(doc.rowid, "done", "lead")
    assert project.gold_status(doc.rowid) == "done" and project.gold_spans(doc.rowid) == []
    with pytest.raises(InputError, match="gold status"):
        project.set_gold_status(doc.rowid, "finished", "lead")


def test_a_failed_commit_leaves_no_transaction_open(project, doc, monkeypatch):
    real = project.db.conn

    class FailingCommit:
        def __init__(self, conn):
            self._conn = conn

        def execute(self, sql, *args):
            if sql == "COMMIT":
                raise sqlite3.OperationalError("database or disk is full")
            return self._conn.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self._conn, name)

    monkeypatch.setattr(project.db, "conn", FailingCommit(real))
    with pytest.raises(sqlite3.OperationalError, match="disk is full"):
        project.add_span(doc.rowid, Span(*positions(TEXT, "حماة"), "LOCATION", "amira"))
    monkeypatch.setattr(project.db, "conn", real)
    assert not real.in_transaction
    assert project.spans(doc.rowid) == []
    project.add_span(doc.rowid, Span(*positions(TEXT, "حماة"), "LOCATION", "amira"))
    assert len(project.spans(doc.rowid)) == 1


def test_span_ranges_match_the_spans(project, doc):
    project.add_span(doc.rowid, Span(*positions(TEXT, "حماة"), "LOCATION", "amira"))
    project.add_span(doc.rowid, Span(*positions(TEXT, "المرصد"), "SOURCE", "amira"))
    project.add_span(doc.rowid, Span(*positions(TEXT, "12 غارة"), "NUMBER", "omar"))
    ranges = project.span_ranges_by_document("amira")
    assert ranges == {doc.rowid: [s.key() for s in project.spans(doc.rowid, "amira")]}


def test_document_runs_cut_the_documents_in_order_without_gaps_or_overlap(project):
    assert project.document_runs(3) == []
    rowids = [project.add_document(Document(f"d{n}", f"نص رقم {n}")).rowid for n in range(7)]
    with project.transaction():  # a gap in the row ids, as deleting a document would leave
        project.db.execute("DELETE FROM documents WHERE id = ?", [rowids[2]])
    runs = project.document_runs(3)
    left = [doc.rowid for doc in project.documents()]
    assert len(left) == 6 and len(runs) == 2
    assert [[doc.rowid for doc in project.documents(run)] for run in runs] == [
        left[k : k + 3] for k in range(0, len(left), 3)
    ]


def test_span_rows_of_a_range_of_documents(project):
    first = project.add_document(Document("a", TEXT))
    second = project.add_document(Document("b", TEXT + " 2"))
    hama = positions(TEXT, "حماة")
    project.add_span(first.rowid, Span(*hama, "LOCATION", "amira"))
    project.add_span(second.rowid, Span(*hama, "LOCATION", "amira", {"note": "x"}))
    project.add_span(second.rowid, Span(*hama, "ACTOR", "omar"))
    assert project.span_rows_by_document("amira", range(second.rowid, second.rowid + 1)) == {
        second.rowid: [(*hama, "LOCATION", '{"note": "x"}', "manual")]
    }
    assert set(project.span_ranges_by_document("amira")) == {first.rowid, second.rowid}
    with pytest.raises(ValueError, match="step by 1"):
        project.span_ranges_by_document("amira", range(0, 9, 2))


def test_an_adjudicator_is_not_an_annotator_unless_they_annotate(project, doc):
    project.add_span(doc.rowid, Span(*positions(TEXT, "حماة"), "LOCATION", "amira"))
    project.set_status(doc.rowid, "omar", "in_progress")
    project.set_gold_status(doc.rowid, "in_progress", "lina")
    project.add_gold_span(
        doc.rowid, GoldSpan(*positions(TEXT, "حماة"), "LOCATION", adjudicator="lina")
    )
    assert project.annotators() == ["amira", "omar"]
    project.set_status(doc.rowid, "sara", "new")  # what undoing sara's "done" leaves
    assert project.annotators() == ["amira", "omar"]
    project.add_span(doc.rowid, Span(*positions(TEXT, "المرصد"), "SOURCE", "lina"))
    assert project.annotators() == ["amira", "omar", "lina"]
