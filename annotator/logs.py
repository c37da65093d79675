"""The app's log: a few rotating files in the user's log folder (`paths.user_log_dir`).

The window writes what a bug report needs: the versions it runs on, the projects it opened
and closed, and the traceback of every unexpected exception. Logging must never be what
stops the app, so a folder that cannot be written sends the log to stderr instead, and a
failed write is left to `logging`, which reports it and carries on.

Qt-free: the command line may log too.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from annotator.paths import user_log_dir

LOGGER = "annotator"
LOG_FILE = "annotator.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 5  # annotator.log.1 ... .5: at most 6 MiB of history
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

_handler: logging.Handler | None = None
_path: Path | None = None


def log() -> logging.Logger:
    return logging.getLogger(LOGGER)


def log_path() -> Path | None:
    """The file the log goes to now, or None when it goes to stderr (or nowhere)."""
    return _path


def setup(directory: Path | None = None, max_bytes: int = MAX_BYTES) -> Path | None:
    """Send the app's log to `directory` (default: the user log folder); return the file, or
    None when it could not be opened there and the log goes to stderr. Calling it again
    replaces the previous set-up, so a test or the self-test can point it elsewhere."""
    global _handler, _path
    stop()
    directory = user_log_dir() if directory is None else Path(directory)
    path = directory / LOG_FILE
    handler: logging.Handler
    problem = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=max_bytes, backupCount=BACKUPS, encoding="utf-8"
        )
        _path = path
    except OSError as exc:
        problem = exc.strerror or str(exc)
        # A frozen windowed app on Windows has no stderr at all.
        handler = logging.StreamHandler(sys.stderr) if sys.stderr else logging.NullHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    logger = log()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    # The app's own handler only: the root logger's (pytest's, a user's) do not see it twice.
    logger.propagate = False
    _handler = handler
    if problem is not None:
        logger.warning("cannot write the log to %s (%s): logging to stderr", path, problem)
    return _path


def stop() -> None:
    """Close the log file set up by `setup` (what interpreter exit would do)."""
    global _handler, _path
    if _handler is None:
        return
    log().removeHandler(_handler)
    _handler.close()
    _handler = None
    _path = None
    log().propagate = True
