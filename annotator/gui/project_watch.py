"""Noticing that another program wrote to the open project (a command-line import into
it, `annotator label-all`): checked every two seconds and whenever the window is
activated, by SQLite's data_version, which the window's own writes do not change."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.errors import AnnotatorError
from annotator.storage import Project
from annotator.storage.watch import data_version


class ProjectWatch(QObject):
    changed = Signal()
    INTERVAL_MS = 2000

    def __init__(self, project: Project, parent: QObject) -> None:
        super().__init__(parent)
        self.project = project
        self.version = data_version(project)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    def check(self) -> bool:
        """Emit `changed` (and return True) if another program committed since last time."""
        if not self.timer.isActive():  # stopped: the window closes its project
            return False
        try:
            version = data_version(self.project)
        except AnnotatorError:  # a moment's busy project: the next check sees it
            return False
        if version == self.version:
            return False
        self.version = version
        self.changed.emit()
        return True

    def stop(self) -> None:
        self.timer.stop()
