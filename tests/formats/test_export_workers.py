"""Exports by worker processes write exactly what one process writes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core import InputError
from annotator.core.gold import GoldSpan
from annotator.core.spans import Span
from annotator.core.tokenize import bounds
from annotator.formats.conll_export import _UNWRITABLE, DOCSTART, export_conll
from annotator.formats.export_jsonl import export_jsonl
from annotator.formats.export_workers import PARALLEL_MIN_DOCUMENTS, default_workers
from annotator.formats.tokenization import TOKENIZATION_KEY, recorded
from tests.formats.test_conll_export import add

ARTICLES = [
    "قال المرصد السوري إن 12 غارة استهدفت وحماة. وأضاف أن «القصف» مستمر.",
    "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي\nوقتل 3 مدنيين.",
    "أفادت وكالة سانا أن الدفاعات الجوية تصدت لصواريخ فوق دمشق.",
]


@pytest.fixture
def layered(project):
    """Seven documents: spans by two annotators, nested spans, one untouched, one unfinished,
    gold spans on two."""
    for n in range(7):
        text = f"{ARTICLES[n % 3]}\nالخبر {n}"
        if n == 3:
            add(project, text, uid=f"u{n}")  # nobody worked on it
            continue
        spans = [("المرصد السوري", "SOURCE"), ("حماة", "LOCATION"), ("12", "NUMBER")]
        spans = [s for s in spans if s[0] in text] or [("دمشق", "LOCATION")]
        if "قوات النظام" in text:
            spans = [("قوات النظام", "ACTOR"), ("بلدة كفرنبل بريف إدلب", "LOCATION"),
                     ("كفرنبل", "LOCATION"), ("3", "NUMBER")]  # fmt: skip
        doc = add(project, text, spans, uid=f"u{n}")
        project.set_status(doc.rowid, "amira", "in_progress" if n == 5 else "done")
        if n % 2 == 0:
            start = text.index(spans[0][0])
            project.add_span(doc.rowid, Span(start, start + len(spans[0][0]), "ACTOR", "omar"))
        if n < 2:
            start = text.index(spans[0][0])
            project.add_gold_span(
                doc.rowid, GoldSpan(start, start + len(spans[0][0]), spans[0][1], agreed_by=())
            )
    return project


OPTIONS = [
    {"annotator": "amira"},
    {"annotator": "amira", "overlaps": "columns", "scheme": "bioes"},
    {"annotator": "amira", "overlaps": "inner", "clitics": "split", "scheme": "iob1"},
    {"annotator": "omar"},
    {"gold": True},
]


@pytest.mark.parametrize("options", OPTIONS)
def test_two_workers_write_the_same_file_and_report_as_one_process(layered, tmp_path, options):
    one, two = tmp_path / "one.conll", tmp_path / "two.conll"
    alone = export_conll(layered, one, workers=1, **options)
    shared = export_conll(layered, two, workers=2, **options)
    assert two.read_bytes() == one.read_bytes()
    assert shared == alone
    assert alone.documents > 0


def test_several_runs_of_documents_come_back_in_order(layered, tmp_path, monkeypatch):
    """Runs of one document each: seven hand-overs, written in project order."""
    monkeypatch.setattr("annotator.formats.export_workers.CHUNK", 1)
    one, two = tmp_path / "one.conll", tmp_path / "two.conll"
    alone = export_conll(layered, one, annotator="amira", workers=1)
    shared = export_conll(layered, two, annotator="amira", workers=2)
    assert two.read_bytes() == one.read_bytes()
    assert shared.notes == alone.notes
    assert any("1 document(s) amira has not worked on" in n for n in shared.notes)
    assert any("1 written document(s) are not done yet" in n for n in shared.notes)


@pytest.mark.parametrize("options", [{}, {"annotator": "amira"}, {"gold": True}])
def test_jsonl_by_two_workers_is_the_same_file(layered, tmp_path, monkeypatch, options):
    monkeypatch.setattr("annotator.formats.export_workers.CHUNK", 2)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    lines = export_jsonl(layered, one, workers=1, **options)
    assert export_jsonl(layered, two, workers=2, **options) == lines > 0
    assert two.read_bytes() == one.read_bytes()


def test_a_worker_failing_leaves_the_old_file(project, tmp_path):
    add(project, ARTICLES[0], [("حماة", "LOCATION")])
    bad = {TOKENIZATION_KEY: recorded([[(0, 9), (3, 12)]])}
    add(project, ARTICLES[1], [("إدلب", "LOCATION")], meta=bad)
    out = tmp_path / "out.conll"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(InputError, match="recorded tokenization") as error:
        export_conll(project, out, workers=2)
    assert error.value.code == "bad_tokenization"
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if "out.conll" in p.name] == ["out.conll"]


def test_small_layers_stay_in_one_process():
    assert default_workers(PARALLEL_MIN_DOCUMENTS - 1) == 1
    assert default_workers(PARALLEL_MIN_DOCUMENTS) >= 1


@given(st.text())
def test_the_engine_never_makes_a_token_conll_cannot_hold(text):
    """Why only recorded tokenizations are checked for TABs, line breaks and -DOCSTART-."""
    for start, end in zip(*bounds(text), strict=True):
        assert not _UNWRITABLE.search(text[start:end])
        assert text[start:end] != DOCSTART
