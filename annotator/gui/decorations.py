"""Outlines and underlines painted over the article, placed by Qt's own layout.

Tints are character formats (span_highlighter). Two things a format cannot draw well are
painted here instead: an underline thick enough to see (Qt draws a format's underline one
pixel thin at reading sizes) and an outline around a whole span (the selected span, a
find match, a span in the gold layer). Neither position is computed by hand: for a
logical range, each line of the paragraph's QTextLayout gives its glyph runs, which Qt
has already shaped and put in bidi order, and a box is drawn around each visual stretch
they cover. A range mixing "12" and "غارة" is two runs, side by side, and one box.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextBlock

# Runs closer than this (pixels) on one line are one stretch: rounding between two runs.
_TOUCHING = 1.0
OUTLINE_WIDTH = 2.0


@dataclass(frozen=True, slots=True)
class LineBox:
    """A visual stretch of a range on one line: its box (a line high) and where an
    underline goes under it, in the block layout's coordinates."""

    box: QRectF
    underline_y: float


def line_boxes(block: QTextBlock, start: int, end: int) -> list[LineBox]:
    """The stretches of the text between Qt positions `start` and `end` within `block`:
    one per line and visual stretch."""
    layout = block.layout()
    found = []
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        first = max(start, line.textStart())
        last = min(end, line.textStart() + line.textLength())
        if first >= last:
            continue
        stretches: list[list[float]] = []
        for run in line.glyphRuns(first, last - first):
            positions = run.positions()
            if not positions:
                continue
            advances = run.rawFont().advancesForGlyphIndexes(run.glyphIndexes())
            left = min(p.x() for p in positions)
            right = max(p.x() + a.x() for p, a in zip(positions, advances, strict=True))
            stretches.append([left, right])
        stretches.sort()
        merged: list[list[float]] = []
        for left, right in stretches:
            if merged and left <= merged[-1][1] + _TOUCHING:
                merged[-1][1] = max(merged[-1][1], right)
            else:
                merged.append([left, right])
        # Below the baseline, clear of most of the descenders (ر و ي reach down), above
        # the next line's tint.
        under = line.y() + line.ascent() + max(2.0, line.descent() * 0.45)
        found += [
            LineBox(QRectF(left, line.y(), right - left, line.height()), under)
            for left, right in merged
        ]
    return found


@dataclass(frozen=True, slots=True)
class Outline:
    """A box around a range of the text, in code points of the stored text."""

    start: int
    end: int
    colour: QColor = field(compare=False)
    dashed: bool = False


class Outlines:
    """Named layers of outlines (the selected span, find matches, gold spans), each sorted,
    so painting a screenful looks up only the outlines of the paragraphs on it."""

    def __init__(self) -> None:
        self._layers: dict[str, tuple[list[int], list[Outline], int]] = {}

    def set(self, layer: str, outlines: Iterable[Outline]) -> None:
        ordered = sorted(outlines, key=lambda o: (o.start, o.end))
        if not ordered:
            self._layers.pop(layer, None)
            return
        longest = max(o.end - o.start for o in ordered)
        self._layers[layer] = ([o.start for o in ordered], ordered, longest)

    def get(self, layer: str) -> list[Outline]:
        return list(self._layers[layer][1]) if layer in self._layers else []

    def between(self, start: int, end: int) -> list[Outline]:
        """The outlines overlapping code points start..end, of every layer, in the order
        the layers were first set."""
        found = []
        for starts, ordered, longest in self._layers.values():
            first, last = bisect_left(starts, start - longest), bisect_left(starts, end)
            found += [o for o in ordered[first:last] if o.end > start]
        return found


def paint_underline(
    painter: QPainter,
    block: QTextBlock,
    origin: QPointF,
    span: tuple[int, int],
    colour: QColor,
    dashed: bool,
    width: float,
) -> None:
    """Underline Qt positions span[0]..span[1] of `block` (its layout drawn at `origin`)."""
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.save()
    # On whole pixels, unblended: a line two pixels thick, not three half-tinted ones.
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(pen)
    for stretch in line_boxes(block, *span):
        y = round(origin.y() + stretch.underline_y)
        left, right = origin.x() + stretch.box.left(), origin.x() + stretch.box.right()
        painter.drawLine(QPointF(left, y), QPointF(right, y))
    painter.restore()


def paint_outline(
    painter: QPainter, block: QTextBlock, origin: QPointF, span: tuple[int, int], outline: Outline
) -> None:
    """A box around Qt positions span[0]..span[1] of `block`, on each line it reaches."""
    pen = QPen(outline.colour, OUTLINE_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if outline.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stretch in line_boxes(block, *span):
        box = stretch.box.translated(origin).adjusted(-1.0, 1.0, 1.0, -1.0)
        painter.drawRoundedRect(box, 3.0, 3.0)
