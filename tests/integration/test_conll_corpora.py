"""The CoNLL importer on the real corpora beside the project (skipped when they are absent).

All three are imported leniently, with a label map, into one project; the recorded
tokenization must give back every file's token column exactly (bidi marks and Wojood's `$#$`
marker lines included), and every repair of AQMAR's broken tags must be reported.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain
from pathlib import Path

import pytest

from annotator.core import InputError
from annotator.core.document import DocStatus
from annotator.formats.conll_import import ConllOptions, parse_label_map, read_conll
from annotator.formats.tokenization import document_sentences
from annotator.storage import Project
from annotator.storage.importing import import_records
from tests.conftest import shared_data
from tests.integration.corpora import read_aqmar, read_newsfane

pytestmark = pytest.mark.corpus

LABEL_MAP = parse_label_map(
    "PER=ACTOR,PERS=ACTOR,ORG=ACTOR,Politician=ACTOR,Government=ACTOR,Group=ACTOR,"
    "LOC=LOCATION,GPE=LOCATION,Nation=LOCATION,Population-Center=LOCATION,CARDINAL=NUMBER"
)


def _corpora() -> dict[str, list[Path]]:
    return {
        "aqmar": sorted(shared_data("aqmar").glob("*.txt")),
        "newsfane": [shared_data("newsfane_gold/NewsFANE_Gold_2014_170K.txt")],
        "wojood": [shared_data(f"wojood_sample/{part}.txt") for part in ("test", "train", "val")],
    }


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """One project holding the three corpora, the notes of each, and the records read."""
    corpora = _corpora()
    options = ConllOptions("corpus", lenient=True, label_map=LABEL_MAP)
    notes: dict[str, list[str]] = {}
    records = {}
    with Project.open(tmp_path_factory.mktemp("conll") / "corpora.db", create=True) as project:
        for name, files in corpora.items():
            notes[name] = []
            records[name] = [r for f in files for r in read_conll(f, options, notes[name])]
            report = import_records(project, records[name], add_labels=True)
            assert report.documents_added == len(records[name])
        yield project, corpora, notes, records


def _file_tokens(path: Path) -> list[list[str]]:
    reader = read_newsfane if "NewsFANE" in path.name else read_aqmar
    return [[tagged.token for tagged in sentence] for sentence in reader(path)]


def _stored_tokens(project: Project, path: Path) -> list[list[str]]:
    sentences = []
    for number in range(1, 100):
        try:
            doc = project.document_by_id(f"{path.stem}-{number}")
        except InputError:
            break
        sentences += [[doc.text[s:e] for s, e in sent] for sent in document_sentences(doc)]
    return sentences


@pytest.mark.parametrize(
    ("corpus", "documents", "sentences", "tokens"),
    [("aqmar", 28, 2687, 73853), ("newsfane", 1, 4760, 168080), ("wojood", 3, 1629, 26974)],
)
def test_counts(imported, corpus, documents, sentences, tokens):
    project, _, _, records = imported
    assert len(records[corpus]) == documents
    kept = [r.document.meta["tokenization"]["sentences"] for r in records[corpus]]
    assert sum(map(len, kept)) == sentences
    assert sum(len(sentence) for doc in kept for sentence in doc) == tokens
    assert project.document_count() == 32


def test_recorded_tokenization_gives_back_every_files_tokens(imported):
    project, corpora, _, _ = imported
    for path in chain.from_iterable(corpora.values()):
        assert _stored_tokens(project, path) == _file_tokens(path), path.name
    woj = _stored_tokens(project, corpora["wojood"][1])
    assert sum(token == "$#$" for sentence in woj for token in sentence) > 100
    newsfane = _stored_tokens(project, corpora["newsfane"][0])
    assert sum(token.startswith("\u200e") for sentence in newsfane for token in sentence) > 1000


def test_aqmar_repairs_are_all_reported(imported):
    _, _, notes, _ = imported
    aqmar = notes["aqmar"]
    assert all(re.match(r".+\.txt:\d+: ", note) for note in aqmar)
    kinds = Counter(
        "orphan" if "continues no chunk" in note else note.split(": ", 2)[1] for note in aqmar
    )
    assert kinds == {
        "orphan": 68,  # with I--ORG and B-MIS1` below, the 70 orphan I- tags of the README
        "invalid tag 'I--ORG' on token 'الأمريكية'": 1,
        "invalid tag 'OO' on token '16'": 1,
        "invalid tag 'IO' on token 'الشمالي'": 1,
        "invalid tag 'B-MIS1`' on token 'الألعاب'": 1,
    }
    assert any("Enrico_Fermi.txt:2268:" in n and "read as 'I-ORG'" in n for n in aqmar)
    assert any("Football.txt:2:" in n and "read as 'B-MIS1'" in n for n in aqmar)
    assert len(notes["newsfane"]) == 4 and len(notes["wojood"]) == 1


def test_spans_are_stored_with_mapped_labels_and_exact_text(imported):
    project, _, _, records = imported
    labels = set(project.label_ids())
    assert {"ACTOR", "LOCATION", "NUMBER", "MIS1", "Media", "DATE"} <= labels
    assert not labels & {"PER", "ORG", "LOC", "PERS", "GPE"}
    for corpus in ("aqmar", "wojood"):
        for record in records[corpus]:
            doc = project.document_by_id(record.document.id)
            stored = project.spans(doc.rowid, "corpus")
            assert {s.key() for s in stored} == {s.key() for s in record.spans}
            starts = {s for sent in document_sentences(doc) for s, _ in sent}
            ends = {e for sent in document_sentences(doc) for _, e in sent}
            assert all(s.start in starts and s.end in ends for s in stored)
            if stored:
                assert project.status(doc.rowid, "corpus") == DocStatus.DONE
    # Wojood's extra tag columns give nested spans.
    [train] = [r for r in records["wojood"] if r.document.id == "train-1"]
    nested = sum(
        1
        for a, b in zip(train.spans, train.spans[1:], strict=False)
        if b.start >= a.start and b.end <= a.end
    )
    assert nested > 100


def test_strict_aqmar_import_fails_and_leaves_the_project_empty(tmp_path):
    files = _corpora()["aqmar"]
    options = ConllOptions("corpus", label_map=LABEL_MAP)
    with Project.open(tmp_path / "strict.db", create=True) as project:
        records = chain.from_iterable(read_conll(f, options, []) for f in files)
        with pytest.raises(InputError) as caught:
            import_records(project, records, add_labels=True)
        assert project.document_count() == 0
        assert project.label_ids().keys().isdisjoint({"MIS1", "MIS2"})
    assert caught.value.path.endswith("Christiano_Ronaldo.txt") and caught.value.line == 171
    assert "tag 'I-LOC' on token 'ماديرا' continues no chunk" in str(caught.value)
