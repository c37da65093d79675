"""Documents: text kept exactly as imported, with metadata, a content hash and a direction."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from annotator.core.errors import InputError


class Direction(StrEnum):
    RTL = "rtl"
    LTR = "ltr"


class DocStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"


# Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic,
# Arabic supplements/extensions and presentation forms. Marks and digits are not strong.
_RTL_LETTERS = (
    "\u05d0-\u05ea\u05ef-\u05f2\u0620-\u064a\u066e-\u06d3\u06d5\u06e5\u06e6\u06ee\u06ef"
    "\u06fa-\u06ff\u0710-\u074f\u0780-\u07a5\u07ca-\u07ea\u0800-\u0815\u0840-\u0858"
    "\u0860-\u086a\u0870-\u089f\u08a0-\u08c9\ufb1d-\ufdff\ufe70-\ufefc"
)
# Runs rather than single characters: findall then builds a few words, not a list per letter.
_RTL_RUN = re.compile(f"[{_RTL_LETTERS}]+")
_OTHER_LETTER_RUN = re.compile("[^\\W\\d_\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+")
# Direction is decided from the opening of the text: a thousand characters hold a few hundred
# letters, plenty to tell an Arabic report with Latin names from an English one.
_DIRECTION_SAMPLE = 1000


def detect_direction(text: str) -> Direction:
    """Right-to-left when right-to-left letters are at least as many as other letters.

    Counting letters (not taking the first strong character, as the Unicode bidi algorithm
    does) keeps an Arabic report that opens with "AFP:" or a digit right-to-left.
    """
    sample = text[:_DIRECTION_SAMPLE]
    rtl = sum(map(len, _RTL_RUN.findall(sample)))
    other = sum(map(len, _OTHER_LETTER_RUN.findall(sample)))
    return Direction.RTL if rtl >= other else Direction.LTR


def content_hash(text: str) -> str:
    """SHA-256 of the UTF-8 text: documents with the same hash are the same document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_text(text: Any) -> str:
    """Validate document text without changing a single character of it."""
    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}", "bad_text")
    if not text.strip():
        raise InputError("empty document (no text)", "empty_text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"text contains an unpaired surrogate at character {exc.start}", "bad_text"
        ) from None
    return text


def check_meta(meta: Any) -> dict[str, Any]:
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise InputError(f"meta must be an object, not {type(meta).__name__}", "bad_meta")
    direction = meta.get("direction")
    if direction is not None and direction not in (Direction.RTL, Direction.LTR):
        raise InputError(f"meta.direction must be 'rtl' or 'ltr', not {direction!r}", "bad_meta")
    return meta


@dataclass(frozen=True)
class Document:
    """A document of the project.

    `id` is the user-facing identifier (the JSONL "id"); `rowid` is the storage key, None
    until stored. `meta` may carry "title" and "direction" ("rtl"/"ltr") among user fields.
    """

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    rowid: int | None = None

    def __post_init__(self) -> None:
        check_text(self.text)
        check_meta(self.meta)
        if not isinstance(self.id, str) or not self.id.strip():
            raise InputError(f"document id must be a non-empty string, not {self.id!r}", "bad_id")

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    @property
    def direction(self) -> Direction:
        explicit = self.meta.get("direction")
        return Direction(explicit) if explicit else detect_direction(self.text)

    @property
    def title(self) -> str:
        title = self.meta.get("title")
        if isinstance(title, str) and title.strip():
            return title
        first_line = self.text.strip().splitlines()[0]
        return first_line[:60]
