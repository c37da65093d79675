"""The project's tagger in the window: a training in the background leaves the window
responsive, and its suggestions then appear in the paragraphs on screen without moving the
cursor or the selection."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt, QTimer

from annotator.core import DocStatus, Document
from annotator.core.spans import Span
from annotator.core.suggest import Source
from annotator.core.tagger import TrainingDocument, train
from annotator.core.tagger.model import DEFAULT_MIN_SCORE
from annotator.gui.main_window import MainWindow
from annotator.gui.tagger import MIN_F1_KEY
from annotator.storage import Project
from tests.core.tagger_fixtures import report, reports

# The open document: names the lexicon does not know (خان طومان، جيش العزة), in patterns the
# model has learnt from the finished reports.
FRESH = (
    "قصف جيش العزة بلدة خان طومان صباح اليوم .\n"
    "قال مصدر إن جيش العزة سيطر على تل رفعت بعد معارك عنيفة ."
)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        project.add_document(Document("fresh", FRESH, {"title": "تقرير جديد"}))
        for n, doc in enumerate(reports(30)):
            stored = project.add_document(Document(f"r{n}", doc.text))
            for start, end, label in doc.spans:
                project.add_span(stored.rowid, Span(start, end, label, "amira"))
            project.set_status(stored.rowid, "amira", DocStatus.DONE)
    return path


def open_window(qtbot, path):
    window = MainWindow(Project.open(path), "amira")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # its shortcuts reach it
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def model_suggestions(window):
    return {
        window.current.text[s.start : s.end]: s
        for s in window.article.suggestions.values()
        if s.source == Source.MODEL
    }


def test_a_project_without_a_model_works_as_before(qtbot, path):
    window = open_window(qtbot, path)
    assert window.current.id == "fresh"
    assert window.tagger.model is None
    assert window.tagger.status.text() == "Model: none yet"
    assert not model_suggestions(window)


def test_suggestions_appear_after_a_training_that_never_blocks_the_window(qtbot, path):
    window = open_window(qtbot, path)
    window.settings.setValue(MIN_F1_KEY, 0.0)
    window.article.select_range(0, 3)  # the annotator's selection on قصف
    selection = window.article.textCursor()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(window.tagger.training))
    timer.start(5)
    worker = window.tagger.train()
    assert worker is not None and window.tagger.status.text() == "Model: training…"
    with qtbot.waitSignal(window.tagger.changed, timeout=120_000):  # the model is in
        pass
    qtbot.waitUntil(lambda: not window.tagger.training)  # and the worker has ended
    timer.stop()
    # The event loop kept turning all along the training: the GUI thread was never blocked.
    assert ticks.count(True) >= 10
    found = model_suggestions(window)
    assert {"جيش العزة", "خان طومان"} <= set(found), found
    for suggestion in found.values():
        assert DEFAULT_MIN_SCORE <= suggestion.score <= 1.0
    assert window.article.textCursor().selectionStart() == selection.selectionStart()
    assert window.article.textCursor().selectionEnd() == selection.selectionEnd()
    assert window.tagger.status.text().startswith("Model: trained ")
    with Project.open(path) as project:
        assert project.model_info().documents == 30


def test_a_model_below_the_f1_threshold_suggests_nothing(qtbot, path):
    with Project.open(path) as project:
        project.train_model(folds=0)  # no cross-validation: F1 unknown, so below any threshold
    window = open_window(qtbot, path)
    assert window.tagger.model is not None
    assert window.tagger.usable() is None
    assert not model_suggestions(window)
    window.settings.setValue(MIN_F1_KEY, 0.0)
    window.tagger.changed.emit()
    assert model_suggestions(window)


def test_marking_a_document_done_trains_again(qtbot, path):
    window = open_window(qtbot, path)
    window.done_and_next()
    assert window.tagger.training
    with qtbot.waitSignal(window.tagger.changed, timeout=120_000):
        pass
    assert window.tagger.model is not None


def test_new_model_suggestions_replace_the_old_ones(qtbot, path):
    with Project.open(path) as project:
        project.train_model(folds=0)
    window = open_window(qtbot, path)
    window.settings.setValue(MIN_F1_KEY, 0.0)
    window.tagger.changed.emit()
    before = set(model_suggestions(window))
    assert before
    rng = random.Random(3)
    only_places = [report(rng) for _ in range(30)]
    only_places = [
        TrainingDocument(d.text, tuple(s for s in d.spans if s[2] == "LOCATION"))
        for d in only_places
    ]
    window.tagger.model = train(only_places, folds=0)  # a model that knows only LOCATION
    window.tagger.changed.emit()
    labels = {s.label for s in model_suggestions(window).values()}
    assert labels == {"LOCATION"}


STRANGE = "الطقس جميل اليوم في المدينة والناس في الأسواق يشترون الخضار والفاكهة"


def test_uncertainty_first_order_and_the_next_most_uncertain_document(qtbot, path):
    with Project.open(path) as project:
        project.add_document(Document("strange", STRANGE))
        project.add_document(Document("familiar", reports(1, seed=11)[0].text))
        project.train_model(folds=0)
        doubts = {project.document(r).id: d for r, d in project.doubts().items()}
    assert set(doubts) == {"fresh", "strange", "familiar"}  # not the documents it learnt from
    window = open_window(qtbot, path)
    order = sorted(doubts, key=doubts.get, reverse=True)
    window.menus_doubt_first.trigger()
    listed = [window.documents.model.summary(row).id for row in range(3)]
    assert listed == order
    window.open_document(window.documents.model.summaries[-1].rowid)  # a finished report
    qtbot.keyClick(window.article, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert window.current.id == order[0]
    window.documents.filter_edit.setText(order[2])  # the least uncertain alone is listed
    window.documents.apply_filter()
    assert window.documents.proxy.rowCount() == 1
    qtbot.keyClick(window.article, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert window.current.id == order[2]  # of those listed, not one the filter hides
    window.documents.filter_edit.setText("")
    window.documents.apply_filter()
    window.menus_doubt_first.trigger()  # back to the project's order
    assert window.documents.model.summary(0).id == "fresh"


def test_a_control_document_shows_no_suggestion_once_the_model_suggests(qtbot, path):
    with Project.open(path) as project:
        numbers = project.add_document(Document("numbers", "قصف الجيش السوري حماة بـ 12 غارة ."))
        begun = project.add_document(Document("begun", "وصل الجيش السوري إلى حماة بعد 3 أيام ."))
        project.add_span(begun.rowid, Span(4, 9, "ACTOR", "amira"))  # in progress for amira
        project.train_model(folds=0)  # F1 not measured: below any threshold above 0
        project.set_control_share(1.0)  # every document a control
    window = open_window(qtbot, path)
    window.open_document(numbers.rowid)
    assert window.tagger.usable() is None
    assert window.article.suggestions  # the number 12, the lexicon's names: no control yet
    window.settings.setValue(MIN_F1_KEY, 0.0)
    window.tagger.changed.emit()  # the model suggests from now on, the document open
    assert not window.article.suggestions  # none at all: not even the number
    assert "A control document" in window.statusBar().currentMessage()
    with Project.open(path) as project:
        assert project.assistance() == {(numbers.rowid, "amira"): False}
        project.set_control_share(0.0)
    window.open_document(begun.rowid)  # begun before the model suggested: as it was
    assert window.article.suggestions
    window.open_document(numbers.rowid)
    assert not window.article.suggestions  # decided once: it stays a control
    with Project.open(path) as project:
        assert project.assistance() == {(numbers.rowid, "amira"): False}


def test_starting_from_the_starter_model(qtbot, tmp_path):
    path = tmp_path / "new.db"
    with Project.open(path, create=True) as project:
        project.add_document(Document("a", "قال المرصد إن الطائرات الروسية قصفت مدينة حلب ."))
        project.set_control_share(0.0)
    window = open_window(qtbot, path)
    assert window.tagger.train(starter=True) is not None
    with qtbot.waitSignal(window.tagger.changed, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: not window.tagger.training)
    assert window.tagger.status.text().startswith("Model: the starter model · F1 0.")
    assert ("حلب", "LOCATION") in {(t, s.label) for t, s in model_suggestions(window).items()}
