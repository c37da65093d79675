"""JSON from files we do not control: every way it can be wrong is an InputError naming its
line, never a RecursionError, a ValueError from a 5,000-digit number, or a NaN that only
fails later when the project stores it."""

from __future__ import annotations

import json
import sys
from typing import Any

from annotator.core.errors import InputError
from annotator.core.json_depth import MAX_DEPTH, too_deep


class _NotJson(ValueError):
    pass


def _no_constants(name: str) -> Any:
    # Python's json reads NaN and Infinity, which JSON does not have and the project cannot
    # store (metadata is written with allow_nan=False).
    raise _NotJson(f"{name} is not a JSON number")


_DECODER = json.JSONDecoder(parse_constant=_no_constants)


def _error(message: str, first_line: int, offset_line: int = 1) -> InputError:
    return InputError(f"not valid JSON: {message}", "bad_json", line=first_line + offset_line - 1)


def parse(text: str, first_line: int = 1, start: int = 0) -> tuple[Any, int]:
    """The JSON value at `start` of `text` and where it ends (json.raw_decode, strict).

    `first_line` is the file line `text` starts on. Errors carry that line plus the line of
    the problem inside `text`, and no path: callers locate them.
    """
    try:
        value, end = _DECODER.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise _error(f"{exc.msg} (column {exc.colno})", first_line, exc.lineno) from None
    except _NotJson as exc:
        raise _error(str(exc), first_line, text.count("\n", 0, start) + 1) from None
    except RecursionError:
        raise _error("nested too deeply", first_line, text.count("\n", 0, start) + 1) from None
    except ValueError:  # int("9" * 5000): Python refuses to convert that many digits
        digits = sys.get_int_max_str_digits()
        raise _error(
            f"a number too long to read (more than {digits:,} digits)",
            first_line,
            text.count("\n", 0, start) + 1,
        ) from None
    if too_deep(value):
        raise _error(
            f"nested more than {MAX_DEPTH} levels deep", first_line, text.count("\n", 0, start) + 1
        )
    return value, end


def loads(text: str, first_line: int = 1) -> Any:
    """One whole JSON text (white space around it allowed), as json.loads, strictly."""
    start = len(text) - len(text.lstrip(" \t\r\n"))
    value, end = parse(text, first_line, start)
    rest = text[end:].lstrip(" \t\r\n")
    if rest:
        line = text.count("\n", 0, len(text) - len(rest)) + 1
        raise _error("extra data after the JSON value", first_line, line)
    return value
