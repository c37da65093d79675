"""File > Sync with team hub in the window: in the background, the documents arrive in the
list, the status bar says when; an unreachable hub says so and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from annotator.core.document import Document
from annotator.gui.main_window import MainWindow
from annotator.hub.connection import connect
from annotator.hub.coordinator import assign, publish
from annotator.storage import Project


def _window(qtbot, path, annotator):
    window = MainWindow(Project.open(path), annotator)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_sync_in_the_window_brings_the_documents_without_blocking(hub, qtbot, tmp_path):
    with Project.open(tmp_path / "c.db", create=True) as project:
        for number in range(30):
            project.add_document(Document(f"d{number}", f"قصف على بلدة رقم {number} في ريف ادلب"))
        with connect(hub.url) as conn:
            publish(conn, project)
    url = hub.person("huda")
    with connect(hub.url) as conn:
        assign(conn, ["huda"], overlap=1)
    path = tmp_path / "huda.db"
    Project.open(path, create=True).close()
    window = _window(qtbot, path, "huda")
    assert window.documents.model.rowCount() == 0
    assert window.hub_sync.status.text() == ""

    worker = window.hub_sync.start(url, "huda")
    ticks = []  # whether the sync was still running, at each turn of the GUI thread's loop
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(worker.isRunning()))
    timer.start(5)
    with qtbot.waitSignal(worker.finished, timeout=30000):
        pass
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 30, timeout=5000)
    timer.stop()
    assert any(ticks)  # the GUI thread ran its events while the sync ran
    assert window.hub_sync.status.text().startswith("Hub: synced ")
    assert "30 new documents" in window.statusBar().currentMessage()
    with Project.open(path) as project:
        assert project.hub_last_sync()["as"] == "huda"


def test_an_unreachable_hub_says_so_and_changes_nothing(pg_server, qtbot, tmp_path):
    path = tmp_path / "huda.db"
    Project.open(path, create=True).close()
    window = _window(qtbot, path, "huda")
    worker = window.hub_sync.start(f"host={tmp_path} dbname=none connect_timeout=2", "huda")
    with qtbot.waitSignal(worker.finished, timeout=30000):
        pass
    qtbot.waitUntil(
        lambda: (
            "Cannot reach" in window.statusBar().currentMessage()
            or "cannot reach" in window.statusBar().currentMessage()
        ),
        timeout=5000,
    )
    assert "Your work is safe here" in window.statusBar().currentMessage()
    assert window.hub_sync.status.text() == ""
    with Project.open(path) as project:
        assert project.document_count() == 0
