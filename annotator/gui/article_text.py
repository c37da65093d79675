"""An article shown read-only, in its own direction, with marks and outlines drawn on it:
what the annotation view and the review window both show.

Positions from Qt go through OffsetMap; everything else here counts code points of the
stored text. Words (the tab stops and the units selections snap to) are tokens that are
not punctuation, found a paragraph at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPalette,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.document import Direction, Document
from annotator.core.selection import snap_to_words
from annotator.core.tokenize import NOT_WORDS, Token, tokenize
from annotator.gui.decorations import (
    Outline,
    Outlines,
    line_boxes,
    paint_outline,
    paint_underline,
)
from annotator.gui.fonts import article_font
from annotator.gui.offsets import OffsetMap
from annotator.gui.span_highlighter import Mark, SpanHighlighter, scheme

# The text selection, in a grey no label's tint comes near (LOCATION's sky blue was close
# to the usual selection blue): (background, text) on a light and on a dark page.
SELECTION = {"light": ("#3b3b3b", "#ffffff"), "dark": ("#dedede", "#000000")}


def lay_out_article(document: QTextDocument, doc: Document) -> None:
    """The article's own direction, whatever the interface's: an Arabic report starts at
    the right edge (absolute alignment) in the English interface too."""
    option = document.defaultTextOption()
    rtl = doc.direction == Direction.RTL
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    option.setAlignment(
        Qt.AlignmentFlag.AlignAbsolute
        | (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
    )
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)


class ArticleText(QPlainTextEdit):
    """An article with marks (tints, underlines) and outlines, and its selection in code
    points, widened to whole words on request."""

    painted = Signal()  # the article is on screen: what waited for it may begin

    def __init__(self, colours: dict[str, str]) -> None:
        super().__init__()
        self.document_shown: Document | None = None
        self.offsets = OffsetMap.of("")
        self.outlines = Outlines()
        self._words: dict[int, list[Token]] = {}  # words by paragraph (block) number
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(article_font())
        self.highlighter = SpanHighlighter(self.document())
        self.highlighter.set_colours(colours, self.palette().color(QPalette.ColorRole.Base))
        self._grey_selection()

    @property
    def rtl(self) -> bool:
        return self.document_shown is not None and self.document_shown.direction == Direction.RTL

    def show_text(self, doc: Document, marks: list[Mark]) -> None:
        self.document_shown = doc
        self.highlighter.selected = None
        lay_out_article(self.document(), doc)
        self.offsets = OffsetMap.of(doc.text)
        self._words = {}
        self.outlines = Outlines()
        # Plain text, never HTML: "<b>" in an article is data.
        self.highlighter.load(self, doc.text, self.offsets, marks)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.highlighter.show_blocks(self.blocks_in_view())

    # -- colours ----------------------------------------------------------------------------

    def page_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    def text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def _grey_selection(self) -> None:
        """The text selection in neutral grey, whatever the style's selection colour (a
        blue near LOCATION's tint): a selected span shows by its outline and deeper tint."""
        palette = self.palette()
        background, text = SELECTION[scheme(self.page_colour())]
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, QColor(background))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor(text))
        self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light <-> dark: mix the tints again
            page = self.page_colour()
            if page != self.highlighter.page:
                self.highlighter.set_colours(
                    {k: v.name() for k, v in self.highlighter.colours.items()}, page
                )
                self.highlighter.rehighlight()
                self._grey_selection()  # the grey of the new scheme

    # -- painting ---------------------------------------------------------------------------

    def blocks_in_view(self) -> Iterator[QTextBlock]:
        """The paragraphs the viewport shows, top to bottom (at least the first one)."""
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        bottom = self.viewport().height()
        while block.isValid():
            yield block
            top += self.blockBoundingRect(block).height()
            if top > bottom:
                return
            block = block.next()

    def paintEvent(self, event) -> None:
        blocks = list(self.blocks_in_view())
        self.highlighter.show_blocks(blocks)
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(2.0, round(self.fontMetrics().height() / 14))
        try:
            for block in blocks:
                origin = self.blockBoundingGeometry(block).translated(self.contentOffset())
                at = origin.topLeft()
                for start, end, colour, dashed in self.highlighter.underlines(block.blockNumber()):
                    paint_underline(painter, block, at, (start, end), colour, dashed, width)
                first, last = self.offsets.paragraph(block.position(), block.length())
                for outline in self.outlines.between(first, last):
                    inside = self._inside(block, outline.start, outline.end)
                    paint_outline(painter, block, at, inside, outline)
        finally:
            painter.end()
        self.painted.emit()

    def _inside(self, block: QTextBlock, start: int, end: int) -> tuple[int, int]:
        """Code points start..end as Qt positions within `block` (clipped to it)."""
        begin = block.position()
        return (
            max(self.offsets.to_qt(start), begin) - begin,
            min(self.offsets.to_qt(end), begin + block.length()) - begin,
        )

    def range_boxes(self, start: int, end: int) -> list[QRectF]:
        """Where code points start..end are on screen (viewport coordinates): a box per
        line and visual stretch, lines in reading order."""
        boxes = []
        block = self._block_at(start)
        last = self.offsets.to_qt(end)
        while block.isValid() and block.position() <= last:
            if block.isVisible():
                origin = self.blockBoundingGeometry(block).translated(self.contentOffset())
                inside = self._inside(block, start, end)
                boxes += [
                    stretch.box.translated(origin.topLeft())
                    for stretch in line_boxes(block, *inside)
                ]
            block = block.next()
        return boxes

    def set_outlines(self, layer: str, outlines: list[Outline]) -> None:
        self.outlines.set(layer, outlines)
        self.viewport().update()

    # -- words ------------------------------------------------------------------------------

    def words(self, block: QTextBlock) -> list[Token]:
        """The words of one paragraph, in code points of the whole text: words, numbers,
        URLs... not punctuation or emoji. A paragraph is tokenized when first needed, so
        Tab in a 50 MB article tokenizes a line, not the article."""
        number = block.blockNumber()
        if number not in self._words:
            if len(self._words) > 256:  # the few paragraphs around the cursor are enough
                self._words.clear()
            start, end = self.offsets.paragraph(block.position(), block.length())
            text = self.document_shown.text[start:end] if self.document_shown else ""
            self._words[number] = [
                Token(t.start + start, t.end + start, t.kind)
                for t in tokenize(text)
                if t.kind not in NOT_WORDS
            ]
        return self._words[number]

    def _block_at(self, position: int) -> QTextBlock:
        return self.document().findBlock(self.offsets.to_qt(position))

    def word_after(self, position: int, edge: str = "start") -> Token | None:
        """The first word whose `edge` ("start" or "end") is after `position` ("start":
        at or after it)."""
        block = self._block_at(position)
        while block.isValid():
            for token in self.words(block):
                if (token.start >= position) if edge == "start" else (token.end > position):
                    return token
            block = block.next()
        return None

    def word_before(self, position: int, edge: str = "start") -> Token | None:
        """The last word whose `edge` is before `position`."""
        block = self._block_at(position)
        while block.isValid():
            for token in reversed(self.words(block)):
                if (token.start if edge == "start" else token.end) < position:
                    return token
            block = block.previous()
        return None

    def words_between(self, start: int, end: int) -> list[Token]:
        """The words that overlap code points start..end."""
        found = []
        block = self._block_at(start)
        while block.isValid() and block.position() <= self.offsets.to_qt(end):
            found += [t for t in self.words(block) if t.start < end and t.end > start]
            block = block.next()
        return found

    # -- the selection ----------------------------------------------------------------------

    def selection(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return (
            self.offsets.from_qt(cursor.selectionStart()),
            self.offsets.from_qt(cursor.selectionEnd()),
        )

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def snap(self, start: int, end: int) -> tuple[int, int]:
        """The whole words a selection touches (core.selection.snap_to_words)."""
        return snap_to_words(self.document_shown.text if self.document_shown else "", start, end)

    def extend_by_word(self, forward: bool) -> None:
        """Move the selection's moving end by a word in reading order, landing on word
        ends on the far side of the anchor and on word starts on the near side: one press
        a word, whichever way the selection grows."""
        cursor = self.textCursor()
        anchor = self.offsets.from_qt(cursor.anchor())
        position = self.offsets.from_qt(cursor.position())
        if forward and position >= anchor:  # growing: to the end of the next word
            token = self.word_after(position, "end")
            target = token.end if token else position
        elif forward:  # shrinking from the start: to the start of the next word
            token = self.word_after(min(position + 1, self.offsets.length), "start")
            target = min(token.start, anchor) if token else anchor
        elif position <= anchor:  # growing backwards: to the start of the previous word
            token = self.word_before(position, "start")
            target = token.start if token else position
        else:  # shrinking from the end: to the end of the previous word
            token = self.word_before(position, "end")
            target = max(token.end, anchor) if token else anchor
        cursor.setPosition(self.offsets.to_qt(anchor))
        cursor.setPosition(self.offsets.to_qt(target), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
