"""Long jobs a window starts off the GUI thread (imports, exports, agreement reports).

Each runs with a progress dialog whose Cancel asks it to stop, is kept alive until it
finishes, and is stopped and waited for when its window closes: Qt aborts the process if a
running thread is destroyed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from annotator.core.bidi import escaped_outside_isolates
from annotator.gui.plain_text import shown_path
from annotator.gui.workers import AgreementWorker


class Background(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.running: set[QThread] = set()

    def run(self, worker: QThread, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self.window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.canceled.connect(worker.requestInterruption)
        worker.finished.connect(dialog.close)
        self.running.add(worker)
        worker.finished.connect(lambda: self.running.discard(worker))
        dialog.show()
        worker.start()
        return dialog

    def busy(self) -> bool:
        return any(worker.isRunning() for worker in self.running)

    def stop(self) -> None:
        """Ask every job to stop and wait for it (what is cancelled leaves nothing behind)."""
        for worker in list(self.running):
            worker.requestInterruption()
            worker.wait()

    def agreement_report(
        self,
        project_path: Path,
        annotators: list[str] | None,
        written: Callable[[str], object] | None = None,
    ) -> AgreementWorker:
        """Write the agreement report (of `annotators`, or all) into a folder beside the
        project and open it in the browser; `written` is told its path."""
        folder = project_path.with_name(f"{project_path.stem}-agreement")
        worker = AgreementWorker(project_path, folder, annotators)
        status = self.window.statusBar()

        def opened(path: str) -> None:
            status.showMessage(
                self.tr("Agreement report written to {path}").format(path=shown_path(Path(path))),
                10000,
            )
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
            if written is not None:
                written(path)

        worker.succeeded.connect(opened)
        # A file name in the error keeps the rest of the line in order (no override).
        worker.failed.connect(
            lambda text: status.showMessage(escaped_outside_isolates(text), 10000)
        )
        self.run(worker, self.tr("Computing agreement…"))
        return worker
