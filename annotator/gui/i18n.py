"""The interface language: English (the source text) or Arabic, mirrored right to left.

Only the interface follows the language. An article keeps the paragraph direction of its
own text (ArticleView sets it per document), so an English report reads left to right in
the Arabic interface and an Arabic one right to left in the English interface.

The translations live in resources/translations/annotator_ar.ts (Qt Linguist). After
changing a string in the interface, update and compile them from the repository root:

    pyside6-lupdate annotator/gui/*.py -ts resources/translations/annotator_ar.ts
    pyside6-lrelease resources/translations/annotator_ar.ts \\
        -qm annotator/gui/translations/annotator_ar.qm

(tests/gui/test_i18n.py fails when the .ts lacks a string or the .qm is out of date).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    Qt,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOptionMenuItem

from annotator.gui.settings import app_settings

TRANSLATIONS = Path(__file__).with_name("translations")
SETTINGS_KEY = "language"
RIGHT_TO_LEFT = frozenset({"ar"})

# Strings translated at run time under a context that lupdate cannot see from the call
# (a tuple of texts, an f-string), marked here so `pyside6-lupdate` puts them in the .ts.
# Qt's convention: a translation says "RTL" here when its language is written right to left.
QT_TRANSLATE_NOOP("QGuiApplication", "QT_LAYOUT_DIRECTION")
QT_TRANSLATE_NOOP("ArticleView", "suggested")
# Qt's own file dialog asks for these, and qtbase's Arabic translation lacks them: ours
# gives them (its translator is asked too). The context and text are Qt's own.
QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")
QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")
QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive")
QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown")


def _qt_strings_with_a_comment() -> None:
    """Never called: lupdate reads Qt's own strings that carry a disambiguating comment
    from here (it does not read QT_TRANSLATE_NOOP3)."""
    QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms")
    QCoreApplication.translate("QAbstractFileIconProvider", "Shortcut", "All other platforms")


_installed: list[QTranslator] = []
_language = "en"


def available_languages() -> dict[str, str]:
    """Language code -> its name, written in that language (as the menu shows it)."""
    return {"en": "English", "ar": "العربية"}


def system_language() -> str:
    """Arabic when the system locale is Arabic (any region), English otherwise."""
    return "ar" if QLocale.system().name().lower().startswith("ar") else "en"


def preferred_language() -> str:
    """The language chosen in the app (settings key "language"), else the system's."""
    chosen = app_settings().value(SETTINGS_KEY)
    return chosen if chosen in available_languages() else system_language()


def current_language() -> str:
    """The language last installed."""
    return _language


class MenuKeysLeftToRight(QProxyStyle):
    """The application's style, with menu shortcuts drawn as left-to-right runs.

    A right-to-left menu lays its items out right to left, shortcut included, and Qt would
    show "Ctrl+=" as "=Ctrl+". The shortcut is isolated (LRI…PDI) before it is drawn.
    """

    def drawControl(self, element, option, painter, widget=None) -> None:
        if (
            element == QStyle.ControlElement.CE_MenuItem
            and isinstance(option, QStyleOptionMenuItem)
            and "\t" in option.text
            and option.direction == Qt.LayoutDirection.RightToLeft
        ):
            option = QStyleOptionMenuItem(option)
            text, _, keys = option.text.partition("\t")
            option.text = f"{text}\t\u2066{keys}\u2069"
        super().drawControl(element, option, painter, widget)


def _isolate_menu_keys(app: QCoreApplication) -> None:
    """Wrap the application's style once (it changes nothing left to right)."""
    if isinstance(app, QApplication) and not isinstance(app.style(), MenuKeysLeftToRight):
        app.setStyle(MenuKeysLeftToRight(app.style().name()))


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"annotator_{language}.qm"


def install(app: QCoreApplication, language: str) -> str:
    """Make `language` the interface language of `app`, replacing the one installed before.

    Loads the app's translation and Qt's own (dialog buttons, the file and font dialogs,
    text field menus), makes the language's locale the default one (numbers and dates in
    Qt's dialogs) and lays the interface out right to left for Arabic. Returns the language
    installed: English when `language` is unknown. Widgets made before the call keep their
    text; a window shows the new language when it is made again (MainWindow.set_language).
    """
    global _language
    if language not in available_languages():
        language = "en"
    while _installed:
        app.removeTranslator(_installed.pop())
    if language != "en":
        ours = QTranslator(app)
        if ours.load(str(qm_path(language))):
            _installed.append(ours)
        qt = QTranslator(app)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}", qt_folder):
            _installed.append(qt)
        for translator in _installed:
            app.installTranslator(translator)
    # The translation says which way its language is written (Qt's QT_LAYOUT_DIRECTION
    # convention); without one, the language code decides.
    said = QCoreApplication.translate("QGuiApplication", "QT_LAYOUT_DIRECTION")
    rtl = said == "RTL" if said in ("RTL", "LTR") else language in RIGHT_TO_LEFT
    if rtl:
        _isolate_menu_keys(app)
    if hasattr(app, "setLayoutDirection"):  # a QGuiApplication (not a bare core one)
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
    QLocale.setDefault(QLocale(language))
    _language = language
    return language
