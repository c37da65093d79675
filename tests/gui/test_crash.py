"""An unexpected exception in the running app: logged with its traceback, told once in a
dialog naming the log file, and the app goes on."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator import logs
from annotator.gui.crash import CrashReporter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def log_file(tmp_path):
    path = logs.setup(tmp_path / "logs")
    yield path
    logs.stop()


@pytest.fixture
def dialogs(monkeypatch):
    """Each dialog the reporter shows, recorded instead of waited on."""
    shown = []

    def exec_(box):
        shown.append(
            {
                "title": box.windowTitle(),
                "text": box.text(),
                "details": box.detailedText(),
                "icon": box.icon(),
                "selectable": bool(box.textInteractionFlags()),
                "gui_thread": QThread.currentThread() is QApplication.instance().thread(),
            }
        )
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def reporter(qapp, clock):
    reporter = CrashReporter(quiet=10.0, clock=clock)
    reporter.install()
    yield reporter
    reporter.uninstall()


def boom_in_a_slot():
    raise ValueError("the slot broke")


def test_an_exception_in_a_slot_is_logged_and_told_with_the_log_path(
    reporter, dialogs, log_file, qtbot
):
    QTimer.singleShot(0, boom_in_a_slot)
    qtbot.waitUntil(lambda: bool(dialogs))
    [dialog] = dialogs
    assert dialog["icon"] == QMessageBox.Icon.Critical
    assert "ValueError: the slot broke" in dialog["text"]
    assert str(log_file) in dialog["text"]
    assert "Your work is saved" in dialog["text"]
    assert dialog["selectable"]
    assert "boom_in_a_slot" in dialog["details"]
    written = log_file.read_text(encoding="utf-8")
    assert "ERROR annotator: unexpected exception: ValueError: the slot broke" in written
    assert "Traceback (most recent call last)" in written
    assert 'in boom_in_a_slot\n    raise ValueError("the slot broke")' in written
    # The app goes on: the event loop still runs what comes next.
    after = []
    QTimer.singleShot(0, lambda: after.append(True))
    qtbot.waitUntil(lambda: bool(after))


class Painter(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.painted = 0

    def paintEvent(self, event):
        self.painted += 1
        raise RuntimeError(f"paint {self.painted} failed")  # a different message every time


def test_an_error_repeated_in_a_paint_loop_is_told_once(reporter, dialogs, log_file, qtbot, clock):
    widget = Painter()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    for _ in range(5):
        widget.update()
        QApplication.processEvents()
    assert widget.painted >= 5
    assert len(dialogs) == 1
    written = log_file.read_text(encoding="utf-8")
    assert written.count("Traceback") == 1
    clock.now += 60  # quiet for a minute: the same error is told again
    widget.update()
    QApplication.processEvents()
    assert len(dialogs) == 2
    assert "more times before" in log_file.read_text(encoding="utf-8")


def test_different_errors_are_each_told(reporter, dialogs, log_file):
    class Source(QObject):
        fired = Signal()

    def first():
        raise KeyError("first")

    def second():
        raise OSError("second")

    source = Source()
    source.fired.connect(first)
    source.fired.connect(second)
    source.fired.emit()
    assert ["KeyError" in d["text"] for d in dialogs] == [True, False]
    assert "OSError: second" in dialogs[1]["text"]


def test_an_exception_while_the_dialog_is_up_opens_no_second_one(reporter, monkeypatch, log_file):
    shown = []

    def exec_(box):
        shown.append(box.text())
        # The window beneath repaints while the dialog is up, and fails again.
        QTimer.singleShot(0, lambda: (_ for _ in ()).throw(LookupError("beneath")))
        QApplication.processEvents()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    QTimer.singleShot(0, boom_in_a_slot)
    QApplication.processEvents()
    QApplication.processEvents()
    assert len(shown) == 1 and "the slot broke" in shown[0]
    written = log_file.read_text(encoding="utf-8")
    assert "LookupError: beneath" in written  # logged all the same


def test_a_dialog_that_cannot_be_shown_is_logged_and_does_not_loop(reporter, monkeypatch, log_file):
    calls = []

    def broken(self, said, details):
        calls.append(said)
        raise RuntimeError("no dialog today")

    monkeypatch.setattr(CrashReporter, "dialog", broken)
    boom = QTimer()
    boom.setSingleShot(True)
    boom.timeout.connect(boom_in_a_slot)
    boom.start(0)
    QApplication.processEvents()
    assert len(calls) == 1
    written = log_file.read_text(encoding="utf-8")
    assert "the slot broke" in written and "could not be shown" in written


class Failing(QThread):
    def run(self):
        raise ZeroDivisionError("in a worker thread")


def test_an_exception_in_a_worker_thread_is_told_in_the_gui_thread(
    reporter, dialogs, log_file, qtbot
):
    worker = Failing()
    worker.start()
    worker.wait()
    qtbot.waitUntil(lambda: bool(dialogs))
    [dialog] = dialogs
    assert "ZeroDivisionError: in a worker thread" in dialog["text"]
    assert dialog["gui_thread"]


def test_a_python_thread_is_reported_too(reporter, dialogs, log_file, qtbot):
    def work():
        raise ArithmeticError("in a python thread")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(dialogs))
    assert "ArithmeticError: in a python thread" in dialogs[0]["text"]
    assert "in a python thread" in log_file.read_text(encoding="utf-8")


def test_without_a_log_file_the_dialog_says_where_the_details_went(reporter, dialogs, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    assert logs.setup(blocked / "logs") is None
    try:
        QTimer.singleShot(0, boom_in_a_slot)
        QApplication.processEvents()
    finally:
        logs.stop()
    assert "stderr" in dialogs[0]["text"]


def test_uninstall_puts_the_previous_hooks_back_and_ctrl_c_is_not_a_crash(qapp, dialogs):
    before, before_thread = sys.excepthook, threading.excepthook
    seen = []
    sys.excepthook = lambda *exc: seen.append(exc[0])
    try:
        reporter = CrashReporter()
        reporter.install()
        assert sys.excepthook == reporter.hook
        assert threading.excepthook == reporter.thread_hook
        sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
        assert seen == [KeyboardInterrupt] and dialogs == []
        reporter.uninstall()
        assert sys.excepthook is not reporter.hook and threading.excepthook is before_thread
    finally:
        sys.excepthook = before
