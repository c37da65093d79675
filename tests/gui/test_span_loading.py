"""A document with many spans shows its text first and has its spans read in a worker
thread (gui/span_loading.py): the window answers meanwhile, refuses edits until they are
in, and shows the spans of the document open when they arrive, whatever was opened before.

The threshold is lowered here, so that documents of a few hundred spans go that way, and
each load waits for the test to let it read (`gate`)."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import Qt, QTimer

from annotator.core import Document, Span
from annotator.core.records import ImportRecord
from annotator.gui import span_loading
from annotator.gui.main_window import MainWindow
from annotator.storage import Project
from annotator.storage.importing import import_records

PARAGRAPH = "وقال المرصد السوري إن طائرات حربية شنت 12 غارة على ريف حماة الشمالي.\n"
OTHER = "ونزح اكثر من 240 الف شخص من ريف ادلب الى الحدود التركية.\n"


def placed(paragraph: str, count: int, word: str, label: str) -> tuple[str, list[Span]]:
    """`count` paragraphs, `word` labelled in each."""
    at = paragraph.index(word)
    spans = [
        Span(k * len(paragraph) + at, k * len(paragraph) + at + len(word), label, "amira")
        for k in range(count)
    ]
    return paragraph * count, spans


LONG, LONG_SPANS = placed(PARAGRAPH, 300, "حماة", "LOCATION")
SECOND, SECOND_SPANS = placed(OTHER, 200, "ادلب", "LOCATION")
SHORT, SHORT_SPANS = placed(PARAGRAPH, 3, "المرصد السوري", "ACTOR")


@pytest.fixture
def gate(monkeypatch):
    """Loads wait until the test sets this (or until they are asked to stop)."""
    opened = threading.Event()
    real = span_loading.SpanLoadWorker.run

    def waiting(worker) -> None:
        while not opened.wait(0.01):
            if worker.isInterruptionRequested():
                return
        real(worker)

    monkeypatch.setattr(span_loading, "BACKGROUND_ABOVE", 100)
    monkeypatch.setattr(span_loading.SpanLoadWorker, "run", waiting)
    return opened


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        import_records(
            project,
            [
                ImportRecord(Document("long", LONG), "test", 1, LONG_SPANS, "amira"),
                ImportRecord(Document("second", SECOND), "test", 2, SECOND_SPANS, "amira"),
                ImportRecord(Document("short", SHORT), "test", 3, SHORT_SPANS, "amira"),
            ],
        )
    return path


def open_window(qtbot, path) -> MainWindow:
    window = MainWindow(Project.open(path), "amira")  # opens "long", the first unfinished
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def rowid(window: MainWindow, uid: str) -> int:
    return window.project.document_by_id(uid).rowid


def loaded(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.span_loading.busy, timeout=20_000)


def keys(spans: list[Span]) -> set[tuple[int, int, str]]:
    return {s.key() for s in spans}


def tinted(window: MainWindow) -> list[tuple[int, int]]:
    """The stretches of the first paragraph drawn with a tint."""
    block = window.article.document().firstBlock()
    return [(r.start, r.start + r.length) for r in block.layout().formats()]


def test_a_long_document_shows_its_text_then_its_spans(qtbot, path, gate):
    window = open_window(qtbot, path)
    assert window.current.id == "long"
    assert window.article.toPlainText() == LONG
    assert window.article.loading and window.article.spans == {}
    assert window.spans_model.rowCount() == 0
    assert tinted(window) == []
    assert window.status_position.text().endswith("loading spans… 0%")
    gate.set()
    loaded(qtbot, window)
    assert set(window.article.spans) == keys(LONG_SPANS)
    assert window.spans_model.rowCount() == 300
    assert [s.start for s in window.spans_model.rows] == [s.start for s in LONG_SPANS]
    window.article.viewport().repaint()
    first = LONG_SPANS[0]
    assert tinted(window) == [(first.start, first.end)]
    # Suggested from now on ("12"), never where a span is.
    assert any(key[2] == "NUMBER" for key in window.article.suggestions)
    assert not set(window.article.suggestions) & set(window.article.spans)
    assert window.status_position.text().endswith("· 300 spans")
    assert not window.article.loading


def test_the_window_answers_while_the_spans_load(qtbot, path, gate):
    window = open_window(qtbot, path)
    fired = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: fired == [True])  # the event loop runs
    assert window.span_loading.current.isRunning()  # the load has begun, and waits
    qtbot.keyClick(window.article, Qt.Key.Key_Tab)  # reading keys work: a word at a time
    start, end = window.article.selection()
    assert LONG[start:end] == "وقال"
    scroll = window.article.verticalScrollBar()
    qtbot.keyClick(window.article, Qt.Key.Key_PageDown)
    assert scroll.value() > 0
    assert window.span_loading.busy


def test_an_edit_while_the_spans_load_is_refused_and_lost_nowhere(qtbot, path, gate):
    window = open_window(qtbot, path)
    # A span labelled in another document first: there is something to undo.
    window.open_document(rowid(window, "short"))
    window.article.select_range(0, len("وقال"))
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    before = {uid: stored(path, window, uid) for uid in ("long", "short")}
    window.open_document(rowid(window, "long"))
    assert window.article.loading
    start = LONG.index("الشمالي")
    refused = "The spans are still loading: this document can be edited once they are in."
    edits = [
        lambda: (
            window.article.select_range(start, start + len("الشمالي")),
            qtbot.keyClick(window.article, Qt.Key.Key_2),
        ),
        window.undo,
        window.redo,
        lambda: window.labelling.accept_all("NUMBER"),
    ]
    for edit in edits:
        window.statusBar().clearMessage()
        edit()
        assert window.statusBar().currentMessage() == refused
    assert {uid: stored(path, window, uid) for uid in ("long", "short")} == before
    assert window.session.can_undo  # the other document's label is still there to undo
    gate.set()
    loaded(qtbot, window)
    assert window.statusBar().currentMessage() == ""  # the refusal is no longer true
    # Once they are in, the same key labels the same words.
    window.article.select_range(start, start + len("الشمالي"))
    qtbot.keyClick(window.article, Qt.Key.Key_2)
    made = Span(start, start + len("الشمالي"), "LOCATION", "amira")
    assert made.key() in window.article.spans
    assert stored(path, window, "long") == keys(LONG_SPANS) | {made.key()}
    assert window.spans_model.rowCount() == 301


def stored(path, window: MainWindow, uid: str) -> set[tuple[int, int, str]]:
    with Project.open(path) as project:
        return keys(project.spans(rowid(window, uid), "amira"))


def ends(worker) -> list:
    """Filled once the worker's thread has ended (the worker is deleted soon after)."""
    ended = []
    worker.finished.connect(lambda: ended.append(True))
    return ended


def test_a_finished_load_is_freed_with_the_text_it_read(qtbot, path, gate):
    window = open_window(qtbot, path)
    freed = weakref.ref(window.span_loading.current)
    gate.set()
    loaded(qtbot, window)
    qtbot.waitUntil(lambda: not window.span_loading._running)
    qtbot.wait(20)  # deleteLater's turn
    gc.collect()
    assert freed() is None


def test_a_load_that_fails_unexpectedly_says_so_and_ends(qtbot, path, gate, monkeypatch):
    def broken(*args):
        raise ValueError("a bug")

    monkeypatch.setattr(span_loading, "pieces_of", broken)
    window = open_window(qtbot, path)
    gate.set()
    qtbot.waitUntil(lambda: not window.span_loading.busy, timeout=5_000)
    assert window.statusBar().currentMessage().startswith("The spans could not be read")
    assert window.status_position.text().endswith("spans not loaded")
    assert window.article.loading  # still read-only: nothing is edited against no spans
    window.open_document(rowid(window, "long"))  # opening it again tries again
    assert window.span_loading.busy


@pytest.fixture
def unstoppable(monkeypatch):
    """A load asked to stop goes on and sends its spans all the same, as one does that is
    between two looks at the request (or past the last)."""
    monkeypatch.setattr(span_loading.SpanLoadWorker, "requestInterruption", lambda worker: None)


def test_another_document_opened_mid_load_shows_its_own_spans(qtbot, path, gate, unstoppable):
    window = open_window(qtbot, path)
    first = window.span_loading.current
    qtbot.waitUntil(first.isRunning)  # begun, and waiting
    window.open_document(rowid(window, "second"))
    assert window.article.toPlainText() == SECOND and window.article.loading
    ended = ends(first)
    gate.set()
    qtbot.waitUntil(lambda: bool(ended))
    loaded(qtbot, window)
    qtbot.wait(50)  # anything the first load still sent has been delivered
    assert set(window.article.spans) == keys(SECOND_SPANS)
    assert window.spans_model.rowCount() == 200
    assert window.status_position.text().endswith("· 200 spans")


def test_a_short_document_opened_mid_load_keeps_its_spans(qtbot, path, gate, unstoppable):
    window = open_window(qtbot, path)
    first = window.span_loading.current
    qtbot.waitUntil(first.isRunning)  # begun, and waiting
    window.open_document(rowid(window, "short"))  # few spans: read at once, as always
    assert not window.article.loading and not window.span_loading.busy
    assert set(window.article.spans) == keys(SHORT_SPANS)
    ended = ends(first)
    gate.set()
    qtbot.waitUntil(lambda: bool(ended))
    qtbot.wait(50)
    assert set(window.article.spans) == keys(SHORT_SPANS)
    assert window.spans_model.rowCount() == 3


def test_spans_written_elsewhere_during_the_load_are_read_too(qtbot, path, gate):
    window = open_window(qtbot, path)
    start = LONG.index("الشمالي")
    added = Span(start, start + len("الشمالي"), "LOCATION", "amira")
    with Project.open(path) as other:  # another program: an import, label-all
        other.add_span(rowid(window, "long"), added)
    window.reload_from_project()  # what the project watch calls on another's write
    assert window.article.loading
    gate.set()
    loaded(qtbot, window)
    assert set(window.article.spans) == keys(LONG_SPANS) | {added.key()}


def test_a_window_closed_mid_load_stops_it(qtbot, path, gate):
    window = open_window(qtbot, path)
    worker = window.span_loading.current
    qtbot.waitUntil(worker.isRunning)
    window.close()
    assert worker.isFinished()
