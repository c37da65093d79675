"""Large input in the window: a long document opens whole, and an import or an export
cancelled in the middle leaves the project and the old file as they were."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from annotator.core import Document, Span
from annotator.core.records import ImportRecord
from annotator.gui import workers
from annotator.gui.main_window import MainWindow
from annotator.storage import Project
from annotator.storage.importing import import_records

PARAGRAPH = "وقال المرصد السوري إن طائرات حربية شنت 12 غارة على ريف حماة الشمالي.\n"


def wait_for(qtbot, worker):
    qtbot.waitUntil(worker.isFinished, timeout=60_000)
    qtbot.wait(50)  # deliver the signals it queued for the GUI thread


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "p.db"
    at = PARAGRAPH.index("حماة")
    with Project.open(path, create=True) as project:
        records = [
            ImportRecord(
                Document(f"d{n}", f"{n} {PARAGRAPH}"),
                "test",
                n,
                [Span(at + len(f"{n} "), at + len(f"{n} ") + 4, "LOCATION", "amira")],
                "amira",
            )
            for n in range(1_200)
        ]
        import_records(project, records)
    win = MainWindow(Project.open(path), "amira")
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_5_mb_document_opens_whole_with_its_spans(qtbot, tmp_path):
    count = 5_000_000 // len(PARAGRAPH.encode("utf-8")) + 1
    text = PARAGRAPH * count
    at = PARAGRAPH.index("حماة")
    path = tmp_path / "big.db"
    starts = [k * len(PARAGRAPH) + at for k in range(0, count, 10)]
    spans = [Span(start, start + 4, "LOCATION", "amira") for start in starts]
    with Project.open(path, create=True) as project:
        import_records(project, [ImportRecord(Document("big", text), "test", 1, spans, "amira")])
        rowid = project.document_by_id("big").rowid
    win = MainWindow(Project.open(path), "amira")
    qtbot.addWidget(win)
    win.show()
    win.open_document(rowid)
    assert win.current.text == text
    assert win.article.toPlainText() == text
    assert sorted(start for start, _, _ in win.article.spans) == starts
    assert {text[s:e] for s, e, _ in win.article.spans} == {"حماة"}


def test_an_import_cancelled_midway_imports_nothing(qtbot, window, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(400):
        (folder / f"{n:03d}.txt").write_text(f"غارة رقم {n} على ريف ادلب", encoding="utf-8")
    before = window.project.document_count()
    worker = window.import_paths([folder])
    seen = []

    def progressed(n: int) -> None:
        seen.append(n)
        if n == 150:  # as the progress dialog's Cancel would, with half the files read
            worker.requestInterruption()

    # Direct: called in the worker's thread as each document is read, so the cancel lands
    # at the 150th exactly (a queued call would arrive whenever the GUI thread runs).
    worker.progressed.connect(progressed, Qt.ConnectionType.DirectConnection)
    wait_for(qtbot, worker)
    assert seen[-1] == 150
    assert window.project.document_count() == before
    assert "nothing was imported" in window.statusBar().currentMessage()


def test_an_export_cancelled_midway_stops_and_keeps_the_old_file(
    qtbot, window, tmp_path, monkeypatch
):
    out = tmp_path / "mine.jsonl"
    out.write_text("old\n", "utf-8")
    real = workers.stoppable
    holder = {}
    asked = []

    def cancelled_at_the_second_write(should_stop):
        def check() -> bool:
            asked.append(1)
            if len(asked) == 2:  # the first run of documents is written: Cancel
                holder["worker"].requestInterruption()
            return should_stop()

        return real(check)

    monkeypatch.setattr(workers, "stoppable", cancelled_at_the_second_write)
    holder["worker"] = worker = window.export_to(out, "jsonl")
    wait_for(qtbot, worker)
    assert len(asked) == 2  # stopped there: 1,200 documents are three runs
    assert out.read_text("utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert window.statusBar().currentMessage() == "Export cancelled: the file was not changed."
    # Not cancelled, the same export writes every document.
    worker = window.export_to(out, "jsonl")
    wait_for(qtbot, worker)
    assert len([json.loads(line) for line in out.read_text("utf-8").splitlines()]) == 1_200
