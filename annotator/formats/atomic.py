"""Write a file so that readers see the old version or the new one, never half of either."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from annotator.core.errors import InputError


@contextmanager
def atomic_text_writer(path: Path) -> Iterator[IO[str]]:
    """Write to a temporary file beside `path`, then rename it over `path` on success."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"folder {folder} does not exist", "bad_output", str(path))
    if path.is_dir():
        raise InputError("is a folder; give a file name", "bad_output", str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror}", "bad_output", str(path)) from None
    try:
        # mkstemp makes the file private (0600); an export is a file like any other: the
        # permissions of the file it replaces, or what the user's umask gives a new one.
        os.chmod(tmp, _mode_for(path))
        # newline="" writes "\n" as is on every platform: line ends are part of the format.
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)  # read the umask: setting it is the only way
        os.umask(mask)
        return 0o666 & ~mask
