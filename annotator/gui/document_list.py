"""The project's documents as a filterable list: title, status and spans per document.

The model holds one small summary per document (`annotator.storage.summaries`) and Qt asks
it only for the rows on screen, so 100,000 documents cost no widget and no text each. The
filter matches normalized text (hamza seats, ta marbuta, diacritics... are folded on both
sides), so "حماه" finds "حماة" and "ادلب" finds "إدلب".
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.arabic import normalize_term
from annotator.core.bidi import isolated_if_needed
from annotator.core.document import Direction, DocStatus, detect_direction
from annotator.gui.delegates import DirectionalDelegate, IconOnlyDelegate
from annotator.storage.summaries import DocumentSummary

RowIdRole = Qt.ItemDataRole.UserRole  # the document's row id (int), in every column
StatusRole = Qt.ItemDataRole.UserRole + 1  # its DocStatus, in every column

_Index = QModelIndex | QPersistentModelIndex
_SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)
_TITLE_RTL = Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignRight
_TITLE_LTR = Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignLeft

# Okabe-Ito colours (as the labels use), and a different shape for each status, so the
# three stay apart for colour-blind annotators and in grey-scale.
_STATUS_COLOURS = {
    DocStatus.NEW: "#7f7f7f",  # grey, an empty ring
    DocStatus.IN_PROGRESS: "#E69F00",  # orange, a half-filled ring
    DocStatus.DONE: "#009E73",  # bluish green, a filled disc with a tick
}
_icons: dict[DocStatus, QIcon] = {}


def status_icon(status: DocStatus) -> QIcon:
    """The icon of a status (made once, when first needed: it needs a QGuiApplication)."""
    if status not in _icons:
        size = 32
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        colour = QColor(_STATUS_COLOURS[status])
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = QRectF(5, 5, size - 10, size - 10)
        painter.setPen(QPen(colour, 3))
        if status == DocStatus.DONE:
            painter.setBrush(colour)
        painter.drawEllipse(ring)
        if status == DocStatus.IN_PROGRESS:
            half = QPainterPath()
            half.moveTo(ring.center())
            half.arcTo(ring, 90, 180)  # the left half, like a clock at half past
            half.closeSubpath()
            painter.fillPath(half, colour)
        elif status == DocStatus.DONE:
            painter.setPen(QPen(QColor("white"), 3.5))
            painter.drawPolyline([QPointF(10, 16.5), QPointF(14.5, 21), QPointF(22, 11.5)])
        painter.end()
        _icons[status] = QIcon(pixmap)
    return _icons[status]


class DocumentListModel(QAbstractTableModel):
    """One row per document summary; columns title, status, spans."""

    TITLE, STATUS, SPANS = range(3)

    def __init__(self, summaries: Iterable[DocumentSummary] = (), parent=None) -> None:
        super().__init__(parent)
        self._summaries: list[DocumentSummary] = list(summaries)
        self._rows: dict[int, int] | None = None  # rowid -> row, built when first asked
        self._rtl: dict[int, bool] = {}  # row -> title is right-to-left, for rows shown
        self.doubts: dict[int, float] = {}  # rowid -> the model's doubt, where it has one
        self.doubt_first = False  # the most uncertain documents first, else project order

    # -- the data ---------------------------------------------------------------------------

    def set_summaries(self, summaries: Iterable[DocumentSummary]) -> None:
        """Replace every row (another annotator, a new import): one model reset."""
        self.beginResetModel()
        self._summaries = self._ordered(summaries)
        self._rows = None
        self._rtl = {}
        self.endResetModel()

    def _ordered(self, summaries: Iterable[DocumentSummary]) -> list[DocumentSummary]:
        if not self.doubt_first:
            return sorted(summaries, key=lambda s: s.rowid)  # the project's order
        doubts = self.doubts
        return sorted(
            summaries,
            # The documents the model has a doubt about, most uncertain first; then the
            # others (those it learnt from) in the project's order.
            key=lambda s: (0, -doubts[s.rowid], s.rowid) if s.rowid in doubts else (1, 0, s.rowid),
        )

    def set_doubts(self, doubts: dict[int, float]) -> None:
        """The model's doubt about each document (after a training)."""
        self.doubts = doubts
        if self.doubt_first:
            self.set_summaries(self._summaries)

    def order_by_doubt(self, on: bool) -> None:
        """List the most uncertain documents first (on), or in the project's order."""
        self.doubt_first = on
        self.set_summaries(self._summaries)

    def most_uncertain(self, skip: int | None = None, among: set[int] | None = None) -> int | None:
        """The unfinished document the model is least sure of (not `skip`; of `among`, if
        given), or None."""
        candidates = [
            (doubt, -rowid)
            for rowid, doubt in self.doubts.items()
            if rowid != skip
            and (among is None or rowid in among)
            and (row := self.row_of(rowid)) is not None
            and self._summaries[row].status != DocStatus.DONE
        ]
        return -max(candidates)[1] if candidates else None

    @property
    def summaries(self) -> list[DocumentSummary]:
        """The rows, in order (do not change the list: use update_summary)."""
        return self._summaries

    def summary(self, row: int) -> DocumentSummary:
        return self._summaries[row]

    def row_of(self, rowid: int) -> int | None:
        """The model row of the document with this row id, or None if it is not listed."""
        if self._rows is None:
            self._rows = {summary.rowid: row for row, summary in enumerate(self._summaries)}
        return self._rows.get(rowid)

    def update_summary(
        self, rowid: int, status: DocStatus | str | None = None, span_count: int | None = None
    ) -> bool:
        """Change one document's status and/or span count; dataChanged covers that row only.

        Returns False when the document is not in the list.
        """
        row = self.row_of(rowid)
        if row is None:
            return False
        old = self._summaries[row]
        new = old._replace(
            status=old.status if status is None else DocStatus(status),
            span_count=old.span_count if span_count is None else span_count,
        )
        if new != old:
            self._summaries[row] = new
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    def is_rtl(self, row: int) -> bool:
        """Whether the title of `row` reads right to left (decided once per row shown)."""
        rtl = self._rtl.get(row)
        if rtl is None:
            rtl = self._rtl[row] = detect_direction(self._summaries[row].title) == Direction.RTL
        return rtl

    def status_text(self, status: DocStatus) -> str:
        if status == DocStatus.DONE:
            return self.tr("done")
        if status == DocStatus.IN_PROGRESS:
            return self.tr("in progress")
        return self.tr("new")

    # -- QAbstractItemModel -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._summaries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        summary = self._summaries[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                # A title with bidi controls is isolated in its own direction, so an
                # override it leaves open cannot reach past it (in the direction the
                # delegate lays the cell out, not FSI's guess from the first letter).
                return isolated_if_needed(summary.title, self.is_rtl(row))
            if column == self.STATUS:
                return self.status_text(summary.status)
            return summary.span_count
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == self.TITLE:
                # Absolute: an Arabic title sits on the right in an English window, and an
                # English one on the left in an Arabic window.
                side = _TITLE_RTL if self.is_rtl(row) else _TITLE_LTR
                return side | Qt.AlignmentFlag.AlignVCenter
            if column == self.SPANS:
                return Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(summary.status) if column == self.STATUS else None
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole title (the list cuts a long one short at its reading end), and the
            # id the command line knows it by.
            if column == self.STATUS:
                said = self.status_text(summary.status)
                if summary.rowid in self.doubts:
                    said += "\n" + self.tr("The model's doubt: {percent}%").format(
                        percent=round(100 * self.doubts[summary.rowid])
                    )
                return said
            title = isolated_if_needed(summary.title, self.is_rtl(row))
            return (
                title
                if summary.title == summary.id
                else f"{title}\n{isolated_if_needed(summary.id)}"
            )
        if role == RowIdRole:
            return summary.rowid
        if role == StatusRole:
            return summary.status
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.TITLE:
            return self.tr("Title")
        if section == self.STATUS:
            return self.tr("Status")
        if section == self.SPANS:
            return self.tr("Spans")
        return None


class DocumentFilter(QSortFilterProxyModel):
    """Rows whose title or id holds every word of the filter (normalized), in a status.

    Filtering is computed in one pass over the summaries when the filter changes, so Qt's
    per-row filterAcceptsRow call is a list lookup. The filter is not dynamic: a document
    whose status changes stays listed until the filter is applied again, so the document
    being annotated does not vanish from under the cursor.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self._words: list[str] = []
        self._status: DocStatus | None = None
        self._accepted: list[bool] | None = None  # per source row; None: not computed yet
        self._haystacks: list[str] | None = None  # normalized "title\nid" per source row

    def setSourceModel(self, model: DocumentListModel) -> None:  # type: ignore[override]
        old = self.sourceModel()
        if old is not None:
            old.modelAboutToBeReset.disconnect(self._forget)
        self._forget()
        super().setSourceModel(model)
        model.modelAboutToBeReset.connect(self._forget)

    def _forget(self) -> None:
        self._accepted = None
        self._haystacks = None

    @staticmethod
    def normalized(text: str) -> str:
        return normalize_term(text).casefold()

    @property
    def active(self) -> bool:
        return bool(self._words) or self._status is not None

    def set_filter(self, text: str = "", status: DocStatus | str | None = None) -> None:
        """Show the rows whose title or id contains every word of `text`, in `status`."""
        words = self.normalized(text).split()
        status = None if status is None else DocStatus(status)
        self._words, self._status = words, status
        self._accepted = None
        # One layout change, not begin/endFilterChange(): that reports every run of rows
        # that appears or disappears on its own, and a filter over 100,000 rows makes tens
        # of thousands of runs (a second or more). The current index survives either way.
        self.invalidate()

    def _compute(self) -> list[bool]:
        summaries: list[DocumentSummary] = self.sourceModel().summaries
        accepted = [True] * len(summaries)
        if self._words:
            if self._haystacks is None:
                self._haystacks = self._normalize_all(summaries)
            if len(self._words) == 1:
                word = self._words[0]
                accepted = [word in haystack for haystack in self._haystacks]
            else:
                words = self._words
                accepted = [all(w in haystack for w in words) for haystack in self._haystacks]
        if self._status is not None:
            status = self._status
            accepted = [
                ok and s.status == status for ok, s in zip(accepted, summaries, strict=True)
            ]
        return accepted

    def _normalize_all(self, summaries: list[DocumentSummary]) -> list[str]:
        """Every row's normalized "title\nid", in one pass over one long string (normalizing
        is character by character, so this is the same as row by row, several times faster)."""
        joined = "\0".join(f"{s.title}\n{s.id}" for s in summaries)
        haystacks = normalize_term(joined).casefold()
        split = haystacks.split("\0")
        if len(split) == len(summaries):
            return split
        # A NUL inside a title: row by row after all.
        return [self.normalized(f"{s.title}\n{s.id}") for s in summaries]

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self.active:
            return True
        if self._accepted is None or source_row >= len(self._accepted):
            self._accepted = self._compute()
        return self._accepted[source_row]


class DocumentList(QWidget):
    """A filter box, a status filter and the list of documents.

    `document_activated(rowid)` is emitted when the current document changes, by mouse,
    keyboard or select_rowid(); filtering never changes the current document.
    """

    document_activated = Signal(int)

    # Typing in the filter waits this long for the next key on large projects.
    FILTER_DELAY_MS = 200
    INSTANT_FILTER_ROWS = 20_000

    def __init__(self, model: DocumentListModel | None = None, parent=None) -> None:
        super().__init__(parent)
        self.model = model if model is not None else DocumentListModel(parent=self)
        self.proxy = DocumentFilter(self)
        self.proxy.setSourceModel(self.model)
        self._current_rowid: int | None = None
        self._quiet = False  # set while filtering or resetting: no document_activated

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter documents"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All"), None)
        self.status_filter.addItem(self.tr("new"), DocStatus.NEW.value)
        self.status_filter.addItem(self.tr("in progress"), DocStatus.IN_PROGRESS.value)
        self.status_filter.addItem(self.tr("done"), DocStatus.DONE.value)

        # A table with fixed row heights: Qt lays out 100,000 rows without asking each one
        # for its size (a QTreeView builds an item per row on every layout).
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._delegate = DirectionalDelegate(self.view)
        self.view.setItemDelegateForColumn(DocumentListModel.TITLE, self._delegate)
        # The status as its icon alone (the words in its tooltip and the status filter):
        # the room goes to the titles.
        self._icon_only = IconOnlyDelegate(self.view)
        self.view.setItemDelegateForColumn(DocumentListModel.STATUS, self._icon_only)
        metrics = self.view.fontMetrics()
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.height() + metrics.height() // 2)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DocumentListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        # Widths from the font: ResizeToContents would measure every row.
        status_width = max(metrics.horizontalAdvance(self.model.tr("Status")), metrics.height())
        header.resizeSection(DocumentListModel.STATUS, status_width + metrics.height())
        spans_width = max(
            metrics.horizontalAdvance(self.model.tr("Spans")), metrics.horizontalAdvance("00000")
        )
        header.resizeSection(DocumentListModel.SPANS, spans_width + 2 * metrics.height())

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.status_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._filter_text_changed)
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)

    # -- current document -------------------------------------------------------------------

    def current_rowid(self) -> int | None:
        """The row id of the current document (the last one activated), if any."""
        return self._current_rowid

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        rowid = current.data(RowIdRole)
        if rowid != self._current_rowid:
            self._current_rowid = rowid
            self.document_activated.emit(rowid)

    def _proxy_index(self, rowid: int) -> QModelIndex:
        row = self.model.row_of(rowid)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, 0))

    def select_rowid(self, rowid: int) -> bool:
        """Make a document current (emits document_activated if it was not).

        Returns False when it is not listed or the filter hides it.
        """
        index = self._proxy_index(rowid)
        if not index.isValid():
            return False
        self.view.selectionModel().setCurrentIndex(index, _SELECT_ROW)
        self.view.scrollTo(index)
        return True

    def _show_current_quietly(self) -> None:
        """Put the cursor back on the current document after filtering or a reset."""
        was, self._quiet = self._quiet, True
        try:
            index = QModelIndex()
            if self._current_rowid is not None:
                index = self._proxy_index(self._current_rowid)
            selection = self.view.selectionModel()
            if index.isValid():
                selection.setCurrentIndex(index, _SELECT_ROW)
                self.view.scrollTo(index)
            else:
                selection.clearSelection()
                selection.clearCurrentIndex()
        finally:
            self._quiet = was

    def _before_reset(self) -> None:
        self._quiet = True

    def _after_reset(self) -> None:
        self._quiet = False
        self._show_current_quietly()

    # -- filtering --------------------------------------------------------------------------

    def _filter_text_changed(self) -> None:
        large = self.model.rowCount() > self.INSTANT_FILTER_ROWS
        self._filter_timer.start(self.FILTER_DELAY_MS if large else 0)

    def apply_filter(self) -> None:
        """Apply the filter box and the status filter now (typing applies them shortly)."""
        self._filter_timer.stop()
        was, self._quiet = self._quiet, True
        try:
            self.proxy.set_filter(self.filter_edit.text(), self.status_filter.currentData())
        finally:
            self._quiet = was
        self._show_current_quietly()

    def clear_filter(self) -> None:
        """Show every document again."""
        blocked = [w.blockSignals(True) for w in (self.filter_edit, self.status_filter)]
        self.filter_edit.clear()
        self.status_filter.setCurrentIndex(0)
        for widget, was in zip((self.filter_edit, self.status_filter), blocked, strict=True):
            widget.blockSignals(was)
        self.apply_filter()

    # -- navigation in the order shown ------------------------------------------------------

    def _source_row(self, proxy_row: int) -> int:
        return self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row()

    def _step(self, rowid: int, step: int, unfinished_only: bool) -> int | None:
        row = self.model.row_of(rowid)
        if row is None:
            return None
        shown = self.proxy.rowCount()
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            proxy_row = index.row() + step
        else:
            # Hidden by the filter: start from its neighbours in list order (the proxy
            # keeps the model's order; it does not sort).
            after = bisect_left(range(shown), row, key=self._source_row)
            proxy_row = after if step > 0 else after - 1
        while 0 <= proxy_row < shown:
            summary = self.model.summary(self._source_row(proxy_row))
            if not unfinished_only or summary.status != DocStatus.DONE:
                return summary.rowid
            proxy_row += step
        return None

    def next_rowid(self, rowid: int, unfinished_only: bool = False) -> int | None:
        """The document shown after `rowid` (skipping done ones if asked), or None at the end.

        `rowid` may be hidden by the filter; the next shown document after its place is
        returned then.
        """
        return self._step(rowid, 1, unfinished_only)

    def previous_rowid(self, rowid: int, unfinished_only: bool = False) -> int | None:
        """The document shown before `rowid`, or None at the start."""
        return self._step(rowid, -1, unfinished_only)

    def most_uncertain(self, skip: int | None = None) -> int | None:
        """The most uncertain unfinished document among those the filter shows."""
        shown = {
            self.model.summary(self._source_row(proxy_row)).rowid
            for proxy_row in range(self.proxy.rowCount())
        }
        return self.model.most_uncertain(skip, shown)

    def next_unfinished(self, rowid: int) -> int | None:
        """The first unfinished document shown after `rowid`, else the first one from the
        top (never `rowid` itself): Ctrl+Enter on the last document goes back for the
        ones left behind. None when every document shown is done."""
        found = self._step(rowid, 1, True)
        if found is None:
            for proxy_row in range(self.proxy.rowCount()):
                summary = self.model.summary(self._source_row(proxy_row))
                if summary.status != DocStatus.DONE and summary.rowid != rowid:
                    return summary.rowid
        return found
