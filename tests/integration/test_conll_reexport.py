"""The real corpora import (leniently, where their tags are broken) and export to CoNLL with
exactly the token sequence of the original files."""

import pytest

from annotator.formats.conll_export import export_conll
from annotator.formats.conll_import import ConllOptions, read_conll
from annotator.storage import Project
from annotator.storage.importing import import_records
from tests.conftest import shared_data

CORPORA = {
    "aqmar": lambda folder: sorted(folder.glob("*.txt")),
    "newsfane_gold": lambda folder: [folder / "NewsFANE_Gold_2014_170K.txt"],
    "wojood_sample": lambda folder: [folder / f"{p}.txt" for p in ("test", "train", "val")],
}


def token_column(text: str) -> list[str]:
    tokens = []
    for line in text.replace("\r\n", "\n").split("\n"):
        fields = line.split("\t") if "\t" in line else line.split()
        if fields and fields[0].strip() and not line.startswith("-DOCSTART-"):
            tokens.append(fields[0].strip())
    return tokens


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_reexported_tokens_are_the_files_tokens(tmp_path, corpus):
    files = CORPORA[corpus](shared_data(corpus))
    notes: list[str] = []
    with Project.open(tmp_path / "p.db", create=True) as project:
        records = (
            r
            for path in files
            for r in read_conll(path, ConllOptions("corpus", lenient=True), notes)
        )
        import_records(project, records, add_labels=True)
        report = export_conll(
            project, tmp_path / "out.conll", annotator="corpus", overlaps="columns"
        )
    original = [t for path in files for t in token_column(path.read_text(encoding="utf-8-sig"))]
    exported = token_column((tmp_path / "out.conll").read_text(encoding="utf-8"))
    assert exported == original
    assert report.tokens == len(original) and report.inexact == []
