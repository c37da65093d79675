"""Project files tampered with as the tests need them."""

import sqlite3
from pathlib import Path

# The record of a migration this version of annotator does not know.
FROM_THE_FUTURE = (
    "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
    "VALUES ('annotator', '0099_from_the_future', '2030-01-01')"
)


def from_the_future(path: Path) -> None:
    """Make the project at `path` look written by a newer version of annotator."""
    conn = sqlite3.connect(path)
    conn.execute(FROM_THE_FUTURE)
    conn.commit()
    conn.close()


def named_before_checks(project, *names: str) -> None:
    """Store annotator names as a version before core/names.py did: a project may hold
    names with controls and direction marks, and every reader must still cope."""
    for name in names:
        project.db.execute(
            "INSERT OR IGNORE INTO annotators (name, created_at) VALUES (?, '2026-01-01')",
            [name],
        )
