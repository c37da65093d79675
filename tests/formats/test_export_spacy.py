"""spaCy export: Doc(words, spaces) spells the text exactly and char_span takes every span."""

import json

from hypothesis import HealthCheck, assume, given, settings
from spacy.tokens import Doc
from spacy.vocab import Vocab

from annotator.core import Document, Span
from annotator.core.records import ImportRecord
from annotator.formats.export_spacy import export_spacy
from annotator.storage import Project
from annotator.storage.importing import import_records
from tests.formats.test_conll_round_trip import documents

TEXT = "😀 قال المرصد السوري  إن 12 غارة\r\nاستهدفت \u200fوحماة، و1,971 قتيلاً."


def at(part):
    start = TEXT.index(part)
    return start, start + len(part)


def lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def check(line):
    doc = Doc(Vocab(), words=line["words"], spaces=line["spaces"])
    assert doc.text == line["text"]
    for start, end, label in line["spans"]:
        span = doc.char_span(start, end, label=label)
        assert span is not None, (start, end, label)
        assert span.text == line["text"][start:end]


def test_every_span_is_a_spacy_span_nested_and_mid_word(project, tmp_path):
    doc = project.add_document(Document("d", TEXT))
    for part, label in (
        ("المرصد السوري", "SOURCE"),
        ("المرصد", "ACTOR"),
        ("12 غارة", "NUMBER"),
        ("حماة", "LOCATION"),
        ("1,971 قتيلاً", "NUMBER"),
    ):
        project.add_span(doc.rowid, Span(*at(part), label, "amira"))
    report = export_spacy(project, tmp_path / "d.jsonl", annotator="amira")
    [line] = lines(tmp_path / "d.jsonl")
    assert report.inexact == [] and len(line["spans"]) == 5
    check(line)
    assert "حماة" in line["words"] and "و" in line["words"]  # split where the span begins


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(documents())
def test_random_documents(tmp_path_factory, document):
    text, spans = document
    assume(spans)
    folder = tmp_path_factory.mktemp("spacy")
    with Project.open(folder / "p.db", create=True) as project:
        import_records(
            project,
            [
                ImportRecord(
                    Document("d", text),
                    "test",
                    spans=[Span(s, e, label, "amira") for s, e, label in spans],
                    annotator="amira",
                )
            ],
        )
        report = export_spacy(project, folder / "d.jsonl", annotator="amira")
    [line] = lines(folder / "d.jsonl")
    check(line)
    assert len(line["spans"]) + len(report.inexact) == len(spans)


def test_a_span_not_written_exactly_is_left_out_whatever_the_document_id(project, tmp_path):
    """The id is free text: "report: 1" must not confuse which spans were inexact."""
    doc = project.add_document(Document("report: 1", TEXT))
    start, end = at("المرصد")
    project.add_span(doc.rowid, Span(start - 1, end, "SOURCE", "amira"))  # starts on a space
    project.add_span(doc.rowid, Span(*at("حماة"), "LOCATION", "amira"))
    report = export_spacy(project, tmp_path / "d.jsonl", annotator="amira")
    [line] = lines(tmp_path / "d.jsonl")
    assert report.inexact_spans == [("report: 1", start - 1, end, "SOURCE")]
    assert line["id"] == "report: 1" and line["spans"] == [[*at("حماة"), "LOCATION"]]
    check(line)
