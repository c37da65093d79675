"""The ONLY place that converts between our offsets and Qt's document positions.

We count Python code points in the exact stored text. A QTextDocument holding that text
counts differently in two ways, measured on this stack:

- a character outside the Basic Multilingual Plane (an emoji, 𝐀) is two UTF-16 units;
- "\\r\\n" becomes ONE paragraph separator (a lone "\\r" or "\\n" stays one).

Everything else (bidi marks, U+2028, tabs, NUL) keeps its length. Each of these spots shifts
every later position; the map records them once per document, and each conversion is a
binary search, so converting a span costs the same in a 100,000-character document as in a
short one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_SHIFTS = re.compile("[\U00010000-\U0010ffff]|\r\n")


@dataclass(frozen=True)
class OffsetMap:
    """The spots where the two counts part ways, and the running difference after each."""

    length: int  # code points
    points: tuple[int, ...]  # code-point index just after each spot
    deltas: tuple[int, ...]  # Qt position minus code-point index from that point on
    qt_points: tuple[int, ...]  # the same points as Qt positions
    crlf: tuple[bool, ...]  # the spot is a "\r\n" pair (else an astral character)

    @classmethod
    def of(cls, text: str) -> OffsetMap:
        points, deltas, qt_points, crlf = [], [], [], []
        delta = 0
        for match in _SHIFTS.finditer(text):
            pair = match.end() - match.start() == 2
            delta += -1 if pair else 1
            points.append(match.end())
            deltas.append(delta)
            qt_points.append(match.end() + delta)
            crlf.append(pair)
        return cls(len(text), tuple(points), tuple(deltas), tuple(qt_points), tuple(crlf))

    @property
    def qt_length(self) -> int:
        return self.length + (self.deltas[-1] if self.deltas else 0)

    def _delta_before(self, k: int) -> int:
        return self.deltas[k] if k >= 0 else 0

    def to_qt(self, index: int) -> int:
        """Qt position of code-point offset `index` (0..len(text)).

        An offset between the \r and the \n of a pair has no Qt position of its own (the
        pair is one separator there): it maps to just after the separator.
        """
        if not 0 <= index <= self.length:
            raise ValueError(f"offset {index} outside the text (0-{self.length})")
        k = bisect_right(self.points, index) - 1
        following = k + 1
        if (
            following < len(self.points)
            and self.crlf[following]
            and index == self.points[following] - 1
        ):
            return self.qt_points[following]
        return index + self._delta_before(k)

    def from_qt(self, position: int) -> int:
        """Code-point offset of Qt `position`; a position inside a surrogate pair (never a
        real cursor position) rounds down to the character's start."""
        if not 0 <= position <= self.qt_length:
            raise ValueError(f"position {position} outside the document (0-{self.qt_length})")
        k = bisect_right(self.qt_points, position) - 1
        index = position - self._delta_before(k)
        following = k + 1
        if following < len(self.points) and not self.crlf[following]:
            index = min(index, self.points[following] - 1)
        return index

    def paragraph(self, position: int, length: int) -> tuple[int, int]:
        """Code-point (start, end) of the text of a paragraph (a QTextBlock at Qt `position`,
        `length` long with its separator), without the separator."""
        return self.from_qt(position), self.from_qt(position + length - 1)
