"""File > Sync with team hub: the annotator's own layer sent to the team's hub and their
assigned documents taken (annotator/hub/sync.py), in a worker thread with its own project
connection, under a progress dialog; the status bar says when the last sync completed.

The hub's address is asked for once and remembered from the project (without any
password); a password the server asks for is asked for here and kept only while the window
is open. When the hub cannot be reached the message says so and that the work is safe:
nothing has changed, and the next sync does it all.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMainWindow

from annotator.core.bidi import escaped_outside_isolates
from annotator.core.errors import AnnotatorError
from annotator.gui.background import Background
from annotator.gui.plain_text import plain_label
from annotator.storage import Project


class HubSyncWorker(QThread):
    progressed = Signal(str)
    succeeded = Signal(object)  # SyncReport
    failed = Signal(str, str)  # one line, and the error's code

    def __init__(self, project_path: Path, url: str, annotator: str) -> None:
        super().__init__()
        self.project_path, self.url, self.annotator = project_path, url, annotator

    def run(self) -> None:
        try:
            from annotator.hub.sync import sync_annotator

            with Project.open(self.project_path) as project:  # this thread's own connection
                report = sync_annotator(project, self.url, self.annotator, self.progressed.emit)
            self.succeeded.emit(report)
        except AnnotatorError as exc:
            self.failed.emit(str(exc), exc.code)


class HubSync(QObject):
    synced = Signal(object)  # SyncReport: the project changed under the window

    def __init__(self, window: QMainWindow, project: Project, background: Background) -> None:
        super().__init__(window)
        self.window, self.project, self.background = window, project, background
        self.status = plain_label(QLabel())
        self._password: str | None = None  # asked for by the server; never written anywhere
        self.worker: HubSyncWorker | None = None
        self.show_last()

    def show_last(self) -> None:
        last = self.project.hub_last_sync()
        if last is None:
            self.status.setText("")
            self.status.setToolTip("")
            return
        when = datetime.fromisoformat(last["at"]).astimezone()  # kept in UTC, shown local
        self.status.setText(
            self.tr("Hub: synced {when}").format(when=when.strftime("%Y-%m-%d %H:%M"))
        )
        self.status.setToolTip(last["url"])

    def ask(self, annotator: str) -> HubSyncWorker | None:
        last = self.project.hub_last_sync()
        url, ok = QInputDialog.getText(
            self.window,
            self.tr("Sync with team hub"),
            self.tr(
                "The team hub's address (from your coordinator), for example\n"
                "postgresql://{name}@hub.example.org/annotation"
            ).format(name=annotator),
            text=last["url"] if last else "",
        )
        if not ok or not url.strip():
            return None
        return self.start(url.strip(), annotator)

    def start(self, url: str, annotator: str) -> HubSyncWorker | None:
        if self.worker is not None and self.worker.isRunning():
            return None
        from annotator.hub.connection import with_password

        address = with_password(url, self._password) if self._password else url
        worker = HubSyncWorker(Path(self.project.path), address, annotator)
        worker.succeeded.connect(self._done)
        worker.failed.connect(lambda text, code: self._failed(url, annotator, text, code))
        dialog = self.background.run(worker, self.tr("Syncing with the team hub…"))
        worker.progressed.connect(dialog.setLabelText)
        self.worker = worker
        return worker

    def _done(self, report) -> None:
        self.show_last()
        self.window.say(
            self.tr("Hub synced: {documents} new documents, {sent} sent, {taken} taken.").format(
                documents=report.documents, sent=report.pushed, taken=report.pulled
            ),
            10000,
        )
        self.synced.emit(report)

    def _failed(self, url: str, annotator: str, text: str, code: str) -> None:
        if code == "hub_offline" and "password" in text and self._ask_password():
            self.start(url, annotator)
            return
        if code == "hub_offline":
            text = self.tr("{reason} Your work is safe here: sync again when online.").format(
                reason=text
            )
        self.window.say(escaped_outside_isolates(text), 15000)

    def _ask_password(self) -> bool:
        password, ok = QInputDialog.getText(
            self.window,
            self.tr("Sync with team hub"),
            self.tr("The hub asks for your password:"),
            QLineEdit.EchoMode.Password,
        )
        if ok and password:
            self._password = password
            return True
        return False
