"""annotator [DB] : open the window. A named project is checked and locked before Qt starts,
so a bad file, a project open in another window or a missing display gets one clear line
instead of a window that fails or a Qt abort. Without DB the window opens the project it had
open last, or the demo project (annotator.gui.app.default_project): which one that is lives
in the window's settings, so it is looked up once Qt is running."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.core.errors import AnnotatorError, InputError
from annotator.gui.display import display_problem
from annotator.storage import Project
from annotator.storage.lock import ProjectLock


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("open", help="open the app (the same as: annotator [DB])")
    p.add_argument(
        "db",
        metavar="DB",
        nargs="?",
        help="project file, created if missing (default: the project open last, "
        "else the demo project)",
    )
    p.add_argument(
        "--annotator",
        metavar="NAME",
        help="the name recorded on every span (default: the one given last, else asked)",
    )
    p.add_argument(
        "--error-dialogs",
        action="store_true",
        help="also show a refusal (a locked or broken project) in a dialog: for desktop "
        "launchers, where nobody reads the error output",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    problem = display_problem()  # first: a launch that cannot show a window changes nothing
    if problem:
        print(f"annotator: {problem}", file=sys.stderr)
        return 2
    try:
        path, lock = _checked(args)
    except AnnotatorError as exc:
        if args.error_dialogs:
            _show_refusal(f"annotator: {exc}")
        raise
    try:
        # The only import of Qt on the command line's path.
        try:
            from annotator.gui.app import run_app
        except ImportError as exc:
            print(
                f"annotator: the window needs PySide6, which cannot be loaded ({exc}); "
                "install it with: pip install PySide6-Essentials",
                file=sys.stderr,
            )
            return 2
        return run_app(path, args.annotator, lock, error_dialogs=args.error_dialogs)
    finally:
        if lock is not None:
            lock.release()


def _checked(args: argparse.Namespace) -> tuple[Path | None, ProjectLock | None]:
    """The project named on the command line, checked and locked (None: the window picks)."""
    if args.annotator is not None and not args.annotator.strip():
        raise InputError("--annotator: the name must not be empty", "bad_annotator")
    if not args.db:
        return None, None
    path = Path(args.db)
    Project.open(path, create=True).close()  # refuses foreign/newer files before any window
    # Held from here until the window closes: a second window on the same project would
    # keep its own undo history of the same spans.
    return path, ProjectLock.acquire(path)


def _show_refusal(line: str) -> None:
    try:
        from annotator.gui.app import show_refusal
    except ImportError:  # no Qt: the line on stderr is all there can be
        return
    show_refusal(line)
