"""The real main window against a temporary project (offscreen)."""

import pytest
from PySide6.QtCore import Qt

from annotator.core import DocStatus, Document
from annotator.core.errors import InputError
from annotator.gui.display import display_problem
from annotator.gui.main_window import MainWindow
from annotator.gui.shortcuts import KEYS, translated_keys
from annotator.gui.window_view import zoom
from annotator.storage import Project

ARABIC = "AFP: قصفت طائرات حربية روسية مدينة حماةَ <b>عاجل</b>، وقال المرصد إن 12 غارة استهدفتها."
ENGLISH = "Syrian state TV said 12 air strikes hit Hama."
THIRD = "نزح اكثر من 240 الف شخص من ريف ادلب."


def at(part, text):
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        project.add_document(Document("ar", ARABIC, {"title": "غارات على حماة"}))
        project.add_document(Document("en", ENGLISH, {"title": "Strikes on Hama"}))
        project.add_document(Document("ar2", THIRD))
    return path


def open_window(qtbot, path, annotator="amira"):
    window = MainWindow(Project.open(path), annotator)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def label(qtbot, window, part, key):
    window.article.select_range(*at(part, window.current.text))
    qtbot.keyClick(window.article, key)


def spans_on_disk(path, uid, annotator="amira"):
    with Project.open(path) as project:
        doc = project.document_by_id(uid)
        return [(doc.text[s.start : s.end], s.label) for s in project.spans(doc.rowid, annotator)]


def test_opens_on_the_first_unfinished_document_with_the_article_focused(qtbot, path):
    window = open_window(qtbot, path)
    assert window.current.id == "ar"
    assert window.article.toPlainText() == ARABIC  # "<b>" is data, not markup
    assert window.focusWidget() is window.article
    assert window.documents.model.rowCount() == 3


def test_paragraph_direction_comes_from_each_document(qtbot, path):
    window = open_window(qtbot, path)
    option = window.article.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft  # despite "AFP:" first
    window.step_document(forward=True)
    assert window.current.id == "en"
    option = window.article.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.LeftToRight


def test_undo_and_redo_across_a_document_switch(qtbot, path):
    window = open_window(qtbot, path)
    label(qtbot, window, "حماةَ", Qt.Key.Key_2)
    window.step_document(forward=True)
    label(qtbot, window, "Hama", Qt.Key.Key_2)
    assert spans_on_disk(path, "en") == [("Hama", "LOCATION")]
    window.undo()
    assert spans_on_disk(path, "en") == []
    window.undo()  # the change was made in the first document: the window goes back there
    assert window.current.id == "ar" and spans_on_disk(path, "ar") == []
    assert window.article.spans == {}
    window.redo()
    assert spans_on_disk(path, "ar") == [("حماةَ", "LOCATION")]
    assert [s.label for s in window.article.spans.values()] == ["LOCATION"]


def test_everything_is_on_disk_and_reopens_where_it_was(qtbot, path):
    window = open_window(qtbot, path)
    label(qtbot, window, "طائرات حربية روسية", Qt.Key.Key_1)
    window.step_document(forward=True)
    window.close()
    assert spans_on_disk(path, "ar") == [("طائرات حربية روسية", "ACTOR")]
    again = open_window(qtbot, path)
    assert again.current.id == "en"  # the last opened document
    again.step_document(forward=False)
    assert [again.current.text[s.start : s.end] for s in again.article.spans.values()] == [
        "طائرات حربية روسية"
    ]


def test_done_and_next_marks_status_and_skips_finished(qtbot, path):
    window = open_window(qtbot, path)
    window.done_and_next()
    assert window.current.id == "en"
    with Project.open(path) as project:
        assert project.status(project.document_by_id("ar").rowid, "amira") is DocStatus.DONE
    row = window.documents.model.row_of(project_rowid(path, "ar"))
    assert window.documents.model.summary(row).status is DocStatus.DONE
    window.done_and_next()
    window.step_document(forward=False)
    window.step_document(forward=False)
    window.done_and_next()  # from the first: the next unfinished is the third
    assert window.current.id == "ar2"


def project_rowid(path, uid):
    with Project.open(path) as project:
        return project.document_by_id(uid).rowid


def test_find_ignores_diacritics_and_letter_variants(qtbot, path):
    window = open_window(qtbot, path)
    window.find_bar.open()
    window.find_bar.field.setText("حماه")
    start, end = window.article.selection()
    assert ARABIC[start:end] == "حماةَ"


def test_zoom_changes_the_font_and_is_remembered(qtbot, path):
    window = open_window(qtbot, path)
    size = window.article.font().pointSize()
    zoom(window, +2)
    assert window.article.font().pointSize() == size + 2
    window.close()
    again = open_window(qtbot, path)
    assert again.article.font().pointSize() == size + 2


def test_span_list_and_article_select_each_other(qtbot, path):
    window = open_window(qtbot, path)
    label(qtbot, window, "12 غارة", Qt.Key.Key_3)
    label(qtbot, window, "حماةَ", Qt.Key.Key_2)
    assert window.spans_model.rowCount() == 2
    window.span_table.selectRow(1)  # rows in reading order: حماة, then 12 غارة
    assert window.article.current.label == "NUMBER"
    assert window.spans_model.data(window.spans_model.index(1, 3)) == "12"


def test_in_a_right_to_left_window_the_span_list_follows_the_article(qtbot, path):
    # QTableView.selectRow selects nothing in a right-to-left view (Qt 6): the row is
    # selected through the selection model instead (delegates.select_row).
    window = open_window(qtbot, path)
    window.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    label(qtbot, window, "12 غارة", Qt.Key.Key_3)
    label(qtbot, window, "حماةَ", Qt.Key.Key_2)
    for row in (0, 1):
        window.article.set_current(window.spans_model.rows[row])
        selected = window.span_table.selectionModel().selectedRows()
        assert [index.row() for index in selected] == [row]


def test_accept_all_suggestions_of_a_label(qtbot, path):
    window = open_window(qtbot, path)
    window.step_document(forward=True)
    window.step_document(forward=True)
    assert any(s.label == "NUMBER" for s in window.article.suggestions.values())
    window.labelling.accept_all("NUMBER")
    assert spans_on_disk(path, "ar2") == [("اكثر من 240 الف", "NUMBER")]
    with Project.open(path) as project:
        [span] = project.spans(project.document_by_id("ar2").rowid)
    assert span.attrs == {"value": 240000, "approx": "at_least"}


def test_an_empty_project_opens(qtbot, tmp_path):
    Project.open(tmp_path / "empty.db", create=True).close()
    window = open_window(qtbot, tmp_path / "empty.db")
    assert window.current is None


def test_the_shortcut_sheet_lists_every_key():
    assert [keys for keys, _ in translated_keys()] == [keys for keys, _ in KEYS]


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


def test_changes_are_on_disk_while_the_window_is_still_open(qtbot, path):
    window = open_window(qtbot, path)
    label(qtbot, window, "حماةَ", Qt.Key.Key_2)
    assert spans_on_disk(path, "ar") == [("حماةَ", "LOCATION")]  # a second connection sees it
    assert window.status_saved.text() == "Saved"
    assert window.status_position.text().startswith("Document 1 of 3: ")


def test_keyboard_shortcuts_reach_the_window(qtbot, path):
    window = open_window(qtbot, path)
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    label(qtbot, window, "حماةَ", Qt.Key.Key_2)
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert spans_on_disk(path, "ar") == []
    qtbot.keyClick(window.article, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current.id == "en"
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current.id == "ar2"  # "en" marked done, the next unfinished opened


def test_geometry_and_splitter_are_remembered(qtbot, path):
    window = open_window(qtbot, path)
    window.resize(760, 520)
    window.splitter.setSizes([200, 611, 300])
    sizes = window.splitter.sizes()
    window.close()
    again = open_window(qtbot, path)
    assert (again.width(), again.height()) == (760, 520)
    assert again.splitter.sizes() == sizes


def test_the_annotator_name_is_asked_once_then_remembered(qtbot, monkeypatch):
    from annotator.gui import app as app_module

    asked = []

    def ask(text):
        asked.append(text)
        return "  أميرة  ", True

    monkeypatch.setattr(app_module, "ask_name", ask)
    assert app_module.annotator_name(None) == "أميرة"
    assert app_module.annotator_name(None) == "أميرة" and len(asked) == 1
    assert app_module.annotator_name("omar") == "omar"  # --annotator wins, and is remembered
    assert app_module.annotator_name(None) == "omar" and len(asked) == 1
    for bad in ("   ", "omar\u202e"):  # --annotator with no name, or a direction override
        with pytest.raises(InputError):
            app_module.annotator_name(bad)
        assert app_module.annotator_name(None) == "omar"  # not remembered


def test_no_name_no_window(qtbot, monkeypatch):
    from annotator.gui import app as app_module

    monkeypatch.setattr(app_module, "ask_name", lambda text: ("", False))
    assert app_module.annotator_name(None) is None


def test_changing_the_annotator_shows_their_own_work(qtbot, path):
    window = open_window(qtbot, path)
    label(qtbot, window, "حماةَ", Qt.Key.Key_2)
    window.set_annotator("omar")
    assert window.article.spans == {} and not window.session.can_undo
    label(qtbot, window, "12 غارة", Qt.Key.Key_3)
    assert spans_on_disk(path, "ar", "omar") == [("12 غارة", "NUMBER")]
    assert spans_on_disk(path, "ar", "amira") == [("حماةَ", "LOCATION")]
    window.set_annotator("amira")
    assert [s.label for s in window.article.spans.values()] == ["LOCATION"]
    assert window.settings.value("annotator") == "amira"


def test_no_key_of_the_shortcut_sheet_runs_into_its_description(qtbot, path):
    """F1's sheet, as shown: each row's keys end before its description begins (on the
    side the interface reads from), whatever the language."""
    from PySide6.QtWidgets import QTextBrowser

    from annotator.gui.shortcuts import KEYS

    window = open_window(qtbot, path)
    for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
        window.setLayoutDirection(direction)
        sheet = window.show_shortcuts()
        qtbot.addWidget(sheet)
        sheet.resize(420, 600)  # as narrow as the message box the sheet once was
        qtbot.waitExposed(sheet)
        document = sheet.findChild(QTextBrowser).document()
        layout = document.documentLayout()
        rows, block = [], document.begin()
        while block.isValid():
            rows.append(block)
            block = block.next()
        keys = {k for k, _ in KEYS}
        checked = 0
        for k, block in enumerate(rows[:-1]):
            text = block.text().strip("\u2066\u2069").replace("\xa0", " ")  # no-wrap spaces
            if text not in keys:
                continue
            described = rows[k + 1] if direction == Qt.LayoutDirection.LeftToRight else rows[k - 1]
            key_box, text_box = layout.blockBoundingRect(block), layout.blockBoundingRect(described)
            width = block.layout().lineAt(0).naturalTextWidth()
            assert block.layout().lineCount() == 1, text
            gap = 8  # keys and description never touch
            if direction == Qt.LayoutDirection.LeftToRight:
                assert key_box.x() + width + gap <= text_box.x(), text
            else:
                key_left = key_box.x() + key_box.width() - width
                assert text_box.x() + text_box.width() + gap <= key_left, text
            checked += 1
        assert checked >= len(KEYS)
        sheet.close()
