"""The main window's menus: every action, its keys, and what it calls on the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.gui import i18n
from annotator.gui.actions import add_action
from annotator.gui.tagger import ask_settings, open_most_uncertain
from annotator.gui.window_view import choose_font, zoom

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class Menus(QObject):
    """Builds the menu bar of `window`; keeps the actions the window updates later."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        w, bar = window, window.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.add(file_menu, self.tr("&New project…"), None, w.succession.ask_new_project)
        self.add(file_menu, self.tr("&Open project…"), None, w.succession.ask_open_project)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        file_menu.addSeparator()
        self.add(file_menu, self.tr("&Import files…"), "Ctrl+I", w.transfers.ask_import)
        self.add(file_menu, self.tr("&Export my spans…"), "Ctrl+E", w.transfers.ask_export)
        file_menu.addSeparator()
        self.add(file_menu, self.tr("Restore &backup…"), None, w.succession.ask_restore)
        file_menu.addSeparator()
        self.add(
            file_menu,
            self.tr("S&ync with team hub…"),
            None,
            lambda: w.hub_sync.ask(w.session.annotator),
        )
        file_menu.addSeparator()
        self.add(file_menu, self.tr("Change annotator name…"), None, w.ask_annotator)
        self.add(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit, w.close)

        edit = bar.addMenu(self.tr("&Edit"))
        self.undo = self.add(edit, self.tr("&Undo"), "Ctrl+Z", w.undo)
        self.redo = self.add(edit, self.tr("&Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"], w.redo)
        self.add(edit, self.tr("&Find…"), "Ctrl+F", w.find_bar.open)
        edit.addSeparator()
        article = w.article
        self.add(edit, self.tr("Next suggestion"), "F8", lambda: article.step_suggestion(True))
        self.add(
            edit, self.tr("Previous suggestion"), "Shift+F8", lambda: article.step_suggestion(False)
        )
        self.add(
            edit, self.tr("Label all occurrences in this document"), "Ctrl+L", article.label_all
        )
        self.add(
            edit,
            self.tr("Label all occurrences in every document…"),
            "Ctrl+Shift+L",
            w.labelling.label_all_in_project,
        )
        accept_all = edit.addMenu(self.tr("Accept all suggestions"))
        for label in w.labels.active():
            keys = f"Ctrl+Shift+{label.shortcut}" if label.shortcut else None
            self.add(
                accept_all,
                label.name,
                keys,
                lambda _=False, name=label.name: w.labelling.accept_all(name),
            )

        view = bar.addMenu(self.tr("&View"))
        self.add(view, self.tr("Larger text"), ["Ctrl+=", "Ctrl++"], lambda: zoom(w, 1))
        self.add(view, self.tr("Smaller text"), "Ctrl+-", lambda: zoom(w, -1))
        self.add(view, self.tr("Font…"), None, lambda: choose_font(w))
        self.snap = self.add(
            view, self.tr("Snap selections to whole words"), None, w.snap_to_words, True
        )
        self.snap.setChecked(True)
        language_menu = view.addMenu(self.tr("&Language"))
        self.languages: dict[str, QAction] = {}
        group = QActionGroup(self)
        for code, name in i18n.available_languages().items():
            # Each language by its own name, untranslated: findable from either interface.
            action = self.add(
                language_menu, name, None, lambda _=False, code=code: w.set_language(code), True
            )
            action.setChecked(code == i18n.current_language())
            group.addAction(action)
            self.languages[code] = action

        document = bar.addMenu(self.tr("&Document"))
        self.add(
            document, self.tr("Done, open the next"), ["Ctrl+Return", "Ctrl+Enter"], w.done_and_next
        )
        self.add(document, self.tr("Next document"), "Ctrl+PgDown", lambda: w.step_document(True))
        self.add(
            document, self.tr("Previous document"), "Ctrl+PgUp", lambda: w.step_document(False)
        )
        self.add(
            document,
            self.tr("Next most uncertain document"),
            "Ctrl+U",
            lambda: open_most_uncertain(w),
        )
        self.doubt_first = self.add(
            document,
            self.tr("List the most uncertain first"),
            None,
            w.documents.model.order_by_doubt,
            True,
        )
        document.addSeparator()
        self.add(document, self.tr("Train the model now"), "Ctrl+T", lambda: w.tagger.train())
        self.add(
            document,
            self.tr("Start from the starter model"),
            None,
            lambda: w.tagger.train(starter=True),
        )
        self.add(document, self.tr("Model suggestions…"), None, lambda: ask_settings(w.tagger, w))
        review = bar.addMenu(self.tr("&Review"))
        self.add(review, self.tr("Review annotators' work…"), None, w.open_review)
        self.add(review, self.tr("Agreement report…"), None, lambda: w.show_agreement())
        help_menu = bar.addMenu(self.tr("&Help"))
        self.add(help_menu, self.tr("Keyboard shortcuts"), "F1", w.show_shortcuts)

    def add(self, menu: QMenu, text: str, keys, slot, checkable: bool = False) -> QAction:
        return add_action(menu, self.window, text, keys, slot, checkable)
