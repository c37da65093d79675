"""Rolling backups of a project file, kept in the app's data folder.

Each project has a folder of its own, `backups/<stem>-<hash of its full path>/`, so two
projects that share a name never mix, with `project.txt` naming the project the backups are
of. A backup is a complete project file copied with SQLite's online backup API from a
connection of its own: it holds exactly what was committed when it was taken, even while a
window has the project open (WAL), which a copy of the file could not promise.

A backup is written under a temporary name and renamed into place only when it is whole, so
a crash mid-backup never leaves half a file posing as a backup. The newest `KEPT` routine
backups are kept; the oldest go only after the new one is in place.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import sqlite3  # noqa: TID251 (storage talks SQL)
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.paths import user_data_dir
from annotator.storage.connection import (
    BUSY_TIMEOUT_MS,
    check_file,
    check_project,
    integrity_problems,
)
from annotator.storage.project import Project

log = logging.getLogger(__name__)

KEPT = 10
# Backups taken just before a restore are the only copy of the state the restore replaced,
# so they do not count against KEPT: otherwise restoring the oldest backup could push out
# that very backup, and a morning of routine backups would push out the pre-restore state
# before anyone noticed the restore was a mistake. They have a limit of their own, so the
# folder still cannot grow without end.
KEPT_BEFORE_RESTORE = 10
OWNER_FILE = "project.txt"
# A window or an import may hold the project's write lock for a moment; a restore waits.
BUSY_TIMEOUT_S = BUSY_TIMEOUT_MS / 1000

_TIME_FORMAT = "%Y%m%dT%H%M%S.%f"
_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6})Z(-before-restore)?\.db$")
_PARTIAL_PREFIX = ".partial-"
_STALE_PARTIAL_S = 3600  # a partial this old was left by a crash, not by a backup under way
_CHUNK = 1 << 20
# In the 100-byte header, what differs between two backups of the same content: the file
# change counter (24-27), and the "version valid for" number and SQLite version (92-99).
_COUNTERS = ((24, 28), (92, 100))


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC
    before_restore: bool = False
    size: int = 0
    documents: int | None = None  # None: the file could not be read
    spans: int | None = None


def backup_folder(project_path: str | Path) -> Path:
    """Where the backups of this project file live (created by the first backup)."""
    resolved = Path(project_path).resolve()
    key = os.path.normcase(str(resolved)).encode("utf-8", "surrogateescape")
    digest = hashlib.sha256(key).hexdigest()[:12]
    return user_data_dir() / "backups" / f"{resolved.stem}-{digest}"


def backup_owner(folder: Path) -> str | None:
    """The project a backup folder belongs to, as recorded by its first backup."""
    try:
        return (folder / OWNER_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    # A URI with mode=ro or rw never creates the file when it has gone missing.
    return sqlite3.connect(_uri(path, mode), uri=True, timeout=BUSY_TIMEOUT_S)


def _scan(folder: Path) -> list[Backup]:
    """The backups in a folder, newest first, from their names alone."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or not entry.is_file():
            continue
        taken = datetime.strptime(match.group(1), _TIME_FORMAT).replace(tzinfo=UTC)
        try:
            size = entry.stat().st_size
        except OSError:
            continue
        found.append(Backup(Path(entry.path), taken, match.group(2) is not None, size))
    found.sort(key=lambda b: b.taken_at, reverse=True)
    return found


def _file_name(taken: datetime, before_restore: bool) -> str:
    return f"{taken.strftime(_TIME_FORMAT)}Z{'-before-restore' if before_restore else ''}.db"


def _masked(header: bytes) -> bytes:
    data = bytearray(header)
    for start, end in _COUNTERS:
        data[start:end] = bytes(end - start)
    return bytes(data)


def _same_database(a: Path, b: Path) -> bool:
    """Whether two backups hold the same database.

    The backup API copies the source's pages as they are, into a fresh file each time, so
    two backups of an unchanged project are the same bytes but for the header's change
    counters. Comparing bytes is exact (no count or checksum of ours can miss a change, or
    hide one in a column nobody thought of) and needs nothing stored beside the backups.
    A change undone since still differs (free pages, row ids): that costs one backup more,
    never one too few.
    """
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as first, b.open("rb") as second:
        if _masked(first.read(100)) != _masked(second.read(100)):
            return False
        while True:
            left, right = first.read(_CHUNK), second.read(_CHUNK)
            if left != right:
                return False
            if not left:
                return True


def _check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """What opening the file would check; and an empty database, which opening would make a
    project, is not one yet."""
    if not check_project(conn, path):
        raise ProjectError("not an annotator project", "not_a_project", str(path))


def _count(conn: sqlite3.Connection) -> tuple[int, int]:
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    spans = conn.execute("SELECT count(*) FROM spans").fetchone()[0]
    return documents, spans


class _Busy(Exception):
    pass


def _backup(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
    """Copy every page in one step: one consistent read of the source, one transaction on
    the destination.

    Python retries a step that finds a database locked for as long as it stays locked; a
    window that never lets go would hang the backup, so it gives up after BUSY_TIMEOUT_S.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise _Busy

    try:
        src.backup(dst, pages=-1, progress=progress)
    except _Busy:
        raise sqlite3.OperationalError("database is locked") from None


def _copy(source: Path, dest: Path) -> None:
    src = _connect(source, "ro")
    try:
        _check_ours(src, source)
        dst = sqlite3.connect(dest)
        try:
            _backup(src, dst)
            # One file, with no -wal or -shm beside it: it opens anywhere, read-only too.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut (POSIX; Windows has no folder handles)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_stale_partials(folder: Path) -> None:
    cutoff = time.time() - _STALE_PARTIAL_S
    for path in folder.glob(f"{_PARTIAL_PREFIX}*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass


def _rotate(folder: Path) -> None:
    backups = _scan(folder)
    for before_restore, kept in ((False, KEPT), (True, KEPT_BEFORE_RESTORE)):
        for old in [b for b in backups if b.before_restore == before_restore][kept:]:
            try:
                old.path.unlink()
            except OSError as exc:  # tried again after the next backup
                log.warning("could not remove the old backup %s: %s", old.path, exc)


def _record_owner(folder: Path, project_path: Path) -> None:
    owner = str(project_path.resolve())
    if backup_owner(folder) != owner:
        (folder / OWNER_FILE).write_text(owner + "\n", encoding="utf-8")


def take_backup(project: Project | str | Path, before_restore: bool = False) -> Backup | None:
    """Back the project up; None when nothing changed since its newest routine backup.

    Reads the project through a connection of its own, so the caller's may stay open.
    Raises ProjectError naming the project when no backup could be made (the project is
    never written to).
    """
    path = Path(project.path if isinstance(project, Project) else project)
    if not path.is_file():
        raise ProjectError("no such project file", "missing_project", str(path))
    folder = backup_folder(path)
    partial: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _record_owner(folder, path)
        _remove_stale_partials(folder)
        fd, name = tempfile.mkstemp(prefix=_PARTIAL_PREFIX, suffix=".db", dir=folder)
        os.close(fd)
        partial = Path(name)
        _copy(path, partial)
        existing = _scan(folder)
        if not before_restore:
            newest = next((b for b in existing if not b.before_restore), None)
            if newest is not None and _same_database(partial, newest.path):
                return None
        # Names sort by time and never collide, even when the clock has not moved on.
        taken = datetime.now(UTC)
        if existing and taken <= existing[0].taken_at:
            taken = existing[0].taken_at + timedelta(microseconds=1)
        final = folder / _file_name(taken, before_restore)
        os.replace(partial, final)
        partial = None
        _sync_folder(folder)
        size = final.stat().st_size
    except ProjectError:
        raise
    except sqlite3.Error as exc:
        raise ProjectError(f"backup failed: {exc}", "backup_failed", str(path)) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ProjectError(
            f"backup failed: {reason} ({folder})", "backup_failed", str(path)
        ) from None
    finally:
        if partial is not None:
            for leftover in [partial] + [
                partial.with_name(partial.name + end) for end in ("-journal", "-wal", "-shm")
            ]:
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
    _rotate(folder)
    return Backup(final, taken, before_restore, size, *_counts(final))


def _counts(path: Path) -> tuple[int | None, int | None]:
    try:
        conn = _connect(path, "ro")
    except sqlite3.Error:
        return None, None
    try:
        return _count(conn)
    except sqlite3.Error:
        return None, None
    finally:
        conn.close()


def list_backups(project_path: str | Path) -> list[Backup]:
    """The project's backups, newest first, with what each holds (read-only)."""
    return [
        Backup(b.path, b.taken_at, b.before_restore, b.size, *_counts(b.path))
        for b in _scan(backup_folder(project_path))
    ]


def check_backup(path: str | Path) -> tuple[int, int]:
    """Refuse a file that is not a whole, readable annotator project this version can open;
    return its document and span counts."""
    path = Path(path)

    def refuse(why: str) -> ProjectError:
        return ProjectError(f"not a usable backup: {why}", "bad_backup", str(path))

    try:
        check_file(path, create=False)
        conn = _connect(path, "ro")
        try:
            # What opening it would check, before it replaces the project: a file from
            # elsewhere with a trigger in it would run that trigger on our writes.
            _check_ours(conn, path)
            problems = integrity_problems(conn, "quick_check")
            if problems:
                raise refuse(f"damaged ({problems[0]})")
            return _count(conn)
        finally:
            conn.close()
    except ProjectError as exc:
        if exc.code == "bad_backup":
            raise
        raise refuse(exc.message) from None
    except sqlite3.Error as exc:
        raise refuse(str(exc)) from None


def restore_backup(backup: Backup | str | Path, project_path: str | Path) -> Backup:
    """Make the project what the backup holds; return the backup of the state it replaced.

    The backup is checked first and the current state backed up (KEPT_BEFORE_RESTORE);
    then the backup API writes it into the project in one transaction of a fresh
    connection: other readers see the old project or the restored one, never a mix, and a
    failure (a full disk) leaves the project as it was. A window should close its own
    connection first and open the project again after.
    """
    source = Path(backup.path if isinstance(backup, Backup) else backup)
    project_path = Path(project_path)
    check_backup(source)
    if not project_path.is_file():
        raise ProjectError("no such project file", "missing_project", str(project_path))
    safety = take_backup(project_path, before_restore=True)
    assert safety is not None  # a backup before a restore is never skipped
    try:
        src = _connect(source, "ro")
        try:
            dst = _connect(project_path, "rw")
            try:
                _backup(src, dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise ProjectError(
            f"restore failed, the project is unchanged: {exc}", "restore_failed", str(project_path)
        ) from None
    return safety
