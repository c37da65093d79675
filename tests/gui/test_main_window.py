import pytest
from PySide6.QtCore import Qt

from annotator.core import Document
from annotator.gui.display import display_problem
from annotator.gui.main_window import MainWindow

ARABIC = "AFP: قصفت طائرات حربية روسية مدينة حماة <b>عاجل</b>، وقال المرصد إن 12 غارة استهدفتها."
ENGLISH = "Syrian state TV said 12 air strikes hit Hama."


@pytest.fixture
def window(qtbot, project):
    project.add_document(Document("ar", ARABIC, {"title": "غارات على حماة"}))
    project.add_document(Document("en", ENGLISH, {"title": "Strikes on Hama"}))
    win = MainWindow(project)
    qtbot.addWidget(win)
    win.show()
    return win


def test_lists_documents_and_shows_the_text_as_plain_text(window):
    assert [window.documents.item(i).text() for i in range(2)] == [
        "غارات على حماة",
        "Strikes on Hama",
    ]
    assert window.article.toPlainText() == ARABIC  # "<b>" is data, not markup
    assert window.article.isReadOnly()
    assert window.article.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard


def test_paragraph_direction_comes_from_the_document(window):
    option = window.article.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft  # despite "AFP:" first
    window.documents.setCurrentRow(1)
    option = window.article.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.LeftToRight
    assert window.article.toPlainText() == ENGLISH


def test_empty_project_says_how_to_import(qtbot, project):
    win = MainWindow(project)
    qtbot.addWidget(win)
    assert "annotator import" in win.article.placeholderText()


@pytest.mark.parametrize(
    ("env", "found", "expected"),
    [
        ({}, True, "xvfb-run"),
        ({"DISPLAY": ":0"}, True, None),
        ({"DISPLAY": ":0"}, False, "sudo apt-get install -y libxcb-cursor0"),
        ({"QT_QPA_PLATFORM": "offscreen"}, False, None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, False, None),
    ],
)
def test_display_problem_is_one_clear_sentence(env, found, expected, monkeypatch):
    monkeypatch.setattr("sys.platform", "linux")
    problem = display_problem(env, lambda name: "lib" if found else None)
    if expected is None:
        assert problem is None
    else:
        assert expected in problem and "\n" not in problem


@pytest.mark.parametrize(
    ("argv0", "hint"),
    [
        (".venv/bin/annotator", "xvfb-run -a .venv/bin/annotator"),
        ("/x/annotator/__main__.py", "xvfb-run -a python3 -m annotator"),
    ],
)
def test_the_xvfb_hint_repeats_how_the_app_was_started(argv0, hint, monkeypatch):
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr("sys.argv", [argv0])
    assert display_problem({}, lambda name: "lib").endswith(hint)
