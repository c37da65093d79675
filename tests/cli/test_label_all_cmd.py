"""annotator label-all: every occurrence of a text, found as the engine finds it, stored as
one annotator's suggested spans through the session; all or nothing, and once only."""

import json

import pytest

from annotator.core.document import DocStatus
from annotator.core.spans import Origin
from annotator.storage import Project
from tests.cli.test_cli import dump

# Hama four ways: as written, after the conjunction و, with ه for ة, and inside the
# LOCATION "ريف حماة" amira has labelled (part of that place, not another).
RAID = "قصفت الطائرات حماة وحماة ثم حماه.\nوفي ريف حماة قتل 12 مدنيا."
REPORT = "قال المرصد إن بحماة 12 غارة، و12 أخرى."
UNTOUCHED = "نص لا يذكر المدينة."


def spans_of(text, *parts):
    spans = []
    for part, label in parts:
        start = text.index(part)
        spans.append({"start": start, "end": start + len(part), "label": label})
    return spans


@pytest.fixture
def db(cli, tmp_path):
    lines = [
        {"id": "raid", "text": RAID, "annotator": "amira", "status": "in_progress",
         "spans": spans_of(RAID, ("ريف حماة", "LOCATION"))},
        {"id": "report", "text": REPORT},
        {"id": "untouched", "text": UNTOUCHED},
    ]  # fmt: skip
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    path = tmp_path / "p.db"
    assert cli("import", path, source)[0] == 0
    return path


def stored(db, annotator="amira"):
    """(document id, start, end, label, attrs, origin) of the annotator's spans."""
    with Project.open(db) as project:
        return sorted(
            (doc.id, s.start, s.end, s.label, s.attrs, s.origin.value)
            for doc in project.documents()
            for s in project.spans(doc.rowid, annotator)
        )


def at(text, part, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = text.index(part, start + 1)
    return start, start + len(part)


def test_every_occurrence_in_the_project_and_a_second_run_adds_nothing(cli, db):
    args = ("label-all", db, "--annotator", "amira", "--text", "حماة", "--label", "LOCATION")
    code, out, err = cli(*args)
    assert (code, err) == (0, "")
    assert out == (
        "labelled 4 occurrences of حماة as LOCATION in 2 documents for amira "
        "(1 labelled so already)\n"
    )
    suggested = Origin.SUGGESTED.value
    assert stored(db) == sorted(
        [
            ("raid", *at(RAID, "حماة", 1), "LOCATION", {}, suggested),
            ("raid", at(RAID, "وحماة")[0] + 1, at(RAID, "وحماة")[1], "LOCATION", {}, suggested),
            ("raid", *at(RAID, "حماه"), "LOCATION", {}, suggested),
            ("raid", *at(RAID, "ريف حماة"), "LOCATION", {}, "imported"),
            ("report", at(REPORT, "بحماة")[0] + 1, at(REPORT, "بحماة")[1], "LOCATION", {},
             suggested),
        ]
    )  # fmt: skip
    with Project.open(db) as project:  # the stored text is as it was: nothing normalized
        raid = project.document_by_id("raid")
        assert raid.text == RAID
        assert [raid.text[s.start : s.end] for s in project.spans(raid.rowid, "amira")] == [
            "حماة", "حماة", "حماه", "ريف حماة"
        ]  # fmt: skip
        report = project.document_by_id("report")
        assert project.status(report.rowid, "amira") is DocStatus.IN_PROGRESS
        untouched = project.document_by_id("untouched")
        assert project.status(untouched.rowid, "amira") is DocStatus.NEW
    before = dump(db)
    code, out, _ = cli(*args)
    assert code == 0
    assert out == (
        "no occurrence of حماة left to label as LOCATION for amira: all 5 are labelled so already\n"
    )
    assert dump(db) == before


def test_one_document(cli, db):
    code, out, _ = cli(
        "label-all", db, "--annotator", "omar", "--text", "حماه", "--label", "LOCATION",
        "--doc", "report",
    )  # fmt: skip
    assert code == 0
    assert out == "labelled 1 occurrence of حماه as LOCATION in 1 document for omar\n"
    start, end = at(REPORT, "بحماة")
    assert stored(db, "omar") == [("report", start + 1, end, "LOCATION", {}, "suggested")]


def test_a_number_gets_its_value(cli, db):
    code, out, _ = cli("label-all", db, "--annotator", "omar", "--text", "١٢", "--label", "NUMBER")
    assert code == 0 and out.startswith("labelled 3 occurrences of ١٢ as NUMBER in 2 documents")
    assert {(s[3], json.dumps(s[4]), s[5]) for s in stored(db, "omar")} == {
        ("NUMBER", '{"value": 12}', Origin.SUGGESTED.value)
    }


def test_none_found_is_said_and_changes_nothing(cli, db):
    before = dump(db)
    code, out, _ = cli(
        "label-all", db, "--annotator", "amira", "--text", "دمشق", "--label", "LOCATION",
        "--doc", "raid",
    )  # fmt: skip
    assert (code, out) == (0, "no occurrence of دمشق in raid: nothing labelled\n")
    assert dump(db) == before


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--text", "حماة", "--label", "LOCATION"), "label-all needs --annotator NAME"),
        (("--annotator", " ", "--text", "حماة", "--label", "LOCATION"), "--annotator is empty"),
        (("--annotator", "amira", "--label", "LOCATION"), "label-all needs --text TEXT"),
        (("--annotator", "amira", "--text", " \t", "--label", "LOCATION"), "--text is empty"),
        (("--annotator", "amira", "--text", "،.", "--label", "LOCATION"), "no letter or digit"),
        (("--annotator", "amira", "--text", "حماة"), "label-all needs --label LABEL"),
        (
            ("--annotator", "amira", "--text", "حماة", "--label", "PLACE"),
            "{db}: unknown label 'PLACE' (labels: ACTOR, LOCATION, NUMBER, SOURCE)",
        ),
        (
            ("--annotator", "amira", "--text", "حماة", "--label", "SOURCE"),
            "{db}: label 'SOURCE' is retired (restore it first: annotator labels DB restore "
            "SOURCE)",
        ),
        (
            ("--annotator", "amira", "--text", "حماة", "--label", "LOCATION", "--doc", "nope"),
            "{db}: no document with id 'nope'",
        ),
    ],
)
def test_bad_input_is_refused_in_one_line_and_changes_nothing(cli, db, options, message):
    assert cli("labels", db, "retire", "SOURCE")[0] == 0
    before = dump(db)
    code, out, err = cli("label-all", db, *options)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("annotator: ")
    assert message.format(db=db) in err
    assert dump(db) == before


def test_across_the_project_it_is_all_or_nothing(cli, db, monkeypatch):
    before = dump(db)
    added = []

    def add_span(self, doc_rowid, span, original=Project.add_span):
        if added and doc_rowid != added[0]:  # the second document: the disk is full
            raise OSError("disk full")
        added.append(doc_rowid)
        return original(self, doc_rowid, span)

    monkeypatch.setattr(Project, "add_span", add_span)
    code, _, err = cli(
        "label-all", db, "--annotator", "amira", "--text", "حماة", "--label", "LOCATION"
    )
    assert code == 1 and "disk full" in err
    assert dump(db) == before  # the first document's spans went back too
