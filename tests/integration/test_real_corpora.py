"""The real corpora beside the project (skipped when absent): imported exactly, offsets exact
with BOMs, CRLF, LRM/RLM marks and Latin tokens present."""

import codecs
import json

from annotator.core import Direction
from annotator.storage import Project
from tests.conftest import shared_data


def test_seed_article_imports_exactly_and_reads_right_to_left(cli, tmp_path):
    article = shared_data("seed_article.txt")
    db = tmp_path / "p.db"
    assert cli("import", db, article)[0] == 0
    with Project.open(db) as project:
        [doc] = list(project.documents())
    assert doc.text == article.read_text(encoding="utf-8")
    assert doc.direction == Direction.RTL
    for phrase in ("حماة", "المرصد السوري لحقوق الانسان", "جبهة النصرة", "240 الف"):
        assert phrase in doc.text


def test_newsfane_keeps_crlf_and_lrm_marks_but_not_its_bom(cli, tmp_path):
    corpus = shared_data("newsfane_gold/NewsFANE_Gold_2014_170K.txt")
    raw = corpus.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    db = tmp_path / "p.db"
    assert cli("import", db, corpus)[0] == 0
    with Project.open(db) as project:
        [doc] = list(project.documents())
    assert doc.text == raw[3:].decode("utf-8")
    assert "\r\n" in doc.text and "\u200e" in doc.text
    # A span placed by code-point offsets covers the same characters after export/import.
    start = doc.text.index("\u200e")
    end = doc.text.index("\t", start)
    token = doc.text[start:end]
    line = {
        "id": "nf",
        "text": doc.text,
        "annotator": "t",
        "spans": [{"start": start, "end": end, "label": "LOCATION", "text": token}],
    }
    source = tmp_path / "nf.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    db2 = tmp_path / "p2.db"
    assert cli("import", db2, source)[0] == 0
    assert cli("export", db2, tmp_path / "out.jsonl")[0] == 0
    [exported] = [
        json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").split("\n") if x
    ]
    assert exported["spans"][0]["text"] == token and exported["text"] == doc.text


def test_aqmar_folder_with_rlm_marks_and_latin_tokens(cli, tmp_path):
    folder = shared_data("aqmar")
    db = tmp_path / "p.db"
    code, out, err = cli("import", db, folder)
    assert code == 0, err
    files = sorted(folder.glob("*.txt"))
    assert f"imported {len(files)} documents" in out
    with Project.open(db) as project:
        stored = {doc.id: doc.text for doc in project.documents()}
    assert stored == {f.stem: f.read_text(encoding="utf-8") for f in files}
    assert any("\u200f" in text for text in stored.values())
