"""Bulk import: all or nothing, duplicates, spans merged onto known documents."""

import pytest

from annotator.core import DocStatus, Document, InputError, Origin, Span
from annotator.core.records import ImportRecord
from annotator.storage.importing import import_records

TEXT = "قصفت طائرات روسية مدينة حماة"
HAMA = (TEXT.index("حماة"), TEXT.index("حماة") + 4)


def record(uid, text=TEXT, spans=(), annotator=None, line=1, status=None):
    return ImportRecord(Document(uid, text), "in.jsonl", line, list(spans), annotator, status)


def dump(project):
    return [
        list(project.db.execute(f"SELECT * FROM {table} ORDER BY 1"))
        for table in ("documents", "spans", "labels", "annotators", "document_status")
    ]


def test_records_are_stored_with_spans_and_done_status(project):
    report = import_records(
        project,
        [
            record(
                "a",
                spans=[Span(*HAMA, "LOCATION", "amira", origin=Origin.IMPORTED)],
                annotator="amira",
            ),
            record("b", "نص ثان"),
        ],
    )
    assert (report.documents_added, report.spans_added) == (2, 1)
    doc = project.document_by_id("a")
    assert project.spans(doc.rowid, "amira")[0].text_in(doc.text) == "حماة"
    assert project.status(doc.rowid, "amira") is DocStatus.DONE  # imported work is finished work


def test_a_failure_midway_leaves_the_project_exactly_as_before(project):
    import_records(project, [record("first", "نص أول")])
    before = dump(project)

    def records():
        yield record("a", line=1)
        yield record(
            "b", "نص ثان", spans=[Span(0, 2, "LOCATION", "amira")], annotator="amira", line=2
        )
        yield record("c", "نص", spans=[Span(0, 50, "ACTOR", "amira")], annotator="amira", line=3)

    with pytest.raises(InputError, match="out of range") as exc:
        import_records(project, records())
    assert (exc.value.path, exc.value.line) == ("in.jsonl", 3)
    assert dump(project) == before


def test_duplicate_text_is_reported_and_its_spans_join_the_known_document(project):
    import_records(project, [record("a")])
    report = import_records(
        project,
        [
            record("copy", spans=[Span(*HAMA, "LOCATION", "omar")], annotator="omar"),
            record("copy-again", spans=[Span(*HAMA, "LOCATION", "omar")], annotator="omar"),
        ],
    )
    assert report.documents_added == 0
    assert (report.spans_added, report.spans_already_present) == (1, 1)
    assert "same text as document 'a'" in report.notes[0]
    assert project.document_count() == 1
    assert [s.annotator for s in project.spans(project.document_by_id("a").rowid)] == ["omar"]


def test_reimporting_the_same_file_changes_nothing(project):
    batch = [record("a", spans=[Span(*HAMA, "LOCATION", "amira")], annotator="amira")]
    import_records(project, batch)
    before = dump(project)
    report = import_records(project, batch)
    assert (report.documents_added, report.spans_added, report.spans_already_present) == (0, 0, 1)
    assert dump(project)[:4] == before[:4]


def test_a_taken_id_with_other_text_gets_a_new_id(project):
    import_records(project, [record("a")])
    report = import_records(project, [record("a", "نص مختلف"), record("a", "نص ثالث")])
    assert [d.id for d in project.documents()] == ["a", "a~2", "a~3"]
    assert "stored as 'a~2'" in report.notes[0]


def test_unknown_labels_are_refused_unless_added(project):
    batch = [record("a", spans=[Span(*HAMA, "EVENT", "amira")], annotator="amira")]
    with pytest.raises(InputError, match=r"unknown label 'EVENT'.*--add-labels"):
        import_records(project, batch)
    assert "EVENT" not in project.labels()
    report = import_records(project, batch, add_labels=True)
    assert report.labels_added == ["EVENT"] and project.labels()["EVENT"].shortcut == "5"


def test_status_from_the_file_wins(project):
    import_records(
        project,
        [
            record(
                "a",
                spans=[Span(*HAMA, "LOCATION", "amira")],
                annotator="amira",
                status=DocStatus.IN_PROGRESS,
            )
        ],
    )
    assert project.status(project.document_by_id("a").rowid, "amira") is DocStatus.IN_PROGRESS


def test_metadata_nested_too_deep_is_refused_before_the_store(project):
    # A reader that builds its metadata itself (not from JSON text) is checked here too.
    deep: dict = {}
    for _ in range(70):
        deep = {"x": deep}
    doc = Document("deep", TEXT, {"source": deep})
    with pytest.raises(InputError, match=r"in\.jsonl:3: .*meta is nested more than 64 levels"):
        import_records(project, [ImportRecord(doc, "in.jsonl", 3)])
    assert project.document_count() == 0
    shallow = Document("shallow", TEXT, {"source": {"x": {"y": [1]}}})
    import_records(project, [ImportRecord(shallow, "in.jsonl", 4)])
    assert project.document_count() == 1
