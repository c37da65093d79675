"""Option values shared by several commands."""

from __future__ import annotations

from annotator.core.errors import InputError


def annotator_names(value: str | None) -> list[str] | None:
    """`--annotators A,B,...` as names (None when not given: every annotator)."""
    return [name.strip() for name in value.split(",")] if value else None


def fraction(value: str, option: str, what: str) -> float:
    """A number from 0 to 1 given as `option` (`what` names it in the refusal), refused in
    one line rather than by argparse's two."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:  # also NaN
        raise InputError(f"{option} {value!r} is not {what} from 0 to 1", "usage")
    return number
