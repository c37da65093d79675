"""Spans and suggestions drawn as character formats on logical ranges.

Qt shapes and orders the text itself; a format on part of an Arabic word does not break its
joining, so highlights sit exactly on their glyphs in any script mix. Nothing here paints a
rectangle computed by hand.

How overlapping spans stay visible: in each stretch of text, the longest span covering it
gives the background tint, and the innermost other span gives a coloured underline (a
SOURCE containing an ACTOR: SOURCE tint, ACTOR underline). Suggestions that no span covers
get a dashed underline in their label's colour. The selected span gets a deeper tint.

Spans are kept per paragraph (QTextBlock), so a change re-highlights only the paragraphs it
touches, whatever the number of spans in the document.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.gui.offsets import OffsetMap

TINT_ALPHA = 90  # of 255: the text stays fully legible over the tint
SELECTED_ALPHA = 170


@dataclass(frozen=True)
class Mark:
    """Something to draw: a span or a suggestion, in code points of the stored text."""

    start: int
    end: int
    label: str
    suggestion: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.colours: dict[str, QColor] = {}
        self.offsets = OffsetMap.of("")
        self.selected: Mark | None = None
        # block number -> [(start in block, end in block, mark)] in Qt positions
        self._pieces: dict[int, list[tuple[int, int, Mark]]] = defaultdict(list)

    def set_colours(self, colours: dict[str, str]) -> None:
        self.colours = {name: QColor(value) for name, value in colours.items()}

    # -- what is drawn ----------------------------------------------------------------------

    def reset(self, offsets: OffsetMap, marks: Iterable[Mark]) -> None:
        """A new document (or a new set of marks): index everything, then highlight once."""
        self.offsets = offsets
        self._pieces = defaultdict(list)
        for mark in marks:
            self._index(mark)
        self.rehighlight()

    def add(self, marks: Iterable[Mark]) -> None:
        self._refresh(self._index(mark) for mark in list(marks))

    def remove(self, marks: Iterable[Mark]) -> None:
        self._refresh(self._unindex(mark) for mark in list(marks))

    def select(self, mark: Mark | None) -> None:
        before, self.selected = self.selected, mark
        self._refresh(self._blocks_of(m) for m in (before, mark) if m is not None)

    def marks_at(self, position: int) -> list[Mark]:
        """Every mark covering code-point `position`, longest first."""
        qt = self.offsets.to_qt(position)
        block = self.document().findBlock(qt)
        inside = qt - block.position()
        found = {m for s, e, m in self._pieces.get(block.blockNumber(), ()) if s <= inside < e}
        return sorted(found, key=lambda m: (-m.length, m.start, m.label))

    # -- bookkeeping ------------------------------------------------------------------------

    def _split(self, mark: Mark) -> list[tuple[int, int, int]]:
        """(block number, start, end) pieces of a mark, in positions within each block."""
        doc = self.document()
        start, end = self.offsets.to_qt(mark.start), self.offsets.to_qt(mark.end)
        pieces = []
        block = doc.findBlock(start)
        while block.isValid() and block.position() < end:
            begin = block.position()
            pieces.append(
                (
                    block.blockNumber(),
                    max(start, begin) - begin,
                    min(end, begin + block.length() - 1) - begin,
                )
            )
            block = block.next()
        return pieces

    def _index(self, mark: Mark) -> set[int]:
        blocks = set()
        for number, start, end in self._split(mark):
            self._pieces[number].append((start, end, mark))
            blocks.add(number)
        return blocks

    def _unindex(self, mark: Mark) -> set[int]:
        blocks = set()
        for number, _, _ in self._split(mark):
            self._pieces[number] = [p for p in self._pieces[number] if p[2] != mark]
            blocks.add(number)
        return blocks

    def _blocks_of(self, mark: Mark) -> set[int]:
        return {number for number, _, _ in self._split(mark)}

    def _refresh(self, block_sets: Iterable[set[int]]) -> None:
        doc = self.document()
        for number in sorted(set().union(*block_sets)):
            self.rehighlightBlock(doc.findBlockByNumber(number))

    # -- drawing ----------------------------------------------------------------------------

    def _tint(self, label: str, alpha: int) -> QColor:
        colour = QColor(self.colours.get(label, QColor("#999999")))
        colour.setAlpha(alpha)
        return colour

    def highlightBlock(self, text: str) -> None:
        pieces = self._pieces.get(self.currentBlock().blockNumber())
        if not pieces:
            return
        cuts = sorted({p for s, e, _ in pieces for p in (s, e)})
        for left, right in itertools.pairwise(cuts):
            covering = [m for s, e, m in pieces if s <= left and right <= e]
            if covering:
                self.setFormat(left, right - left, self._format(covering))

    def _format(self, covering: list[Mark]) -> QTextCharFormat:
        spans = sorted((m for m in covering if not m.suggestion), key=lambda m: -m.length)
        suggestions = [m for m in covering if m.suggestion]
        fmt = QTextCharFormat()
        if spans:
            outer = spans[0]
            alpha = SELECTED_ALPHA if outer == self.selected else TINT_ALPHA
            fmt.setBackground(self._tint(outer.label, alpha))
            if len(spans) > 1:
                inner = spans[-1]
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(self._tint(inner.label, 255))
                if inner == self.selected:
                    fmt.setBackground(self._tint(inner.label, SELECTED_ALPHA))
        elif suggestions:
            suggestion = min(suggestions, key=lambda m: m.length)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(self._tint(suggestion.label, 255))
            if suggestion == self.selected:
                fmt.setBackground(self._tint(suggestion.label, TINT_ALPHA // 2))
        return fmt
