"""Item delegates and helpers shared by the lists."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from annotator.core.document import Direction, detect_direction


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
