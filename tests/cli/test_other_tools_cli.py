"""Imports from other tools through the command line: doccano, Label Studio, brat."""

import json

TEXT = "😀 قصفت طائرات روسية مدينة حماة"
HAMA = TEXT.index("حماة")


def exported(cli, db, tmp_path):
    assert cli("export", db, tmp_path / "out.jsonl")[0] == 0
    return [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]


def doccano_file(tmp_path, start, end):
    source = tmp_path / "doccano.jsonl"
    line = {"id": 7, "text": TEXT, "label": [[start, end, "LOC"]]}
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return source


def test_doccano(cli, tmp_path):
    source = doccano_file(tmp_path, HAMA, HAMA + 4)
    db = tmp_path / "p.db"
    args = ("--format", "doccano", "--annotator", "amira", "--label-map", "LOC=LOCATION")
    code, _out, err = cli("import", db, source, *args, "--offsets", "codepoints")
    assert code == 0, err
    [doc] = exported(cli, db, tmp_path)
    assert doc["id"] == "7" and [(s["text"], s["label"]) for s in doc["spans"]] == [
        ("حماة", "LOCATION")
    ]


def test_doccano_offsets_in_a_text_with_emoji_must_be_named(cli, tmp_path):
    """doccano writes UTF-16 offsets for such a text unless its grapheme mode is on: the
    file cannot say which, so the import asks instead of shifting every span."""
    utf16 = len(TEXT[:HAMA].encode("utf-16-le")) // 2  # the emoji counts twice there
    db = tmp_path / "p.db"
    args = ("--format", "doccano", "--annotator", "amira", "--label-map", "LOC=LOCATION")
    source = doccano_file(tmp_path, utf16, utf16 + 4)
    code, _, err = cli("import", db, source, *args)
    assert code == 2 and err.startswith(f"annotator: {source}:1: the text has characters")
    assert "--offsets utf16 or --offsets codepoints" in err and err.count("\n") == 1
    assert not db.exists()
    assert cli("import", db, source, *args, "--offsets", "utf16")[0] == 0
    [doc] = exported(cli, db, tmp_path)
    assert [(s["start"], s["text"]) for s in doc["spans"]] == [(HAMA, "حماة")]
    inside = doccano_file(tmp_path, 1, 5)  # offset 1 falls between the emoji's two halves
    code, _, err = cli("import", tmp_path / "q.db", inside, *args, "--offsets", "utf16")
    assert code == 2 and "UTF-16 offset 1 is inside a character" in err


def test_doccano_without_emoji_needs_no_offsets_option(cli, tmp_path):
    source = tmp_path / "plain.jsonl"
    text = TEXT[2:]
    line = {"id": 1, "text": text, "label": [[text.index("حماة"), len(text), "LOCATION"]]}
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    code, _, err = cli("import", tmp_path / "p.db", source, "--format", "doccano",
                       "--annotator", "amira")  # fmt: skip
    assert code == 0, err


def test_a_source_label_with_spaces_is_mapped(cli, tmp_path):
    source = tmp_path / "doccano.jsonl"
    text = "قصفت طائرات روسية مدينة حماة"
    at = text.index("حماة")
    line = {"id": 1, "text": text, "label": [[at, at + 4, "Populated place, Syria"]]}
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "p.db"
    code, _, err = cli(
        "import", db, source, "--format", "doccano", "--annotator", "amira",
        "--label-map", '"Populated place, Syria"=LOCATION',
    )  # fmt: skip
    assert code == 0, err
    [doc] = exported(cli, db, tmp_path)
    assert [(s["text"], s["label"]) for s in doc["spans"]] == [("حماة", "LOCATION")]


def test_label_studio_utf16_offsets(cli, tmp_path):
    utf16 = len(TEXT[:HAMA].encode("utf-16-le")) // 2  # the emoji counts twice there
    task = {
        "id": 1,
        "data": {"text": TEXT},
        "annotations": [
            {
                "completed_by": 3,
                "result": [
                    {
                        "type": "labels",
                        "from_name": "label",
                        "to_name": "text",
                        "value": {
                            "start": utf16,
                            "end": utf16 + 4,
                            "text": "حماة",
                            "labels": ["LOCATION"],
                        },
                    }
                ],
            }
        ],
    }
    source = tmp_path / "export.json"  # .json: Label Studio, by its extension
    source.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "p.db"
    code, _, err = cli("import", db, source, "--annotator", "omar")
    assert code == 0, err
    [doc] = exported(cli, db, tmp_path)
    assert [(s["start"], s["text"]) for s in doc["spans"]] == [(HAMA, "حماة")]


def test_brat_folder_per_annotator(cli, tmp_path):
    for name in ("lina", "omar"):
        folder = tmp_path / "brat" / name
        folder.mkdir(parents=True)
        (folder / "d1.txt").write_text(TEXT, encoding="utf-8")
        (folder / "d1.ann").write_text(f"T1\tLOCATION {HAMA} {HAMA + 4}\tحماة\n", encoding="utf-8")
    db = tmp_path / "p.db"
    code, out, err = cli("import", db, tmp_path / "brat", "--format", "brat")
    assert code == 0, err
    assert "imported 1 document, 2 spans" in out
    lines = exported(cli, db, tmp_path)
    assert sorted(x["annotator"] for x in lines) == ["lina", "omar"]
    code, _, err = cli("import", db, tmp_path / "brat" / "lina" / "d1.txt", "--format", "brat")
    assert code == 2 and "needs a folder" in err


def test_brat_folder_in_a_legacy_encoding_reads_with_encoding(cli, tmp_path):
    text = "قصفت طائرات حربية مدينة حماة"  # ISO-8859-6 has no emoji, nor Arabic digits
    start = text.index("حماة")
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "d1.txt").write_bytes(text.encode("iso-8859-6"))
    ann = f"T1\tLOCATION {start} {start + 4}\tحماة\n"
    (folder / "d1.ann").write_bytes(ann.encode("iso-8859-6"))
    db = tmp_path / "p.db"
    args = ("import", db, folder, "--format", "brat", "--annotator", "amal")
    code, out, err = cli(*args, "--encoding", "iso-8859-6")
    assert code == 0, err
    assert "imported 1 document, 1 span" in out and "cp1256" not in err
    [doc] = exported(cli, db, tmp_path)
    assert doc["text"] == text and [(s["start"], s["text"]) for s in doc["spans"]] == [
        (start, "حماة")
    ]
