"""File > Open recent: the projects opened last, newest first, kept in the settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from annotator.core.bidi import isolated
from annotator.gui.plain_text import shown_path

RECENT_KEPT = 8
LAST_PROJECT_KEY = "last_project"
RECENT_KEY = "recent_projects"


def recent_projects(settings) -> list[str]:
    """The projects opened last, newest first."""
    value = settings.value(RECENT_KEY)
    if isinstance(value, str):  # an ini file gives back a list of one as a plain string
        value = [value]
    if not isinstance(value, list):
        return []
    return [str(p) for p in value if p][:RECENT_KEPT]


def remember_project(settings, path: Path) -> None:
    """`path` becomes the last project and the first of the recent ones."""
    here = str(path.resolve())
    settings.setValue(LAST_PROJECT_KEY, here)
    others = [p for p in recent_projects(settings) if p != here]
    settings.setValue(RECENT_KEY, [here, *others][:RECENT_KEPT])


def fill_recent_menu(
    menu: QMenu, settings, current: Path, open_project: Callable[[Path], object]
) -> None:
    """The recent projects in `menu`: the one open ticked, missing ones greyed out."""
    menu.clear()
    here = str(current.resolve())
    paths = recent_projects(settings)
    for path in paths:
        project = Path(path)
        # The name isolated (balanced: a stray PDI in it cannot end the isolate early).
        text = f"{isolated(project.name)}  ({shown_path(project.parent)})"
        action = menu.addAction(text)
        if path == here:
            action.setCheckable(True)
            action.setChecked(True)
            action.setEnabled(False)
        elif not project.is_file():
            missing = QCoreApplication.translate("MainWindow", "{project} (missing)")
            action.setText(missing.format(project=text))
            action.setEnabled(False)
        else:
            action.triggered.connect(lambda _=False, path=project: open_project(path))
    if not paths:
        none = QCoreApplication.translate("MainWindow", "No recent projects")
        menu.addAction(none).setEnabled(False)
