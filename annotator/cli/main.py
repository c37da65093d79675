"""Entry point: `annotator` and `python -m annotator`.

Exit codes: 0 ok, 2 bad input or usage (one line on stderr naming the file and line),
1 internal error (a bug: the traceback is printed for the report).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import traceback

from annotator import __version__
from annotator.cli import (
    adjudicate_cmd,
    agreement_cmd,
    export_cmd,
    import_cmd,
    labels_cmd,
    merge_cmd,
    open_cmd,
    stats_cmd,
    suggest_cmd,
)
from annotator.cli.terminal import one_line, say
from annotator.core.errors import AnnotatorError

COMMAND_MODULES = (
    open_cmd,
    import_cmd,
    export_cmd,
    stats_cmd,
    agreement_cmd,
    adjudicate_cmd,
    merge_cmd,
    suggest_cmd,
    labels_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Label Arabic conflict reporting: actors, locations, numbers, sources. "
        "Without a command, opens the app on DB.",
        usage="annotator [DB] [--annotator NAME] | annotator COMMAND DB ...",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the demo project in a window, review it and export it with worker "
        "processes, in a temporary folder; exit 0 when everything works",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.add_parser(commands)
    return parser


# Options of `annotator` itself; any other leading option is the window's (`open`'s).
TOP_LEVEL_OPTIONS = ("-h", "--help", "--version", "--self-test")


def _with_command(argv: list[str], commands: set[str]) -> list[str]:
    """`annotator`, `annotator DB` and `annotator --annotator NAME` mean `annotator open`."""
    if not argv:
        return ["open"]
    if argv[0] in commands or argv[0] in TOP_LEVEL_OPTIONS:
        return argv
    return ["open", *argv]


def command_names() -> set[str]:
    return {m.__name__.rsplit(".", 1)[1].removesuffix("_cmd") for m in COMMAND_MODULES}


def opens_window(argv: list[str]) -> bool:
    """Whether these arguments (without the program's name) open the window."""
    return _with_command(argv, command_names())[0] == "open"


def main(argv: list[str] | None = None) -> int:
    # A frozen build's export workers are this program started again: this makes them
    # workers instead of a second app. (Nothing happens when not frozen.)
    multiprocessing.freeze_support()
    parser = build_parser()
    args = parser.parse_args(
        _with_command(list(sys.argv[1:] if argv is None else argv), command_names())
    )
    if args.self_test:
        return _self_test()
    try:
        return args.func(args)
    except AnnotatorError as exc:
        say(f"annotator: {one_line(str(exc))}", sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "annotator: interrupted; the project is as it was before this command", file=sys.stderr
        )
        return 130
    except BrokenPipeError:  # `annotator stats DB --json | head`
        return 0
    except Exception:
        traceback.print_exc()
        print(
            "annotator: internal error (a bug): please report it with the lines above",
            file=sys.stderr,
        )
        return 1


def _self_test() -> int:
    try:
        from annotator.gui.self_test import run
    except ImportError as exc:
        print(f"annotator: self-test failed: the window cannot be loaded ({exc})", file=sys.stderr)
        return 1
    return run()
