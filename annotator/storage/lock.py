"""One window per project file, across processes.

A window holds an operating-system lock on a small file beside the project, `.NAME.lock`,
for as long as it has the project open. The command line does not take it: an export or a
merge beside an open window is safe (SQLite serialises the writes), a second window is not,
because each keeps its own undo history of the same spans.

The lock is the kernel's (flock, or a locked byte on Windows), so it goes away with the
process that held it, even after a crash or a kill: there is never a stale lock to remove by
hand. The file says who holds it, for the message the next window shows.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from pathlib import Path

from annotator.core.errors import ProjectError

# On Windows the locked byte lies far beyond what the file holds, so the holder's name at the
# start stays readable by the window that is refused.
_WINDOWS_LOCK_OFFSET = 0x7FFF_FFFF


def lock_path(project_path: Path) -> Path:
    return project_path.parent / f".{project_path.name}.lock"


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(path: Path) -> str:
    try:
        said = path.read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return ""
    if len(said) >= 2 and said[0].isdigit():
        return f" (process {said[0]} on {said[1]})"
    return ""


class ProjectLock:
    """Held while a window has the project open; `acquire` refuses when another has."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, project_path: str | Path) -> ProjectLock:
        project_path = Path(project_path)
        path = lock_path(project_path)
        while True:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError as exc:
                raise ProjectError(
                    f"cannot lock the project for this window ({path.name}: {exc.strerror})",
                    "unreadable",
                    str(project_path),
                ) from None
            if not _try_lock(fd):
                os.close(fd)
                raise ProjectError(
                    "is already open in another annotator window"
                    + _holder(path)
                    + "; close that window first",
                    "locked",
                    str(project_path),
                )
            # The previous holder may have removed the file between our open and our lock:
            # then we hold a lock on a file nobody else can find, so try again.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        return cls(path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        # Removed while still held, so no one can lock the old file after we let go.
        # Already gone, or not removable (Windows, while open): the lock still ends with close.
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> ProjectLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
