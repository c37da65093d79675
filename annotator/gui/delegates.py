"""Item delegates and helpers shared by the lists."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from annotator.core.document import Direction, detect_direction

_HORIZONTAL = Qt.AlignmentFlag.AlignHorizontal_Mask
# Which side a relative alignment stands on, in a right-to-left view.
_MIRRORED = {
    Qt.AlignmentFlag.AlignLeft: Qt.AlignmentFlag.AlignRight,
    Qt.AlignmentFlag.AlignRight: Qt.AlignmentFlag.AlignLeft,
    Qt.AlignmentFlag.AlignLeading: Qt.AlignmentFlag.AlignRight,
    Qt.AlignmentFlag.AlignTrailing: Qt.AlignmentFlag.AlignLeft,
}
_UNMIRRORED = {
    Qt.AlignmentFlag.AlignLeading: Qt.AlignmentFlag.AlignLeft,
    Qt.AlignmentFlag.AlignTrailing: Qt.AlignmentFlag.AlignRight,
}


def one_line(text: str) -> str:
    """A span's text for a table cell: line breaks inside it become spaces."""
    return " ".join(text.split())


def alignment(rtl: bool) -> Qt.AlignmentFlag:
    """The alignment that tells DirectionalDelegate a cell's direction (absolute: the same
    side in either interface)."""
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


def text_alignment(text: str) -> Qt.AlignmentFlag:
    return alignment(detect_direction(text) == Direction.RTL)


def select_row(view: QAbstractItemView, row: int) -> None:
    """Select a table's row and make it current (scrolled to), in either direction.

    Not QTableView.selectRow: in a right-to-left view it looks for the row's first column
    at the viewport's width, one pixel past its left-hand edge, finds none and selects
    nothing, so in the Arabic interface the span list did not follow the article and the
    review table lost its row after each decision.
    """
    flag = QItemSelectionModel.SelectionFlag
    view.selectionModel().setCurrentIndex(
        view.model().index(row, 0), flag.ClearAndSelect | flag.Rows
    )


class DirectionalDelegate(QStyledItemDelegate):
    """Lays a right-to-left cell out right to left, whatever the window's direction.

    The model says which cells read right to left by aligning them right. Without this,
    "غارات على حماة (12)" in an English window would be a left-to-right paragraph, with the
    number and brackets at the wrong end and the text cut (…) at its beginning.
    """

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
        if alignment is not None and Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight:
            option.direction = Qt.LayoutDirection.RightToLeft
        else:
            option.direction = Qt.LayoutDirection.LeftToRight


def reads_right_to_left(text: str) -> bool:
    """Whether a cell's text is right-to-left: it has right-to-left letters and they are
    the most. A size ("8.88 KiB") or a date of digits reads left to right."""
    has_rtl = any("\u0590" <= c <= "\u08ff" or "\ufb1d" <= c <= "\ufefc" for c in text)
    return has_rtl and detect_direction(text) == Direction.RTL


class ContentDirectionDelegate(QStyledItemDelegate):
    """Lays each cell out in the direction of its own text, on the side the view puts it.

    For views whose model says nothing about direction (Qt's own file dialog): in the
    Arabic interface, "8.88 KiB" laid out right to left read "KiB 8.88".
    """

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        alignment = Qt.AlignmentFlag(option.displayAlignment)
        if not alignment & Qt.AlignmentFlag.AlignAbsolute:
            side = Qt.AlignmentFlag(alignment & _HORIZONTAL) or Qt.AlignmentFlag.AlignLeading
            table = _MIRRORED if option.direction == Qt.LayoutDirection.RightToLeft else _UNMIRRORED
            side = table.get(side, side)
            alignment = (alignment & ~_HORIZONTAL) | side | Qt.AlignmentFlag.AlignAbsolute
        option.displayAlignment = alignment
        option.direction = (
            Qt.LayoutDirection.RightToLeft
            if reads_right_to_left(option.text)
            else Qt.LayoutDirection.LeftToRight
        )


class IconOnlyDelegate(QStyledItemDelegate):
    """Draws a cell's icon and not its words (they stay the cell's text for tooltips,
    accessibility and sorting), centred."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.text = ""
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDisplay
        option.decorationAlignment = Qt.AlignmentFlag.AlignCenter
        option.decorationPosition = QStyleOptionViewItem.Position.Top
