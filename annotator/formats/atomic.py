"""Write a file so that readers see the old version or the new one, never half of either."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from annotator.core.errors import InputError

# O_BINARY (Windows only): no "\n" -> "\r\n" below Python's own newline handling.
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


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
    fd, tmp = _create_beside(path)
    try:
        # A new file gets what the kernel gives under the user's umask (os.open's 0o666 is
        # masked), as a file written in place would; one that replaces a file keeps that
        # file's permissions. (Reading the umask would mean setting it, process-wide, while
        # the window may be exporting on another thread.)
        with suppress(FileNotFoundError):
            os.chmod(tmp, path.stat().st_mode & 0o777)
        # newline="" writes "\n" as is on every platform: line ends are part of the format.
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            fd = -1  # the file object owns it now
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        # The file could not be written, flushed or renamed (disk full, gone, read-only): a
        # problem with where the output goes, which the user can act on, not a bug.
        _discard(fd, tmp)
        raise InputError(f"cannot write: {exc.strerror or exc}", "bad_output", str(path)) from None
    except BaseException:
        _discard(fd, tmp)
        raise


def _create_beside(path: Path) -> tuple[int, str]:
    """A new, empty temporary file in `path`'s folder, under a name nobody else has."""
    for _ in range(100):
        tmp = str(path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp"))
        try:
            return os.open(tmp, _CREATE, 0o666), tmp
        except FileExistsError:
            continue  # 48 random bits taken: try another name
        except OSError as exc:
            raise InputError(
                f"cannot write here: {exc.strerror or exc}", "bad_output", str(path)
            ) from None
    raise InputError("cannot find a free temporary name beside it", "bad_output", str(path))


def _discard(fd: int, tmp: str) -> None:
    if fd >= 0:
        os.close(fd)
    Path(tmp).unlink(missing_ok=True)
