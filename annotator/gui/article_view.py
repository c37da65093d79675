"""The annotation view: the article and the keyboard and mouse flow of labelling.

The view never changes a span itself: it asks the session, and repaints from the change
set the session announces (`apply_changes`). Positions from Qt go through OffsetMap.

The selected span (`current`) is what the label keys, Delete and the edge keys act on. An
edit keeps the span it edited selected, a span just made is selected, and Delete leaves
nothing selected, so that the next key never lands on a span the annotator did not mean.
A selected span shows as a deeper tint with an outline, and the caret waits at its end.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QToolTip

from annotator.core.arabic import normalize_term
from annotator.core.document import Document
from annotator.core.errors import AnnotatorError
from annotator.core.labels import LabelSet
from annotator.core.session import Changes, Session
from annotator.core.spans import Span, SpanKey
from annotator.core.suggest import Suggestion, occurrences
from annotator.core.tokenize import paragraphs
from annotator.gui.article_text import ArticleText
from annotator.gui.decorations import Outline
from annotator.gui.errors import said
from annotator.gui.span_highlighter import Mark, Pieces

_DIGITS = {str(d): str(d) for d in range(1, 10)} | {chr(0x0660 + d): str(d) for d in range(1, 10)}
_KEY_DIGITS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(1, 10)}
_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
# A press this close (pixels) to the selected span's first or last letter grabs that edge.
EDGE_GRAB = 5

# Suggestions in a stretch of the document: (start, end) in code points -> those whose
# paragraph lies there. Asked for a paragraph at a time, when it is first shown.
Suggester = Callable[[int, int], list[Suggestion]]


def mark_of(item: Span | Suggestion) -> Mark:
    return Mark(item.start, item.end, item.label, isinstance(item, Suggestion))


def label_key(event: QKeyEvent) -> str | None:
    """The digit of a label key (1-9, Arabic-Indic digits too, Alt allowed), if it is one."""
    if event.modifiers() & _CTRL:
        return None
    return _DIGITS.get(event.text()) or _KEY_DIGITS.get(event.key())


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
        self._edge: tuple[str, Span] | None = None  # the edge being dragged with the mouse
        # The text is shown and its spans are still being read (gui/span_loading.py): no
        # edit is taken until they are in.
        self.loading = False
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
        self.loading = False
        self._edge = None  # a drag begun on the document shown before ends with it
        self.spans = {s.key(): s for s in spans}
        self.suggestions = {}
        self._set_suggester(suggester)
        self._rejected = set()
        self.show_text(doc, [mark_of(s) for s in self.spans.values()])
        self.current_changed.emit(None)

    def show_text_first(self, doc: Document) -> None:
        """Show a document whose spans are being read elsewhere: its text alone, no span
        and no suggestion, and no edit taken, until `take_spans` brings them."""
        self.show_document(doc, [])
        self.loading = True

    def take_spans(
        self, spans: dict[SpanKey, Span], pieces: Pieces, suggester: Suggester | None
    ) -> None:
        """The spans of the document shown, and their marks placed in its paragraphs
        (`pieces_of`), read elsewhere; its suggestions from now on. Edits are taken again."""
        self.spans = spans
        self.loading = False
        self._set_suggester(suggester)
        self.highlighter.take(pieces)
        self.viewport().update()

    def _set_suggester(self, suggester: Suggester | None) -> None:
        self.suggester = suggester
        self.highlighter.found_in = (
            (lambda start, end: self._new_suggestions(suggester(start, end)))
            if suggester is not None
            else (lambda start, end: ())
        )

    def still_loading(self) -> bool:
        """True, and the status bar says why, while the spans are being read: an edit then
        is refused, not made against part of them."""
        if self.loading:
            self.message.emit(self.refused_while_loading())
        return self.loading

    def refused_while_loading(self) -> str:
        return self.tr("The spans are still loading: this document can be edited once they are in.")

    def refresh_suggestions(self, terms: list[str] | None = None) -> None:
        """The suggester knows more (the lexicon learnt `terms`; None: anything): the
        paragraphs on screen get their new suggestions now, the others when they are next
        shown. With `terms`, only paragraphs that mention one (normalized: وحماة and حماه
        mention حماة) are asked again."""
        if self.document_shown is None:
            return
        wanted = None
        if terms is not None:
            text = self.document_shown.text
            needles = [normalize_term(t) for t in terms]

            def wanted(start: int, end: int) -> bool:
                paragraph = normalize_term(text[start:end])
                return any(needle in paragraph for needle in needles)

        self.highlighter.refind(wanted)
        self.highlighter.show_blocks(self.blocks_in_view())

    def replace_suggestions(
        self, source: str | None = None, terms: list[str] | None = None
    ) -> None:
        """The suggester's suggestions from `source` (None: every source) changed (a model
        was trained; with `terms`, the lexicon learnt or unlearnt those names): the old ones
        go and the paragraphs on screen show the new ones now. The cursor, the text
        selection and the selected item stay (a selected suggestion stays until left)."""
        if self.document_shown is None:
            return
        text = self.document_shown.text
        needles = None if terms is None else {normalize_term(t) for t in terms}
        old = [
            s
            for s in self.suggestions.values()
            if source in (None, s.source)
            and s is not self.current
            and (needles is None or normalize_term(text[s.start : s.end]) in needles)
        ]
        for suggestion in old:
            del self.suggestions[suggestion.key()]
        self.highlighter.remove(mark_of(s) for s in old)
        self.refresh_suggestions(terms)

    def _new_suggestions(self, found: list[Suggestion]) -> list[Mark]:
        fresh = [s for s in found if self.is_open(s) and s.key() not in self.suggestions]
        self.suggestions.update((s.key(), s) for s in fresh)
        return [mark_of(s) for s in fresh]

    def is_open(self, suggestion: Suggestion) -> bool:
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
            if s.label == label and self.is_open(s)
        ]

    def apply_changes(self, changes: Changes) -> None:
        """Repaint exactly what the session changed, and select what it made: the span an
        edit made or changed stays selected; a deleted one leaves nothing selected."""
        removed = [s for s in changes.removed if s.key() in self.spans]
        for span in removed:
            del self.spans[span.key()]
        self.highlighter.remove(mark_of(s) for s in removed)
        for span in changes.added:
            self.spans[span.key()] = span
        self._rejected.update(changes.rejected)
        self._rejected.difference_update(changes.unrejected)
        gone = [
            self.suggestions.pop(k)
            for k in (*changes.rejected, *(s.key() for s in changes.added))
            if k in self.suggestions
        ]
        self.highlighter.remove(mark_of(s) for s in gone)
        self.highlighter.add(mark_of(s) for s in changes.added)
        self._ask_again([*changes.unrejected, *(s.key() for s in removed)])
        if len(changes.added) == 1 and not changes.across:
            self.set_current(changes.added[0])
        elif isinstance(self.current, Span) and self.current.key() not in self.spans:
            self.set_current(None)  # deleted (or its making undone): nothing is selected
        elif self.current is not None and self.current.key() not in self.suggestions:
            self.set_current(None)

    def _ask_again(self, keys: list[tuple[int, int, str]]) -> None:
        """The paragraphs on screen that hold `keys` (a rejection or an accepted suggestion
        undone) ask the suggester again, so that what it suggested there comes back."""
        if not keys or self.suggester is None:
            return
        starts = [key[0] for key in keys]

        def wanted(first: int, last: int) -> bool:
            return any(first <= start < last for start in starts)

        self.highlighter.refind(wanted)
        self.highlighter.show_blocks(self.blocks_in_view())

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
        """Select a span or suggestion (None: nothing). The caret goes to its end, with no
        text selected: its outline and deeper tint show it."""
        self.current = item
        self.highlighter.select(mark_of(item) if item is not None else None)
        if item is None:
            self.set_outlines("current", [])
        else:
            self.select_range(item.start, item.end)  # scrolled into view, whole
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            dashed = isinstance(item, Suggestion)
            outline = Outline(item.start, item.end, self.text_colour(), dashed)
            self.set_outlines("current", [outline])
        self.current_changed.emit(item)

    def _drop_current_if_moved(self) -> None:
        """The caret or selection moved away from the selected span (arrows, a drag): the
        next label key makes a new span instead of relabelling it."""
        if self.current is None:
            return
        start, end = self.selection()
        if (start, end) != (self.current.end, self.current.end):
            self.current = None
            self.highlighter.select(None)
            self.set_outlines("current", [])
            self.current_changed.emit(None)

    # -- actions ----------------------------------------------------------------------------

    def _attempt(self, action: Callable[[], object]) -> None:
        try:
            action()
        except AnnotatorError as exc:
            self.message.emit(said(exc))

    def apply_label(self, name: str, precise: bool = False) -> None:
        """Label the selection, or relabel the selected span. `precise` (Alt+number): the
        exact characters selected, never widened, and always a span drawn by hand."""
        doc = self.document_shown
        if doc is None or self.still_loading():
            return
        start, end = self.selection()
        item = self.current
        if item is not None and start == end:
            if isinstance(item, Span):
                if item.label != name:
                    self._attempt(lambda: self.session.relabel(doc.rowid, item, name))
                return
            if not precise:  # a selected suggestion is accepted with this label
                attrs = item.attrs if name == item.label else {}
                chosen = Suggestion(item.start, item.end, name, attrs)
                self._attempt(lambda: self.session.accept(doc.rowid, [chosen]))
                return
            start, end = item.start, item.end  # Alt: the same characters, drawn by hand
        # The session makes the span the one way every selection is made a span (whole
        # words, no white space at its edges, a NUMBER's value), and says when there is
        # nothing to label.
        snap = not precise and self.snap_to_words
        self._attempt(
            lambda: self.session.add(doc.rowid, start, end, name, text=doc.text, snap=snap)
        )

    def delete_current(self) -> None:
        if self.still_loading():
            return
        if isinstance(self.current, Span) and self.document_shown is not None:
            span = self.current
            self._attempt(lambda: self.session.delete(self.document_shown.rowid, span))
        else:
            self.message.emit(self.tr("Select a span to delete (click it, or Tab to it)."))

    def accept_current(self, accept: bool) -> None:
        if self.still_loading():
            return
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
        if self.still_loading():
            return
        span = self.current
        if not isinstance(span, Span) or self.document_shown is None:
            self.message.emit(self.tr("Select a span to move its edges."))
            return
        start = span.start + (delta if which == "start" else 0)
        end = span.end + (delta if which == "end" else 0)
        self._attempt(lambda: self.session.resize(self.document_shown.rowid, span, start, end))

    def label_all(self) -> int | None:
        """Label every other occurrence of the selected span's text in the document with
        its label; the number labelled (None: no span selected)."""
        span, doc = self.current, self.document_shown
        if self.still_loading():
            return None
        if not isinstance(span, Span) or doc is None:
            self.message.emit(self.tr("Select a span to label all its occurrences."))
            return None
        term = doc.text[span.start : span.end]
        found = occurrences(doc.text, term, span.label, self.spans.values())
        try:
            if found:
                self.session.accept(doc.rowid, found)
        except AnnotatorError as exc:  # the project busy with another program
            self.message.emit(said(exc))
            return None
        self.message.emit(
            self.tr("Labelled {count} more occurrences as {label}.").format(
                count=len(found), label=span.label
            )
        )
        return len(found)

    def step_token(self, forward: bool) -> None:
        """Select the next (previous) word after the selection or the selected span."""
        start, end = self.selection()
        if self.current is not None:
            start, end = self.current.start, self.current.end
        token = self.word_after(end) if forward else self.word_before(start)
        if token is None:  # past the last word (or before the first): stay on it
            token = self.word_before(end) if forward else self.word_after(start)
        if token is None:
            return
        self.current = None
        self.highlighter.select(None)
        self.set_outlines("current", [])
        self.select_range(token.start, token.end)
        self.current_changed.emit(None)

    def step_suggestion(self, forward: bool) -> Suggestion | None:
        """Select the next (previous) open suggestion in reading order, across paragraphs
        not shown yet, so that a whole document is reviewed with two keys: this one, then
        Enter or Backspace."""
        if self.suggester is None or self.document_shown is None:
            return None
        if self.current is not None:
            here = self.current.key()
        else:
            start, end = self.selection()
            here = (end, end, "") if forward else (start, start, "")
        block = self._block_at(here[0])
        while block.isValid():
            first, last = self.offsets.paragraph(block.position(), block.length())
            found = sorted(
                (s for s in self.suggester(first, last) if self.is_open(s)), key=Suggestion.key
            )
            chosen = (
                next((s for s in found if s.key() > here), None)
                if forward
                else next((s for s in reversed(found) if s.key() < here), None)
            )
            if chosen is not None:
                self.highlighter.show_blocks([block])  # its marks, before it is selected
                self.set_current(self.suggestions.get(chosen.key(), chosen))
                return chosen
            block = block.next() if forward else block.previous()
        self.message.emit(
            self.tr("No more suggestions after this one.")
            if forward
            else self.tr("No more suggestions before this one.")
        )
        return None

    # -- events -----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab walks the words; it must not move the focus out of the article.
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
            + (f" ({self._suggested(item)})" if isinstance(item, Suggestion) else "")
            + (f" = {item.attrs['value']}" if "value" in item.attrs else "")
            for item in items
        ]
        QToolTip.showText(event.globalPos(), "\n".join(lines), self)

    def _suggested(self, suggestion: Suggestion) -> str:
        if suggestion.score is None:
            return self.tr("suggested")
        return self.tr("suggested by the model, score {score:.2f}").format(score=suggestion.score)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handle_key(event):
            return
        super().keyPressEvent(event)
        self._drop_current_if_moved()

    def handle_key(self, event: QKeyEvent) -> bool:
        """The labelling keys (also sent here from the span list): True when handled."""
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        plain = not mods & _CTRL
        digit = label_key(event)
        if digit:
            label = self.labels.by_shortcut(digit)
            if label is None:
                self.message.emit(self.tr("No label on key {key}.").format(key=digit))
            else:
                self.apply_label(label.name, precise=alt)
            return True
        if plain and key == Qt.Key.Key_Delete:
            self.delete_current()
            return True
        if plain and not shift and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept_current(True)
            return True
        if plain and key == Qt.Key.Key_Backspace:
            self.accept_current(False)
            return True
        if plain and not alt and key == Qt.Key.Key_N:  # F8 too: a window shortcut
            self.step_suggestion(not shift)
            return True
        arrow = key in (Qt.Key.Key_Left, Qt.Key.Key_Right)
        # The arrow says which way on screen: in right-to-left text, Left is forward.
        forward = (key == Qt.Key.Key_Left) == self.rtl
        if alt and plain and arrow:
            self.move_boundary("end" if shift else "start", 1 if forward else -1)
            return True
        if arrow and shift and not plain and not alt:  # Ctrl+Shift+arrow: a word at a time
            if self.current is not None:
                self.select_range(self.current.start, self.current.end)
            self.extend_by_word(forward)
            self._drop_current_if_moved()
            return True
        if key == Qt.Key.Key_Escape:
            self.set_current(None)
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            return True
        return False

    # -- the mouse: select, drag a selection, drag a span's edge ----------------------------

    def _edge_at(self, point: QPoint) -> str | None:
        """ "start" or "end" when `point` is on the selected span's outer edge: where its
        first line begins and its last line ends, on the side the article reads from."""
        if not isinstance(self.current, Span):
            return None
        boxes = self.range_boxes(self.current.start, self.current.end)
        if not boxes:
            return None
        lines = sorted({round(b.top()) for b in boxes})
        first = [b for b in boxes if round(b.top()) == lines[0]]
        last = [b for b in boxes if round(b.top()) == lines[-1]]
        edges = {
            "start": (max(b.right() for b in first) if self.rtl else min(b.left() for b in first)),
            "end": (min(b.left() for b in last) if self.rtl else max(b.right() for b in last)),
        }
        for which, line in (("end", last), ("start", first)):
            top, bottom = line[0].top(), line[0].bottom()
            if top <= point.y() <= bottom and abs(edges[which] - point.x()) <= EDGE_GRAB:
                return which
        return None

    def _dragged_to(self, point: QPoint, precise: bool) -> tuple[int, int]:
        """The range the dragged edge makes, its moving end snapped to a word edge."""
        which, span = self._edge
        position = self.offsets.from_qt(self.cursorForPosition(point).position())
        if not precise and self.snap_to_words:
            if which == "start":
                word = self.word_after(position, "end")
                if word is not None and word.start < position:
                    position = word.start
            else:
                word = self.word_before(position, "start")
                if word is not None and word.end > position:
                    position = word.end
        fixed = span.end if which == "start" else span.start
        return min(fixed, position), max(fixed, position)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            which = self._edge_at(event.position().toPoint())
            if which is not None:
                self._edge = (which, self.current)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        point = event.position().toPoint()
        if self._edge is not None:
            start, end = self._dragged_to(point, self._alt(event))
            if start < end:
                self.set_outlines("current", [Outline(start, end, self.text_colour())])
            return
        over_edge = event.buttons() == Qt.MouseButton.NoButton and self._edge_at(point)
        self.viewport().setCursor(
            Qt.CursorShape.SizeHorCursor if over_edge else Qt.CursorShape.IBeamCursor
        )
        super().mouseMoveEvent(event)

    @staticmethod
    def _alt(event) -> bool:
        return bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)

    def mouseReleaseEvent(self, event) -> None:
        if self._edge is not None and event.button() == Qt.MouseButton.LeftButton:
            span = self._edge[1]
            start, end = self._dragged_to(event.position().toPoint(), self._alt(event))
            self._edge = None
            if start < end and (start, end) != (span.start, span.end):
                doc = self.document_shown.rowid
                self._attempt(lambda: self.session.resize(doc, span, start, end))
            if self.current is span:  # refused or unchanged: as it was
                self.set_current(span)
            return
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.document_shown is None:
            return
        start, end = self.selection()
        if start == end:  # a click, not a drag: select the innermost span there
            items = self.items_at(start)
            self.set_current(items[0] if items else None)
        else:
            self.set_current(None)  # a new selection: the next label key makes a new span
            self.select_range(start, end)
