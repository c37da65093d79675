"""annotator import --format conll: label maps, strict and lenient, one-line errors."""

import json

CONLL = "-DOCSTART- O\n\nقال O\nالمرصد B-ORG\nفي O\nحماة B-LOC\n\nانتهى O\n"
BROKEN = "قال O\nالمرصد I-ORG\nفي O\nحماة B-LOC\n"


def test_conll_file_with_a_label_map(cli, tmp_path):
    source = tmp_path / "news.conll"
    source.write_text(CONLL, encoding="utf-8")
    db = tmp_path / "p.db"
    code, out, err = cli(
        "import", db, source, "--annotator", "corpus", "--label-map", "ORG=ACTOR,LOC=LOCATION"
    )
    assert code == 0, err
    assert "imported 1 document, 2 spans" in out
    cli("export", db, tmp_path / "out.jsonl")
    [line] = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert [(s["text"], s["label"]) for s in line["spans"]] == [
        ("المرصد", "ACTOR"),
        ("حماة", "LOCATION"),
    ]
    assert line["text"] == "قال المرصد في حماة\nانتهى"


def test_strict_stops_with_file_and_line_lenient_repairs_and_says_so(cli, tmp_path):
    source = tmp_path / "broken.txt"
    source.write_text(BROKEN, encoding="utf-8")
    db = tmp_path / "p.db"
    code, _, err = cli(
        "import", db, source, "--format", "conll", "--annotator", "corpus", "--add-labels"
    )
    assert code == 2 and err.startswith(f"annotator: {source}:2: ") and "I-ORG" in err
    assert not db.exists()
    code, out, err = cli(
        "import",
        db,
        source,
        "--format",
        "conll",
        "--annotator",
        "corpus",
        "--add-labels",
        "--lenient",
    )
    assert code == 0 and f"{source}:2:" in err and "imported 1 document, 2 spans" in out


def test_unknown_labels_and_bad_maps_are_refused(cli, tmp_path):
    source = tmp_path / "news.conll"
    source.write_text(CONLL, encoding="utf-8")
    code, _, err = cli("import", tmp_path / "p.db", source, "--annotator", "corpus")
    assert code == 2 and "unknown label 'ORG'" in err
    code, _, err = cli(
        "import", tmp_path / "p.db", source, "--annotator", "corpus", "--label-map", "ORG"
    )
    assert code == 2 and err.count("\n") == 1


def test_label_map_applies_to_jsonl_too(cli, tmp_path):
    text = "قال المرصد في حماة"
    line = {
        "text": text,
        "annotator": "a",
        "spans": [{"start": 14, "end": 18, "label": "LOC", "text": "حماة"}],
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    code, _, err = cli("import", tmp_path / "p.db", source, "--label-map", "LOC=LOCATION")
    assert code == 0, err
    stats = json.loads(cli("stats", tmp_path / "p.db", "--json")[1])
    assert {label["name"]: label["spans"] for label in stats["labels"]}["LOCATION"] == 1
