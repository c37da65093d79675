"""annotator help [COMMAND] : the help of annotator, or of one command (never the window)."""

from __future__ import annotations

import argparse
import sys

from annotator.core.errors import InputError


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "help",
        help="show this help, or a command's (annotator help COMMAND)",
        description="Show the help of annotator, or of one command.",
    )
    p.add_argument("topic", metavar="COMMAND", nargs="?", help="the command to explain")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Here, not at the top: main imports every command module, this one among them.
    from annotator.cli.main import parsers
    from annotator.cli.typos import unknown_command

    parser, commands = parsers()
    if args.topic is None:
        parser.print_help(sys.stdout)
        return 0
    if args.topic not in commands:
        raise InputError(unknown_command(args.topic, list(commands)), "unknown_command")
    commands[args.topic].print_help(sys.stdout)
    return 0
