"""Spans: a labelled range of a document's text, in Python code points, end exclusive."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from annotator.core.errors import InputError

# A span as a key: (start, end, label). What a store, a session and a review compare.
SpanKey = tuple[int, int, str]


class Origin(StrEnum):
    MANUAL = "manual"  # drawn by an annotator
    SUGGESTED = "suggested"  # proposed by the text engine and accepted
    IMPORTED = "imported"  # came in from a file
    ADJUDICATED = "adjudicated"  # decided by a reviewer for the gold layer


def check_attrs(attrs: Any) -> dict[str, Any]:
    """Attributes are a JSON object (e.g. a NUMBER's {"value": 240000, "approx": "at_least"})."""
    if attrs is None:
        return {}
    if type(attrs) is dict and not attrs:  # the common case, checked without serializing
        return attrs
    if not isinstance(attrs, dict):
        raise InputError(f"span attrs must be an object, not {type(attrs).__name__}", "bad_attrs")
    try:
        json.dumps(attrs, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InputError(f"span attrs are not plain JSON: {exc}", "bad_attrs") from None
    return attrs


def _offset(name: str, value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    # JSON writers sometimes emit 12.0 for 12; anything else is not an offset.
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    raise InputError(f"span {name} must be an integer, not {value!r}", "bad_span")


def check_range(start: Any, end: Any) -> tuple[int, int]:
    start, end = _offset("start", start), _offset("end", end)
    if start < 0:
        raise InputError(f"span start {start} is negative", "bad_span")
    if end <= start:
        raise InputError(f"span end {end} must be greater than its start {start}", "bad_span")
    return start, end


@dataclass(frozen=True, slots=True)  # hundreds of thousands in a long document
class Span:
    start: int
    end: int
    label: str
    annotator: str
    attrs: dict[str, Any] = field(default_factory=dict)
    origin: Origin = Origin.MANUAL
    rowid: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        start, end = check_range(self.start, self.end)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        if not isinstance(self.label, str) or not self.label:
            raise InputError(
                f"span label must be a non-empty string, not {self.label!r}", "bad_span"
            )
        if not isinstance(self.annotator, str) or not self.annotator.strip():
            raise InputError("span has no annotator", "bad_span")
        check_attrs(self.attrs)
        try:
            object.__setattr__(self, "origin", Origin(self.origin))
        except ValueError:
            choices = ", ".join(o.value for o in Origin)
            raise InputError(
                f"span origin must be one of {choices}, not {self.origin!r}", "bad_span"
            ) from None

    @classmethod
    def stored(
        cls,
        start: int,
        end: int,
        label: str,
        annotator: str,
        attrs: dict[str, Any],
        origin: Origin,
        rowid: int,
    ) -> Span:
        """A span read back from the project, which validated it on the way in."""
        span = object.__new__(cls)
        put = object.__setattr__  # the class is frozen; unrolled, as 470,000 are read at once
        put(span, "start", start)
        put(span, "end", end)
        put(span, "label", label)
        put(span, "annotator", annotator)
        put(span, "attrs", attrs)
        put(span, "origin", origin)
        put(span, "rowid", rowid)
        return span

    def check_against(self, text: str, expected_text: str | None = None) -> None:
        """Raise unless the span fits `text`; `expected_text` is what a file said it covers."""
        self.check_covered(text[self.start : self.end], len(text), expected_text)

    def check_covered(self, covered: str, length: int, expected_text: str | None = None) -> None:
        """check_against, from what the span covers of a text `length` long: all a store
        needs to read of a document (a span that runs past its end covers less)."""
        if len(covered) < self.end - self.start:
            raise InputError(
                f"span {self.start}-{self.end} ({self.label}) is out of range: "
                f"the text has {length} characters",
                "span_out_of_range",
            )
        if expected_text is not None and covered != expected_text:
            raise InputError(
                f"span {self.start}-{self.end} ({self.label}) says its text is "
                f"{expected_text!r} but the document has {covered!r} there",
                "span_text_mismatch",
            )
        if not covered.strip():
            raise InputError(
                f"span {self.start}-{self.end} ({self.label}) covers only white space",
                "span_blank",
            )

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)
