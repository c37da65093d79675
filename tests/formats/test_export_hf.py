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


def test_a_names_file_that_cannot_be_written_leaves_the_sentences_file_as_it_was(
    annotated, tmp_path
):
    """The two files go together: no new sentences beside old (or missing) names."""
    out = tmp_path / "train.jsonl"
    out.write_text("old\n", encoding="utf-8")
    labels_path(out).mkdir()
    with pytest.raises(InputError, match="is a folder"):
        export_hf(annotated, out, annotator="amira")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir() if "train" in p.name) == [
        "train.jsonl",
        "train.labels.json",
    ]


def test_the_names_are_in_place_only_after_the_sentences(annotated, tmp_path, monkeypatch):
    """The sentences file is the one large enough to fail at the end (a full disk shows at
    its flush): then the names stay old too."""
    out = tmp_path / "train.jsonl"
    out.write_text("old\n", encoding="utf-8")
    labels_path(out).write_text("[]\n", encoding="utf-8")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("annotator.formats.atomic.os.fsync", full)
    with pytest.raises(InputError, match="No space left") as error:
        export_hf(annotated, out, annotator="amira")
    assert error.value.path == str(out)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert labels_path(out).read_text(encoding="utf-8") == "[]\n"
