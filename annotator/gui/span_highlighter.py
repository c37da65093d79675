"""Spans and suggestions drawn as character formats on logical ranges.

Qt shapes and orders the text itself; a format on part of an Arabic word does not break its
joining, so highlights sit exactly on their glyphs in any script mix. Nothing here paints a
rectangle computed by hand.

How overlapping spans stay visible: in each stretch of text, the longest span covering it
gives the background tint, and the innermost other span gives a coloured underline (a
SOURCE containing an ACTOR: SOURCE tint, ACTOR underline). Suggestions that no span covers
get a dashed underline in their label's colour. The selected span gets a deeper tint.
Tints are opaque, the label's colour mixed with the page's: a translucent tint is painted
once per bidi run, and where two runs meet ("12" beside "غارة") the overlap showed as a dark
seam. Underlines are not formats (Qt draws those a pixel thin): the highlighter says where
they go (`underlines`) and the view paints them two pixels thick (decorations.py).

Spans are kept per paragraph (QTextBlock), so a change re-highlights only the paragraphs it
touches, whatever the number of spans in the document. Paragraphs are highlighted when
first shown (`show_blocks`, which the view calls before it paints), not all when the text
goes in: a 50 MB article opens in seconds, and only the paragraphs someone looked at carry
formats. Marks found only then (the suggestions of a paragraph) come from `found_in`. For
the same reason the highlighter does not follow the text's changes (Qt would highlight
every paragraph of each new text): the text only changes as a whole, through `load`.

The marks of a document are placed in its paragraphs by plain functions
(`paragraph_starts`, `pieces_of`), which a worker thread can run while the text is shown
(gui/span_loading.py), and `take` installs what it placed.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from PySide6.QtCore import SIGNAL, SLOT, QObject, Qt
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from annotator.gui.offsets import OffsetMap

# How much of the label's colour a tint takes, on a light page and on a dark one: the text
# keeps a contrast of at least 4.5:1 over every tint (tests/gui/test_colours.py).
TINT = {"light": 0.35, "dark": 0.30}
SELECTED = {"light": 0.62, "dark": 0.45}

# What a stretch of text looks like: (tint label, deeper tint, underline label, dashed).
Look = tuple[str | None, bool, str | None, bool]
# An underline to paint: (start, end) Qt positions in its paragraph, colour, dashed.
Underline = tuple[int, int, QColor, bool]


def mixed(colour: QColor, page: QColor, share: float) -> QColor:
    """`colour` laid over `page` at `share` opacity, as one opaque colour."""
    pairs = zip(colour.getRgbF()[:3], page.getRgbF()[:3], strict=True)
    return QColor.fromRgbF(*(share * c + (1 - share) * p for c, p in pairs))


def scheme(page: QColor) -> str:
    return "dark" if page.lightnessF() < 0.5 else "light"


class Mark(NamedTuple):
    """Something to draw: a span or a suggestion, in code points of the stored text. A
    named tuple: half a million are made for a long document, four times faster than a
    frozen dataclass."""

    start: int
    end: int
    label: str
    suggestion: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


# Pieces of marks by paragraph (block) number: (start, end) Qt positions in the paragraph.
Pieces = dict[int, list[tuple[int, int, Mark]]]

# Where setPlainText starts a paragraph (Qt's QTextCursor::insertText): after "\r\n" as one
# separator, a lone "\r" or "\n", U+2029, and Qt's two frame marks; U+2028 breaks a line
# inside a paragraph.
_PARAGRAPH_BREAK = re.compile("\r\n|[\n\r\u2029\ufdd0\ufdd1]")


_OTHER_BREAK = re.compile("[\r\u2029\ufdd0\ufdd1]")


def paragraph_starts(text: str, offsets: OffsetMap) -> list[int]:
    """The Qt position of each paragraph `text` makes in a QTextDocument, found in the
    text: a fifth of the time of asking each of 355,000 blocks."""
    if _OTHER_BREAK.search(text) is None:  # "\n" alone, as most texts: found a third faster
        ends, find = [], text.find
        at = find("\n")
        while at >= 0:
            ends.append(at + 1)
            at = find("\n", at + 1)
    else:
        ends = [match.end() for match in _PARAGRAPH_BREAK.finditer(text)]
    if offsets.utf16.astral or offsets.pairs:
        ends = [offsets.to_qt(end) for end in ends]
    return [0, *ends]


def split_mark(mark: Mark, offsets: OffsetMap, starts: list[int]) -> list[tuple[int, int, int]]:
    """(block number, start, end) pieces of a mark, in positions within each block, given
    the Qt position where each block starts."""
    start, end = offsets.to_qt(mark.start), offsets.to_qt(mark.end)
    number = max(bisect_right(starts, start) - 1, 0)
    pieces = []
    while number < len(starts) and starts[number] < end:
        begin = starts[number]
        # A paragraph ends one position before the next begins: its separator.
        stop = starts[number + 1] - 1 if number + 1 < len(starts) else offsets.qt_length
        pieces.append((number, max(start, begin) - begin, min(end, stop) - begin))
        number += 1
    return pieces


def pieces_of(
    marks: Iterable[Mark], offsets: OffsetMap, starts: list[int], into: Pieces | None = None
) -> Pieces:
    """Every mark cut into its paragraphs' pieces, as `SpanHighlighter` keeps them (added
    to `into`, a defaultdict(list), when given): `split_mark` for each, with a short way
    for the usual mark, inside one paragraph of a text whose code points are its Qt
    positions (a third of the time for half a million)."""
    pieces: Pieces = defaultdict(list) if into is None else into
    same = not offsets.utf16.astral and not offsets.pairs
    last = len(starts) - 1
    for mark in marks:
        start, end = mark.start, mark.end
        if same and start < end:
            number = bisect_right(starts, start) - 1
            if number < last and end <= starts[number + 1]:
                begin = starts[number]
                stop = starts[number + 1] - 1  # the separator
                pieces[number].append((start - begin, min(end, stop) - begin, mark))
                continue
        for number, first, stop in split_mark(mark, offsets, starts):
            pieces[number].append((first, stop, mark))
    return pieces


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        """`document` is empty: the text goes in through `load`."""
        super().__init__(document)
        # Qt highlights the paragraphs a change touches, every paragraph for a new text;
        # `load` and `show_blocks` decide instead.
        QObject.disconnect(
            document,
            SIGNAL("contentsChange(int,int,int)"),
            self,
            SLOT("_q_reformatBlocks(int,int,int)"),
        )
        self.colours: dict[str, QColor] = {}
        self.page = QColor("white")
        self.offsets = OffsetMap.of("")
        self.selected: Mark | None = None
        # block number -> [(start in block, end in block, mark)] in Qt positions
        self._pieces: Pieces = defaultdict(list)
        self._block_starts: list[int] = []  # Qt position of each paragraph, for bisect
        self._shown: set[int] = set()  # numbers of the paragraphs highlighted so far
        self._stale: set[int] = set()  # shown, but their marks are to be found again
        # More marks of a paragraph, asked for when it is first shown: (start, end) in code
        # points -> marks (the view's suggestions there).
        self.found_in: Callable[[int, int], Iterable[Mark]] = lambda start, end: ()
        # Documents have thousands of highlighted stretches and a handful of looks.
        self._formats: dict[Look, QTextCharFormat] = {}
        self._underlines: dict[int, list[Underline]] = {}  # by block number, once highlighted

    def set_colours(self, colours: dict[str, str], page: QColor | None = None) -> None:
        """The labels' colours, and the page's (the tints are mixed with it)."""
        self.colours = {name: QColor(value) for name, value in colours.items()}
        if page is not None:
            self.page = QColor(page)
        self._formats = {}

    def tint(self, label: str, selected: bool = False) -> QColor:
        """The background of a stretch of `label`, as painted (opaque)."""
        share = (SELECTED if selected else TINT)[scheme(self.page)]
        return mixed(self._colour(label), self.page, share)

    def underlines(self, number: int) -> list[Underline]:
        """The underlines of paragraph `number`, as last highlighted."""
        return self._underlines.get(number, [])

    # -- what is drawn ----------------------------------------------------------------------

    def load(
        self, editor: QPlainTextEdit, text: str, offsets: OffsetMap, marks: Iterable[Mark]
    ) -> None:
        """A new document: put its text in the editor and index its marks; paragraphs are
        highlighted as they are shown."""
        editor.setPlainText(text)
        self.offsets = offsets
        self._shown = set()
        self._stale = set()
        self._underlines = {}
        document = self.document()
        starts = paragraph_starts(text, offsets)
        if len(starts) != document.blockCount() or starts[-1] != document.lastBlock().position():
            starts, block = [], document.firstBlock()  # a break Qt reads otherwise: ask Qt
            while block.isValid():
                starts.append(block.position())
                block = block.next()
        self._block_starts = starts
        self._pieces = pieces_of(marks, offsets, starts)

    @property
    def block_starts(self) -> list[int]:
        """The Qt position where each paragraph of the text shown starts."""
        return self._block_starts

    def take(self, pieces: Pieces) -> None:
        """The marks of the text shown, placed elsewhere (`pieces_of`, with this text's
        offsets and block starts) in place of those it has. Every paragraph is highlighted
        afresh when it is next shown, as a paragraph is always highlighted before it is
        painted."""
        self._pieces = pieces
        self._shown, self._stale, self._underlines = set(), set(), {}

    def show_blocks(self, blocks: Iterable[QTextBlock]) -> None:
        """Highlight the paragraphs about to be painted that have not been shown yet."""
        for block in blocks:
            number = block.blockNumber()
            if number in self._shown and number not in self._stale:
                continue
            again = number in self._shown
            self._shown.add(number)
            self._stale.discard(number)
            found = 0
            for mark in self.found_in(*self.offsets.paragraph(block.position(), block.length())):
                self._index(mark)
                found += 1
            if found or not again:
                self.rehighlightBlock(block)

    def refind(self, wanted: Callable[[int, int], bool] | None = None) -> None:
        """`found_in` knows more now: the paragraphs shown so far (those of them `wanted`
        says, given their code-point range) ask it again when they are next shown
        (`found_in` gives only marks it had not given before)."""
        if wanted is None:
            self._stale = set(self._shown)
            return
        document = self.document()
        for number in self._shown:
            block = document.findBlockByNumber(number)
            if wanted(*self.offsets.paragraph(block.position(), block.length())):
                self._stale.add(number)

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
        number = bisect_right(self._block_starts, qt) - 1
        if number < 0:
            return []
        inside = qt - self._block_starts[number]
        found = {m for s, e, m in self._pieces.get(number, ()) if s <= inside < e}
        return sorted(found, key=lambda m: (-m.length, m.start, m.label))

    # -- bookkeeping ------------------------------------------------------------------------

    def _split(self, mark: Mark) -> list[tuple[int, int, int]]:
        return split_mark(mark, self.offsets, self._block_starts)

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

    def highlightBlock(self, text: str) -> None:
        number = self.currentBlock().blockNumber()
        pieces = self._pieces.get(number) if number in self._shown else None
        self._underlines.pop(number, None)
        if not pieces:
            return
        cuts = sorted({p for s, e, _ in pieces for p in (s, e)})
        underlines: list[Underline] = []
        for left, right in itertools.pairwise(cuts):
            covering = [m for s, e, m in pieces if s <= left and right <= e]
            if not covering:
                continue
            look = self._look(covering)
            fmt = self._format(look)
            if fmt.background().style() != Qt.BrushStyle.NoBrush:
                self.setFormat(left, right - left, fmt)
            _, _, label, dashed = look
            if label is None:
                continue
            colour = self._colour(label)
            last = underlines[-1] if underlines else None
            if last is not None and last[1] == left and last[2] == colour and last[3] == dashed:
                underlines[-1] = (last[0], right, colour, dashed)  # one line, unbroken dashes
            else:
                underlines.append((left, right, colour, dashed))
        if underlines:
            self._underlines[number] = underlines

    def _format(self, look: Look) -> QTextCharFormat:
        if look not in self._formats:
            self._formats[look] = self._make_format(*look)
        return self._formats[look]

    def _look(self, covering: list[Mark]) -> Look:
        spans = sorted((m for m in covering if not m.suggestion), key=lambda m: -m.length)
        if spans:
            outer = spans[0]
            inner = spans[-1] if len(spans) > 1 else None
            if inner is not None and inner == self.selected:
                return (inner.label, True, inner.label, False)
            return (outer.label, outer == self.selected, inner.label if inner else None, False)
        suggestion = min(covering, key=lambda m: m.length)
        return (None, suggestion == self.selected, suggestion.label, True)

    def _colour(self, label: str) -> QColor:
        return QColor(self.colours.get(label, QColor("#999999")))

    def _make_format(
        self, tint: str | None, deep: bool, underline: str | None, dashed: bool
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if tint is not None:
            fmt.setBackground(self.tint(tint, deep))
        elif deep and underline is not None:  # a selected suggestion: a light tint
            fmt.setBackground(
                mixed(self._colour(underline), self.page, TINT[scheme(self.page)] / 2)
            )
        return fmt
