"""An export that writes no document says why in one line, and still succeeds."""

import pytest

from annotator.core.review import Review
from annotator.storage import Project

NO_GOLD = (
    "note: no document written: no document has gold spans or a gold status; adjudicate "
    "first (annotator adjudicate, or the review window)\n"
)
EMPTY = {"jsonl": "", "conll": "", "hf": "", "spacy": "", "csv": None}  # csv: a header


@pytest.mark.parametrize("fmt", ["jsonl", "conll", "hf", "spacy", "csv"])
def test_a_gold_export_before_any_adjudication_says_why_it_is_empty(cli, demo, tmp_path, fmt):
    out = tmp_path / f"gold.{fmt}"
    code, stdout, err = cli("export", demo, out, "--gold", "--format", fmt)
    assert code == 0
    assert err == NO_GOLD
    assert " 0 " in stdout  # "wrote 0 lines", "wrote 0 documents", "wrote 0 spans"
    if EMPTY[fmt] is not None:
        assert out.read_text("utf-8") == ""
    else:
        assert out.read_text("utf-8-sig").splitlines() == [
            "document,annotator,start,end,label,text,attrs,origin"
        ]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_project_without_documents(cli, tmp_path, fmt):
    Project.open(tmp_path / "p.db", create=True).close()
    code, _, err = cli("export", tmp_path / "p.db", tmp_path / f"out.{fmt}", "--format", fmt)
    assert code == 0
    assert err == "note: no document written: the project has no documents\n"


def test_an_annotator_without_spans_and_a_project_without_spans(cli, demo_with_lina, tmp_path):
    demo = demo_with_lina
    out = tmp_path / "lina.csv"
    code, _, err = cli("export", demo, out, "--format", "csv", "--annotator", "lina")
    assert code == 0 and err == "note: no document written: 'lina' has no spans\n"
    with Project.open(demo) as project:
        project.db.execute("DELETE FROM spans")
    code, _, err = cli("export", demo, tmp_path / "all.csv", "--format", "csv")
    assert code == 0 and err == "note: no document written: no annotator has made a span\n"


def test_a_gold_layer_curated_empty_writes_its_document_and_no_csv_row(cli, demo, tmp_path):
    with Project.open(demo) as project:
        review = Review(project, "lead")
        review.reject_all(review.documents()[0].rowid)  # every proposal was wrong
    code, out, err = cli("export", demo, tmp_path / "gold.jsonl", "--gold")
    assert (code, out.split(" to ")[0], err) == (0, "wrote 1 line", "")
    code, _, err = cli("export", demo, tmp_path / "gold.csv", "--gold", "--format", "csv")
    assert code == 0 and err == "note: no document written: the gold layer has no spans\n"


def test_an_export_with_documents_has_no_such_note(cli, demo, tmp_path):
    for fmt in ("jsonl", "conll", "hf", "spacy", "csv"):
        code, _, err = cli(
            "export", demo, tmp_path / f"salma.{fmt}", "--format", fmt, "--annotator", "salma"
        )
        assert code == 0 and "no document written" not in err


def test_export_my_spans_in_the_window_says_why_nothing_was_written(qapp, demo_with_lina, tmp_path):
    from annotator.gui.workers import ExportWorker

    worker = ExportWorker(demo_with_lina, tmp_path / "mine.csv", "csv", "lina")
    said, failed = [], []
    worker.succeeded.connect(said.append)
    worker.failed.connect(failed.append)
    worker.run()  # the thread's work, run here: what it says is the point
    assert (said, failed) == (["No document written: 'lina' has no spans"], [])
