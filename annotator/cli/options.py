"""Option values shared by several commands."""

from __future__ import annotations


def annotator_names(value: str | None) -> list[str] | None:
    """`--annotators A,B,...` as names (None when not given: every annotator)."""
    return [name.strip() for name in value.split(",")] if value else None
