"""The span list of the open document: label, text, position, and a NUMBER's value, which
the annotator can correct in place. Rows change one by one as the session reports changes;
a header click sorts by that column, and a label can be picked to list only its spans.

The model sorts and filters its own rows (no proxy model): a change then finds its row by
bisection, so an edit costs the same in a document with half a million spans, and the
rows the window selects are the model's own.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.arabic import normalize_term
from annotator.core.document import Document
from annotator.core.errors import AnnotatorError
from annotator.core.session import Changes, Session
from annotator.core.spans import Span
from annotator.gui.delegates import DirectionalDelegate, one_line, select_row, text_alignment
from annotator.gui.errors import said

COLUMNS = ("label", "text", "position", "value")
# How an approximate value reads in the list: ≥ 240000 (at least), ≤ 10, ≈ 300, × 10 (tens).
APPROX_SIGNS = {"at_least": "≥ ", "at_most": "≤ ", "about": "≈ ", "multiple": "× "}
VALUE_COLUMN = COLUMNS.index("value")
Index = QModelIndex | QPersistentModelIndex


def parse_value(text: str) -> int | float | None:
    """A value typed by the annotator, in any digit script (١٢ or 12, 3.5 or ٣٫٥)."""
    folded = normalize_term(text.strip()).replace(",", "")
    try:
        value = float(folded)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


# What the rows are sorted by (a column's index) and the label listed (None: every label).
Order = tuple[int, str | None]


def sort_key(column: str, doc: Document | None, span: Span) -> tuple:
    """Where `span` goes in the list sorted by `column`, ties in reading order."""
    place = (span.start, -span.end, span.label)
    if column == "label":
        return (span.label, *place)
    if column == "text" and doc is not None:
        return (doc.text[span.start : span.end], *place)
    if column == "value":
        value = span.attrs.get("value")
        number = value if isinstance(value, int | float) else None
        return (number is None, number or 0, *place)
    return place


@dataclass(frozen=True)
class Listing:
    """The rows of a span list, ascending by their sort keys, for one order."""

    order: Order
    keys: list[tuple]
    listed: list[Span]


def listing(spans: Iterable[Span], order: Order, doc: Document | None) -> Listing:
    """The rows `order` lists of `spans`: no Qt here, so a worker thread can make them."""
    column, label = COLUMNS[order[0]], order[1]
    shown = (s for s in spans if label is None or s.label == label)
    keyed = sorted(((sort_key(column, doc, s), s) for s in shown), key=lambda pair: pair[0])
    return Listing(order, [k for k, _ in keyed], [s for _, s in keyed])


class SpanTableModel(QAbstractTableModel):
    message = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.document: Document | None = None
        self.colours: dict[str, str] = {}
        self._spans: dict[tuple[int, int, str], Span] = {}  # all of them, whatever is listed
        self._listed: list[Span] = []  # ascending by the sort key
        self._keys: list[tuple] = []  # their sort keys, for bisection
        self._column = COLUMNS.index("position")
        self._descending = False
        self.label_filter: str | None = None

    # -- order and filter -------------------------------------------------------------------

    def _key(self, span: Span) -> tuple:
        return sort_key(COLUMNS[self._column], self.document, span)

    @property
    def order(self) -> Order:
        """What the rows are sorted by and which labels are listed."""
        return (self._column, self.label_filter)

    def _relist(self) -> None:
        self._take(listing(self._spans.values(), self.order, self.document))

    def _take(self, made: Listing) -> None:
        self.beginResetModel()
        self._keys, self._listed = made.keys, made.listed
        self.endResetModel()

    def _listed_label(self, span: Span) -> bool:
        return self.label_filter is None or span.label == self.label_filter

    def _row(self, internal: int) -> int:
        """A row as shown, from its place in the ascending list (and back)."""
        return len(self._listed) - 1 - internal if self._descending else internal

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._relist()

    def set_label_filter(self, label: str | None) -> None:
        """List only the spans of `label` (None: every span)."""
        self.label_filter = label
        self._relist()

    @property
    def rows(self) -> list[Span]:
        """The spans as listed, top to bottom."""
        return list(reversed(self._listed)) if self._descending else list(self._listed)

    def span_at(self, row: int) -> Span:
        return self._listed[self._row(row)]

    def show(
        self,
        doc: Document,
        spans: list[Span] | dict[tuple[int, int, str], Span],
        listed: Listing | None = None,
    ) -> None:
        """List `doc`'s spans (or the same by key); `listed`: their rows made already
        (`listing`, in a worker thread), used if the order is still the one it was made
        in."""
        self.document = doc
        self._spans = spans if isinstance(spans, dict) else {s.key(): s for s in spans}
        if listed is not None and listed.order == self.order:
            self._take(listed)
        else:
            self._relist()

    def _find(self, span: Span) -> int | None:
        """The place of `span` in the ascending list, if it is listed."""
        key = self._key(span)
        i = bisect_left(self._keys, key)
        while i < len(self._keys) and self._keys[i] == key:
            if self._listed[i].key() == span.key():
                return i
            i += 1
        return None

    def apply_changes(self, changes: Changes) -> None:
        if self.document is None or changes.doc_rowid != self.document.rowid:
            return
        added = {s.key(): s for s in changes.added}
        for span in changes.removed:
            self._spans.pop(span.key(), None)
            if span.key() in added and self._key(span) == self._key(added[span.key()]):
                # The same span with another value: its row changes in place, so an editor
                # open on it is not destroyed while it commits.
                internal = self._find(span)
                if internal is not None:
                    new = added.pop(span.key())
                    self._spans[new.key()] = new
                    self._listed[internal] = new
                    row = self._row(internal)
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                continue
            internal = self._find(span)
            if internal is not None:
                row = self._row(internal)
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._listed[internal], self._keys[internal]
                self.endRemoveRows()
        for span in added.values():
            self._spans[span.key()] = span
            if not self._listed_label(span):
                continue
            key = self._key(span)
            internal = bisect_left(self._keys, key)
            # Shown descending, the new row goes after the equal ones already there.
            row = len(self._listed) - internal if self._descending else internal
            self.beginInsertRows(QModelIndex(), row, row)
            self._listed.insert(internal, span)
            self._keys.insert(internal, key)
            self.endInsertRows()

    def row_of(self, span: Span) -> int | None:
        internal = self._find(span)
        return None if internal is None else self._row(internal)

    # -- the model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._listed)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Label"), self.tr("Text"), self.tr("Position"), self.tr("Value"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        editable = (
            index.isValid()
            and index.column() == VALUE_COLUMN
            and self.span_at(index.row()).label == "NUMBER"
        )
        if editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.document is None:
            return None
        span = self.span_at(index.row())
        column = COLUMNS[index.column()]
        text = self.document.text[span.start : span.end]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == "label":
                return span.label
            if column == "text":
                return one_line(text)
            if column == "position":
                return f"{span.start}–{span.end}"
            value = span.attrs.get("value")
            if value is None:
                return ""
            if role == Qt.ItemDataRole.EditRole:
                return str(value)
            return f"{APPROX_SIGNS.get(span.attrs.get('approx'), '')}{value}"
        if role == Qt.ItemDataRole.DecorationRole and column == "label":
            return QColor(self.colours.get(span.label, "#999999"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "text":
            return text_alignment(text)
        if role == Qt.ItemDataRole.ToolTipRole and column == "value" and span.label == "NUMBER":
            approx = span.attrs.get("approx")
            meaning = {
                "at_least": self.tr("at least"),
                "at_most": self.tr("at most"),
                "about": self.tr("about"),
                "multiple": self.tr("a multiple of"),
            }
            said = f"{meaning[approx]} {span.attrs.get('value')}. " if approx in meaning else ""
            return said + self.tr("Double-click to correct the value")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != VALUE_COLUMN:
            return False
        span = self.span_at(index.row())
        parsed = parse_value(str(value))
        if parsed is None:
            self.message.emit(self.tr("Not a number: {text}").format(text=value))
            return False
        attrs = {**span.attrs, "value": parsed}
        try:
            self.session.set_attrs(self.document.rowid, span, attrs)  # the change set updates us
        except AnnotatorError as exc:  # the project busy with another program: nothing changed
            self.message.emit(said(exc))
            return False
        return True


class SpanTable(QTableView):
    """The span list's view: rows in reading order (or as sorted), right-to-left text laid
    out as such. The label keys, Delete and the edge keys work here as in the article:
    `key_handler` (the article's) gets them first."""

    def __init__(self, model: SpanTableModel, label_names: list[str]) -> None:
        super().__init__()
        self.setModel(model)
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Not "any key": a label key on a value cell relabels the span, it does not type.
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setItemDelegate(DirectionalDelegate(self))
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(
            COLUMNS.index("position"), Qt.SortOrder.AscendingOrder
        )
        self.verticalHeader().hide()
        # Widths from the font, not ResizeToContents, which would measure every row.
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMNS.index("text"), QHeaderView.ResizeMode.Stretch)
        longest = max((metrics.horizontalAdvance(n) for n in label_names), default=60)
        header.resizeSection(COLUMNS.index("label"), longest + metrics.height() + 16)
        header.resizeSection(COLUMNS.index("position"), metrics.horizontalAdvance("00000–00000"))
        header.resizeSection(VALUE_COLUMN, metrics.horizontalAdvance("≥ 240000") + 16)

    def finish_editing(self) -> None:
        """Commit a value still being typed and close its editor (the window is closing:
        later, the project it would be written to is closed)."""
        editor = self.focusWidget()
        if self.state() == QAbstractItemView.State.EditingState and editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and self.key_handler is not None and self.key_handler(event):
            return
        super().keyPressEvent(event)


class SpanList(QWidget):
    """The span table under a choice of label to list."""

    def __init__(self, model: SpanTableModel, label_names: list[str]) -> None:
        super().__init__()
        self.model = model
        self.table = SpanTable(model, label_names)
        self.label_choice = QComboBox()
        self.label_choice.addItem(self.tr("All labels"), None)
        for name in label_names:
            self.label_choice.addItem(name, name)
        self.label_choice.currentIndexChanged.connect(
            lambda _: model.set_label_filter(self.label_choice.currentData())
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label_choice)
        layout.addWidget(self.table, 1)

    def select_span(self, span: Span | None) -> None:
        """Select `span`'s row (none when it is not listed), without announcing it."""
        selection = self.table.selectionModel()
        blocked = selection.blockSignals(True)
        try:
            row = self.model.row_of(span) if span is not None else None
            if row is None:
                selection.clearSelection()
                selection.clearCurrentIndex()
            else:
                select_row(self.table, row)
                self.table.scrollTo(self.model.index(row, 0))
        finally:
            selection.blockSignals(blocked)
        self.table.viewport().update()
