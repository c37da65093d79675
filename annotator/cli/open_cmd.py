"""annotator [DB] : open the window. The project is checked before Qt starts, so a bad file
or a missing display gets one clear line instead of a Qt abort."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.gui.display import display_problem
from annotator.paths import default_project_path
from annotator.storage import Project


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("open", help="open the app (the same as: annotator [DB])")
    p.add_argument(
        "db",
        metavar="DB",
        nargs="?",
        help="project file (default: a project in your user data folder)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    problem = display_problem()  # first: a launch that cannot show a window changes nothing
    if problem:
        print(f"annotator: {problem}", file=sys.stderr)
        return 2
    path = Path(args.db) if args.db else default_project_path()
    if args.db is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    Project.open(path, create=True).close()  # refuses foreign/newer files before any window
    try:
        from annotator.gui.app import run_app  # the only import of Qt on the command line's path
    except ImportError as exc:
        print(
            f"annotator: the window needs PySide6, which cannot be loaded ({exc}); "
            "install it with: pip install PySide6-Essentials",
            file=sys.stderr,
        )
        return 2
    return run_app(path, args.annotator)
