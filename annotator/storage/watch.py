"""Noticing what other programs wrote to a project."""

from __future__ import annotations

import sqlite3  # noqa: TID251 (storage talks SQL)

from annotator.core.errors import ProjectError
from annotator.storage.project import Project


def data_version(project: Project) -> int:
    """A number that changes whenever another connection commits to the project (SQLite's
    `PRAGMA data_version`): the window compares it to notice a command-line import. Its
    own commits do not change it, so its own edits cause no reload."""
    try:
        return project.db.execute("PRAGMA data_version").fetchone()[0]
    except sqlite3.Error as exc:  # a locked or failing file: the watcher tries again later
        raise ProjectError(f"cannot read: {exc}", "unreadable", str(project.path)) from None
