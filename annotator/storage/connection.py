"""Opening a project file: refuse what is not ours, set the pragmas, apply migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from annotator.core.errors import ProjectError
from annotator.storage.migrations import APPLICATION_ID, MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"
# Another process (a second window, a CLI import) may hold the write lock for a moment.
BUSY_TIMEOUT_MS = 10_000


def _check_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise ProjectError("is a folder, not a project file", "not_a_project", str(path))
    if not path.exists():
        if not create:
            raise ProjectError("no such project file", "missing_project", str(path))
        if not path.parent.is_dir():
            raise ProjectError(
                f"cannot create the project: folder {path.parent} does not exist",
                "missing_project",
                str(path),
            )
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise ProjectError(f"cannot read: {exc.strerror}", "unreadable", str(path)) from None
    # An empty file (e.g. from `touch`) is a valid empty SQLite database: it becomes a project.
    if header and header != SQLITE_HEADER:
        raise ProjectError(
            "not an annotator project (not an SQLite database)", "not_a_project", str(path)
        )


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [name for (name,) in rows]


def _check_owner(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return
    if app_id != 0:
        raise ProjectError(
            f"not an annotator project (an SQLite file of another application, id {app_id:#010x})",
            "not_a_project",
            str(path),
        )
    tables = _user_tables(conn)
    if tables:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise ProjectError(
            f"not an annotator project (an SQLite database with tables {shown})",
            "not_a_project",
            str(path),
        )


def _check_version(db: sqlite_utils.Database, path: Path) -> None:
    known = {m.name for m in MIGRATIONS._migrations}
    unknown = [m.name for m in MIGRATIONS.applied(db) if m.name not in known]
    if unknown:
        raise ProjectError(
            f"written by a newer version of annotator (schema {unknown[-1]}); "
            "upgrade annotator to open it",
            "newer_project",
            str(path),
        )


def open_database(path: str | Path, create: bool = False) -> sqlite_utils.Database:
    """Open (or create) a project database, migrated to the current schema."""
    path = Path(path)
    _check_file(path, create)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot open: {exc}", "unreadable", str(path)) from None
    try:
        _check_owner(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a transaction the user saw committed survives a power cut, not only a crash.
        conn.execute("PRAGMA synchronous = FULL")
        db = sqlite_utils.Database(conn, execute_plugins=False)
        _check_version(db, path)
        MIGRATIONS.apply(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ProjectError(f"cannot use this file: {exc}", "unreadable", str(path)) from None
    except ProjectError:
        conn.close()
        raise
    return db
