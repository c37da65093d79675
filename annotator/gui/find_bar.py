"""Ctrl+F: find in the article, ignoring diacritics, tatweel and the hamza/alef/yaa/taa
marbuta spellings. Every match is outlined, the current one is selected, the bar counts
them ("3 of 7"), and Esc or its close button gives the keys back to the article.

The search runs on a normalized copy of the text, made once per document, and each match
is mapped back to the exact original characters.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.core.arabic import Normalized, normalize
from annotator.gui.article_view import ArticleView
from annotator.gui.decorations import Outline

MATCH_COLOUR = QColor("#7f7f7f")  # a grey outline: no label's colour, on light and dark
# Matches found at the most: one letter typed in a 50 MB article would match millions of
# times, and the bar answers while the annotator types.
MAX_MATCHES = 10_000


class FindField(QLineEdit):
    """The search box: Enter for the next match, Shift+Enter the previous, Esc closes."""

    step = Signal(bool)  # forward?
    escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        elif event.key() == Qt.Key.Key_Escape:
            self.escape.emit()
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, article: ArticleView) -> None:
        super().__init__()
        self.article = article
        self.field = FindField()
        self.field.setPlaceholderText(self.tr("Find in the article (Enter: next)"))
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close the find bar (Esc)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.close_button)
        self.matches: list[tuple[int, int]] = []
        self.at: int | None = None  # the index of the match selected
        self.more = False  # more matches than MAX_MATCHES
        self._normalized: tuple[object, Normalized] | None = None
        self.field.textChanged.connect(lambda _: self.search())
        self.field.step.connect(self.step)
        self.field.escape.connect(self.close_bar)
        self.close_button.clicked.connect(self.close_bar)
        self.hide()

    def text(self) -> str:
        return self.field.text()

    def open(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.matches, self.at = [], None
        self.article.set_outlines("find", [])
        self.article.setFocus()
        self.closed.emit()

    def document_changed(self) -> None:
        """Another document is shown: search it, if the bar is open."""
        self._normalized = None
        if self.isVisible():
            self.search()

    def _norm(self) -> Normalized | None:
        doc = self.article.document_shown
        if doc is None:
            return None
        if self._normalized is None or self._normalized[0] is not doc:
            self._normalized = (doc, normalize(doc.text))
        return self._normalized[1]

    def search(self) -> None:
        """Find every match of the text in the box, outline them all and select the first
        at or after the caret."""
        norm = self._norm()
        self.matches, self.at, self.more = [], None, False
        if norm is not None:
            self.matches, self.more = norm.find_all(self.field.text(), MAX_MATCHES)
        self.article.set_outlines(
            "find", [Outline(start, end, MATCH_COLOUR, dashed=True) for start, end in self.matches]
        )
        if self.matches:
            start, _ = self.article.selection()
            self._select(bisect_left(self.matches, (start, start)) % len(self.matches))
        self._show_count()

    def step(self, forward: bool = True) -> None:
        """Select the next (previous) match, round past the end."""
        if not self.matches:
            self.search()
            return
        if self.at is None:
            self._select(0)
        else:
            self._select((self.at + (1 if forward else -1)) % len(self.matches))
        self._show_count()

    def _select(self, index: int) -> None:
        self.at = index
        self.article.set_current(None)
        self.article.select_range(*self.matches[index])

    def _show_count(self) -> None:
        if not self.field.text().strip():
            self.count.clear()
        elif not self.matches:
            self.count.setText(self.tr("No matches"))
        else:
            counted = (
                self.tr("{number} of more than {total}")
                if self.more
                else self.tr("{number} of {total}")
            )
            self.count.setText(counted.format(number=(self.at or 0) + 1, total=len(self.matches)))
