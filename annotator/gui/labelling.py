"""Labelling many spans at once from the window: every suggestion of a label in the open
document, and every occurrence of the selected span's text in every document."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from annotator.core.bidi import isolated
from annotator.core.errors import AnnotatorError
from annotator.core.label_all import Found
from annotator.core.spans import Span
from annotator.gui.errors import said
from annotator.gui.plain_text import message_text
from annotator.gui.wait_cursor import waiting
from annotator.gui.workers import LabelAllWorker

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class Labelling(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def accept_all(self, label: str) -> None:
        """Accept every suggestion of `label` in the open document (Ctrl+Shift+number)."""
        window = self.window
        if window.current is None or window.article.still_loading():
            return
        # Every paragraph is searched, those not shown yet too: seconds in a long article.
        with waiting():
            chosen = window.article.suggestions_labelled(label)
            if chosen:
                window.attempt(lambda: window.session.accept(window.current.rowid, chosen))
        if not chosen:
            window.say(self.tr("No {label} suggestions here.").format(label=label), 4000)

    def label_all_in_project(self) -> LabelAllWorker | None:
        """Label every occurrence of the selected span's text in every document, after a
        confirmation: found in a worker (Cancel stops it, nothing stored), stored through
        the session, so one undo takes it all back. The worker, or None when not asked."""
        window = self.window
        span = window.article.current
        if not isinstance(span, Span) or window.current is None:
            window.say(self.tr("Select a span to label all its occurrences."))
            return None
        term = window.current.text[span.start : span.end]
        answer = QMessageBox.question(
            window,
            self.tr("Label all occurrences"),
            message_text(
                self.tr(
                    "Label every occurrence of “{text}” as {label} in all {count} documents?"
                ).format(
                    text=isolated(term),
                    label=span.label,
                    count=window.documents.model.rowCount(),
                )
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        worker = LabelAllWorker(
            Path(window.project.path), term, span.label, window.session.annotator
        )
        worker.found.connect(lambda found: self._store(found, span.label))
        worker.failed.connect(lambda text: window.say(text, 6000))
        window.background.run(worker, self.tr("Finding every occurrence…"))
        return worker

    def _store(self, found: Found, label: str) -> None:
        window = self.window
        try:
            window.session.accept_across(found.by_document)
        except AnnotatorError as exc:  # the project busy with another program
            window.say(said(exc), 6000)
            return
        window.say(
            self.tr("Labelled {count} more occurrences as {label}.").format(
                count=found.count, label=label
            )
        )
