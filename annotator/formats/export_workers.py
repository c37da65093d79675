"""Exports written a run of documents at a time, by several processes when the layer is large.

An export is a job: `job(project, run)` gives the text of a run of documents (a range of row
ids, `Project.document_runs`) and what it has to report. The runs' texts are written in
project order. Tokenizing, tagging and JSON encoding are pure Python, so threads would take
turns on one processor; worker processes, each with its own connection to the project, use
them all.

Each run is read by one worker in one go, so every document is written as it was at one
moment. (While someone annotates during a large export, two documents may come from moments
a second apart, as they would had the export read them one after the other.)
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Any

from annotator.heap import keep_freed_memory
from annotator.storage import Project

# A job: the text of one run of documents, and what else it has to say about them.
Job = Callable[[Project, range], tuple[str, Any]]

CHUNK = 500  # documents in a run: enough to make each hand-over between processes cheap
# Below this many documents, starting worker processes (about 0.3 s each) costs more than it
# saves (measured with benchmarks/conll_export.py).
PARALLEL_MIN_DOCUMENTS = 2_000
MAX_WORKERS = 8

# Told, in the exporting thread, how many documents each run held once it is written.
_on_written: ContextVar[Callable[[int], None] | None] = ContextVar("on_written", default=None)

# A worker process's own connection, and the job it runs on every run it is handed.
_project: Project | None = None
_job: Job | None = None


def default_workers(documents: int) -> int:
    """One worker per processor this process may use, for a layer worth the start-up."""
    if documents < PARALLEL_MIN_DOCUMENTS:
        return 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(usable or 1, MAX_WORKERS))


def write_runs(project: Project, job: Job, out: IO[str], workers: int | None = None) -> list:
    """Write `job`'s text for every run of documents in project order; return the rest of
    what it said, run by run. `workers` None: `default_workers`; 1: in this process.

    The job must be picklable (a module-level function, or a functools.partial of one) when
    workers run it."""
    runs = project.document_runs(CHUNK)
    sizes = _run_sizes(project, runs)
    if workers is None:
        workers = default_workers(project.document_count())
    said = []
    if workers <= 1:
        for run, size in zip(runs, sizes, strict=True):
            text, rest = job(project, run)
            out.write(text)
            said.append(rest)
            _run_written(size)
        return said
    context = multiprocessing.get_context(_start_method())
    # The job goes to each worker once, when it starts: it may carry a large clitic
    # vocabulary, which handing it over with every run would pickle again and again.
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start, initargs=(str(project.path), job)
    ) as pool:
        # When a write is cancelled or a run fails, leaving this loop closes pool.map's
        # iterator, which cancels the runs no worker has started: only the running ones
        # are waited for (test_a_cancelled_export_does_not_wait_for_the_runs_not_started).
        for (text, rest), size in zip(pool.map(_run, runs), sizes, strict=True):
            out.write(text)
            said.append(rest)
            _run_written(size)
    return said


def _start_method() -> str:
    """fork where it is safe, spawn elsewhere. A forked worker starts at once, with the
    modules it needs already imported (a spawned one imports them again: about 0.3 s of a
    processor each). But forking a process that runs other threads can copy into the child
    a lock one of them holds: the window runs exports on a thread, and Qt starts threads of
    its own that Python does not count. So only a process without Qt and with one thread
    (the command line) forks, and only on Linux (macOS's system libraries refuse fork)."""
    if (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and not any(name.startswith("PySide6") for name in sys.modules)
    ):
        return "fork"
    return "spawn"


def _run_sizes(project: Project, runs: list[range]) -> list[int]:
    """How many documents each of `project.document_runs(CHUNK)` holds: CHUNK but the last
    (what a progress bar counts; a document imported meanwhile can only make it round)."""
    left = project.document_count() - CHUNK * (len(runs) - 1)
    return [CHUNK] * (len(runs) - 1) + [left] if runs else []


@contextmanager
def reporting(advance: Callable[[int], None]) -> Iterator[None]:
    """Within this block (in this thread), exports call `advance(documents)` each time they
    have written a run of documents: what a progress bar counts."""
    token = _on_written.set(advance)
    try:
        yield
    finally:
        _on_written.reset(token)


def _run_written(documents: int) -> None:
    advance = _on_written.get()
    if advance is not None:
        advance(documents)


def _start(path: str, job: Job) -> None:
    global _project, _job
    keep_freed_memory()  # a worker lives for one export (see heap.py)
    _project = Project.open(path)
    _job = job


def _run(run: range) -> tuple[str, Any]:
    assert _project is not None and _job is not None, "_start runs first in every worker"
    return _job(_project, run)
