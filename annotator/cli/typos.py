"""A first word that is a mistyped command, not a project to open.

`annotator DB` opens the window on DB, so any first word that is not a command could be a
project's file name. It is read as a command that went wrong when it cannot be a project
to open: a second word follows it (the window takes one project), or it is a bare word
(no folder, no suffix) naming no file, and close to a command's name.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Collection, Sequence
from pathlib import Path

# "stat" (0.89), "improt" (0.83) and "opne" (0.75) are typos; "test" (0.55 of "suggest"),
# "pilot" (0.55) and "statistics" (0.67) are names a project may have.
CLOSE = 0.75


def is_mistyped(word: str, rest: Sequence[str], commands: Collection[str]) -> bool:
    """Whether `word` (the first argument, not a command) was meant to be a command;
    `rest` is what follows it."""
    if word.startswith("-") or _names_a_file(word):
        return False
    if rest and not rest[0].startswith("-"):  # a second positional: never the window's
        return True
    return _closest(word, commands) is not None


def unknown_command(word: str, commands: Sequence[str], alone: bool = False) -> str:
    """The one line that refuses `word`: the command it is close to, or all of them.
    `alone`: nothing followed it, so it might have been a new project's name."""
    closest = _closest(word, commands)
    if closest is None:
        return f"unknown command {word!r} (commands: {', '.join(commands)})"
    line = f"unknown command {word!r}; did you mean {closest}?"
    if alone:
        line += f" (a new project of that name: annotator ./{word})"
    return line


def _names_a_file(word: str) -> bool:
    """A file that is there, or a word that can only be a path (a folder in it, a suffix)."""
    separators = {os.sep, "/"} | ({os.altsep} if os.altsep else set())
    if any(sep in word for sep in separators) or Path(word).suffix:
        return True
    try:
        return Path(word).exists()
    except (OSError, ValueError):  # a name too long, a NUL: opening it will say so
        return True


def _closest(word: str, commands: Collection[str]) -> str | None:
    found = difflib.get_close_matches(word, list(commands), n=1, cutoff=CLOSE)
    return found[0] if found else None
