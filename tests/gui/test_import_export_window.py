"""File > Import / Export in the window: off the GUI thread, cancellable, drag and drop."""

import json

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from annotator.core import Document, Span, content_hash
from annotator.gui.main_window import MainWindow
from annotator.storage import Project


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        project.add_document(Document("first", "قصفت طائرات حماة"))
    win = MainWindow(Project.open(path), "amira")
    qtbot.addWidget(win)
    win.show()
    return win


def wait_for(qtbot, worker):
    """Until the worker has finished and what it emitted has reached the window. (A wait
    for its finished signal, set up after the worker started, can miss a quick one.)"""
    qtbot.waitUntil(worker.isFinished, timeout=10000)
    qtbot.wait(50)  # deliver the signals it queued for the GUI thread


def articles(tmp_path, count=3):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n}.txt").write_text(f"غارة رقم {n} على ريف ادلب", encoding="utf-8")
    return folder


def test_import_runs_in_the_background_and_refreshes_the_list(qtbot, window, tmp_path):
    worker = window.import_paths([articles(tmp_path)])
    wait_for(qtbot, worker)
    assert window.documents.model.rowCount() == 4
    assert "Imported 3 documents" in window.statusBar().currentMessage()


def test_a_cancelled_import_imports_nothing(qtbot, window, tmp_path):
    worker = window.import_paths([articles(tmp_path, 300)])
    worker.requestInterruption()  # as the progress dialog's Cancel does
    wait_for(qtbot, worker)
    assert window.project.document_count() == 1
    assert "nothing was imported" in window.statusBar().currentMessage()


def test_export_and_a_cancelled_export_keeps_the_old_file(qtbot, window, tmp_path):
    rowid = window.project.document_by_id("first").rowid
    window.session.add(rowid, 12, 16, "LOCATION")
    out = tmp_path / "mine.jsonl"
    worker = window.export_to(out, "jsonl")
    wait_for(qtbot, worker)
    [line] = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [s["text"] for s in line["spans"]] == ["حماة"]
    out.write_text("old\n")
    worker = window.export_to(out, "conll")
    worker.requestInterruption()
    wait_for(qtbot, worker)
    assert out.read_text() == "old\n"
    assert not list(tmp_path.glob(".*exporting"))


def test_dropping_files_imports_them(qtbot, window, tmp_path):
    folder = articles(tmp_path, 2)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in sorted(folder.iterdir())])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    worker = next(iter(window.background.running))
    wait_for(qtbot, worker)
    assert window.project.document_count() == 3


def test_files_that_name_no_annotator_ask_whose_spans_they_are(
    qtbot, window, tmp_path, monkeypatch
):
    from annotator.gui import transfers

    source = tmp_path / "news.conll"
    source.write_text("قال O\nالمرصد B-SOURCE\nفي O\nحماة B-LOCATION\n", encoding="utf-8")
    asked = []
    monkeypatch.setattr(
        transfers.QInputDialog,
        "getText",
        lambda *args, **kwargs: asked.append(kwargs) or ("lina", True),
    )
    first = window.import_paths([source])
    wait_for(qtbot, first)
    qtbot.waitUntil(lambda: not window.background.running, timeout=10000)
    assert asked and asked[0]["text"] == "amira"  # the current annotator is offered first
    rowid = window.project.find_document(content_hash("قال المرصد في حماة")).rowid
    assert [s.label for s in window.project.spans(rowid, "lina")] == ["SOURCE", "LOCATION"]


def test_review_agreement_report_is_written_and_opened(qtbot, window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "annotator.gui.background.QDesktopServices.openUrl", lambda url: opened.append(url)
    )
    rowid = window.project.document_by_id("first").rowid
    window.session.add(rowid, 12, 16, "LOCATION")
    window.project.set_status(rowid, "amira", "done")
    window.project.add_span(rowid, Span(5, 11, "ACTOR", "omar"))
    window.project.set_status(rowid, "omar", "done")
    [action] = [
        a for menu in window.menuBar().actions() for a in menu.menu().actions()
        if a.text() == "Agreement report…"
    ]  # fmt: skip
    with qtbot.waitSignal(window.agreement_finished, timeout=20000):
        action.trigger()  # connected before the work starts: no race
    page = tmp_path / "p-agreement" / "index.html"
    assert page.is_file() and "Agreement" in page.read_text("utf-8")
    assert opened == [QUrl.fromLocalFile(str(page))]
    assert "Agreement report written to" in window.statusBar().currentMessage()


def test_review_agreement_with_one_annotator_says_why(qtbot, window, monkeypatch):
    monkeypatch.setattr("annotator.gui.background.QDesktopServices.openUrl", lambda url: None)
    window.show_agreement()
    # Waited for by its effect: this worker fails at once, and a wait for its finished
    # signal set up after it started could miss it.
    qtbot.waitUntil(
        lambda: "two or more annotators" in window.statusBar().currentMessage(), timeout=20000
    )


def test_an_export_onto_a_folder_fails_in_one_line_and_leaves_nothing(qtbot, window, tmp_path):
    window.session.add(window.project.document_by_id("first").rowid, 12, 16, "LOCATION")
    target = tmp_path / "taken.jsonl"
    target.mkdir()  # a folder where the file should go
    worker = window.export_to(target, "jsonl")
    wait_for(qtbot, worker)
    assert str(target) in window.statusBar().currentMessage()
    assert [p.name for p in tmp_path.iterdir() if "taken" in p.name] == ["taken.jsonl"]


def test_a_cancelled_agreement_report_writes_and_opens_nothing(
    qtbot, window, tmp_path, monkeypatch
):
    opened = []
    monkeypatch.setattr(
        "annotator.gui.background.QDesktopServices.openUrl", lambda url: opened.append(url)
    )
    rowid = window.project.document_by_id("first").rowid
    for name in ("amira", "omar"):
        window.project.add_span(rowid, Span(5, 11, "ACTOR", name))
        window.project.set_status(rowid, name, "done")
    worker = window.show_agreement()
    worker.requestInterruption()  # as the progress dialog's Cancel does
    wait_for(qtbot, worker)
    assert opened == [] and not (tmp_path / "p-agreement").exists()


def test_closing_the_window_waits_for_its_work_and_closes_the_review(qtbot, window, tmp_path):
    rowid = window.project.document_by_id("first").rowid
    for name in ("amira", "omar"):
        window.project.add_span(rowid, Span(5, 11, "ACTOR", name))
        window.project.set_status(rowid, name, "done")
    review = window.open_review()
    assert window.open_review() is review  # one review window, raised again
    worker = window.export_to(tmp_path / "out.conll", "conll")
    window.close()  # Qt aborts if a running thread is destroyed: it is waited for
    assert worker.isFinished() and not review.isVisible()
    assert not [p for p in tmp_path.iterdir() if "exporting" in p.name]


def test_no_language_switch_while_work_runs(window, monkeypatch):
    monkeypatch.setattr(window.background, "busy", lambda: True)
    assert window.set_language("ar") is window
    assert "Wait for the work" in window.statusBar().currentMessage()


def test_export_as_csv_from_the_file_menu_neutralizes_formulas(
    qtbot, window, tmp_path, monkeypatch
):
    import csv

    from annotator.gui import transfers

    rowid = window.project.document_by_id("first").rowid
    window.session.add(rowid, 12, 16, "LOCATION")
    out = tmp_path / "mine.csv"
    started = []
    monkeypatch.setattr(
        transfers.file_dialogs,
        "save_file",
        lambda *args, **kwargs: (str(out), "CSV (*.csv)"),
    )
    monkeypatch.setattr(window.transfers, "export_to", lambda path, fmt: started.append(fmt))
    window.transfers.ask_export()
    assert started == ["csv"]  # the filter chosen decides the format
    monkeypatch.undo()
    window.session.add(rowid, 0, 4, "ACTOR")
    wait_for(qtbot, window.export_to(out, "csv"))
    rows = list(csv.DictReader(out.read_text("utf-8-sig").splitlines()))
    assert [(r["label"], r["text"]) for r in rows] == [("ACTOR", "قصفت"), ("LOCATION", "حماة")]
    assert window.statusBar().currentMessage().startswith("Spans written: 2")
