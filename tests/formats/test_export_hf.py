"""Hugging Face JSONL: the CoNLL export's tokens and tags, as indices into a names file."""

import json

import pytest

from annotator.core import Document, InputError, Span
from annotator.formats.conll_export import export_conll
from annotator.formats.export_hf import export_hf, labels_path, tag_names

TEXT = "قال المرصد السوري إن 12 غارة استهدفت وحماة.\nانتهى الهجوم."


def at(part):
    start = TEXT.index(part)
    return start, start + len(part)


@pytest.fixture
def annotated(project):
    doc = project.add_document(Document("hama", TEXT))
    for part, label in (("المرصد السوري", "SOURCE"), ("12 غارة", "NUMBER"), ("حماة", "LOCATION")):
        project.add_span(doc.rowid, Span(*at(part), label, "amira"))
    return project


def conll_rows(path):
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("-DOCSTART-"):
            continue
        if not line:
            if current:
                sentences.append(current)
            current = []
        else:
            current.append(tuple(line.split("\t")))
    return sentences


def test_same_tokens_and_tags_as_conll_one_sentence_per_line(annotated, tmp_path):
    out = tmp_path / "train.jsonl"
    report = export_hf(annotated, out, annotator="amira")
    export_conll(annotated, tmp_path / "train.conll", annotator="amira")
    names = json.loads(labels_path(out).read_text(encoding="utf-8"))
    assert names[:3] == ["O", "B-ACTOR", "I-ACTOR"]
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["hama-0", "hama-1"]
    assert [
        [(t, names[g]) for t, g in zip(x["tokens"], x["ner_tags"], strict=True)] for x in lines
    ] == conll_rows(tmp_path / "train.conll")
    assert ("حماة", "B-LOCATION") in [
        (t, names[g]) for t, g in zip(lines[0]["tokens"], lines[0]["ner_tags"], strict=True)
    ]
    assert report.tokens == sum(len(x["tokens"]) for x in lines)


def test_bioes_names_and_one_column_only(annotated, tmp_path):
    assert tag_names(["ACTOR"], "bioes") == ["O", "B-ACTOR", "I-ACTOR", "E-ACTOR", "S-ACTOR"]
    export_hf(annotated, tmp_path / "b.jsonl", annotator="amira", scheme="bioes")
    names = json.loads(labels_path(tmp_path / "b.jsonl").read_text(encoding="utf-8"))
    first = json.loads((tmp_path / "b.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert [names[g] for g in first["ner_tags"]][1:3] == ["B-SOURCE", "E-SOURCE"]
    with pytest.raises(InputError, match="one tag per token"):
        export_hf(annotated, tmp_path / "c.jsonl", annotator="amira", overlaps="columns")
