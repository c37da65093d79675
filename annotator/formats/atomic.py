"""Write a file so that readers see the old version or the new one, never half of either.

The new content goes to a temporary file beside the target (`.NAME.RANDOM.tmp`, in the same
folder so that the rename cannot cross file systems), which is flushed to disk and renamed
over the target only when it is whole. An error or a cancel removes it. A process killed
mid-write (power cut, SIGKILL) cannot remove it, so the next write to the same target
removes the temporary files a dead writer left: each writer holds a lock on its own (the
kernel's, so it ends with the process), and one nobody holds is left over.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import IO

from annotator.core.errors import InputError

# O_BINARY (Windows only): no "\n" -> "\r\n" below Python's own newline handling.
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_TOKEN_HEX = 12
# A temporary file this recently touched may belong to a writer that has created it but not
# yet locked it: never taken for a leftover.
STALE_AFTER_S = 60

# Set by `stoppable` for the writes of one thread (the window's export worker).
_should_stop: ContextVar[Callable[[], bool] | None] = ContextVar("should_stop", default=None)


class WriteStopped(Exception):
    """The write was stopped by its `stoppable` check; the target was left as it was."""


@contextmanager
def stoppable(should_stop: Callable[[], bool]) -> Iterator[None]:
    """Within this block (in this thread), atomic writes ask `should_stop` before each write
    and before the rename, and end with WriteStopped when it says so: a cancelled export
    stops writing at once and leaves the old file."""
    token = _should_stop.set(should_stop)
    try:
        yield
    finally:
        _should_stop.reset(token)


class _Stoppable:
    """The file, for writing, asking `should_stop` first."""

    def __init__(self, out: IO[str], should_stop: Callable[[], bool]) -> None:
        self._out, self._should_stop = out, should_stop

    def write(self, text: str) -> int:
        if self._should_stop():
            raise WriteStopped
        return self._out.write(text)


def output_folder(folder: Path, needs: str) -> None:
    """Make sure `folder` is a folder that files can be written into (made if missing);
    `needs` says what for, in the error: "a bundle needs a folder"."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"is a file; {needs}", "bad_output", str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot make this folder: {exc.strerror or exc}", "bad_output", str(folder)
        ) from None


@contextmanager
def atomic_text_writer(path: Path) -> Iterator[IO[str]]:
    """Write to a temporary file beside `path`, then rename it over `path` on success."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"folder {folder} does not exist", "bad_output", str(path))
    if path.is_dir():
        raise InputError("is a folder; give a file name", "bad_output", str(path))
    remove_leftovers(path)
    fd, tmp = _create_beside(path)
    should_stop = _should_stop.get()
    try:
        _hold(fd)
        # A new file gets what the kernel gives under the user's umask (os.open's 0o666 is
        # masked), as a file written in place would; one that replaces a file keeps that
        # file's permissions. (Reading the umask would mean setting it, process-wide, while
        # the window may be exporting on another thread.)
        with suppress(FileNotFoundError):
            os.chmod(tmp, path.stat().st_mode & 0o777)
        # newline="" writes "\n" as is on every platform: line ends are part of the format.
        # closefd=False: the descriptor holds the lock until the rename is done.
        with os.fdopen(fd, "w", encoding="utf-8", newline="", closefd=False) as out:
            yield out if should_stop is None else _Stoppable(out, should_stop)  # type: ignore[misc]
            out.flush()
            os.fsync(out.fileno())
        if should_stop is not None and should_stop():
            raise WriteStopped
        if sys.platform == "win32":  # Windows renames no file that is open
            os.close(fd)
            fd = -1
        os.replace(tmp, path)
        if fd >= 0:
            os.close(fd)
            fd = -1
    except OSError as exc:
        # The file could not be written, flushed or renamed (disk full, gone, read-only): a
        # problem with where the output goes, which the user can act on, not a bug.
        _discard(fd, tmp)
        raise InputError(f"cannot write: {exc.strerror or exc}", "bad_output", str(path)) from None
    except BaseException:
        _discard(fd, tmp)
        raise


def _temporary_name(path: Path) -> str:
    return f".{path.name}.{secrets.token_hex(_TOKEN_HEX // 2)}.tmp"


def _create_beside(path: Path) -> tuple[int, str]:
    """A new, empty temporary file in `path`'s folder, under a name nobody else has."""
    for _ in range(100):
        tmp = str(path.with_name(_temporary_name(path)))
        try:
            return os.open(tmp, _CREATE, 0o666), tmp
        except FileExistsError:
            continue  # 48 random bits taken: try another name
        except OSError as exc:
            raise InputError(
                f"cannot write here: {exc.strerror or exc}", "bad_output", str(path)
            ) from None
    raise InputError("cannot find a free temporary name beside it", "bad_output", str(path))


def _hold(fd: int) -> None:
    """Lock our temporary file for as long as this process writes it (POSIX). On Windows an
    open file cannot be removed, which protects it as well."""
    if sys.platform != "win32":
        import fcntl

        # A file system without locks (some network and FUSE ones): then no writer's file
        # can be locked by the cleaner either, and nothing is ever taken for a leftover.
        with suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unheld(candidate: Path) -> bool:
    """Whether no live writer holds this temporary file."""
    if sys.platform == "win32":
        return True  # the removal itself fails while a writer has it open
    import fcntl

    try:
        fd = os.open(candidate, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)  # lets go of the lock, if we got it
    return True


def remove_leftovers(path: Path) -> list[Path]:
    """Remove the temporary files that writers of `path` killed mid-write left beside it;
    return them. Never one a live writer holds, nor anything else in the folder."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{{_TOKEN_HEX}}}\.tmp")
    removed = []
    cutoff = time.time() - STALE_AFTER_S
    try:
        entries = list(os.scandir(path.parent if str(path.parent) else "."))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        candidate = Path(entry.path)
        try:
            if not entry.is_file(follow_symlinks=False) or entry.stat().st_mtime > cutoff:
                continue
            if _unheld(candidate):
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue  # gone already, or not ours to remove: harmless either way
    return removed


def _discard(fd: int, tmp: str) -> None:
    if fd >= 0:
        os.close(fd)
    Path(tmp).unlink(missing_ok=True)
