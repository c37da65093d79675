"""Rolling backups while a project is edited: one when it opens, then one with the first
change after every interval of editing. An idle project is not backed up again and again."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from annotator.core.errors import AnnotatorError
from annotator.storage import Project
from annotator.storage.backups import Backup, take_backup

log = logging.getLogger(__name__)

# Seconds of the monotonic clock between backups. A backup of a 90 MB project takes about
# 0.2 s (benchmarks/backup.py), short enough for the GUI thread.
BACKUP_INTERVAL_S = 30 * 60


class BackupSchedule:
    """Backs `project` up now (`back_up`) or when the interval has passed (`changed`);
    a failure goes to `report` (the status bar) and the log, never up: editing goes on,
    and the next change after the interval tries again."""

    def __init__(self, project: Project, report: Callable[[str], None]) -> None:
        self.project = project
        self.report = report
        self.last = time.monotonic()

    def back_up(self) -> Backup | None:
        """A backup now (None: unchanged since the last one, or it failed)."""
        self.last = time.monotonic()
        try:
            return take_backup(self.project)
        except AnnotatorError as exc:
            log.warning("automatic backup failed: %s", exc)
            problem = QCoreApplication.translate("MainWindow", "No automatic backup: {problem}")
            self.report(problem.format(problem=str(exc)))
            return None

    def changed(self) -> None:
        """The project was edited: back it up if the interval has passed."""
        if time.monotonic() - self.last >= BACKUP_INTERVAL_S:
            self.back_up()
