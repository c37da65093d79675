"""A window taking another's place: another project (new, open, recent), a backup
restored, another interface language.

The new window is made whole before anything of the old one is let go (the project's lock
taken, the project opened): when that fails, the old window stays as it was and says why.
Then the new window shows in the old one's place with its geometry and view, `replaced`
tells whoever holds the window, and the old one closes.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.bidi import isolated_if_needed
from annotator.core.errors import AnnotatorError
from annotator.gui import file_dialogs, i18n
from annotator.gui.backup_dialog import BackupDialog
from annotator.gui.navigation import remember_document
from annotator.gui.plain_text import message_text
from annotator.gui.wait_cursor import waiting
from annotator.gui.window_view import save_view
from annotator.paths import user_data_dir
from annotator.storage import Project
from annotator.storage.backups import Backup, list_backups, restore_backup
from annotator.storage.lock import ProjectLock

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

# Windows replaced by another, kept until Qt deletes them: the switch runs inside one of
# their own menu actions, which must not be deleted under it.
_retiring: set[MainWindow] = set()


class Succession(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def say(self, text: str, milliseconds: int) -> None:
        self.window.statusBar().showMessage(text, milliseconds)

    def _refuse(self, title: str, text: str) -> None:
        # A file name in the message is shown as it is: no override, no HTML.
        QMessageBox.warning(self.window, title, message_text(text))

    # -- projects: new, open ----------------------------------------------------------------

    @staticmethod
    def _projects_folder() -> str:
        folder = user_data_dir() / "projects"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only data folder: the dialog starts where it can
            return ""
        return str(folder)

    def ask_new_project(self) -> None:
        path, _ = file_dialogs.save_file(
            self.window,
            self.tr("New project"),
            self._projects_folder(),
            self.tr("annotator projects (*.db *.sqlite)"),
            confirm_overwrite=False,
        )
        if path:
            self.new_project(Path(path))

    def new_project(self, path: Path) -> MainWindow:
        """Create an empty project at `path` (".db" added when it has no suffix) and open
        it in the window's place. An existing file is never overwritten: it may be
        someone's work."""
        if not path.suffix:
            path = path.with_name(path.name + ".db")
        if path.exists():
            self._refuse(
                self.tr("New project"),
                self.tr("{path}: already exists; to work on it, use File > Open project…").format(
                    path=path
                ),
            )
            return self.window
        return self.open_project(path, create=True)

    def ask_open_project(self) -> None:
        path = file_dialogs.open_file(
            self.window,
            self.tr("Open project"),
            str(self.window.project.path.parent),
            self.tr("annotator projects (*.db *.sqlite)") + ";;" + self.tr("All files (*)"),
        )
        if path:
            self.open_project(Path(path))

    def open_project(self, path: Path, create: bool = False) -> MainWindow:
        """Show another project, as the same annotator; return the window showing it.

        The new project's lock is taken and the project opened before anything of this
        one is let go: when either fails, this window stays on its project as it was.
        Then a new window takes this one's place, and this one closes its review window,
        its project and its lock.
        """
        window = self.window
        path = Path(path).absolute()
        if path.resolve() == window.project.path.resolve():
            self.say(
                self.tr("{name} is already open in this window.").format(
                    name=isolated_if_needed(path.name)
                ),
                6000,
            )
            return window
        if window.background.busy():
            self.say(
                self.tr("Wait for the work under way to finish, then open another project."),
                8000,
            )
            return window
        try:
            lock = ProjectLock.acquire(path)
        except AnnotatorError as exc:
            self._refuse(self.tr("Open project"), str(exc))
            return window
        try:
            project = Project.open(path, create=create)
        except AnnotatorError as exc:
            lock.release()
            self._refuse(self.tr("Open project"), str(exc))
            return window
        self._save_view()
        try:
            successor = type(window)(project, window.session.annotator, lock=lock)
        except BaseException:
            project.close()
            lock.release()
            raise
        successor.say(self.tr("Opened {name}.").format(name=isolated_if_needed(path.name)), 8000)
        self._hand_over(successor)
        return successor

    # -- a backup restored ------------------------------------------------------------------

    def ask_restore(self) -> BackupDialog:
        """The backups of this project, to choose one to restore (the dialog confirms)."""
        path = self.window.project.path
        dialog = BackupDialog(path, list_backups(path), self.window)
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
        window = self.window
        if window.background.busy():
            self.say(self.tr("Wait for the work under way to finish, then restore."), 8000)
            return window
        window.close_review()
        path = window.project.path
        # This window's connection stays open and idle meanwhile: SQLite lets the restore
        # write beside it, and the successor reads the result through a fresh one.
        try:
            with waiting():  # about 0.6 s for 90 MB
                restore_backup(backup, path)
                project = Project.open(path)
        except AnnotatorError as exc:
            self._refuse(self.tr("Restore a backup"), str(exc))
            return window
        self._save_view()
        successor = type(window)(
            project, window.session.annotator, lock=window.project_lock, backup=False
        )
        window.project_lock = None
        successor.say(
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

    # -- another language -------------------------------------------------------------------

    def set_language(self, language: str) -> MainWindow:
        """Switch the interface language, remember it, and return the window showing it.

        The window is made again in place, in the new language and direction, on the same
        project, session (with its undo history), document, geometry and view settings.
        """
        window = self.window
        name = i18n.available_languages().get(language)
        if name is None:
            return window
        if language == i18n.current_language():
            window.language_actions[language].setChecked(True)
            self.say(self.tr("The interface is already in {language}.").format(language=name), 5000)
            return window
        if window.background.busy():
            # Its jobs report to this window, which is about to go.
            self.say(self.tr("Wait for the work under way to finish, then switch."), 8000)
            window.language_actions[i18n.current_language()].setChecked(True)
            return window
        window.settings.setValue(i18n.SETTINGS_KEY, language)
        i18n.install(QApplication.instance(), language)
        self._save_view()
        # The same history, without the old window listening to it.
        window.session.unsubscribe(window.show_changes)
        successor = type(window)(
            window.project,
            window.session.annotator,
            window.session,
            lock=window.project_lock,
            backup=False,
        )
        window.pass_on(successor)
        successor.say(self.tr("Interface language: {language}.").format(language=name), 8000)
        self._hand_over(successor)
        return successor

    # -- the hand-over ----------------------------------------------------------------------

    def _save_view(self) -> None:
        """What a window made in this one's place restores: geometry, splitter, font and
        the document on screen."""
        window = self.window
        save_view(window)
        if window.current is not None:
            remember_document(window.settings, window.project, window.current.id)

    def _hand_over(self, successor: MainWindow) -> None:
        """Show `successor` in this window's place, tell the holder, and close this one."""
        window = self.window
        if window.isVisible():
            successor.setWindowState(window.windowState())
            successor.show()
            successor.activateWindow()
        window.replaced.emit(successor)
        window.close()
        _retiring.add(window)
        window.destroyed.connect(partial(_retiring.discard, window))
        window.deleteLater()
