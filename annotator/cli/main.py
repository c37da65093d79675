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
    help_cmd,
    hub_cmd,
    import_cmd,
    label_all_cmd,
    labels_cmd,
    merge_cmd,
    model_cmd,
    open_cmd,
    stats_cmd,
    suggest_cmd,
    train_cmd,
)
from annotator.cli.terminal import one_line, say
from annotator.cli.typos import is_mistyped, unknown_command
from annotator.cli.usage import project_first
from annotator.core.errors import AnnotatorError, InputError
from annotator.heap import keep_freed_memory

COMMAND_MODULES = (
    open_cmd,
    import_cmd,
    export_cmd,
    stats_cmd,
    agreement_cmd,
    adjudicate_cmd,
    merge_cmd,
    suggest_cmd,
    train_cmd,
    model_cmd,
    label_all_cmd,
    labels_cmd,
    hub_cmd,
    help_cmd,
)


def parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser of `annotator`, and each command's by name."""
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
    # prog: without it, argparse starts each command's usage with the usage above.
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog="annotator")
    for module in COMMAND_MODULES:
        module.add_parser(commands)
    for command in commands.choices.values():
        if command.usage is None:  # a command may give its own
            command.usage = project_first(command)
    return parser, dict(commands.choices)


def build_parser() -> argparse.ArgumentParser:
    return parsers()[0]


# Options of `annotator` itself; any other leading option is the window's (`open`'s).
TOP_LEVEL_OPTIONS = ("-h", "--help", "--version", "--self-test")


def _with_command(argv: list[str], commands: list[str]) -> list[str]:
    """`annotator`, `annotator DB` and `annotator --annotator NAME` mean `annotator open`;
    a first word that reads as a mistyped command is refused (InputError)."""
    if not argv:
        return ["open"]
    first, rest = argv[0], argv[1:]
    if first in commands or first in TOP_LEVEL_OPTIONS:
        return argv
    if is_mistyped(first, rest, commands):
        alone = not rest or rest[0].startswith("-")
        raise InputError(unknown_command(first, commands, alone), "unknown_command")
    return ["open", *argv]


def command_names() -> list[str]:
    return list(parsers()[1])


def opens_window(argv: list[str]) -> bool:
    """Whether these arguments (without the program's name) open the window."""
    try:
        return _with_command(argv, command_names())[0] == "open"
    except InputError:  # a mistyped command
        return False


def main(argv: list[str] | None = None) -> int:
    # A frozen build's export workers are this program started again: this makes them
    # workers instead of a second app. (Nothing happens when not frozen.)
    multiprocessing.freeze_support()
    parser, commands = parsers()
    try:
        given = _with_command(list(sys.argv[1:] if argv is None else argv), list(commands))
    except InputError as exc:
        return _refused(exc)
    args = parser.parse_args(given)
    if args.self_test:
        return _self_test()
    if args.command != "open":
        keep_freed_memory()  # a command lives for one job (see heap.py); the window does not
    try:
        return args.func(args)
    except AnnotatorError as exc:
        return _refused(exc)
    except KeyboardInterrupt:
        print(
            "annotator: interrupted; the project is as it was before this command", file=sys.stderr
        )
        return 130
    except BrokenPipeError:  # `annotator stats DB --json | head`
        return 0
    except MemoryError:  # the machine's limit, not a bug: nothing was written
        print(
            "annotator: out of memory: this command needs more memory than the machine "
            "gave it; nothing was changed",
            file=sys.stderr,
        )
        return 2
    except Exception:
        traceback.print_exc()
        print(
            "annotator: internal error (a bug): please report it with the lines above",
            file=sys.stderr,
        )
        return 1


def _refused(exc: AnnotatorError) -> int:
    say(f"annotator: {one_line(str(exc))}", sys.stderr)
    return 2


def _self_test() -> int:
    try:
        from annotator.gui.self_test import run
    except ImportError as exc:
        print(f"annotator: self-test failed: the window cannot be loaded ({exc})", file=sys.stderr)
        return 1
    return run()
