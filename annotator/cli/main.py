"""Entry point: `annotator` and `python -m annotator`.

Exit codes: 0 ok, 2 bad input or usage (one line on stderr naming the file and line),
1 internal error (a bug: the traceback is printed for the report).
"""

from __future__ import annotations

import argparse
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
from annotator.cli.terminal import say
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
        usage="annotator [DB] | annotator COMMAND DB ...",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.add_parser(commands)
    return parser


def _with_command(argv: list[str], commands: set[str]) -> list[str]:
    """`annotator` and `annotator DB` mean `annotator open [DB]`."""
    if not argv:
        return ["open"]
    if argv[0] not in commands and not argv[0].startswith("-"):
        return ["open", *argv]
    return argv


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    commands = {m.__name__.rsplit(".", 1)[1].removesuffix("_cmd") for m in COMMAND_MODULES}
    args = parser.parse_args(_with_command(list(sys.argv[1:] if argv is None else argv), commands))
    try:
        return args.func(args)
    except AnnotatorError as exc:
        say(f"annotator: {exc}", sys.stderr)
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
