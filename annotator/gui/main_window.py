"""The main window: documents, the article, the label palette and the span list.

It wires widgets to one Session. Widgets ask the session for changes; the session writes
them to the project file at once and reports them back here, and this window hands each
change set to the widgets that show it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QMainWindow,
)

from annotator.core.bidi import isolated, isolated_if_needed
from annotator.core.document import DocStatus, Document
from annotator.core.errors import AnnotatorError
from annotator.core.names import check_annotator_name
from annotator.core.session import Changes, Session
from annotator.core.suggest import Source
from annotator.gui.article_view import ArticleView
from annotator.gui.background import Background
from annotator.gui.backup_schedule import BackupSchedule
from annotator.gui.document_list import DocumentList, DocumentListModel
from annotator.gui.errors import said
from annotator.gui.find_bar import FindBar
from annotator.gui.hub_sync import HubSync
from annotator.gui.label_palette import LabelPalette
from annotator.gui.labelling import Labelling
from annotator.gui.navigation import document_to_open, first_unfinished, remember_document
from annotator.gui.project_watch import ProjectWatch
from annotator.gui.recent_projects import fill_recent_menu, remember_project
from annotator.gui.review_window import ReviewWindow
from annotator.gui.settings import app_settings
from annotator.gui.shortcuts import show_sheet
from annotator.gui.span_loading import LoadedSpans, SpanLoading
from annotator.gui.span_table import SpanList, SpanTableModel
from annotator.gui.succession import Succession
from annotator.gui.suggestions import ProjectSuggestions
from annotator.gui.tagger import Tagger
from annotator.gui.tagger import attach as attach_tagger
from annotator.gui.transfers import Transfers
from annotator.gui.wait_cursor import waiting
from annotator.gui.window_menus import Menus
from annotator.gui.window_view import lay_out, restore_view, save_view
from annotator.gui.workers import AgreementWorker, ExportWorker, ImportWorker
from annotator.storage import Project
from annotator.storage.backups import Backup
from annotator.storage.lock import ProjectLock
from annotator.storage.summaries import document_summaries

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    # The window that took this one's place (set_language, open_project, restore): whoever
    # holds the window holds that one now.
    replaced = Signal(object)
    agreement_finished = Signal(str)  # the agreement report was written and opened: its path

    def __init__(
        self,
        project: Project,
        annotator: str,
        session: Session | None = None,
        lock: ProjectLock | None = None,
        backup: bool = True,
    ) -> None:
        """`lock`, when given, is the ProjectLock held for `project`: the window owns it
        from now on, releases it when it closes, or hands it to the window that takes its
        place on the same project. `backup`: take a backup of the project as it opens."""
        super().__init__()
        self.watch: ProjectWatch | None = None  # set once the window is built
        self.project = project
        self.project_lock = lock
        self.session = session if session is not None else Session(project, annotator)
        self.session.subscribe(self.show_changes)
        self._handed_over = False
        self.background = Background(self)  # imports, exports and reports under way
        self._review: ReviewWindow | None = None
        self.setAcceptDrops(True)
        self.settings = app_settings()
        self.labels = project.labels()
        self.tagger = Tagger(project, self.settings, self)
        self.hub_sync = HubSync(self, project, self.background)
        self.hub_sync.synced.connect(lambda _: self.reload_from_project())
        self.suggestions = ProjectSuggestions(project, self.labels, self.tagger)
        self.current: Document | None = None
        self.setWindowTitle(
            self.tr("Annotator — {name}").format(name=isolated_if_needed(project.path.name))
        )

        self.documents = DocumentList(DocumentListModel(document_summaries(project, annotator)))
        self.article = ArticleView(self.session, self.labels)
        self.palette_ = LabelPalette(self.labels)
        self.spans_model = SpanTableModel(self.session)
        self.spans_model.colours = {label.name: label.colour for label in self.labels}
        label_names = [label.name for label in self.labels]
        self.span_list = SpanList(self.spans_model, label_names)
        self.span_table = self.span_list.table
        self.span_table.key_handler = self.article.handle_key
        self.find_bar = FindBar(self.article)

        lay_out(self)
        self.status_annotator.setText(
            self.tr("Annotator: {name}").format(name=isolated_if_needed(annotator))
        )

        self.documents.document_activated.connect(self.open_document)
        self.palette_.label_chosen.connect(lambda name: self.article.apply_label(name))
        self.article.message.connect(self.say)
        attach_tagger(self)
        self.spans_model.message.connect(self.say)
        self.article.current_changed.connect(self.span_list.select_span)
        self.span_table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.backups = BackupSchedule(project, lambda text: self.say(text, 15000))
        self.transfers = Transfers(
            self, project.path, self.background, lambda: self.session.annotator
        )
        self.transfers.message.connect(lambda text: self.say(text, 10000))
        self.transfers.imported.connect(self._imported)
        self.succession = Succession(self)
        self.labelling = Labelling(self)
        self.span_loading = SpanLoading(self)
        self.watch = ProjectWatch(project, self)
        self.watch.changed.connect(self.reload_from_project)
        remember_project(self.settings, project.path)
        menus = Menus(self)
        self.undo_action, self.redo_action = menus.undo, menus.redo
        self.snap_action, self.language_actions = menus.snap, menus.languages
        self.menus_doubt_first = menus.doubt_first
        self.recent_menu = menus.recent_menu
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        self._restore()
        if backup:
            self.backups.back_up()

    def say(self, text: str, milliseconds: int = 5000) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(text, milliseconds)

    # -- another window in this one's place (succession.py) ---------------------------------

    def open_project(self, path: Path, create: bool = False) -> MainWindow:
        return self.succession.open_project(path, create)

    def new_project(self, path: Path) -> MainWindow:
        return self.succession.new_project(path)

    def restore(self, backup: Backup) -> MainWindow:
        return self.succession.restore(backup)

    def set_language(self, language: str) -> MainWindow:
        return self.succession.set_language(language)

    def pass_on(self, successor: MainWindow) -> None:
        """`successor` takes this window's place on the same project and session (another
        language): it gets the lock, the open review window and the view as they are; the
        project stays open for it."""
        self.project_lock = None
        successor.backups.last = self.backups.last  # the same project, edited all along
        successor.snap_action.setChecked(self.snap_action.isChecked())
        successor.find_bar.field.setText(self.find_bar.text())
        if self.find_bar.isVisible():
            successor.find_bar.open()
        successor._review = self._review  # an open review window stays open, on the same project
        self._handed_over = True

    def close_review(self) -> None:
        if self._review is not None:
            self._review.close()
            self._review = None

    def _fill_recent(self) -> None:
        fill_recent_menu(self.recent_menu, self.settings, self.project.path, self.open_project)

    # -- backups ----------------------------------------------------------------------------

    def back_up(self) -> Backup | None:
        """Back the project up now (None: unchanged since the last backup, or it failed)."""
        return self.backups.back_up()

    # -- import and export (off the GUI thread), the review window ------------------------

    def _imported(self, report) -> None:
        self.documents.model.set_summaries(document_summaries(self.project, self.session.annotator))
        if self.current is None:
            target = first_unfinished(self.documents.model)
            if target is not None:
                self.open_document(target)

    def import_paths(self, paths: list[Path], annotator: str | None = None) -> ImportWorker:
        return self.transfers.import_paths(paths, annotator)

    def export_to(self, out: Path, fmt: str) -> ExportWorker:
        return self.transfers.export_to(out, fmt)

    def open_review(self) -> ReviewWindow | None:
        """The review window, adjudicating as the current annotator: one, raised again if it
        is open already (two would each undo over the other's decisions)."""
        if self._review is not None and self._review.isVisible():
            self._review.raise_()
            self._review.activateWindow()
            return self._review
        try:
            window = ReviewWindow(self.project, self.session.annotator)
        except AnnotatorError as exc:  # fewer than two annotators
            self.statusBar().showMessage(said(exc), 10000)
            return None
        self._review = window
        window.show()
        return window

    def show_agreement(self, annotators: list[str] | None = None) -> AgreementWorker:
        """Write the agreement report (of `annotators`, or all) and open it in the browser."""
        return self.background.agreement_report(
            self.project.path, annotators, self.agreement_finished.emit
        )

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def ask_annotator(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            self.tr("Annotator"),
            self.tr("Your name, recorded on every span:"),
            text=self.session.annotator,
        )
        if ok and name.strip():
            try:
                self.set_annotator(check_annotator_name(name.strip()))
            except AnnotatorError as exc:
                self.say(said(exc), 10000)

    def set_annotator(self, name: str) -> None:
        """Work as someone else from now on: their spans, their statuses, a fresh history."""
        if name == self.session.annotator:
            return
        self.settings.setValue("annotator", name)
        self.session = Session(self.project, name)
        self.session.subscribe(self.show_changes)
        self.article.session = self.session
        self.spans_model.session = self.session
        self.documents.model.set_summaries(document_summaries(self.project, name))
        self.status_annotator.setText(
            self.tr("Annotator: {name}").format(name=isolated_if_needed(name))
        )
        if self.current is not None:
            rowid, self.current = self.current.rowid, None
            self.open_document(rowid)
        self._update_status()

    # -- documents --------------------------------------------------------------------------

    def open_document(self, rowid: int, again: bool = False) -> None:
        """Show document `rowid` (`again`: read it afresh even if it is the one shown).
        A document with many spans shows its text first and has them read in the
        background (span_loading.py)."""
        unread = self.article.loading and not self.span_loading.busy  # its spans failed
        if self.current is not None and self.current.rowid == rowid and not again and not unread:
            return
        self.span_loading.forget()  # a load under way is for what was shown before
        row = self.documents.model.row_of(rowid)
        expected = self.documents.model.summary(row).span_count if row is not None else 0
        with waiting():  # a 50 MB article takes a second or two
            doc = self.project.document(rowid)
            self.current = doc
            if self.span_loading.wanted(expected):
                self.article.show_text_first(doc)
                self.spans_model.show(doc, [])
                self.span_loading.start(doc, expected)
            else:
                spans = self.project.spans(rowid, self.session.annotator)
                suggester = self.suggestions.for_document(doc, spans, self.session.annotator)
                self.article.show_document(doc, spans, suggester)
                self.spans_model.show(doc, spans)
        self.say_if_control()
        self.find_bar.document_changed()
        self.documents.select_rowid(rowid)
        remember_document(self.settings, self.project, doc.id)
        self._update_status()
        self.article.setFocus()

    def spans_progressed(self) -> None:
        self._update_status()

    def spans_loaded(self, loaded: LoadedSpans) -> None:
        """The open document's spans are in: shown, listed, and editable from now on."""
        doc = self.current
        if doc is None or doc.rowid != loaded.doc_rowid:  # SpanLoading hears only the current
            return
        if loaded.lexicon is not None:
            self.suggestions.provide(loaded.lexicon)
        suggester = self.suggestions.suggester(doc, self.session.annotator, loaded.skip)
        self.article.take_spans(loaded.spans, loaded.pieces, suggester)
        self.spans_model.show(doc, loaded.listed, loaded.listing)
        if self.statusBar().currentMessage() == self.article.refused_while_loading():
            self.statusBar().clearMessage()  # no longer true
        self._update_status()

    def spans_failed(self, text: str) -> None:
        """The open document's spans could not be read: it stays unedited (opening it
        again tries again)."""
        self.say(text, 10000)
        self._update_status()

    def say_if_control(self) -> None:
        if self.current is not None and self.suggestions.is_control(
            self.current, self.session.annotator
        ):
            self.say(
                self.tr("A control document: no suggestions here, to measure their effect."), 8000
            )

    def step_document(self, forward: bool) -> None:
        if self.current is None:
            return
        step = self.documents.next_rowid if forward else self.documents.previous_rowid
        target = step(self.current.rowid)
        if target is None:
            self.say(self.tr("No more documents that way."), 4000)
        else:
            self.open_document(target)

    def done_and_next(self) -> None:
        if self.current is None:
            return
        try:
            self.session.set_status(self.current.rowid, DocStatus.DONE)
        except AnnotatorError as exc:  # e.g. the project busy with an import: stay here
            self.say(said(exc), 6000)
            return
        self.tagger.document_done()
        target = self.documents.next_unfinished(self.current.rowid)
        if target is None:
            self.say(self.tr("All documents are done."), 6000)
        else:
            self.open_document(target)

    def reload_from_project(self) -> None:
        """Another program wrote to the project (a command-line import, label-all): list
        its documents afresh, and show the open one again if its spans changed."""
        self.documents.model.set_summaries(document_summaries(self.project, self.session.annotator))
        self.suggestions.reload()  # in place: the open document's suggester asks it
        if self.current is None:
            target = first_unfinished(self.documents.model)
            if target is not None:
                self.open_document(target)
            return
        if self.span_loading.busy:  # the spans being read may be those from before
            self.open_document(self.current.rowid, again=True)
            return
        stored = {s.key() for s in self.project.spans(self.current.rowid, self.session.annotator)}
        if stored != set(self.article.spans):
            self.open_document(self.current.rowid, again=True)
        else:
            self.article.replace_suggestions()  # the lexicon read afresh
        self._update_status()

    # -- changes ----------------------------------------------------------------------------

    def show_changes(self, changes: Changes) -> None:
        here = self.current is not None and changes.doc_rowid == self.current.rowid
        if here and self.span_loading.busy and (changes.added or changes.removed):
            # Made while the spans are read (label all in the project): those being read
            # may be from before it, so they are read again, with it.
            self.open_document(changes.doc_rowid, again=True)
        elif not here and not changes.across:
            # Undo or redo of a change made in another document: show it there. The
            # document is read from the file, which already holds the change.
            self.open_document(changes.doc_rowid)
            here = True
        loading = here and self.span_loading.busy  # the spans it reads hold the change
        if here and not loading:
            # The list first, its selection quiet: the article then selects the span the
            # change made, and the list follows it (never the other way round).
            blocked = self.span_table.selectionModel().blockSignals(True)
            try:
                self.spans_model.apply_changes(changes)
            finally:
                self.span_table.selectionModel().blockSignals(blocked)
            self.article.apply_changes(changes)
        text = self.current.text if here else self.project.document(changes.doc_rowid).text
        self.tagger.spans_added(len(changes.added))
        learnt = self.suggestions.learn(changes, text)
        if learnt and self.current is not None:
            self.article.replace_suggestions(Source.LEXICON, learnt)
        self.documents.model.update_summary(
            changes.doc_rowid,
            status=self.project.status(changes.doc_rowid, self.session.annotator),
            span_count=self._span_count(changes, here, loading),
        )
        self._update_status(saved=True)
        self.backups.changed()

    def _span_count(self, changes: Changes, here: bool, loading: bool) -> int:
        """How many spans the document `changes` changed has now."""
        if here and not loading:
            return len(self.article.spans)
        row = self.documents.model.row_of(changes.doc_rowid)
        if loading and row is not None:  # not the half a million again, while they load
            before = self.documents.model.summary(row).span_count
            return before + len(changes.added) - len(changes.removed)
        return len(self.project.spans(changes.doc_rowid, self.session.annotator))

    def _update_status(self, saved: bool = False) -> None:
        if self.current is None:
            return
        row = self.documents.model.row_of(self.current.rowid)
        if self.span_loading.busy:
            position = self.tr("Document {number} of {total}: {title} · loading spans… {percent}%")
        elif self.article.loading:  # the load failed
            position = self.tr("Document {number} of {total}: {title} · spans not loaded")
        else:
            position = self.tr("Document {number} of {total}: {title} · {spans} spans")
        self.status_position.setText(
            position.format(
                number=(row or 0) + 1,
                total=self.documents.model.rowCount(),
                # Isolated (FSI…PDI): an Arabic title keeps its place in an English line.
                title=isolated(self.current.title),
                spans=len(self.article.spans),
                percent=self.span_loading.percent,
            )
        )
        if saved:
            self.status_saved.setText(self.tr("Saved"))
        self.undo_action.setEnabled(self.session.can_undo)
        self.redo_action.setEnabled(self.session.can_redo)

    def undo(self) -> None:
        self.attempt(self.session.undo)

    def redo(self) -> None:
        self.attempt(self.session.redo)

    def attempt(self, action) -> None:
        """Do `action` (an edit), saying in the status bar why it was refused if it was."""
        if self.article.still_loading():
            return
        try:
            action()
        except AnnotatorError as exc:
            self.say(said(exc), 6000)
        self._update_status()

    # -- span list <-> article --------------------------------------------------------------

    def _row_chosen(self, index) -> None:
        if not index.isValid():
            return
        span = self.spans_model.span_at(index.row())
        if self.article.current is None or self.article.current.key() != span.key():
            self.article.set_current(span)

    # -- view -------------------------------------------------------------------------------

    def snap_to_words(self, checked: bool) -> None:
        self.article.snap_to_words = checked

    def show_shortcuts(self) -> QDialog:
        return show_sheet(self)

    # -- settings ---------------------------------------------------------------------------

    def _restore(self) -> None:
        restore_view(self)
        target = document_to_open(self.settings, self.project, self.documents.model)
        if target is not None:
            self.open_document(target)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.article.setFocus()  # keyboard-first: the article takes the keys from the start

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        active = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if active and self.watch is not None:
            self.watch.check()  # back from a terminal where an import ran

    def closeEvent(self, event) -> None:
        self.span_table.finish_editing()  # a value being typed is kept, as every edit is
        self.watch.stop()
        self.span_loading.stop()
        save_view(self)
        self.settings.sync()
        self.background.stop()
        self.tagger.stop()
        if not self._handed_over:
            if self._review is not None:  # it works on this window's project connection
                self._review.close()
            self.project.close()
        if self.project_lock is not None:  # not handed to a successor on the same project
            self.project_lock.release()
            self.project_lock = None
        super().closeEvent(event)
