"""annotator agreement: the figures of the core, for the documents the annotators finished."""

import json

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
