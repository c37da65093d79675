"""annotator suggest: printed without changing the project; --apply stores; rejections stick."""

import json
import sqlite3

from annotator.core.spans import Origin
from annotator.storage import Project

FIRST = "قصفت طائرات روسية مدينة حماة، وقال المرصد إن 12 غارة استهدفت ادلب."
SECOND = "وفي بحماة سقطت قذائف على ريف إدلب، بحسب المرصد."


def span(text, part, label):
    start = text.index(part)
    return {"start": start, "end": start + len(part), "label": label}


def make_project(cli, tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [
        {
            "id": "a",
            "text": FIRST,
            "annotator": "amira",
            "spans": [span(FIRST, "حماة", "LOCATION"), span(FIRST, "ادلب", "LOCATION")],
        },
        {"id": "b", "text": SECOND},
    ]
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    db = tmp_path / "p.db"
    assert cli("import", db, source)[0] == 0
    return db


def lines_of(out):
    return [json.loads(x) for x in out.splitlines()]


def dump(db):
    conn = sqlite3.connect(db)
    return [list(conn.execute(f"SELECT * FROM {t}")) for t in ("spans", "suggestion_rejections")]


def test_prints_json_lines_without_changing_the_project(cli, tmp_path):
    db = make_project(cli, tmp_path)
    before = dump(db)
    code, out, _ = cli("suggest", db, "--doc", "b", "--json")
    assert code == 0
    hama, idlib = SECOND.index("حماة"), SECOND.index("إدلب")
    assert lines_of(out) == [
        {
            "doc": "b",
            "start": hama,
            "end": hama + 4,
            "label": "LOCATION",
            "text": "حماة",
            "attrs": {},
            "source": "lexicon",
        },
        {
            "doc": "b",
            "start": idlib,
            "end": idlib + 4,
            "label": "LOCATION",
            "text": "إدلب",
            "attrs": {},
            "source": "lexicon",
        },
    ]
    assert dump(db) == before


def test_numbers_are_suggested_with_their_value(cli, tmp_path):
    db = make_project(cli, tmp_path)
    out = lines_of(cli("suggest", db, "--doc", "a", "--json")[1])
    numbers = [x for x in out if x["label"] == "NUMBER"]
    assert [x["text"] for x in numbers] == ["12"]
    assert numbers[0]["attrs"]["value"] == 12 and numbers[0]["source"] == "number"


def test_apply_stores_suggested_spans_and_skips_them_next_time(cli, tmp_path):
    db = make_project(cli, tmp_path)
    code, _, err = cli("suggest", db, "--doc", "b", "--annotator", "omar", "--apply")
    assert code == 0 and "stored 2 suggested spans for omar" in err
    with Project.open(db) as project:
        doc = project.document_by_id("b")
        stored = project.spans(doc.rowid, "omar")
    assert [(SECOND[s.start : s.end], s.origin) for s in stored] == [
        ("حماة", Origin.SUGGESTED),
        ("إدلب", Origin.SUGGESTED),
    ]
    assert cli("suggest", db, "--doc", "b", "--annotator", "omar", "--json")[1] == ""


def test_a_rejected_suggestion_does_not_come_back(cli, tmp_path):
    db = make_project(cli, tmp_path)
    with Project.open(db) as project:
        doc = project.document_by_id("b")
        hama = SECOND.index("حماة")
        project.reject_suggestion(doc.rowid, "omar", hama, hama + 4, "LOCATION")
        assert project.rejected_suggestions(doc.rowid, "omar") == {(hama, hama + 4, "LOCATION")}
    out = lines_of(cli("suggest", db, "--doc", "b", "--annotator", "omar", "--json")[1])
    assert [x["text"] for x in out] == ["إدلب"]
    # Another annotator still sees it.
    out = lines_of(cli("suggest", db, "--doc", "b", "--annotator", "lina", "--json")[1])
    assert [x["text"] for x in out] == ["حماة", "إدلب"]


def test_gazetteer_and_errors(cli, tmp_path):
    db = make_project(cli, tmp_path)
    gazetteer = tmp_path / "g.tsv"
    gazetteer.write_text("المرصد\tSOURCE\n", "utf-8")
    out = lines_of(cli("suggest", db, "--doc", "b", "--gazetteer", gazetteer, "--json")[1])
    assert ("المرصد", "SOURCE", "gazetteer") in [(x["text"], x["label"], x["source"]) for x in out]
    gazetteer.write_text("المرصد\tORG\n", "utf-8")
    code, _, err = cli("suggest", db, "--gazetteer", gazetteer)
    assert code == 2 and f"{gazetteer}:1: unknown label 'ORG'" in err
    code, _, err = cli("suggest", db, "--apply")
    assert code == 2 and "--apply needs --annotator" in err
    code, _, err = cli("suggest", db, "--doc", "zzz")
    assert code == 2 and "no document with id 'zzz'" in err


def test_human_readable_output(cli, tmp_path):
    db = make_project(cli, tmp_path)
    code, out, _ = cli("suggest", db, "--doc", "b")
    hama = SECOND.index("حماة")
    assert code == 0 and out.splitlines()[0] == f"b {hama}-{hama + 4} LOCATION  حماة  (lexicon)"
