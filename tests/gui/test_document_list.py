import pytest
from PySide6.QtCore import QModelIndex, Qt, QtMsgType
from PySide6.QtWidgets import QStyleOptionViewItem

from annotator.core.document import DocStatus
from annotator.gui.document_list import (
    DocumentList,
    DocumentListModel,
    RowIdRole,
    StatusRole,
)
from annotator.storage.summaries import DocumentSummary

NEW, IN_PROGRESS, DONE = DocStatus.NEW, DocStatus.IN_PROGRESS, DocStatus.DONE

SUMMARIES = [
    DocumentSummary(10, "hama-1", "غارات على حماة", DONE, 3, 120),
    DocumentSummary(11, "idlib-1", "قصف ريف إدلب الجنوبي", NEW, 0, 90),
    DocumentSummary(12, "en-1", "Strikes on Hama (AFP)", IN_PROGRESS, 1, 45),
    DocumentSummary(15, "hama-2", "حماه: 12 غارة", NEW, 0, 60),
    DocumentSummary(17, "aleppo", "حلب", DONE, 5, 30),
]


@pytest.fixture
def model():
    return DocumentListModel(SUMMARIES)


@pytest.fixture
def widget(qtbot, model):
    w = DocumentList(model)
    qtbot.addWidget(w)
    w.resize(500, 300)
    w.show()
    qtbot.waitExposed(w)
    return w


def cell(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def shown(widget):
    proxy = widget.proxy
    return [proxy.index(r, 0).data(RowIdRole) for r in range(proxy.rowCount())]


# -- the model --------------------------------------------------------------------------------


def qt_warnings(qtlog):
    """What the model tester (or Qt) complained about; the offscreen plugin's note aside."""
    return [
        r.message
        for r in qtlog.records
        if r.type != QtMsgType.QtDebugMsg and "propagateSizeHints" not in r.message
    ]


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_model_passes_the_model_tester(qtmodeltester, qtlog, model, force_py):
    # The C++ tester reports through qWarning and stays attached: change the model under it.
    qtmodeltester.check(model, force_py=force_py)
    model.update_summary(15, status=DONE, span_count=7)
    model.set_summaries(SUMMARIES[1:])
    model.set_summaries([])
    model.set_summaries(SUMMARIES)
    assert qt_warnings(qtlog) == []


def test_proxy_passes_the_model_tester(qtmodeltester, qtlog, widget):
    qtmodeltester.check(widget.proxy)
    for text in ("حماة", "حلب", "", "xyz", ""):
        widget.filter_edit.setText(text)
        widget.apply_filter()
    widget.status_filter.setCurrentIndex(3)
    widget.model.update_summary(10, status=NEW)
    widget.model.set_summaries(SUMMARIES[2:])
    assert widget.proxy.rowCount() == 1  # 17 done; 10 is no longer listed
    assert qt_warnings(qtlog) == []


def test_rows_columns_and_display(model):
    assert model.rowCount() == 5
    assert model.columnCount() == 3
    assert model.rowCount(model.index(0, 0)) == 0  # a flat list
    assert [cell(model, r, 0) for r in range(5)] == [s.title for s in SUMMARIES]
    assert [cell(model, r, 1) for r in range(5)] == ["done", "new", "in progress", "new", "done"]
    assert [cell(model, r, 2) for r in range(5)] == [3, 0, 1, 0, 5]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Title", "Status", "Spans"]


def test_tooltip_rowid_and_status_roles_in_every_column(model):
    # The whole title (cut short in the list) and its id; the status in words.
    title = SUMMARIES[3].title
    assert cell(model, 3, 0, Qt.ItemDataRole.ToolTipRole).split("\n")[1] == "hama-2"
    assert title in cell(model, 3, 0, Qt.ItemDataRole.ToolTipRole)
    assert cell(model, 3, 1, Qt.ItemDataRole.ToolTipRole) == "new"
    for column in range(3):
        assert cell(model, 3, column, RowIdRole) == 15
        assert cell(model, 2, column, StatusRole) == IN_PROGRESS
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None


def test_arabic_titles_are_right_aligned_whatever_the_window(model):
    right = Qt.AlignmentFlag.AlignRight
    for row, rtl in [(0, True), (1, True), (2, False), (3, True)]:
        alignment = Qt.AlignmentFlag(cell(model, row, 0, Qt.ItemDataRole.TextAlignmentRole))
        assert bool(alignment & right) == rtl
        assert alignment & Qt.AlignmentFlag.AlignVCenter
        # Absolute: an Arabic UI does not mirror it to the left.
        assert alignment & Qt.AlignmentFlag.AlignAbsolute


def test_title_delegate_lays_arabic_out_right_to_left(widget):
    delegate = widget.view.itemDelegateForColumn(DocumentListModel.TITLE)
    directions = []
    for row in (0, 2):
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, widget.proxy.index(row, 0))
        directions.append(option.direction)
    assert directions == [Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight]


def test_each_status_has_its_own_icon(model):
    icons = {}
    for row in (0, 1, 2):  # done, new, in progress
        icon = cell(model, row, 1, Qt.ItemDataRole.DecorationRole)
        assert not icon.isNull()
        icons[SUMMARIES[row].status] = icon.pixmap(16, 16).toImage()
    assert len({image.cacheKey() for image in icons.values()}) == 3
    assert icons[NEW] != icons[DONE] != icons[IN_PROGRESS] != icons[NEW]
    assert cell(model, 0, 0, Qt.ItemDataRole.DecorationRole) is None  # only the status column


def test_row_of(model):
    assert [model.row_of(s.rowid) for s in SUMMARIES] == [0, 1, 2, 3, 4]
    assert model.row_of(99) is None


def test_update_summary_signals_exactly_one_row(qtbot, model):
    changes = []
    model.dataChanged.connect(lambda top, bottom, roles: changes.append((top, bottom)))
    assert model.update_summary(15, status=IN_PROGRESS, span_count=2)
    [(top, bottom)] = changes
    assert top.row() == bottom.row() == 3
    assert (top.column(), bottom.column()) == (0, 2)
    assert model.summary(3) == SUMMARIES[3]._replace(status=IN_PROGRESS, span_count=2)
    assert cell(model, 3, 1) == "in progress"
    assert cell(model, 3, 2) == 2

    assert model.update_summary(15, span_count=4)  # status unchanged
    assert model.summary(3).status == IN_PROGRESS and model.summary(3).span_count == 4
    assert model.update_summary(15, status="done")  # a plain status string works too
    assert model.summary(3).status == DONE
    assert len(changes) == 3

    assert model.update_summary(15, status=DONE)  # no change: no signal
    assert not model.update_summary(99, status=DONE)  # not listed
    assert len(changes) == 3


def test_set_summaries_resets(model):
    with_reset = []
    model.modelReset.connect(lambda: with_reset.append(True))
    model.set_summaries(SUMMARIES[:2])
    assert with_reset == [True]
    assert model.rowCount() == 2
    assert model.row_of(15) is None


# -- filtering --------------------------------------------------------------------------------


def test_filter_is_normalization_insensitive(widget):
    assert widget.filter_edit.placeholderText() == "Filter documents"
    widget.filter_edit.setText("حماه")  # ha for ta marbuta: finds حماة and حماه
    widget.apply_filter()
    assert shown(widget) == [10, 15]
    widget.filter_edit.setText("ادلب")  # bare alef finds إدلب
    widget.apply_filter()
    assert shown(widget) == [11]
    widget.filter_edit.setText("حَمَاة")  # diacritics are ignored in the filter too
    widget.apply_filter()
    assert shown(widget) == [10, 15]
    widget.filter_edit.setText("HAMA")  # Latin: case-insensitive, and ids match
    widget.apply_filter()
    assert shown(widget) == [10, 12, 15]
    widget.filter_edit.setText("غارة ١٢")  # every word, Arabic-Indic digits folded
    widget.apply_filter()
    assert shown(widget) == [15]
    widget.filter_edit.setText("")
    widget.apply_filter()
    assert shown(widget) == [10, 11, 12, 15, 17]


def test_typing_in_the_filter_applies_it(qtbot, widget):
    # QTest types ASCII only (it aborts on Arabic), so this types an id.
    qtbot.keyClicks(widget.filter_edit, "ALEPPO")
    qtbot.waitUntil(lambda: shown(widget) == [17])
    widget.filter_edit.setText("حلب")  # what typing Arabic does to the line edit
    qtbot.waitUntil(lambda: shown(widget) == [17])
    widget.filter_edit.setText("حماة")
    qtbot.waitUntil(lambda: shown(widget) == [10, 15])


def test_filter_by_status(widget):
    combo = widget.status_filter
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All",
        "new",
        "in progress",
        "done",
    ]
    combo.setCurrentIndex(3)  # done: applies at once
    assert shown(widget) == [10, 17]
    combo.setCurrentIndex(1)
    assert shown(widget) == [11, 15]
    widget.filter_edit.setText("حماة")
    widget.apply_filter()
    assert shown(widget) == [15]
    widget.clear_filter()
    assert shown(widget) == [10, 11, 12, 15, 17]
    assert combo.currentIndex() == 0 and widget.filter_edit.text() == ""


def test_a_document_whose_status_changes_stays_listed_until_the_filter_is_applied(widget):
    widget.status_filter.setCurrentIndex(1)  # new
    assert shown(widget) == [11, 15]
    widget.model.update_summary(11, status=IN_PROGRESS)
    assert shown(widget) == [11, 15]  # still there, showing its new status
    assert widget.proxy.index(0, 1).data() == "in progress"
    widget.apply_filter()
    assert shown(widget) == [15]


# -- the current document ---------------------------------------------------------------------


def test_clicking_and_arrow_keys_activate_documents(qtbot, widget):
    view = widget.view
    rect = view.visualRect(widget.proxy.index(2, 0))
    with qtbot.waitSignal(widget.document_activated) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [12]
    assert widget.current_rowid() == 12
    with qtbot.waitSignal(widget.document_activated) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert signal.args == [15]
    with qtbot.waitSignal(widget.document_activated) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Up)
    assert signal.args == [12]


def test_select_rowid(qtbot, widget):
    activated = []
    widget.document_activated.connect(activated.append)
    assert widget.select_rowid(15)
    assert activated == [15]
    assert widget.view.currentIndex().row() == 3
    assert widget.view.selectionModel().isRowSelected(3)
    assert widget.select_rowid(15)  # already current: no second signal
    assert activated == [15]
    assert not widget.select_rowid(99)
    widget.filter_edit.setText("حلب")
    widget.apply_filter()
    assert not widget.select_rowid(10)  # hidden by the filter
    assert activated == [15]


def test_filtering_never_changes_the_current_document(widget):
    activated = []
    widget.select_rowid(15)
    widget.document_activated.connect(activated.append)
    widget.filter_edit.setText("حماة")
    widget.apply_filter()
    assert widget.view.currentIndex().data(RowIdRole) == 15  # kept, at its new row
    widget.filter_edit.setText("حلب")
    widget.apply_filter()  # hides it: nothing becomes current in its place
    assert not widget.view.currentIndex().isValid()
    widget.filter_edit.setText("")
    widget.apply_filter()
    assert widget.view.currentIndex().data(RowIdRole) == 15
    assert activated == []
    assert widget.current_rowid() == 15


def test_reloading_the_summaries_keeps_the_current_document(widget):
    widget.select_rowid(12)
    activated = []
    widget.document_activated.connect(activated.append)
    widget.model.set_summaries([s._replace(status=NEW) for s in SUMMARIES])
    assert widget.view.currentIndex().data(RowIdRole) == 12
    assert activated == []


# -- navigation -------------------------------------------------------------------------------


def test_next_and_previous_in_the_order_shown(widget):
    assert widget.next_rowid(10) == 11
    assert widget.next_rowid(15) == 17
    assert widget.next_rowid(17) is None
    assert widget.previous_rowid(11) == 10
    assert widget.previous_rowid(10) is None
    assert widget.next_rowid(10, unfinished_only=True) == 11
    assert widget.next_rowid(15, unfinished_only=True) is None  # 17 is done
    assert widget.previous_rowid(15, unfinished_only=True) == 12
    assert widget.next_rowid(99) is None

    widget.filter_edit.setText("حماة")  # shows 10, 15
    widget.apply_filter()
    assert widget.next_rowid(10) == 15
    assert widget.previous_rowid(15) == 10
    assert widget.next_rowid(15) is None
    # A hidden document: its neighbours among those shown.
    assert widget.next_rowid(11) == 15
    assert widget.previous_rowid(11) == 10
    assert widget.previous_rowid(17) == 15
    assert widget.next_rowid(17) is None


def test_empty_list(qtbot):
    w = DocumentList()
    qtbot.addWidget(w)
    w.show()
    assert w.model.rowCount() == 0
    assert w.current_rowid() is None
    assert not w.select_rowid(1)
    w.filter_edit.setText("حماة")
    w.apply_filter()
    assert w.proxy.rowCount() == 0


def test_a_nul_in_a_title_does_not_shift_the_filter(qtbot):
    rows = [
        DocumentSummary(1, "a", "غارة\0على حماة", NEW, 0, 10),
        DocumentSummary(2, "b", "حلب", NEW, 0, 3),
    ]
    w = DocumentList(DocumentListModel(rows))
    qtbot.addWidget(w)
    w.filter_edit.setText("حلب")
    w.apply_filter()
    assert shown(w) == [2]
