"""Start the Qt application on a project, as a named annotator."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QInputDialog

from annotator import __version__
from annotator.gui import i18n
from annotator.gui.main_window import MainWindow
from annotator.gui.settings import app_settings
from annotator.storage import Project


def annotator_name(given: str | None) -> str | None:
    """The name recorded on every span: given on the command line, remembered from the
    first run, or asked now (and remembered)."""
    settings = app_settings()
    name = given or settings.value("annotator")
    if not isinstance(name, str) or not name.strip():
        name, ok = QInputDialog.getText(
            None, "annotator", QApplication.translate("app", "Your name, recorded on every span:")
        )
        if not ok or not name.strip():
            return None
    settings.setValue("annotator", name.strip())
    return name.strip()


def run_app(path: Path, annotator: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("annotator")
    app.setApplicationVersion(__version__)
    # Before any widget: the name prompt is already in the interface language.
    i18n.install(app, i18n.preferred_language())
    name = annotator_name(annotator)
    if name is None:
        print("annotator: no annotator name given; nothing opened", file=sys.stderr)
        return 2
    held: list[MainWindow] = []

    def hold(window: MainWindow) -> None:  # switching language replaces the window
        held[:] = [window]
        window.replaced.connect(hold)

    hold(MainWindow(Project.open(path, create=True), name))
    held[0].show()
    return app.exec()
