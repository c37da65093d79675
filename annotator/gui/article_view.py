"""The article: read-only text, spans drawn on it, and the keyboard flow of labelling.

The view never changes a span itself: it asks the session, and repaints from the change
set the session announces (`apply_changes`). Positions from Qt go through OffsetMap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextBlock, QTextCursor, QTextDocument, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from annotator.core.document import Direction, Document
from annotator.core.errors import AnnotatorError
from annotator.core.labels import LabelSet
from annotator.core.numbers import find_numbers
from annotator.core.session import Changes, Session
from annotator.core.spans import Span
from annotator.core.suggest import Suggestion
from annotator.core.tokenize import Kind, Token, paragraphs, tokenize
from annotator.gui.fonts import article_font
from annotator.gui.offsets import OffsetMap
from annotator.gui.span_highlighter import Mark, SpanHighlighter

_DIGITS = {str(d): str(d) for d in range(1, 10)} | {chr(0x0660 + d): str(d) for d in range(1, 10)}
_KEY_DIGITS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(1, 10)}
_NOT_STOPS = (Kind.PUNCT, Kind.SYMBOL)

# Suggestions in a stretch of the document: (start, end) in code points -> those whose
# paragraph lies there. Asked for a paragraph at a time, when it is first shown.
Suggester = Callable[[int, int], list[Suggestion]]


def mark_of(item: Span | Suggestion) -> Mark:
    return Mark(item.start, item.end, item.label, isinstance(item, Suggestion))


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
    """An article shown read-only with marks drawn on it, in its own direction, and the
    positions of its selection in code points, widened to whole words on request: what the
    annotation view and the review window both show."""

    def __init__(self, colours: dict[str, str]) -> None:
        super().__init__()
        self.document_shown: Document | None = None
        self.offsets = OffsetMap.of("")
        self._stops: dict[int, list[Token]] = {}  # tab stops by paragraph (block) number
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(article_font())
        self.highlighter = SpanHighlighter(self.document())
        self.highlighter.set_colours(colours)

    def show_text(self, doc: Document, marks: list[Mark]) -> None:
        self.document_shown = doc
        self.highlighter.selected = None
        lay_out_article(self.document(), doc)
        self.offsets = OffsetMap.of(doc.text)
        self._stops = {}
        # Plain text, never HTML: "<b>" in an article is data.
        self.highlighter.load(self, doc.text, self.offsets, marks)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.highlighter.show_blocks(self.blocks_in_view())

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
        self.highlighter.show_blocks(self.blocks_in_view())
        super().paintEvent(event)

    def stops(self, block: QTextBlock) -> list[Token]:
        """Tab stops and snapping units of one paragraph, in code points of the whole text:
        words, numbers, URLs... not punctuation or emoji. A paragraph is tokenized when
        first needed, so Tab in a 50 MB article tokenizes a line, not the article."""
        number = block.blockNumber()
        if number not in self._stops:
            if len(self._stops) > 256:  # the few paragraphs around the cursor are enough
                self._stops.clear()
            start, end = self.offsets.paragraph(block.position(), block.length())
            text = self.document_shown.text[start:end] if self.document_shown else ""
            self._stops[number] = [
                Token(t.start + start, t.end + start, t.kind)
                for t in tokenize(text)
                if t.kind not in _NOT_STOPS
            ]
        return self._stops[number]

    def _block_at(self, position: int) -> QTextBlock:
        return self.document().findBlock(self.offsets.to_qt(position))

    def stop_after(self, position: int) -> Token | None:
        """The first tab stop starting at or after code point `position`."""
        block = self._block_at(position)
        while block.isValid():
            found = [t for t in self.stops(block) if t.start >= position]
            if found:
                return found[0]
            block = block.next()
        return None

    def stop_before(self, position: int) -> Token | None:
        """The last tab stop starting before code point `position`."""
        block = self._block_at(position)
        while block.isValid():
            found = [t for t in self.stops(block) if t.start < position]
            if found:
                return found[-1]
            block = block.previous()
        return None

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
        """Widen a selection to whole words (tokens): a drag that stops mid-word counts."""
        first = self.stop_before(start + 1)
        if first is not None and first.start <= start < first.end:
            start = first.start
        last = self.stop_before(end)
        if last is not None and last.start < end < last.end:
            end = last.end
        return start, end


class ArticleView(ArticleText):
    message = Signal(str)  # for the status bar: why a key did nothing
    current_changed = Signal(object)  # the selected Span or Suggestion, or None

    def __init__(self, session: Session, labels: LabelSet) -> None:
        super().__init__({label.name: label.colour for label in labels})
        self.session = session
        self.labels = labels
        self.snap_to_words = True
        self.spans: dict[tuple[int, int, str], Span] = {}
        self.suggestions: dict[tuple[int, int, str], Suggestion] = {}  # in paragraphs shown
        self.suggester: Suggester | None = None
        self._rejected: set[tuple[int, int, str]] = set()
        self.current: Span | Suggestion | None = None
        self.setTabChangesFocus(False)
        self.setMouseTracking(True)

    def set_labels(self, labels: LabelSet) -> None:
        self.labels = labels
        self.highlighter.set_colours({label.name: label.colour for label in labels})

    # -- showing a document -----------------------------------------------------------------

    def show_document(
        self, doc: Document, spans: list[Span], suggester: Suggester | None = None
    ) -> None:
        """Show a document with its spans; `suggester` gives the suggestions of each
        paragraph as it is first shown."""
        self.current = None
        self.spans = {s.key(): s for s in spans}
        self.suggestions = {}
        self.suggester = suggester
        self._rejected = set()
        self.highlighter.found_in = (
            (lambda start, end: self._new_suggestions(suggester(start, end)))
            if suggester is not None
            else (lambda start, end: ())
        )
        self.show_text(doc, [mark_of(s) for s in self.spans.values()])
        self.current_changed.emit(None)

    def _new_suggestions(self, found: list[Suggestion]) -> list[Mark]:
        fresh = [s for s in found if self._open(s) and s.key() not in self.suggestions]
        self.suggestions.update((s.key(), s) for s in fresh)
        return [mark_of(s) for s in fresh]

    def _open(self, suggestion: Suggestion) -> bool:
        """Neither taken as a span nor rejected since the document was opened."""
        return suggestion.key() not in self.spans and suggestion.key() not in self._rejected

    def suggestions_labelled(self, label: str) -> list[Suggestion]:
        """Every open suggestion with this label in the document, in the paragraphs not
        shown yet too (for Accept all), found a paragraph at a time."""
        if self.suggester is None or self.document_shown is None:
            return []
        return [
            s
            for start, end in paragraphs(self.document_shown.text)
            for s in self.suggester(start, end)
            if s.label == label and self._open(s)
        ]

    def apply_changes(self, changes: Changes) -> None:
        """Repaint exactly what the session changed."""
        removed = [s for s in changes.removed if s.key() in self.spans]
        for span in removed:
            del self.spans[span.key()]
        self.highlighter.remove(mark_of(s) for s in removed)
        for span in changes.added:
            self.spans[span.key()] = span
        self._rejected.update(changes.rejected)
        gone = [
            self.suggestions.pop(k)
            for k in (*changes.rejected, *(s.key() for s in changes.added))
            if k in self.suggestions
        ]
        self.highlighter.remove(mark_of(s) for s in gone)
        self.highlighter.add(mark_of(s) for s in changes.added)
        if self.current is not None and (
            self.current.key() not in self.spans and self.current.key() not in self.suggestions
        ):
            self.set_current(changes.added[-1] if changes.added else None)

    def items_at(self, position: int) -> list[Span | Suggestion]:
        """Spans and suggestions covering a code-point position, innermost first."""
        marks = reversed(self.highlighter.marks_at(position))
        lookup = [self.spans, self.suggestions]
        found = []
        for mark in marks:
            table = lookup[mark.suggestion]
            key = (mark.start, mark.end, mark.label)
            if key in table:
                found.append(table[key])
        return found

    def set_current(self, item: Span | Suggestion | None) -> None:
        self.current = item
        self.highlighter.select(mark_of(item) if item is not None else None)
        if item is not None:
            self.select_range(item.start, item.end)
        self.current_changed.emit(item)

    # -- actions ----------------------------------------------------------------------------

    def _attempt(self, action: Callable[[], object]) -> None:
        try:
            action()
        except AnnotatorError as exc:
            self.message.emit(exc.message)

    def apply_label(self, name: str, precise: bool = False) -> None:
        doc = self.document_shown
        if doc is None:
            return
        start, end = self.selection()
        item = self.current
        if item is not None and (start == end or (start, end) == (item.start, item.end)):
            # A selected span takes the new label; a selected suggestion is accepted with it.
            if isinstance(item, Span):
                if item.label != name:
                    self._attempt(lambda: self.session.relabel(doc.rowid, item, name))
            else:
                chosen = Suggestion(
                    item.start, item.end, name, item.attrs if name == item.label else {}
                )
                self._attempt(lambda: self.session.accept(doc.rowid, [chosen]))
            return
        if start == end:
            self.message.emit(self.tr("Select some text first, then press a label key."))
            return
        if not precise and self.snap_to_words:
            start, end = self.snap(start, end)
        text = doc.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            self.message.emit(self.tr("The selection holds only spaces: nothing to label."))
            return
        attrs = {}
        if name == "NUMBER":
            found = find_numbers(text[start:end])
            if len(found) == 1:
                attrs = found[0].attrs()
        self._attempt(lambda: self.session.add(doc.rowid, start, end, name, attrs))

    def delete_current(self) -> None:
        if isinstance(self.current, Span) and self.document_shown is not None:
            span = self.current
            self._attempt(lambda: self.session.delete(self.document_shown.rowid, span))
        else:
            self.message.emit(self.tr("Select a span to delete (click it, or Tab to it)."))

    def accept_current(self, accept: bool) -> None:
        item = self.current
        if not isinstance(item, Suggestion):
            start, _ = self.selection()
            item = next((i for i in self.items_at(start) if isinstance(i, Suggestion)), None)
        if item is None or self.document_shown is None:
            self.message.emit(self.tr("No suggestion here."))
            return
        doc = self.document_shown.rowid
        act = self.session.accept if accept else self.session.reject
        self._attempt(lambda: act(doc, [item]))

    def move_boundary(self, which: str, delta: int) -> None:
        span = self.current
        if not isinstance(span, Span) or self.document_shown is None:
            self.message.emit(self.tr("Select a span to move its edges."))
            return
        start = span.start + (delta if which == "start" else 0)
        end = span.end + (delta if which == "end" else 0)
        self._attempt(lambda: self.session.resize(self.document_shown.rowid, span, start, end))

    def step_token(self, forward: bool) -> None:
        start, end = self.selection()
        token = self.stop_after(end) if forward else self.stop_before(start)
        if token is None:  # past the last stop (or before the first): stay on it
            token = self.stop_before(end) if forward else self.stop_after(start)
        if token is None:
            return
        self.current = None
        self.highlighter.select(None)
        self.select_range(token.start, token.end)
        self.current_changed.emit(None)

    # -- events -----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab walks the tokens; it must not move the focus out of the article.
        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            self.step_token(
                event.key() == Qt.Key.Key_Tab
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            return True
        if event.type() == QEvent.Type.ToolTip:
            self._tooltip(event)
            return True
        return super().event(event)

    def _tooltip(self, event) -> None:
        cursor = self.cursorForPosition(event.pos())
        position = self.offsets.from_qt(cursor.position())
        items = self.items_at(position) if self.document_shown else []
        if not items:
            QToolTip.hideText()
            return
        lines = [
            item.label
            + (f" ({self.tr('suggested')})" if isinstance(item, Suggestion) else "")
            + (f" = {item.attrs['value']}" if "value" in item.attrs else "")
            for item in items
        ]
        QToolTip.showText(event.globalPos(), "\n".join(lines), self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier)
        digit = _DIGITS.get(event.text()) or _KEY_DIGITS.get(key)
        if digit and plain:
            label = self.labels.by_shortcut(digit)
            if label is None:
                self.message.emit(self.tr("No label on key {key}.").format(key=digit))
            else:
                self.apply_label(label.name, precise=alt)
            return
        if plain and key == Qt.Key.Key_Delete:
            self.delete_current()
            return
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept_current(True)
            return
        if plain and key == Qt.Key.Key_Backspace:
            self.accept_current(False)
            return
        if alt and plain and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            # The arrow says which way the edge moves on screen: in right-to-left text,
            # Left moves it forward in reading order.
            rtl = self.document_shown is not None and self.document_shown.direction == Direction.RTL
            forward = (key == Qt.Key.Key_Left) == rtl
            self.move_boundary("end" if shift else "start", 1 if forward else -1)
            return
        if key == Qt.Key.Key_Escape:
            self.set_current(None)
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.document_shown is None:
            return
        start, end = self.selection()
        if start == end:  # a click, not a drag: select the innermost span there
            items = self.items_at(start)
            self.set_current(items[0] if items else None)
            if not items:
                cursor = self.textCursor()
                cursor.clearSelection()
                self.setTextCursor(cursor)
        else:
            self.set_current(None)  # a new selection: the next label key makes a new span
            self.select_range(start, end)
