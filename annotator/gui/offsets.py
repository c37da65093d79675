"""The ONLY place that converts between our offsets and Qt's document positions.

We count Python code points in the exact stored text. A QTextDocument holding that text
counts differently in two ways, measured on this stack:

- a character outside the Basic Multilingual Plane (an emoji, 𝐀) is two UTF-16 units
  (core/utf16.py maps those, as Label Studio's offsets need too);
- "\\r\\n" becomes ONE paragraph separator (a lone "\\r" or "\\n" stays one).

Everything else (bidi marks, U+2028, tabs, NUL) keeps its length. Each of these spots shifts
every later position; the maps record them once per document, and each conversion is a
binary search, so converting a span costs the same in a 100,000-character document as in a
short one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from annotator.core.utf16 import Utf16Map

_CRLF = re.compile("\r\n")


@dataclass(frozen=True)
class OffsetMap:
    """Where code points and Qt positions part ways: astral characters (in `utf16`) and
    "\\r\\n" pairs, with the Qt position just after each pair's separator."""

    utf16: Utf16Map
    pairs: tuple[int, ...]  # code-point index of the "\n" of each "\r\n"
    qt_pairs: tuple[int, ...]  # the Qt position just after each pair's separator

    @classmethod
    def of(cls, text: str) -> OffsetMap:
        utf16 = Utf16Map.of(text)
        pairs = tuple(match.start() + 1 for match in _CRLF.finditer(text))
        # Each separator before it counts one position less than its two code points.
        qt_pairs = tuple(utf16.to_utf16(n + 1) - k - 1 for k, n in enumerate(pairs))
        return cls(utf16, pairs, qt_pairs)

    @property
    def length(self) -> int:
        return self.utf16.length

    @property
    def qt_length(self) -> int:
        return self.utf16.utf16_length - len(self.pairs)

    def to_qt(self, index: int) -> int:
        """Qt position of code-point offset `index` (0..len(text)).

        An offset between the \r and the \n of a pair has no Qt position of its own (the
        pair is one separator there): it maps to just after the separator.
        """
        if not 0 <= index <= self.length:
            raise ValueError(f"offset {index} outside the text (0-{self.length})")
        k = bisect_left(self.pairs, index)  # pairs wholly before `index`
        if k < len(self.pairs) and self.pairs[k] == index:
            return self.qt_pairs[k]
        return self.utf16.to_utf16(index) - k

    def from_qt(self, position: int) -> int:
        """Code-point offset of Qt `position`; a position inside a surrogate pair (never a
        real cursor position) rounds down to the character's start."""
        if not 0 <= position <= self.qt_length:
            raise ValueError(f"position {position} outside the document (0-{self.qt_length})")
        k = bisect_right(self.qt_pairs, position)  # separators wholly before `position`
        return self.utf16.code_point_at_or_before(position + k)

    def paragraph(self, position: int, length: int) -> tuple[int, int]:
        """Code-point (start, end) of the text of a paragraph (a QTextBlock at Qt `position`,
        `length` long with its separator), without the separator."""
        return self.from_qt(position), self.from_qt(position + length - 1)
