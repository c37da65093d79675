"""The article view with a real session and project: keyboard, mouse, highlights, offsets."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from annotator.core import Document, Origin
from annotator.core.session import Session
from annotator.core.suggest import Suggestion
from annotator.gui.article_view import ArticleView
from annotator.gui.span_table import SpanTableModel, parse_value

# An emoji and an RLM before the spans: Qt counts the emoji twice; the RLM is invisible.
TEXT = "😀\u200fقال المرصد السوري إن طائرات F16 قصفت وحماة و12 غارة على ريف إدلب.\r\nسطر ثان"


def at(part, text=TEXT):
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def view(qtbot, project):
    doc = project.add_document(Document("d", TEXT))
    session = Session(project, "amira")
    widget = ArticleView(session, project.labels())
    session.subscribe(widget.apply_changes)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    widget.show_document(doc, [])
    widget.setFocus()
    return widget


def stored(view):
    spans = view.session.store.spans(view.document_shown.rowid, "amira")
    return [(TEXT[s.start : s.end], s.label) for s in spans]


def caret_point(view, position):
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(position))
    return view.cursorRect(cursor).center()


def drag(qtbot, view, start, end, modifier=Qt.KeyboardModifier.NoModifier):
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, caret_point(view, start))
    qtbot.mouseMove(viewport, caret_point(view, end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, caret_point(view, end))


def test_keyboard_label_after_an_emoji_and_rlm_stores_code_points(qtbot, view):
    view.select_range(*at("المرصد السوري"))
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert stored(view) == [("المرصد السوري", "SOURCE")]
    span = next(iter(view.spans.values()))
    assert (span.start, span.end) == at("المرصد السوري")  # not shifted by the emoji


def test_mouse_drag_mid_word_snaps_to_whole_words(qtbot, view):
    start, end = at("طائرات")
    drag(qtbot, view, start + 2, end - 2)  # from inside the word to inside the word
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert stored(view) == [("طائرات", "ACTOR")]


def test_alt_label_keeps_exact_characters_mid_word(qtbot, view):
    start, end = at("وحماة")
    view.select_range(start + 1, end)  # leave the conjunction out
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert stored(view) == [("حماة", "LOCATION")]


def test_a_span_across_arabic_latin_and_digits(qtbot, view):
    view.select_range(*at("طائرات F16"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert stored(view) == [("طائرات F16", "ACTOR")]


def test_click_selects_a_span_then_relabel_and_delete(qtbot, view):
    view.select_range(*at("وحماة"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    point = caret_point(view, at("وحماة")[0] + 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.current is not None and view.current.label == "ACTOR"
    qtbot.keyClick(view, Qt.Key.Key_2)  # another label key relabels the selected span
    assert stored(view) == [("وحماة", "LOCATION")]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(view) == []


def test_alt_arrow_moves_the_start_in_reading_order(qtbot, view):
    view.select_range(*at("وحماة"))
    qtbot.keyClick(view, Qt.Key.Key_2)
    view.set_current(next(iter(view.spans.values())))
    # Right-to-left text: Left points forward in reading order, so the start moves past و.
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert stored(view) == [("حماة", "LOCATION")]
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert stored(view) == [("وحماة", "LOCATION")]


def test_nested_spans_both_stay_visible(qtbot, view):
    view.select_range(*at("المرصد السوري"))
    qtbot.keyClick(view, Qt.Key.Key_4)
    view.select_range(*at("المرصد"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert sorted(stored(view)) == [("المرصد", "ACTOR"), ("المرصد السوري", "SOURCE")]
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # the new ACTOR span was selected: not any more
    block = view.document().firstBlock()
    formats = block.layout().formats()
    source = view.highlighter.tint("SOURCE").name()
    actor = view.labels["ACTOR"].colour.lower()
    inner_start = view.offsets.to_qt(at("المرصد")[0])
    inner = [f for f in formats if f.start == inner_start]
    assert inner and inner[0].format.background().color().name() == source  # SOURCE tint
    inner_end = view.offsets.to_qt(at("المرصد")[1])
    lines = view.highlighter.underlines(0)
    assert [(s, e, c.name(), d) for s, e, c, d in lines] == [
        (inner_start, inner_end, actor, False)  # ACTOR underline, and none under السوري
    ]
    assert [i.label for i in view.items_at(at("المرصد")[0] + 1)] == ["ACTOR", "SOURCE"]


def test_whitespace_or_empty_selection_says_why(qtbot, view):
    messages = []
    view.message.connect(messages.append)
    qtbot.keyClick(view, Qt.Key.Key_1)
    start = TEXT.index(" إن") + 0
    view.select_range(start, start + 1)
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert stored(view) == [] and len(messages) == 2
    assert "Select some text" in messages[0] and "only spaces" in messages[1]


def test_tab_walks_words_and_keeps_focus(qtbot, view):
    view.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert TEXT[slice(*view.selection())] == "قال"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert TEXT[slice(*view.selection())] == "المرصد"
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert TEXT[slice(*view.selection())] == "قال"
    assert view.hasFocus()


def test_number_label_gets_its_value(qtbot, view):
    view.select_range(*at("12 غارة"))
    qtbot.keyClick(view, Qt.Key.Key_3)
    span = next(iter(view.spans.values()))
    assert span.attrs == {"value": 12}


def test_suggestions_are_dashed_and_enter_accepts_backspace_rejects(qtbot, view):
    hama, idlib = Suggestion(*at("حماة"), "LOCATION"), Suggestion(*at("إدلب"), "LOCATION")
    view.show_document(
        view.document_shown,
        [],
        lambda start, end: [s for s in (hama, idlib) if start <= s.start < end],
    )
    qt_start = view.offsets.to_qt(hama.start)
    dashed = [line for line in view.highlighter.underlines(0) if line[0] == qt_start]
    assert dashed and dashed[0][3]  # a dashed underline under the suggestion
    view.set_current(hama)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    [span] = view.spans.values()
    assert (TEXT[span.start : span.end], span.origin) == ("حماة", Origin.SUGGESTED)
    view.set_current(idlib)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    store = view.session.store
    assert store.rejected_suggestions(view.document_shown.rowid, "amira") == {idlib.key()}
    assert idlib.key() not in view.suggestions


def test_undo_repaints_the_removed_highlight(qtbot, view):
    view.select_range(*at("حماة"))
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    view.session.undo()
    assert view.spans == {}
    block = view.document().firstBlock()
    assert not [f for f in block.layout().formats() if f.start == view.offsets.to_qt(at("حماة")[0])]


def test_second_paragraph_after_crlf_is_exact(qtbot, view):
    view.select_range(*at("ثان"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert stored(view) == [("ثان", "ACTOR")]
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(at("ثان")[0]))
    cursor.setPosition(view.offsets.to_qt(at("ثان")[1]), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "ثان"


def test_tooltip_lists_labels_at_the_mouse(qtbot, view):
    view.select_range(*at("المرصد السوري"))
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert [i.label for i in view.items_at(at("السوري")[0])] == ["SOURCE"]
    assert view.items_at(at("قال")[0]) == []
    assert isinstance(caret_point(view, 3), QPoint)


def test_span_table_shows_and_corrects_a_number(qtbot, view):
    model = SpanTableModel(view.session)
    view.session.subscribe(model.apply_changes)
    model.show(view.document_shown, [])
    view.select_range(*at("12 غارة"))
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert model.rowCount() == 1
    value = model.index(0, 3)
    assert model.data(value) == "12"
    assert model.flags(value) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(value, "١٤")
    assert model.data(model.index(0, 3)) == "14"
    assert next(iter(view.spans.values())).attrs == {"value": 14}
    assert not model.setData(model.index(0, 3), "كثير")
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


@pytest.mark.parametrize(
    ("typed", "value"), [("12", 12), ("٣٫٥", 3.5), ("240,000", 240000), ("x", None)]
)
def test_parse_value(typed, value):
    assert parse_value(typed) == value
