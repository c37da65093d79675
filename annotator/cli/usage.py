"""Each command's usage line: `annotator import DB PATH... [options]`.

argparse writes the options first and the positional arguments last. The project comes
first on our command line (as in sqlite-utils, and in the README's synopsis), so the usage
line gives the arguments in the order they are typed, then the options that must be given;
--help lists every option under it.
"""

from __future__ import annotations

import argparse


def project_first(command: argparse.ArgumentParser) -> str:
    """The usage line of `command`, with %(prog)s for its name."""
    # argparse has no public list of a parser's arguments and groups: these private
    # attributes have been there unchanged since Python 2.7.
    actions = command._actions
    words = [_positional(action) for action in actions if not action.option_strings]
    grouped = set()
    for group in command._mutually_exclusive_groups:
        grouped.update(group._group_actions)
        if group.required:
            words.append(f"({' | '.join(_option(a) for a in group._group_actions)})")
    words += [_option(a) for a in actions if a.required and a.option_strings and a not in grouped]
    return " ".join(["%(prog)s", *words, "[options]"])


def _positional(action: argparse.Action) -> str:
    name = action.metavar or action.dest
    if action.nargs == "+":
        return f"{name}..."
    if action.nargs == "*":
        return f"[{name}...]"
    if action.nargs in ("?", argparse.PARSER) and not action.required:
        return f"[{name}]"
    return name


def _option(action: argparse.Action) -> str:
    flag = action.option_strings[-1]  # the long form
    return flag if action.nargs == 0 else f"{flag} {action.metavar or action.dest.upper()}"
