"""annotator adjudicate, then export --gold and a bundle: the batch end of the review flow."""

import json

import pytest

from tests.cli.test_cli import dump, jsonl, span

RAID = "قصفت قوات النظام بلدة كفرنبل وحماة"


def test_accept_agreed_then_majority_then_export_gold(cli, tmp_path):
    def work(name, *parts):
        spans = [span(RAID, part, label) for part, label in parts]
        return {"text": RAID, "annotator": name, "spans": spans}

    source = jsonl(
        tmp_path / "all.jsonl",
        work("amira", ("قوات النظام", "ACTOR"), ("حماة", "LOCATION")),
        work("omar", ("قوات النظام", "ACTOR"), ("وحماة", "LOCATION")),
        work("zaid", ("قوات النظام", "ACTOR"), ("حماة", "LOCATION"), ("بلدة", "LOCATION")),
    )
    db = tmp_path / "p.db"
    assert cli("import", db, source)[0] == 0
    code, out, _ = cli("adjudicate", db, "--agreed", "--as", "lina")
    assert code == 0 and "1 gold span accepted (agreed) in 1 document" in out
    assert cli("adjudicate", db, "--agreed", "--as", "lina")[1].startswith("0 gold spans")
    code, out, _ = cli("adjudicate", db, "--majority", "--as", "lina")
    assert "1 gold span accepted (majority)" in out  # حماة: amira and zaid
    out_file = tmp_path / "gold.jsonl"
    assert cli("export", db, out_file, "--gold")[0] == 0
    [line] = [json.loads(x) for x in out_file.read_text("utf-8").splitlines()]
    spans = {(s["text"], s["label"]): s["provenance"] for s in line["spans"]}
    assert set(spans) == {("قوات النظام", "ACTOR"), ("حماة", "LOCATION")}
    assert spans[("قوات النظام", "ACTOR")]["adjudicator"] is None
    assert spans[("قوات النظام", "ACTOR")]["agreed_by"] == ["amira", "omar", "zaid"]
    assert spans[("حماة", "LOCATION")] | {"decided_at": None} == {
        "agreed_by": ["amira", "zaid"],
        "adjudicator": "lina",
        "decided_at": None,
    }
    assert line["status"] == "in_progress"  # accepted, not yet curated
    bundle = tmp_path / "release"
    assert cli("export", db, bundle, "--bundle")[0] == 0
    names = {p.name for p in bundle.iterdir()}
    assert {"gold.jsonl", "gold.conll", "agreement.json"} <= names
    assert json.loads((bundle / "agreement.json").read_text("utf-8"))["documents"] == 1


def test_needs_a_rule_and_a_name(cli, tmp_path):
    db = tmp_path / "p.db"
    source = jsonl(tmp_path / "a.jsonl", {"text": RAID})
    assert cli("import", db, source)[0] == 0
    before = dump(db)
    with pytest.raises(SystemExit) as usage:  # argparse's own usage error
        cli("adjudicate", db, "--as", "lina")
    assert usage.value.code == 2
    code, _, err = cli("adjudicate", db, "--agreed", "--as", "lina")
    assert code == 2 and "two or more annotators" in err
    assert dump(db) == before
