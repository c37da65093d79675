"""Typed errors. Core code raises these with a code; the CLI and GUI word them for people.

`where` names the file (and line) the problem came from, so every message can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike


@dataclass
class AnnotatorError(Exception):
    """Base class: a problem the user can act on (never a bug)."""

    message: str
    code: str = "error"
    path: str | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def located(self, path: str | PathLike[str] | None = None, line: int | None = None):
        """Return a copy that names `path`/`line` unless it already names its own."""
        return type(self)(
            self.message,
            self.code,
            self.path if self.path is not None else (str(path) if path is not None else None),
            self.line if self.line is not None else line,
        )

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(AnnotatorError):
    """Bad input: a file, a span, a label, an option. Exit code 2."""


class ProjectError(AnnotatorError):
    """The project file cannot be used: not ours, newer than this version, unreadable."""
