"""Exports by worker processes write exactly what one process writes."""

import io
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from annotator.core import InputError
from annotator.core.gold import GoldSpan
from annotator.core.spans import Span
from annotator.core.tokenize import bounds
from annotator.formats import export_workers
from annotator.formats.atomic import WriteStopped
from annotator.formats.conll_export import export_conll
from annotator.formats.export_jsonl import export_jsonl
from annotator.formats.export_workers import (
    MAX_WORKERS,
    PARALLEL_MIN_DOCUMENTS,
    default_workers,
    write_runs,
)
from annotator.formats.tagging import _UNWRITABLE, DOCSTART
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


class CountedJob:
    """A job that counts, in this process, how often it is pickled to be sent to a worker."""

    pickled = 0

    def __getstate__(self):
        CountedJob.pickled += 1
        return {}

    def __setstate__(self, state):
        pass

    def __call__(self, project, run):
        return f"{run.start}-{run.stop}\n", len(run)


def test_the_job_goes_to_each_worker_once_not_with_every_run(layered, monkeypatch):
    """A job may carry a large clitic vocabulary: pickled per run, it would cost per run."""
    monkeypatch.setattr("annotator.formats.export_workers.CHUNK", 1)
    monkeypatch.setattr(CountedJob, "pickled", 0)
    runs = layered.document_runs(1)
    out = io.StringIO()
    said = write_runs(layered, CountedJob(), out, workers=2)
    assert out.getvalue() == "".join(f"{r.start}-{r.stop}\n" for r in runs)
    assert said == [1] * len(runs) == [1] * 7
    assert 1 <= CountedJob.pickled <= 2  # once per worker started


def _marking_job(folder: str, first: int, project, run):
    """Leaves a mark for each run a worker starts; every run after the first waits until
    the test lets it go, so the runs not started by then are still waiting to be."""
    Path(folder, str(run.start)).touch()
    while run.start != first and not Path(folder, "go").exists():
        time.sleep(0.01)
    return "", None


class _StopsAtFirstWrite:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def write(self, text: str) -> int:
        (self.folder / "go").touch()  # the runs already started may finish now
        raise WriteStopped


def test_a_cancelled_export_does_not_wait_for_the_runs_not_started(project, tmp_path, monkeypatch):
    """The window's Cancel stops the first write: the runs queued behind are dropped, not
    each read, tagged and thrown away while the window waits."""
    monkeypatch.setattr("annotator.formats.export_workers.CHUNK", 1)
    for n in range(30):
        add(project, f"{ARTICLES[n % 3]} {n}")
    runs = project.document_runs(1)
    marks = tmp_path / "marks"
    marks.mkdir()
    job = partial(_marking_job, str(marks), runs[0].start)
    with pytest.raises(WriteStopped):
        write_runs(project, job, _StopsAtFirstWrite(marks), workers=2)
    started = [p for p in marks.iterdir() if p.name != "go"]
    assert 1 <= len(started) < len(runs) == 30


@pytest.mark.parametrize(("processors", "expected"), [(1, 1), (4, 4), (16, MAX_WORKERS)])
def test_a_large_layer_gets_a_worker_per_usable_processor(monkeypatch, processors, expected):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(processors)), raising=False)
    assert default_workers(PARALLEL_MIN_DOCUMENTS) == expected
    assert default_workers(10 * PARALLEL_MIN_DOCUMENTS) == expected
    assert default_workers(PARALLEL_MIN_DOCUMENTS - 1) == 1  # small layers stay in one process
    assert default_workers(0) == 1


@pytest.mark.parametrize(("count", "expected"), [(3, 3), (64, MAX_WORKERS), (None, 1)])
def test_without_affinity_the_processor_count_is_used(monkeypatch, count, expected):
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: count)
    assert default_workers(PARALLEL_MIN_DOCUMENTS) == expected
    assert default_workers(PARALLEL_MIN_DOCUMENTS - 1) == 1


def test_a_large_layer_is_exported_by_worker_processes(layered, tmp_path, monkeypatch):
    """workers=None on a layer of PARALLEL_MIN_DOCUMENTS documents or more starts a pool (the
    threshold lowered to 3 for the seven documents here), and writes what one process does."""
    monkeypatch.setattr(export_workers, "PARALLEL_MIN_DOCUMENTS", 3)
    monkeypatch.setattr(export_workers, "CHUNK", 2)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    pools = []

    class Recorded(ProcessPoolExecutor):
        def __init__(self, max_workers=None, *args, **kwargs):
            pools.append(max_workers)
            super().__init__(max_workers, *args, **kwargs)

    monkeypatch.setattr(export_workers, "ProcessPoolExecutor", Recorded)
    one, default = tmp_path / "one.conll", tmp_path / "default.conll"
    alone = export_conll(layered, one, annotator="amira", workers=1)
    assert pools == []
    shared = export_conll(layered, default, annotator="amira")
    assert pools == [2]
    assert default.read_bytes() == one.read_bytes()
    assert shared == alone


@example("-DOCSTART-")
@example("قال\tالمرصد")
@example("a\u2028b")
@example("x\x85y")
@example("حماة\r\nادلب\u2029x\x0by\x0cz\x1cw")
@given(st.text())
def test_the_engine_never_makes_a_token_conll_cannot_hold(text):
    """Why only recorded tokenizations are checked for TABs, line breaks and -DOCSTART-."""
    for start, end in zip(*bounds(text), strict=True):
        assert not _UNWRITABLE.search(text[start:end])
        assert text[start:end] != DOCSTART


# The command line forks its workers (no Qt, one thread); this process has Qt loaded, so
# the forking is tried in a child process of its own.
_FORKED = """
import sys
from pathlib import Path
from annotator.formats import export_workers
from annotator.formats.conll_export import export_conll
from annotator.formats.export_jsonl import export_jsonl
from annotator.storage import Project
assert export_workers._start_method() == "fork", export_workers._start_method()
export_workers.CHUNK = 2  # several runs, so that both workers write
with Project.open(sys.argv[1]) as project:
    export_conll(project, Path(sys.argv[2]), annotator="amira", workers=2)
    export_jsonl(project, Path(sys.argv[3]), workers=2)
"""


def test_forked_workers_write_what_one_process_writes(layered, tmp_path):
    export_conll(layered, tmp_path / "one.conll", annotator="amira", workers=1)
    export_jsonl(layered, tmp_path / "one.jsonl", workers=1)
    layered.close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    forked = [tmp_path / "forked.conll", tmp_path / "forked.jsonl"]
    subprocess.run(
        [sys.executable, "-c", _FORKED, str(layered.path), *map(str, forked)],
        check=True,
        env=env,
    )
    assert forked[0].read_bytes() == (tmp_path / "one.conll").read_bytes()
    assert forked[1].read_bytes() == (tmp_path / "one.jsonl").read_bytes()


def test_a_process_with_qt_or_threads_spawns_its_workers():
    assert export_workers._start_method() == "spawn"  # pytest-qt has loaded Qt here
