"""The main window: documents, the article, the label palette and the span list.

It wires widgets to one Session. Widgets ask the session for changes; the session writes
them to the project file at once and reports them back here, and this window hands each
change set to the widgets that show it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFontDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.bidi import isolated, isolated_if_needed
from annotator.core.document import DocStatus, Document
from annotator.core.errors import AnnotatorError
from annotator.core.session import Changes, Session
from annotator.core.spans import Span
from annotator.core.suggest import occurrences
from annotator.gui import file_dialogs, i18n
from annotator.gui.article_view import ArticleView
from annotator.gui.background import Background
from annotator.gui.backup_dialog import BackupDialog
from annotator.gui.backup_schedule import BackupSchedule
from annotator.gui.document_list import DocumentList, DocumentListModel
from annotator.gui.errors import said
from annotator.gui.find_bar import FindBar
from annotator.gui.label_palette import LabelPalette
from annotator.gui.navigation import document_to_open, first_unfinished, remember_document
from annotator.gui.plain_text import message_text, plain_label
from annotator.gui.project_watch import ProjectWatch
from annotator.gui.recent_projects import fill_recent_menu, remember_project
from annotator.gui.review_window import ReviewWindow
from annotator.gui.settings import app_settings
from annotator.gui.shortcuts import show_sheet
from annotator.gui.span_table import SpanList, SpanTableModel
from annotator.gui.suggestions import ProjectSuggestions
from annotator.gui.transfers import Transfers
from annotator.gui.window_menus import Menus
from annotator.gui.workers import AgreementWorker, ExportWorker, ImportWorker
from annotator.paths import user_data_dir
from annotator.storage import Project
from annotator.storage.backups import Backup, list_backups, restore_backup
from annotator.storage.lock import ProjectLock
from annotator.storage.summaries import document_summaries

log = logging.getLogger(__name__)

MIN_POINT_SIZE, MAX_POINT_SIZE = 8, 48
# Windows replaced by another (a language, a project, a restored backup), kept until Qt
# deletes them: the switch runs inside one of their own menu actions, which must not be
# deleted under it.
_retiring: set[MainWindow] = set()


@contextmanager
def waiting() -> Iterator[None]:
    """The wait cursor while the window works on the GUI thread for a noticeable time."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


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
        self.session.subscribe(self._on_changes)
        self._handed_over = False
        self.background = Background(self)  # imports, exports and reports under way
        self._review: ReviewWindow | None = None
        self.setAcceptDrops(True)
        self.settings = app_settings()
        self.labels = project.labels()
        self.suggestions = ProjectSuggestions(project, self.labels)
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

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.find_bar)
        centre_layout.addWidget(self.article)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.palette_)
        side.addWidget(self.span_list)
        side.setStretchFactor(1, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.documents)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([350, 540, 390])
        self.setCentralWidget(self.splitter)

        self.status_annotator = QLabel()
        self.status_position = QLabel()
        self.status_saved = QLabel()
        for widget in (self.status_annotator, self.status_position, self.status_saved):
            self.statusBar().addPermanentWidget(plain_label(widget))  # names are never HTML
        self.status_annotator.setText(
            self.tr("Annotator: {name}").format(name=isolated_if_needed(annotator))
        )

        self.documents.document_activated.connect(self.open_document)
        self.palette_.label_chosen.connect(lambda name: self.article.apply_label(name))
        self.article.message.connect(self.say)
        self.spans_model.message.connect(self.say)
        self.article.current_changed.connect(self.span_list.select_span)
        self.span_table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.backups = BackupSchedule(project, lambda text: self.say(text, 15000))
        self.transfers = Transfers(
            self, project.path, self.background, lambda: self.session.annotator
        )
        self.transfers.message.connect(lambda text: self.say(text, 10000))
        self.transfers.imported.connect(self._imported)
        self.watch = ProjectWatch(project, self)
        self.watch.changed.connect(self.reload_from_project)
        remember_project(self.settings, project.path)
        menus = Menus(self)
        self.undo_action, self.redo_action = menus.undo, menus.redo
        self.snap_action, self.language_actions = menus.snap, menus.languages
        self.recent_menu = menus.recent_menu
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        self._restore()
        if backup:
            self.backups.back_up()

    def say(self, text: str, milliseconds: int = 5000) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(text, milliseconds)

    # -- projects: new, open, recent -------------------------------------------------------

    def _fill_recent(self) -> None:
        fill_recent_menu(self.recent_menu, self.settings, self.project.path, self.open_project)

    def _projects_folder(self) -> str:
        folder = user_data_dir() / "projects"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only data folder: the dialog starts where it can
            return ""
        return str(folder)

    def ask_new_project(self) -> None:
        path, _ = file_dialogs.save_file(
            self,
            self.tr("New project"),
            self._projects_folder(),
            self.tr("annotator projects (*.db *.sqlite)"),
            confirm_overwrite=False,
        )
        if path:
            self.new_project(Path(path))

    def new_project(self, path: Path) -> MainWindow:
        """Create an empty project at `path` (".db" added when it has no suffix) and open
        it here. An existing file is never overwritten: it may be someone's work."""
        if not path.suffix:
            path = path.with_name(path.name + ".db")
        if path.exists():
            self._refuse(
                self.tr("New project"),
                self.tr("{path}: already exists; to work on it, use File > Open project…").format(
                    path=path
                ),
            )
            return self
        return self.open_project(path, create=True)

    def ask_open_project(self) -> None:
        path = file_dialogs.open_file(
            self,
            self.tr("Open project"),
            str(self.project.path.parent),
            self.tr("annotator projects (*.db *.sqlite)") + ";;" + self.tr("All files (*)"),
        )
        if path:
            self.open_project(Path(path))

    def open_project(self, path: Path, create: bool = False) -> MainWindow:
        """Show another project, as the same annotator; return the window showing it.

        The new project's lock is taken and the project opened before anything of this
        one is let go: when either fails, this window stays on its project as it was.
        Then a new window takes this one's place (`replaced`), and this one closes its
        review window, its project and its lock.
        """
        path = Path(path).absolute()
        if path.resolve() == self.project.path.resolve():
            self.statusBar().showMessage(
                self.tr("{name} is already open in this window.").format(
                    name=isolated_if_needed(path.name)
                ),
                6000,
            )
            return self
        if self.background.busy():
            self.statusBar().showMessage(
                self.tr("Wait for the work under way to finish, then open another project."),
                8000,
            )
            return self
        try:
            lock = ProjectLock.acquire(path)
        except AnnotatorError as exc:
            self._refuse(self.tr("Open project"), str(exc))
            return self
        try:
            project = Project.open(path, create=create)
        except AnnotatorError as exc:
            lock.release()
            self._refuse(self.tr("Open project"), str(exc))
            return self
        self._save_view()
        try:
            successor = MainWindow(project, self.session.annotator, lock=lock)
        except BaseException:
            project.close()
            lock.release()
            raise
        successor.statusBar().showMessage(
            self.tr("Opened {name}.").format(name=isolated_if_needed(path.name)), 8000
        )
        self._hand_over(successor)
        return successor

    def _refuse(self, title: str, text: str) -> None:
        # A file name in the message is shown as it is: no override, no HTML.
        QMessageBox.warning(self, title, message_text(text))

    # -- backups ----------------------------------------------------------------------------

    def back_up(self) -> Backup | None:
        """Back the project up now (None: unchanged since the last backup, or it failed)."""
        return self.backups.back_up()

    def ask_restore(self) -> BackupDialog:
        """The backups of this project, to choose one to restore (the dialog confirms)."""
        dialog = BackupDialog(self.project.path, list_backups(self.project.path), self)
        dialog.restore_chosen.connect(self.restore)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def restore(self, backup: Backup) -> MainWindow:
        """Make the project what `backup` holds; return the window showing it.

        The review window closes first (it holds decisions on the spans about to go), and
        background jobs must have finished (an import would write on top). The project's
        state is backed up before it is replaced. The window is made again on a fresh
        connection, keeping the project's lock, with an empty undo history: the old one
        names spans the restore may have removed.
        """
        if self.background.busy():
            self.statusBar().showMessage(
                self.tr("Wait for the work under way to finish, then restore."), 8000
            )
            return self
        if self._review is not None:
            self._review.close()
            self._review = None
        path = self.project.path
        # This window's connection stays open and idle meanwhile: SQLite lets the restore
        # write beside it, and the successor reads the result through a fresh one.
        try:
            with waiting():  # about 0.6 s for 90 MB
                restore_backup(backup, path)
                project = Project.open(path)
        except AnnotatorError as exc:
            problem = str(exc)
        else:
            problem = None
        if problem is not None:
            self._refuse(self.tr("Restore a backup"), problem)
            return self
        self._save_view()
        successor = MainWindow(
            project, self.session.annotator, lock=self.project_lock, backup=False
        )
        self.project_lock = None
        successor.statusBar().showMessage(
            self.tr(
                "Restored the backup taken {time}: {documents} documents, {spans} spans."
            ).format(
                time=backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                documents=backup.documents,
                spans=backup.spans,
            ),
            15000,
        )
        self._hand_over(successor)
        return successor

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
            self.set_annotator(name.strip())

    def set_annotator(self, name: str) -> None:
        """Work as someone else from now on: their spans, their statuses, a fresh history."""
        if name == self.session.annotator:
            return
        self.settings.setValue("annotator", name)
        self.session = Session(self.project, name)
        self.session.subscribe(self._on_changes)
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
        """Show document `rowid` (`again`: read it afresh even if it is the one shown)."""
        if self.current is not None and self.current.rowid == rowid and not again:
            return
        with waiting():  # a 50 MB article with half a million spans takes seconds
            doc = self.project.document(rowid)
            self.current = doc
            spans = self.project.spans(rowid, self.session.annotator)
            suggester = self.suggestions.for_document(doc, spans, self.session.annotator)
            self.article.show_document(doc, spans, suggester)
            self.spans_model.show(doc, spans)
        self.find_bar.document_changed()
        self.documents.select_rowid(rowid)
        remember_document(self.settings, self.project, doc.id)
        self._update_status()
        self.article.setFocus()

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
        target = self.documents.next_unfinished(self.current.rowid)
        if target is None:
            self.say(self.tr("All documents are done."), 6000)
        else:
            self.open_document(target)

    def reload_from_project(self) -> None:
        """Another program wrote to the project (a command-line import, label-all): list
        its documents afresh, and show the open one again if its spans changed."""
        self.documents.model.set_summaries(document_summaries(self.project, self.session.annotator))
        self.suggestions = ProjectSuggestions(self.project, self.labels)
        if self.current is None:
            target = first_unfinished(self.documents.model)
            if target is not None:
                self.open_document(target)
            return
        stored = {s.key() for s in self.project.spans(self.current.rowid, self.session.annotator)}
        if stored != set(self.article.spans):
            self.open_document(self.current.rowid, again=True)
        else:
            self.article.refresh_suggestions()
        self._update_status()

    # -- changes ----------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        here = self.current is not None and changes.doc_rowid == self.current.rowid
        if not here and not changes.across:
            # Undo or redo of a change made in another document: show it there. The
            # document is read from the file, which already holds the change.
            self.open_document(changes.doc_rowid)
            here = True
        if here:
            # The list first, its selection quiet: the article then selects the span the
            # change made, and the list follows it (never the other way round).
            blocked = self.span_table.selectionModel().blockSignals(True)
            try:
                self.spans_model.apply_changes(changes)
            finally:
                self.span_table.selectionModel().blockSignals(blocked)
            self.article.apply_changes(changes)
            text = self.current.text
        else:
            text = self.project.document(changes.doc_rowid).text
        learnt = self.suggestions.learn(changes, text)
        if learnt and self.current is not None:
            self.article.refresh_suggestions(learnt)
        spans = len(self.article.spans) if here else None
        self.documents.model.update_summary(
            changes.doc_rowid,
            status=self.project.status(changes.doc_rowid, self.session.annotator),
            span_count=spans
            if spans is not None
            else len(self.project.spans(changes.doc_rowid, self.session.annotator)),
        )
        self._update_status(saved=True)
        self.backups.changed()

    def _update_status(self, saved: bool = False) -> None:
        if self.current is None:
            return
        row = self.documents.model.row_of(self.current.rowid)
        self.status_position.setText(
            self.tr("Document {number} of {total}: {title} · {spans} spans").format(
                number=(row or 0) + 1,
                total=self.documents.model.rowCount(),
                # Isolated (FSI…PDI): an Arabic title keeps its place in an English line.
                title=isolated(self.current.title),
                spans=len(self.article.spans),
            )
        )
        if saved:
            self.status_saved.setText(self.tr("Saved"))
        self.undo_action.setEnabled(self.session.can_undo)
        self.redo_action.setEnabled(self.session.can_redo)

    def undo(self) -> None:
        self._attempt(self.session.undo)

    def redo(self) -> None:
        self._attempt(self.session.redo)

    def _attempt(self, action) -> None:
        try:
            action()
        except AnnotatorError as exc:
            self.say(said(exc), 6000)
        self._update_status()

    def accept_all(self, label: str) -> None:
        if self.current is None:
            return
        # Every paragraph is searched, those not shown yet too: seconds in a long article.
        with waiting():
            chosen = self.article.suggestions_labelled(label)
            if chosen:
                self._attempt(lambda: self.session.accept(self.current.rowid, chosen))
        if not chosen:
            self.say(self.tr("No {label} suggestions here.").format(label=label), 4000)

    def label_all_in_project(self) -> int | None:
        """Label every occurrence of the selected span's text in every document, after a
        confirmation; one undo takes it all back. The number labelled (None: not done)."""
        span = self.article.current
        if not isinstance(span, Span) or self.current is None:
            self.say(self.tr("Select a span to label all its occurrences."))
            return None
        term = self.current.text[span.start : span.end]
        answer = QMessageBox.question(
            self,
            self.tr("Label all occurrences"),
            message_text(
                self.tr(
                    "Label every occurrence of “{text}” as {label} in all {count} documents?"
                ).format(
                    text=isolated(term),
                    label=span.label,
                    count=self.documents.model.rowCount(),
                )
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        annotator, spans = self.session.annotator, self.project.spans
        with waiting():
            found = [
                (doc.rowid, occurrences(doc.text, term, span.label, spans(doc.rowid, annotator)))
                for doc in self.project.documents()
            ]
            count = sum(len(f) for _, f in found)
            try:
                self.session.accept_across(found)
            except AnnotatorError as exc:  # the project busy with another program
                self.say(said(exc), 6000)
                return None
        self.say(
            self.tr("Labelled {count} more occurrences as {label}.").format(
                count=count, label=span.label
            )
        )
        return count

    # -- span list <-> article --------------------------------------------------------------

    def _row_chosen(self, index) -> None:
        if not index.isValid():
            return
        span = self.spans_model.span_at(index.row())
        if self.article.current is None or self.article.current.key() != span.key():
            self.article.set_current(span)

    # -- find -------------------------------------------------------------------------------

    def show_find(self) -> None:
        self.find_bar.open()

    # -- view -------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        font = self.article.font()
        size = min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, font.pointSize() + step))
        font.setPointSize(size)
        self.article.setFont(font)
        self.settings.setValue("font", font.toString())

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.article.font(), self)
        if ok:
            self.article.setFont(font)
            self.settings.setValue("font", font.toString())

    def snap_to_words(self, checked: bool) -> None:
        self.article.snap_to_words = checked

    def set_language(self, language: str) -> MainWindow:
        """Switch the interface language, remember it, and return the window showing it.

        The window is made again in place, in the new language and direction, on the same
        project, session (with its undo history), document, geometry and view settings;
        this one closes and `replaced` hands the new one to its holder.
        """
        name = i18n.available_languages().get(language)
        if name is None:
            return self
        if language == i18n.current_language():
            self.language_actions[language].setChecked(True)
            self.statusBar().showMessage(
                self.tr("The interface is already in {language}.").format(language=name), 5000
            )
            return self
        if self.background.busy():
            # Its jobs report to this window, which is about to go.
            self.statusBar().showMessage(
                self.tr("Wait for the work under way to finish, then switch."), 8000
            )
            self.language_actions[i18n.current_language()].setChecked(True)
            return self
        self.settings.setValue(i18n.SETTINGS_KEY, language)
        i18n.install(QApplication.instance(), language)
        self._save_view()
        # The same history, without this window listening to it.
        self.session.unsubscribe(self._on_changes)
        successor = MainWindow(
            self.project, self.session.annotator, self.session, lock=self.project_lock, backup=False
        )
        self.project_lock = None
        successor.backups.last = self.backups.last  # the same project, edited all along
        successor.snap_action.setChecked(self.snap_action.isChecked())
        successor.find_bar.field.setText(self.find_bar.text())
        if self.find_bar.isVisible():
            successor.find_bar.open()
        successor.statusBar().showMessage(
            self.tr("Interface language: {language}.").format(language=name), 8000
        )
        successor._review = self._review  # an open review window stays open, on the same project
        self._handed_over = True  # the project stays open: the successor uses it
        self._hand_over(successor)
        return successor

    def _save_view(self) -> None:
        """What a window made in this one's place restores: geometry, splitter, font and
        the document on screen."""
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.setValue("font", self.article.font().toString())
        if self.current is not None:
            remember_document(self.settings, self.project, self.current.id)

    def _hand_over(self, successor: MainWindow) -> None:
        """Show `successor` in this window's place, tell the holder, and close this one."""
        if self.isVisible():
            successor.setWindowState(self.windowState())
            successor.show()
            successor.activateWindow()
        self.replaced.emit(successor)
        self.close()
        _retiring.add(self)
        self.destroyed.connect(partial(_retiring.discard, self))
        self.deleteLater()

    def show_shortcuts(self) -> QDialog:
        return show_sheet(self)

    # -- settings ---------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = self.settings.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        font = self.settings.value("font")
        if isinstance(font, str) and font:
            restored = self.article.font()
            if restored.fromString(font):
                self.article.setFont(restored)
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
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.sync()
        self.background.stop()
        if not self._handed_over:
            if self._review is not None:  # it works on this window's project connection
                self._review.close()
            self.project.close()
        if self.project_lock is not None:  # not handed to a successor on the same project
            self.project_lock.release()
            self.project_lock = None
        super().closeEvent(event)
