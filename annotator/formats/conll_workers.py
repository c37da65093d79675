"""CoNLL export of a large layer by several processes.

Each worker process opens the project itself and writes the CoNLL of a run of documents
(`CHUNK` of them, by row id); the parent writes the runs to the file in project order and
adds up their reports. Tokenizing and tagging are pure Python, so threads would take turns
on one processor; processes use them all.

Each run is read in one go by one worker, so every document is written as it was at one
moment. (While someone annotates during a large export, two documents may come from
moments a second apart, as they would had the export read them one after the other.)
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import IO

from annotator.formats.conll_export import ConllReport, Layer, Settings, layer_notes
from annotator.storage import Project

CHUNK = 500  # documents a worker writes at a time: enough to make each hand-over cheap

_project: Project | None = None  # each worker's own connection


def _open(path: str) -> None:
    global _project
    _project = Project.open(path)


def _write(settings: Settings, rowids: range) -> tuple[str, ConllReport, int, int]:
    assert _project is not None
    layer = Layer(_project, settings.annotator, [rowids])
    exporter = settings.exporter()
    text = "".join([exporter.document(doc, spans) for doc, spans in layer])
    return text, exporter.report, layer.untouched, layer.in_progress


def write_in_workers(
    project: Project, settings: Settings, workers: int, out: IO[str]
) -> ConllReport:
    report = ConllReport(columns=settings.columns)
    untouched = in_progress = 0
    # spawn, not fork: the window runs exports on a thread, and forking a process that has
    # threads can copy a held lock into the child.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_open, initargs=(str(project.path),)
    ) as pool:
        chunks = project.document_runs(CHUNK)
        for text, part, left, unfinished in pool.map(_write, [settings] * len(chunks), chunks):
            out.write(text)
            report.add(part)
            untouched += left
            in_progress += unfinished
    report.notes[:0] = layer_notes(settings.annotator, untouched, in_progress)
    return report
