"""Code points <-> UTF-16 code units in one text.

We count Python code points. Others count UTF-16 code units: JavaScript string indices
(Label Studio's offsets) and Qt's positions. The two differ only at characters outside the
Basic Multilingual Plane (an emoji, 𝐀), which are one code point but two units (a
surrogate pair). The map records where those are, once per text, and each conversion is a
binary search: the same cost in a 50 MB document as in a short one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Utf16Map:
    length: int  # code points
    astral: tuple[int, ...]  # code-point index of each character outside the BMP
    units: tuple[int, ...]  # the UTF-16 offset where each of them starts

    @classmethod
    def of(cls, text: str) -> Utf16Map:
        astral = tuple(match.start() for match in _ASTRAL.finditer(text))
        return cls(len(text), astral, tuple(index + k for k, index in enumerate(astral)))

    @property
    def utf16_length(self) -> int:
        return self.length + len(self.astral)

    def to_utf16(self, index: int) -> int:
        """The UTF-16 offset of code-point offset `index` (0..length)."""
        return index + bisect_left(self.astral, index)

    def to_code_points(self, offset: int) -> int | None:
        """The code-point offset at UTF-16 `offset`, or None if it is outside the text or
        splits a surrogate pair."""
        if not 0 <= offset <= self.utf16_length:
            return None
        index = self.code_point_at_or_before(offset)
        return index if self.to_utf16(index) == offset else None

    def code_point_at_or_before(self, offset: int) -> int:
        """The code-point offset at UTF-16 `offset` (0..utf16_length); inside a surrogate
        pair, the start of its character."""
        k = bisect_right(self.units, offset - 2)  # the astral characters wholly before it
        if k < len(self.units) and self.units[k] == offset - 1:
            return self.astral[k]
        return offset - k
