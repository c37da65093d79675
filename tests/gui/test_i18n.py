"""The interface in English and Arabic: translations complete and compiled, Qt's own dialog
buttons translated, the Arabic interface mirrored, and each article's paragraph direction
still its own."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from annotator.core import Document
from annotator.gui import i18n
from annotator.gui.main_window import MainWindow
from annotator.gui.settings import app_settings
from annotator.gui.shortcuts import KEYS, REVIEW_KEYS, sheet_html, translated_keys
from annotator.storage import Project

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "annotator_ar.ts"
GUI_SOURCES = sorted((ROOT / "annotator" / "gui").glob("*.py"))
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")

ARABIC = "قصفت طائرات حربية مدينة حماة، وقال المرصد إن 12 غارة استهدفتها."
ENGLISH = "Syrian state TV said 12 air strikes hit Hama."


@pytest.fixture(autouse=True)
def _english_afterwards(qapp):
    """Other tests share the QApplication: leave it in English, left to right, as found."""
    direction = qapp.layoutDirection()
    yield
    i18n.install(qapp, "en")
    qapp.setLayoutDirection(direction)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        project.add_document(Document("ar", ARABIC, {"title": "غارات على حماة"}))
        project.add_document(Document("en", ENGLISH, {"title": "Strikes on Hama"}))
    return path


def open_window(qtbot, path, annotator="amira"):
    window = MainWindow(Project.open(path), annotator)
    return shown(qtbot, window)


def shown(qtbot, window):
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def messages(ts: Path = TS) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message in a .ts file."""
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def qt_tool(name: str) -> str:
    """A PySide6 tool beside this Python (a venv's bin/), else on PATH; skip without it."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (it comes with PySide6's tools)")
    return found


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def paragraph_start_x(view) -> int:
    """Where the article's first character is drawn, in the viewport."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(0)
    return view.cursorRect(cursor).x()


# -- the language itself -------------------------------------------------------------------


def test_available_and_system_languages(monkeypatch):
    assert i18n.available_languages() == {"en": "English", "ar": "العربية"}

    class System:
        name = ""
        setDefault = staticmethod(lambda locale: None)

        def __init__(self, *args) -> None:  # QLocale(language), as install() makes one
            pass

        @classmethod
        def system(cls):
            return QLocale(cls.name)

    monkeypatch.setattr(i18n, "QLocale", System)
    for name, expected in [("ar_SY", "ar"), ("ar_EG", "ar"), ("en_GB", "en"), ("fr_FR", "en")]:
        System.name = name
        assert i18n.system_language() == expected, name


def test_the_choice_in_settings_wins_over_the_system(monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "en")
    assert i18n.preferred_language() == "en"
    app_settings().setValue("language", "ar")
    assert i18n.preferred_language() == "ar"
    app_settings().setValue("language", "xx")  # unknown: the system's
    assert i18n.preferred_language() == "en"


# -- the translation files -----------------------------------------------------------------


def test_every_message_is_translated_and_keeps_its_placeholders():
    found = messages()
    assert len(found) > 70
    for context, source, translation in found:
        assert translation.get("type") is None, (
            f"{context}: {source!r} is {translation.get('type')}"
        )
        text = translation.text or ""
        assert text.strip(), f"{context}: {source!r} has no translation"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
            f"{context}: {source!r} -> {text!r}"
        )
        if source != "QT_LAYOUT_DIRECTION":
            assert ARABIC_LETTER.search(text), f"{context}: {source!r} -> {text!r} is not Arabic"
            assert text.count("&") == source.count("&"), f"mnemonic: {source!r} -> {text!r}"
    assert ("QGuiApplication", "QT_LAYOUT_DIRECTION") in {(c, s) for c, s, _ in found}
    direction = next(t.text for c, s, t in found if s == "QT_LAYOUT_DIRECTION")
    assert direction == "RTL"


def test_the_shortcut_sheet_is_in_the_translation():
    texts = {text for _, text in (*KEYS, *REVIEW_KEYS)} | {
        "In the review window",
        "Keyboard shortcuts",
    }
    in_ts = {source for context, source, _ in messages() if context == "shortcuts"}
    assert in_ts == texts


def test_the_translation_source_lists_every_string_of_the_interface(tmp_path):
    """lupdate over the interface now finds exactly the messages the .ts holds."""
    lupdate = qt_tool("pyside6-lupdate")
    fresh = tmp_path / "fresh_ar.ts"
    subprocess.run(
        [lupdate, *map(str, GUI_SOURCES), "-ts", str(fresh)], check=True, capture_output=True
    )
    assert {(c, s) for c, s, _ in messages(fresh)} == {(c, s) for c, s, _ in messages()}


def _translations(qm: Path) -> dict[tuple[str, str], str]:
    translator = QTranslator()
    assert translator.load(str(qm)), qm
    comments = _comments()
    return {(c, s): translator.translate(c, s, comments.get((c, s))) for c, s, _ in messages()}


def _comments() -> dict[tuple[str, str], str]:
    """Qt's own messages that carry a disambiguating comment ("Folder", for instance)."""
    root = ET.parse(TS).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message.findtext("comment")
        for context in root.iter("context")
        for message in context.iter("message")
        if message.findtext("comment")
    }


def test_the_committed_qm_holds_every_translation_of_the_ts():
    expected = {(c, s): t.text for c, s, t in messages()}
    assert _translations(i18n.qm_path("ar")) == expected


def test_the_committed_qm_is_the_compiled_ts(tmp_path):
    lrelease = qt_tool("pyside6-lrelease")
    compiled = tmp_path / "annotator_ar.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(compiled)], check=True, capture_output=True)
    committed = i18n.qm_path("ar")
    if compiled.read_bytes() != committed.read_bytes():  # another lrelease may lay it out
        assert _translations(compiled) == _translations(committed)


# -- installing a language -----------------------------------------------------------------


def button_text(button: QDialogButtonBox.StandardButton) -> str:
    box = QDialogButtonBox(button)
    return box.button(button).text()


def test_arabic_mirrors_the_app_and_translates_qt_own_buttons(qapp):
    assert i18n.install(qapp, "ar") == "ar"
    assert i18n.current_language() == "ar"
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QCoreApplication.translate("Menus", "&Edit") == "&تحرير"
    assert QCoreApplication.translate("QGuiApplication", "QT_LAYOUT_DIRECTION") == "RTL"
    for button in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel):
        assert ARABIC_LETTER.search(button_text(button)), button_text(button)
    message = QMessageBox(QMessageBox.Icon.Information, "t", "x", QMessageBox.StandardButton.Ok)
    ok = message.button(QMessageBox.StandardButton.Ok).text()
    assert ARABIC_LETTER.search(ok) and "OK" not in ok
    assert translated_keys()[0][1].startswith("وسم التحديد")


def test_english_again_restores_english_left_to_right(qapp):
    i18n.install(qapp, "ar")
    assert i18n.install(qapp, "en") == "en"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert QCoreApplication.translate("Menus", "&Edit") == "&Edit"
    assert button_text(QDialogButtonBox.StandardButton.Ok).replace("&", "") == "OK"
    assert translated_keys() == list(KEYS)


def test_installing_twice_does_not_stack_translators(qapp):
    i18n.install(qapp, "ar")
    i18n.install(qapp, "ar")
    i18n.install(qapp, "en")
    assert QCoreApplication.translate("Menus", "&Edit") == "&Edit"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_an_unknown_language_is_english(qapp):
    assert i18n.install(qapp, "xx") == "en"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


# -- the window ----------------------------------------------------------------------------


def test_a_window_made_in_arabic_is_translated_and_mirrored(qtbot, qapp, path):
    i18n.install(qapp, "ar")
    window = open_window(qtbot, path)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    titles = menu_titles(window)
    assert "&تحرير" in titles and "&ملف" in titles
    assert all(ARABIC_LETTER.search(title) for title in titles), titles
    assert window.windowTitle().startswith("أداة التوسيم")
    assert window.status_annotator.text() == "المُوسِّم: amira"
    assert window.language_actions["ar"].isChecked()
    # Mirrored: the document list is on the right of the article, the labels on the left.
    x = {
        name: widget.mapTo(window, widget.rect().topLeft()).x()
        for name, widget in [
            ("documents", window.documents),
            ("article", window.article),
            ("palette", window.palette_),
        ]
    }
    assert x["documents"] > x["article"] > x["palette"], x
    # The other widgets' own strings, by their runtime contexts.
    model = window.documents.model
    header = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)]
    assert header == ["العنوان", "الحالة", "الوسوم"]
    assert window.documents.status_filter.itemText(0) == "الكل"
    assert window.spans_model.headerData(0, Qt.Orientation.Horizontal) == "الوسم"
    assert window.article.tr("suggested") == "مقترَح"
    assert window.find_bar.field.placeholderText().startswith("ابحث")


def test_the_arabic_shortcut_sheet_puts_the_keys_first_on_the_right(qtbot, qapp, path):
    i18n.install(qapp, "ar")
    window = open_window(qtbot, path)
    rtl = window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    rows = re.findall(r"<tr>(.*?)</tr>", sheet_html(rtl))
    assert len(rows) == len(KEYS) + len(REVIEW_KEYS)
    for row, (keys, _) in zip(rows, (*KEYS, *REVIEW_KEYS), strict=True):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        assert ARABIC_LETTER.search(cells[0]) and keys in cells[1], row  # mirrored columns
        assert f"\u2066{keys}\u2069" in cells[1]  # keys read left to right
    assert isinstance(qapp.style(), i18n.MenuKeysLeftToRight)  # "Ctrl+=", not "=Ctrl+"


def test_an_english_window_is_left_to_right(qtbot, path):
    window = open_window(qtbot, path)
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert "&Edit" in menu_titles(window)
    first_row = re.search(r"<tr>(.*?)</tr>", sheet_html(False)).group(1)
    assert first_row.index(KEYS[0][0]) < first_row.index(KEYS[0][1])
    assert window.documents.x() < window.article.mapTo(window, window.article.rect().topLeft()).x()
    assert window.language_actions["en"].isChecked()


def test_the_article_keeps_each_document_direction_in_either_interface(qtbot, qapp, path):
    for language in ("ar", "en"):
        i18n.install(qapp, language)
        window = open_window(qtbot, path)
        width = window.article.viewport().width()
        window.open_document(window.project.document_by_id("ar").rowid)
        option = window.article.document().defaultTextOption()
        assert option.textDirection() == Qt.LayoutDirection.RightToLeft, language
        assert paragraph_start_x(window.article) > width / 2, language  # starts on the right
        window.open_document(window.project.document_by_id("en").rowid)
        option = window.article.document().defaultTextOption()
        assert option.textDirection() == Qt.LayoutDirection.LeftToRight, language
        assert paragraph_start_x(window.article) < width / 2, language  # starts on the left
        window.close()


def test_switching_the_language_remakes_the_window_in_place(qtbot, qapp, path):
    window = open_window(qtbot, path)
    window.step_document(forward=True)
    window.article.select_range(ENGLISH.index("Hama"), ENGLISH.index("Hama") + 4)
    qtbot.keyClick(window.article, Qt.Key.Key_2)
    assert len(window.article.spans) == 1
    replaced = []
    window.replaced.connect(replaced.append)

    arabic = window.set_language("ar")
    qtbot.addWidget(arabic)
    assert replaced == [arabic] and arabic is not window
    assert app_settings().value("language") == "ar"
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert arabic.isVisible() and not window.isVisible()
    assert "&تحرير" in menu_titles(arabic)
    assert arabic.statusBar().currentMessage() == "لغة الواجهة: العربية."
    assert arabic.language_actions["ar"].isChecked()
    # The same document, still left to right, and the same session: undo works across.
    assert arabic.current.id == "en"
    option = arabic.article.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.LeftToRight
    assert len(arabic.article.spans) == 1 and arabic.undo_action.isEnabled()
    arabic.undo()
    assert arabic.article.spans == {}
    with Project.open(path) as project:
        assert project.spans(project.document_by_id("en").rowid, "amira") == []
    del window

    arabic.replaced.connect(replaced.append)
    arabic.language_actions["en"].trigger()  # from the menu, as the annotator does it
    english = replaced[-1]
    qtbot.addWidget(english)
    assert i18n.current_language() == "en"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert english.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert "&Edit" in menu_titles(english)
    assert english.statusBar().currentMessage() == "Interface language: English."
    assert app_settings().value("language") == "en"
    assert english.current.id == "en"


def test_choosing_the_current_language_keeps_the_window(qtbot, path):
    window = open_window(qtbot, path)
    assert window.set_language("en") is window
    assert window.set_language("xx") is window
    assert window.statusBar().currentMessage() == "The interface is already in English."


def test_qt_own_file_dialog_speaks_arabic_and_lays_sizes_out_left_to_right(qapp, qtbot, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QLabel, QStyleOptionViewItem, QTreeView

    from annotator.gui.delegates import ContentDirectionDelegate
    from annotator.gui.file_dialogs import FileDialog

    (tmp_path / "folder").mkdir()
    (tmp_path / "report.txt").write_text("x" * 9093, "utf-8")
    i18n.install(qapp, "ar")
    dialog = FileDialog(None, "x", str(tmp_path), "")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"ا&بحث في:", "الملفات من ال&نوع:"} <= labels  # not "&Look in:"
    view = next(v for v in dialog.findChildren(QTreeView) if v.model() is not None)
    model = view.model()
    root = view.rootIndex()
    qtbot.waitUntil(lambda: model.rowCount(root) == 2, timeout=3000)
    rows = {model.index(r, 0, root).data(): r for r in range(model.rowCount(root))}
    assert model.index(rows["folder"], 2, root).data() == "مجلد"  # its type, translated
    size = model.index(rows["report.txt"], 1, root)
    assert isinstance(view.itemDelegate(), ContentDirectionDelegate)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    view.itemDelegate().initStyleOption(option, size)
    assert option.direction == Qt.LayoutDirection.LeftToRight  # "8.88 KiB", not "KiB 8.88"
