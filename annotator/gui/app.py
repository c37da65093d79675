"""Start the Qt application on a project."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator import __version__
from annotator.gui.main_window import MainWindow
from annotator.storage import Project


def run_app(path: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("annotator")
    app.setApplicationVersion(__version__)
    window = MainWindow(Project.open(path, create=True))
    window.show()
    return app.exec()
