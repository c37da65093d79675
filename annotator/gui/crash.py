"""Unexpected exceptions while the window runs: logged, then told in a dialog.

PySide6 hands an exception raised in a slot or an overridden Qt method to `sys.excepthook`
and carries on; with Python's default hook it is printed to a terminal the user of a
desktop app never sees, and whatever the click was meant to do silently did not happen.
The reporter logs the traceback and says what happened, that the work is saved, and where
the log is, so the report that follows has something to go on. The app keeps running: every
change is already in the project file, and a failed slot leaves the window usable.

An error repeated from a paint loop would otherwise open a dialog on every repaint (each
dialog repaints the window beneath it): a dialog is shown only for an error not seen in the
last `quiet` seconds, and none while one is already showing.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import logs

QUIET_SECONDS = 10.0
SUMMARY_CHARS = 300

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def summary(exc_type: type[BaseException], exc: BaseException) -> str:
    """`ValueError: what it said`, on one line and not too long for a dialog."""
    said = traceback.format_exception_only(exc_type, exc)[-1].strip()
    said = " ".join(said.split())
    return said if len(said) <= SUMMARY_CHARS else said[: SUMMARY_CHARS - 1] + "…"


def identity(exc_type: type[BaseException], tb: TracebackType | None) -> tuple:
    """Which error this is: its type and where it was raised from. Not its message, which in
    a paint loop may name a different position every time."""
    frames = tuple((f.filename, f.lineno, f.name) for f in traceback.extract_tb(tb))
    return (exc_type.__module__, exc_type.__qualname__, frames)


class CrashReporter(QObject):
    """Installed for as long as the window runs (`install` / `uninstall`)."""

    # From whichever thread raised to the GUI thread, which alone may show a dialog.
    _tell = Signal(str, str)  # the one-line summary, the traceback

    def __init__(
        self, quiet: float = QUIET_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.quiet = quiet
        self.clock = clock
        self._lock = threading.Lock()
        self._last_seen: dict[tuple, float] = {}
        self._repeats: dict[tuple, int] = {}
        self._showing = False
        self._handling = threading.local()
        self._previous_hook: Callable | None = None
        self._previous_thread_hook: Callable | None = None
        self._tell.connect(self._show, Qt.ConnectionType.AutoConnection)

    def install(self) -> None:
        if self._previous_hook is not None:
            return
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.hook
        threading.excepthook = self.thread_hook

    def uninstall(self) -> None:
        if self._previous_hook is None:
            return
        if sys.excepthook == self.hook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self.thread_hook:
            threading.excepthook = self._previous_thread_hook
        self._previous_hook = self._previous_thread_hook = None

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:  # how a thread ends on purpose
            return
        self.hook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in the terminal: not a bug
            (self._previous_hook or sys.__excepthook__)(exc_type, exc, tb)
            return
        if getattr(self._handling, "active", False):
            # Logging it raised in turn: print it, never loop.
            sys.__excepthook__(exc_type, exc, tb)
            return
        self._handling.active = True
        try:
            told = self.report(exc_type, exc, tb)
        except Exception:
            sys.__excepthook__(exc_type, exc, tb)
            told = None
        finally:
            self._handling.active = False
        if told is not None:
            # Outside the guard: an error while the dialog is up is logged like any other.
            self._tell.emit(*told)

    def report(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> tuple[str, str] | None:
        """Log the error; unless it is a repeat, return what to tell the user (the one-line
        summary and the traceback)."""
        key = identity(exc_type, tb)
        now = self.clock()
        with self._lock:
            last = self._last_seen.get(key)
            self._last_seen[key] = now
            if last is not None and now - last < self.quiet:
                self._repeats[key] = self._repeats.get(key, 0) + 1
                return None
            repeats = self._repeats.pop(key, 0)
        said = summary(exc_type, exc)
        again = f" (it also happened {repeats} more times before)" if repeats else ""
        logs.log().error("unexpected exception: %s%s", said, again, exc_info=(exc_type, exc, tb))
        return said, "".join(traceback.format_exception(exc_type, exc, tb))

    def _show(self, said: str, details: str) -> None:
        if self._showing:  # raised while the dialog is up (it repaints what is beneath)
            return
        self._showing = True
        try:
            self.dialog(said, details).exec()
        except Exception:
            logs.log().exception("the dialog about the previous error could not be shown")
        finally:
            self._showing = False

    def dialog(self, said: str, details: str) -> QMessageBox:
        path = logs.log_path()
        where = (
            self.tr("The details are in the log file:\n{path}").format(path=path)
            if path is not None
            else self.tr("The details were written to the error output (stderr).")
        )
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Something went wrong"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # an error message is not markup
        box.setText(
            self.tr(
                "Something went wrong: {error}\n\n"
                "Your work is saved: every change is written to the project file the moment "
                "you make it. The app keeps running; if it misbehaves, close it and open it "
                "again.\n\n{where}"
            ).format(error=said, where=where)
        )
        box.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return box
