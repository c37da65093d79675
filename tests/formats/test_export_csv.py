"""The CSV export: one row per span, UTF-8 with a byte-order mark for spreadsheets, every
cell a spreadsheet would run as a formula neutralized, everything else exact."""

from __future__ import annotations

import csv
import json

import pytest

from annotator.core import Document, InputError, Span
from annotator.core.gold import GoldSpan
from annotator.formats.export_csv import COLUMNS, export_csv, neutralized
from tests.project_files import named_before_checks

# Each piece is labelled; the text around them starts with none of = + - @.
PIECES = ["=1+1", "+cmd|' /C calc'!A0", "-2", "@SUM(A1:A9)", "\t=1+1", "\r=1", "=حماة", "＝1"]
TEXT = "نص: " + " و ".join(PIECES) + " ، حماة"


def rows_of(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the mark spreadsheets need to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def spans_at(text: str, *parts: str) -> list[tuple[int, int]]:
    found = []
    for part in parts:
        start = text.index(part)
        found.append((start, start + len(part)))
    return found


@pytest.fixture
def labelled(project):
    doc = project.add_document(Document('=HYPERLINK("http://x")', TEXT, {"title": "t"}))
    for (start, end), piece in zip(spans_at(TEXT, *PIECES), PIECES, strict=True):
        label = "NUMBER" if piece == "-2" else "ACTOR"
        attrs = {"value": -2} if piece == "-2" else {}
        project.add_span(doc.rowid, Span(start, end, label, "@amira", attrs))
    start, end = spans_at(TEXT, "، حماة")[0]
    project.add_span(doc.rowid, Span(start + 2, end, "LOCATION", "omar"))
    return project


def test_every_cell_a_spreadsheet_would_run_is_neutralized(labelled, tmp_path):
    out = tmp_path / "spans.csv"
    report = export_csv(labelled, out)
    rows = rows_of(out)
    assert list(rows[0]) == list(COLUMNS)
    amira = [row for row in rows if row["annotator"] == "'@amira"]
    assert [row["text"] for row in amira] == [
        "'=1+1",
        "'+cmd|' /C calc'!A0",
        "'-2",
        "'@SUM(A1:A9)",
        "'\t=1+1",
        "'\r=1",
        "'=حماة",
        "'＝1",
    ]
    assert {row["document"] for row in rows} == {'\'=HYPERLINK("http://x")'}
    # Cells that begin with nothing dangerous are exact, numbers and JSON included.
    [omar] = [row for row in rows if row["annotator"] == "omar"]
    assert (omar["text"], omar["label"], omar["origin"]) == ("حماة", "LOCATION", "manual")
    assert int(omar["end"]) - int(omar["start"]) == 4
    number = next(row for row in amira if row["label"] == "NUMBER")
    assert json.loads(number["attrs"]) == {"value": -2}
    # Every dangerous cell was counted: each of amira's texts and names, and the id each time.
    assert report.rows == 9
    assert report.neutralized == 8 + 8 + 9


@pytest.mark.parametrize(
    "cell", ["=1+1", "+1", "-1", "@x", "\t", "\r", "＝", "＋", "－", "＠", "=", "'="]
)
def test_neutralized_cells_begin_with_an_apostrophe(cell):
    assert neutralized(cell) == ("'" + cell if cell[0] != "'" else cell)


@pytest.mark.parametrize("cell", ["", "حماة", "1+1", " =1", "\u200f=1", "a=b", "12", "{}"])
def test_other_cells_are_exact(cell):
    assert neutralized(cell) is cell


def test_quotes_commas_and_line_breaks_are_quoted_and_read_back(project, tmp_path):
    text = 'قال "المرصد", في\nحلب ثم\r\nفي; ادلب'
    doc = project.add_document(Document('id "with" quotes,\nand lines', text))
    named_before_checks(project, 'a "b",\nc')
    for part in ('"المرصد", في\nحلب', "ثم\r\nفي;", "ادلب"):
        start = text.index(part)
        project.add_span(doc.rowid, Span(start, start + len(part), "LOCATION", 'a "b",\nc'))
    out = tmp_path / "spans.csv"
    export_csv(project, out)
    rows = rows_of(out)
    assert [row["text"] for row in rows] == ['"المرصد", في\nحلب', "ثم\r\nفي;", "ادلب"]
    assert {row["document"] for row in rows} == {'id "with" quotes,\nand lines'}
    assert {row["annotator"] for row in rows} == {'a "b",\nc'}
    raw = out.read_bytes().decode("utf-8-sig")
    assert raw.startswith(",".join(COLUMNS) + "\r\n")  # RFC 4180 line ends
    assert '"id ""with"" quotes,\nand lines"' in raw


def test_one_annotator_and_the_gold_layer(labelled, tmp_path):
    doc = labelled.document_by_id('=HYPERLINK("http://x")')
    start, end = spans_at(TEXT, "، حماة")[0]
    labelled.add_gold_span(
        doc.rowid, GoldSpan(start + 2, end, "LOCATION", {"note": "=x"}, ("omar",), "-lead")
    )
    labelled.add_gold_span(doc.rowid, GoldSpan(*spans_at(TEXT, "-2")[0], "NUMBER"))
    out = tmp_path / "omar.csv"
    assert export_csv(labelled, out, annotator="omar").rows == 1
    assert [row["annotator"] for row in rows_of(out)] == ["omar"]
    gold = tmp_path / "gold.csv"
    export_csv(labelled, gold, gold=True)
    assert [(r["annotator"], r["text"], r["origin"], r["attrs"]) for r in rows_of(gold)] == [
        ("", "'-2", "adjudicated", "{}"),
        ("'-lead", "حماة", "adjudicated", '{"note": "=x"}'),
    ]
    with pytest.raises(InputError, match="no annotator 'nobody'"):
        export_csv(labelled, tmp_path / "x.csv", annotator="nobody")
    assert not (tmp_path / "x.csv").exists()


def test_the_command_writes_csv_and_says_what_it_neutralized(cli, labelled, tmp_path):
    out = tmp_path / "spans.csv"
    code, said, err = cli("export", labelled.path, out, "--format", "csv")
    assert code == 0
    assert said == f"wrote 9 spans to {out}\n"
    assert err.startswith("note: 25 cells began with = + - @")
    assert len(rows_of(out)) == 9
    code, said, _ = cli("export", labelled.path, out, "--format", "csv", "--gold")
    assert (code, said) == (0, f"wrote 0 spans to {out}\n")
    assert out.read_bytes().decode("utf-8-sig") == ",".join(COLUMNS) + "\r\n"


def test_the_json_export_of_the_same_spans_is_exact(cli, labelled, tmp_path):
    """Only CSV changes cells: our JSONL keeps every text as it is."""
    out = tmp_path / "spans.jsonl"
    assert cli("export", labelled.path, out)[0] == 0
    texts = [s["text"] for line in out.read_text("utf-8").splitlines()
             for s in json.loads(line)["spans"]]  # fmt: skip
    assert set(PIECES) <= set(texts)
    assert {json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()} == {
        '=HYPERLINK("http://x")'
    }


def test_a_csv_reader_gets_back_the_neutralized_values_exactly(project, tmp_path):
    """Whatever the text, csv reads back the apostrophe and the text after it, unchanged."""
    texts = ["=cmd", "a,b", 'q"q', "x\ny", "\u200f-1", "\x00nul", "\u2028ls", "\ufeffbom"]
    text = " ".join(texts)
    doc = project.add_document(Document("d", text))
    for part in texts:
        start = text.index(part)
        project.add_span(doc.rowid, Span(start, start + len(part), "ACTOR", "amira"))
    out = tmp_path / "spans.csv"
    export_csv(project, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        read = [row[5] for row in csv.reader(handle)][1:]
    assert read == [neutralized(t) for t in texts]
    assert read[0] == "'=cmd" and read[1:] == texts[1:]
