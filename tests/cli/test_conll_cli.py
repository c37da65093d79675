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


ROUND = (
    "-DOCSTART-\tO\n\n"
    "\u200eقال\tO\nالمرصد\tB-SOURCE\nالسوري\tI-SOURCE\nإن\tO\n12\tB-NUMBER\nغارة\tI-NUMBER\n"
    "استهدفت\tO\nو1\tO\n,\tO\n971\tO\nحماة\tB-LOCATION\n.\tO\n\n"
    "انتهى\tO\n\n"
)


def test_conll_import_then_export_reproduces_every_token_and_tag(cli, tmp_path):
    source = tmp_path / "in.conll"
    source.write_text(ROUND, encoding="utf-8")
    db = tmp_path / "p.db"
    assert cli("import", db, source, "--annotator", "corpus")[0] == 0
    code, out, err = cli("export", db, tmp_path / "out.conll", "--format", "conll")
    assert code == 0, err
    assert "wrote 1 document, 2 sentences, 13 tokens" in out
    assert (tmp_path / "out.conll").read_text(encoding="utf-8") == ROUND


def test_another_tools_tokenization_in_meta_is_a_one_line_error(cli, tmp_path):
    text = "قال المرصد"
    line = {
        "id": "afp: 12",
        "text": text,
        "annotator": "amira",
        "meta": {"tokenization": {"source": "spacy", "sentences": [["قال", "المرصد"]]}},
        "spans": [{"start": 4, "end": 10, "label": "SOURCE"}],
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "p.db"
    assert cli("import", db, source)[0] == 0
    out = tmp_path / "o.conll"
    code, _, err = cli("export", db, out, "--format", "conll")
    assert code == 2 and len(err.strip().splitlines()) == 1  # not a ValueError's traceback
    assert "document 'afp: 12': meta['tokenization'] is not a tokenization recorded" in err
    assert not out.exists()


def test_conll_export_reports_what_one_column_cannot_hold(cli, tmp_path):
    text = "قال المرصد السوري في حماة"
    line = {
        "text": text,
        "annotator": "amira",
        "spans": [
            {"start": 4, "end": 17, "label": "SOURCE"},
            {"start": 4, "end": 10, "label": "ACTOR"},
        ],
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "p.db"
    cli("import", db, source)
    code, out, err = cli("export", db, tmp_path / "o.conll", "--format", "conll")
    assert code == 0 and "1 span not written exactly" in out and "ACTOR" in err
    code, out, err = cli(
        "export", db, tmp_path / "c.conll", "--format", "conll", "--overlaps", "columns"
    )
    assert code == 0 and "not written exactly" not in out
    rows = (tmp_path / "c.conll").read_text(encoding="utf-8").split("\n")
    assert "المرصد\tB-SOURCE\tB-ACTOR" in rows


def test_columns_are_as_many_as_the_deepest_nesting(cli, tmp_path):
    # Many spans, nested two deep at most: exactly three columns (token + two tag columns).
    text = " ".join(["قال المرصد السوري"] * 6)
    spans = []
    for k in range(6):
        base = k * 18
        spans += [
            {"start": base + 4, "end": base + 17, "label": "SOURCE"},
            {"start": base + 4, "end": base + 10, "label": "ACTOR"},
        ]
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"text": text, "annotator": "a", "spans": spans}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    assert cli("import", db, source)[0] == 0
    assert (
        cli("export", db, tmp_path / "c.conll", "--format", "conll", "--overlaps", "columns")[0]
        == 0
    )
    rows = [r for r in (tmp_path / "c.conll").read_text(encoding="utf-8").split("\n") if r]
    assert {len(r.split("\t")) for r in rows} == {3}
    assert rows.count("المرصد\tB-SOURCE\tB-ACTOR") == 6


def test_hugging_face_export_from_the_command_line(cli, tmp_path):
    source = tmp_path / "in.conll"
    source.write_text(ROUND, encoding="utf-8")
    db = tmp_path / "p.db"
    assert cli("import", db, source, "--annotator", "corpus")[0] == 0
    code, _out, err = cli("export", db, tmp_path / "hf.jsonl", "--format", "hf")
    assert code == 0, err
    names = json.loads((tmp_path / "hf.labels.json").read_text(encoding="utf-8"))
    first = json.loads((tmp_path / "hf.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["tokens"][:3] == ["\u200eقال", "المرصد", "السوري"]
    assert [names[g] for g in first["ner_tags"][:3]] == ["O", "B-SOURCE", "I-SOURCE"]


def test_spacy_export_from_the_command_line(cli, tmp_path):
    source = tmp_path / "in.conll"
    source.write_text(ROUND, encoding="utf-8")
    db = tmp_path / "p.db"
    assert cli("import", db, source, "--annotator", "corpus")[0] == 0
    code, out, err = cli("export", db, tmp_path / "s.jsonl", "--format", "spacy")
    assert code == 0 and "wrote 1 document" in out, err
    [line] = [json.loads(x) for x in (tmp_path / "s.jsonl").read_text("utf-8").splitlines()]
    assert (
        "".join(w + " " * s for w, s in zip(line["words"], line["spaces"], strict=True))
        == (line["text"])
    )
    assert [line["text"][s:e] for s, e, _ in line["spans"]] == ["المرصد السوري", "12 غارة", "حماة"]


def test_bundle_from_the_command_line(cli, tmp_path):
    source = tmp_path / "in.conll"
    source.write_text(ROUND, encoding="utf-8")
    db = tmp_path / "p.db"
    assert cli("import", db, source, "--annotator", "corpus")[0] == 0
    code, out, err = cli("export", db, tmp_path / "release", "--bundle")
    assert code == 0 and "wrote 3 files" in out, err
    manifest = json.loads((tmp_path / "release" / "manifest.json").read_text("utf-8"))
    assert set(manifest["files"]) == {"annotator-corpus.jsonl", "labels.json"}
    assert manifest["annotators"] == {"corpus": {"SOURCE": 1, "NUMBER": 1, "LOCATION": 1}}
