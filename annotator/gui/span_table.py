"""The span list of the open document: label, text, position, and a NUMBER's value, which
the annotator can correct in place. Rows change one by one as the session reports changes."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from annotator.core.arabic import normalize_term
from annotator.core.document import Document
from annotator.core.errors import AnnotatorError
from annotator.core.session import Changes, Session
from annotator.core.spans import Span
from annotator.gui.delegates import DirectionalDelegate, one_line, text_alignment

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


class SpanTableModel(QAbstractTableModel):
    message = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.document: Document | None = None
        self.rows: list[Span] = []
        self.colours: dict[str, str] = {}

    @staticmethod
    def _order(span: Span) -> tuple[int, int, str]:
        return (span.start, -span.end, span.label)

    def show(self, doc: Document, spans: list[Span]) -> None:
        self.beginResetModel()
        self.document = doc
        self.rows = sorted(spans, key=self._order)
        self.endResetModel()

    def apply_changes(self, changes: Changes) -> None:
        if self.document is None or changes.doc_rowid != self.document.rowid:
            return
        for span in changes.removed:
            keys = [self._order(s) for s in self.rows]
            i = bisect_left(keys, self._order(span))
            if i < len(self.rows) and self.rows[i].key() == span.key():
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.rows[i]
                self.endRemoveRows()
        for span in changes.added:
            i = bisect_left([self._order(s) for s in self.rows], self._order(span))
            self.beginInsertRows(QModelIndex(), i, i)
            self.rows.insert(i, span)
            self.endInsertRows()

    def row_of(self, span: Span) -> int | None:
        return next((i for i, s in enumerate(self.rows) if s.key() == span.key()), None)

    # -- the model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

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
            and self.rows[index.row()].label == "NUMBER"
        )
        if editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.document is None:
            return None
        span = self.rows[index.row()]
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
        span = self.rows[index.row()]
        parsed = parse_value(str(value))
        if parsed is None:
            self.message.emit(self.tr("Not a number: {text}").format(text=value))
            return False
        attrs = {**span.attrs, "value": parsed}
        try:
            self.session.set_attrs(self.document.rowid, span, attrs)  # the change set updates us
        except AnnotatorError as exc:  # the project busy with another program: nothing changed
            self.message.emit(exc.message)
            return False
        return True


class SpanTable(QTableView):
    """The span list's view: rows in reading order, right-to-left text laid out as such."""

    def __init__(self, model: SpanTableModel, label_names: list[str]) -> None:
        super().__init__()
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(DirectionalDelegate(self))
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
