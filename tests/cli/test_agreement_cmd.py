"""annotator agreement: the figures of the core, for the documents the annotators finished."""

import base64
import json
import re

import pytest

from annotator.core.agreement import Compared, measure
from tests.cli.test_cli import jsonl, span

RAID = "قصفت قوات النظام بلدة كفرنبل وحماة"
REPORT = "قال المرصد السوري إن 12 غارة استهدفت حلب"
LABELS = ["ACTOR", "LOCATION", "NUMBER", "SOURCE"]


@pytest.fixture
def db(cli, tmp_path):
    amira = jsonl(
        tmp_path / "amira.jsonl",
        {"id": "raid", "text": RAID, "annotator": "amira",
         "spans": [span(RAID, "قوات النظام", "ACTOR"), span(RAID, "حماة", "LOCATION")]},
        {"id": "report", "text": REPORT, "annotator": "amira",
         "spans": [span(REPORT, "المرصد السوري", "SOURCE"), span(REPORT, "12", "NUMBER")]},
    )  # fmt: skip
    omar = jsonl(
        tmp_path / "omar.jsonl",
        {"id": "raid", "text": RAID, "annotator": "omar",
         "spans": [span(RAID, "قوات النظام", "ACTOR"), span(RAID, "وحماة", "LOCATION")]},
        {"id": "report", "text": REPORT, "annotator": "omar", "status": "in_progress",
         "spans": [span(REPORT, "المرصد", "SOURCE")]},
    )  # fmt: skip
    path = tmp_path / "p.db"
    assert cli("import", path, amira)[0] == 0
    assert cli("import", path, omar)[0] == 0
    return path


def test_json_has_the_documented_keys_and_the_cores_figures(cli, db):
    code, out, _ = cli("agreement", db, "--json")
    assert code == 0
    report = json.loads(out)
    assert set(report) >= {"annotators", "documents", "overall", "pairs", "per_label"}
    assert set(report) >= {"per_document", "confusion", "compared", "left_out"}
    assert set(report["overall"]) == {
        "span_f1_exact", "span_f1_partial", "cohen_kappa", "fleiss_kappa",
        "krippendorff_alpha", "krippendorff_alpha_u",
    }  # fmt: skip
    assert set(report["pairs"][0]) == {
        "a", "b", "span_f1_exact", "span_f1_partial", "cohen_kappa", "precision", "recall"
    }  # fmt: skip
    # Omar has not finished the report: only the raid is compared, and the report says so.
    assert report["documents"] == 1
    assert report["left_out"] == [{"id": "report", "why": "not finished by omar"}]
    spans = {
        "amira": [(5, 16, "ACTOR"), (30, 34, "LOCATION")],
        "omar": [(5, 16, "ACTOR"), (29, 34, "LOCATION")],
    }
    expected = measure([Compared("raid", RAID, spans)], ["amira", "omar"], LABELS)
    assert report["overall"] == expected["overall"]
    assert report["overall"]["span_f1_exact"] == 0.5
    assert report["overall"]["span_f1_partial"] == 1.0


def test_unfinished_documents_on_request_and_one_label(cli, db):
    report = json.loads(cli("agreement", db, "--json", "--include-unfinished")[1])
    assert report["documents"] == 2 and report["left_out"] == []
    assert report["compared"]["spans"] == {"amira": 4, "omar": 3}
    only = json.loads(cli("agreement", db, "--json", "--label", "ACTOR")[1])
    assert list(only["per_label"]) == ["ACTOR"]
    assert only["overall"]["span_f1_exact"] == 1.0


def test_tables_for_people(cli, db):
    code, out, _ = cli("agreement", db)
    assert code == 0
    assert "1 document compared" in out and "left out report: not finished by omar" in out
    lines = out.splitlines()
    pair = next(line for line in lines if line.startswith("amira / omar"))
    assert pair.split()[3:5] == ["0.500", "1.000"]  # F1 exact, F1 partial
    assert next(line for line in lines if line.startswith("NUMBER")).split()[1:] == ["-"] * 5


def test_bad_choices_are_one_line_errors(cli, db, tmp_path):
    code, _, err = cli("agreement", db, "--annotators", "amira,zaid")
    assert code == 2 and "no annotator 'zaid'" in err and len(err.strip().splitlines()) == 1
    code, _, err = cli("agreement", db, "--annotators", "amira")
    assert code == 2 and "two or more annotators" in err
    code, _, err = cli("agreement", db, "--label", "PLACE")
    assert code == 2 and "no label 'PLACE'" in err


def test_report_is_one_page_with_tables_and_two_charts(cli, db, tmp_path):
    folder = tmp_path / "report"
    code, out, err = cli("agreement", db, "--report", folder, "--include-unfinished")
    assert code == 0 and "report written to" in err and "documents compared" in out
    page = (folder / "index.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<table>") == 5
    assert "With and without suggestions" in page
    assert "\u2068amira\u2069 / \u2068omar\u2069" in page and "Krippendorff&#x27;s α-u" in page
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 2
    for image in images:
        assert base64.b64decode(image).startswith(b"\x89PNG\r\n\x1a\n")
    assert "<script" not in page and "http" not in page  # self-contained, nothing fetched


def test_report_keeps_arabic_as_written(cli, tmp_path):
    raid = jsonl(
        tmp_path / "a.jsonl",
        {
            "id": "غارة",
            "text": RAID,
            "annotator": "أميرة",
            "spans": [span(RAID, "حماة", "LOCATION")],
        },
        {"id": "غارة", "text": RAID, "annotator": "عمر", "spans": [span(RAID, "حماة", "LOCATION")]},
    )
    db = tmp_path / "p.db"
    assert cli("import", db, raid)[0] == 0
    assert cli("agreement", db, "--report", tmp_path / "r")[0] == 0
    page = (tmp_path / "r" / "index.html").read_text("utf-8")
    # Logical order, each name isolated, no presentation forms.
    assert "\u2068أميرة\u2069 / \u2068عمر\u2069" in page
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", page)


def test_a_report_when_the_annotators_share_no_document_says_so_without_charts(cli, tmp_path):
    apart = jsonl(
        tmp_path / "apart.jsonl",
        {"id": "a", "text": RAID, "annotator": "amira", "spans": [span(RAID, "حماة", "LOCATION")]},
        {"id": "b", "text": REPORT, "annotator": "omar", "spans": [span(REPORT, "12", "NUMBER")]},
    )  # fmt: skip
    db = tmp_path / "p.db"
    assert cli("import", db, apart)[0] == 0
    code, _, err = cli("agreement", db, "--include-unfinished", "--report", tmp_path / "r")
    assert code == 0, err
    page = (tmp_path / "r" / "index.html").read_text("utf-8")
    assert "Nothing could be compared" in page
    assert "data:image/png" not in page and page.count("<table>") == 1  # the left-out list


def test_a_report_folder_that_cannot_be_made_is_a_one_line_error(cli, db, tmp_path):
    (tmp_path / "notes").write_text("a file, not a folder", "utf-8")
    folder = tmp_path / "notes" / "report"
    code, _, err = cli("agreement", db, "--report", folder)
    assert code == 2 and f"{folder}: cannot make this folder" in err
    assert len(err.strip().splitlines()) == 1  # no traceback


def test_memory_running_out_is_one_line_and_no_bug(cli, db, monkeypatch):
    from annotator.cli import agreement_cmd

    def exhausted(args):
        raise MemoryError

    monkeypatch.setattr(agreement_cmd, "run", exhausted)  # the parser is built per call
    code, _, err = cli("agreement", db)
    assert code == 2 and err.startswith("annotator: out of memory:") and err.count("\n") == 1
