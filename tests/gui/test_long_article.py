"""A long article: paragraphs are highlighted, and their suggestions found, when first shown;
Accept all, Tab and snapping still reach the whole text."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core import Document, Span
from annotator.core.session import Session
from annotator.core.suggest import Lexicon, suggest
from annotator.gui.article_view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.storage import Project

PARAGRAPH = "وقال المرصد إن 12 غارة استهدفت حماة.\n"
COUNT = 3000
TEXT = PARAGRAPH * COUNT
LAST = len(PARAGRAPH) * (COUNT - 1)  # where the last paragraph starts


def hama() -> Lexicon:
    lexicon = Lexicon()
    lexicon.add("حماة", "LOCATION")
    return lexicon


@pytest.fixture
def long_view(qtbot, project):
    doc = project.add_document(Document("long", TEXT))
    at = LAST + PARAGRAPH.index("المرصد")
    span = project.add_span(doc.rowid, Span(at, at + len("المرصد"), "SOURCE", "amira"))
    session = Session(project, "amira")
    asked = []

    def suggester(start, end):
        asked.append((start, end))
        return suggest(TEXT, hama(), start=start, end=end)

    view = ArticleView(session, project.labels())
    session.subscribe(view.apply_changes)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_document(doc, [span], suggester)
    return view, asked


def formats_of(view, number):
    return view.document().findBlockByNumber(number).layout().formats()


def test_only_the_paragraphs_shown_are_highlighted_and_searched(long_view):
    view, asked = long_view
    last = COUNT - 1  # block number of the last paragraph (an empty one follows)
    assert view.highlighter.underlines(0)  # its suggestions are drawn
    assert not formats_of(view, last)  # neither its span nor its suggestions yet
    assert not view.highlighter.underlines(last)
    assert 0 < len(asked) < 50
    assert all(s.start < LAST for s in view.suggestions.values())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.viewport().repaint()
    formats = formats_of(view, last)
    tinted = [f for f in formats if f.format.background().style() != Qt.BrushStyle.NoBrush]
    assert [(f.start, f.length) for f in tinted] == [(PARAGRAPH.index("المرصد"), len("المرصد"))]
    dashed = [(s, e - s) for s, e, _, dashed in view.highlighter.underlines(last) if dashed]
    assert sorted(dashed) == [
        (PARAGRAPH.index("12"), 2),
        (PARAGRAPH.index("حماة"), 4),
    ]
    assert {TEXT[s.start : s.end] for s in view.suggestions.values() if s.start >= LAST} == {
        "12",
        "حماة",
    }


def test_tab_and_snapping_cross_paragraphs(qtbot, project):
    text = "قال\n\n، .\nحماة وإدلب"
    doc = project.add_document(Document("t", text))
    view = ArticleView(Session(project, "amira"), project.labels())
    qtbot.addWidget(view)
    view.show_document(doc, [])
    view.select_range(0, 3)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert text[slice(*view.selection())] == "حماة"  # past an empty and a punctuation line
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert text[slice(*view.selection())] == "وإدلب"  # the last stop stays
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert text[slice(*view.selection())] == "قال"
    start = text.index("حماة")
    assert view.snap(start + 1, start + 6) == (start, len(text))


def test_accept_all_reaches_paragraphs_never_shown(qtbot, tmp_path):
    path = tmp_path / "long.db"
    with Project.open(path, create=True) as project:
        project.add_document(Document("long", TEXT))
    window = MainWindow(Project.open(path), "amira")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert 0 < len(window.article.suggestions) < COUNT
    window.labelling.accept_all("NUMBER")
    with Project.open(path) as project:
        spans = project.spans(project.document_by_id("long").rowid, "amira")
    assert len(spans) == COUNT
    assert {(TEXT[s.start : s.end], s.label, s.attrs["value"]) for s in spans} == {
        ("12", "NUMBER", 12)
    }
    assert not [s for s in window.article.suggestions.values() if s.label == "NUMBER"]


def test_the_wait_cursor_shows_while_a_document_opens(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "two.db"
    with Project.open(path, create=True) as project:
        project.add_document(Document("a", PARAGRAPH))
        project.add_document(Document("b", TEXT))
    window = MainWindow(Project.open(path), "amira")
    qtbot.addWidget(window)
    cursors = []
    read_spans = Project.spans

    def spans(self, *args):
        cursor = QApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor is not None else None)
        return read_spans(self, *args)

    monkeypatch.setattr(Project, "spans", spans)
    window.step_document(forward=True)
    assert window.current.id == "b"
    assert cursors == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
