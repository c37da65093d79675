"""The annotator's day with the keyboard (and the mouse), against a real project file: every
edit stays on the span it meant, new spans are selected, snapping leaves punctuation out,
suggestions follow what was labelled, and the keys work wherever the focus is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from annotator.core import DocStatus, Document, Origin
from annotator.gui.main_window import MainWindow
from annotator.storage import Project

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier

ARTICLE = (
    'قال المرصد إن 12 غارة استهدفت ريف حماة، وإن "جيش الفتح" تقدم نحو كفر زيتا، '
    "بينما قصفت الطائرات ريف ادلب.\n"
    "وفي حماة قتل 3 مدنيين."
)
SECOND = "نزح اكثر من 240 الف شخص من ريف ادلب."
THIRD = "قصف مدفعي على بلدة مورك."


def at(part, text=ARTICLE, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        project.add_document(Document("a", ARTICLE, {"title": "غارات على حماة"}))
        project.add_document(Document("b", SECOND, {"title": "نزوح"}))
        project.add_document(Document("c", THIRD, {"title": "قصف مورك"}))
    return path


@pytest.fixture
def window(qtbot, path):
    window = MainWindow(Project.open(path), "amira")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def stored(path, uid="a", annotator="amira"):
    """(text, label, origin) of the spans on disk, in reading order."""
    with Project.open(path) as project:
        doc = project.document_by_id(uid)
        spans = sorted(project.spans(doc.rowid, annotator), key=lambda s: (s.start, -s.end))
        return [(doc.text[s.start : s.end], s.label, s.origin) for s in spans]


def key(qtbot, window, code, modifiers=Qt.KeyboardModifier.NoModifier, widget=None):
    qtbot.keyClick(widget or window.article, code, modifiers)


def label(qtbot, window, part, digit, nth=0, modifiers=Qt.KeyboardModifier.NoModifier):
    window.article.select_range(*at(part, window.current.text, nth))
    key(qtbot, window, getattr(Qt.Key, f"Key_{digit}"), modifiers)


def click(qtbot, window, position):
    view = window.article
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(position))
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def current_text(window):
    item = window.article.current
    return None if item is None else window.current.text[item.start : item.end]


def listed_row(window):
    rows = window.span_table.selectionModel().selectedRows()
    if not rows:
        return None
    span = window.spans_model.span_at(rows[0].row())
    return window.current.text[span.start : span.end]


# -- 1. an edit keeps the edited span selected ------------------------------------------------


def test_moving_an_edge_keeps_the_span_selected_for_the_next_press(qtbot, window, path):
    label(qtbot, window, "حماة", 2)
    label(qtbot, window, "12", 3)
    click(qtbot, window, at("12")[0] + 1)
    assert current_text(window) == "12"
    # Right to left: Left moves the end forward in reading order, a letter at a time.
    for _ in range(len(" غارة")):
        key(qtbot, window, Qt.Key.Key_Left, ALT | SHIFT)
    assert stored(path)[0] == ("12 غارة", "NUMBER", Origin.MANUAL)
    assert current_text(window) == "12 غارة" and listed_row(window) == "12 غارة"
    assert ("حماة", "LOCATION", Origin.MANUAL) in stored(path)  # never touched


def test_relabelling_keeps_the_span_selected(qtbot, window, path):
    label(qtbot, window, "حماة", 2)
    label(qtbot, window, "المرصد", 1)
    key(qtbot, window, Qt.Key.Key_4)  # the new span is selected: this relabels it
    assert current_text(window) == "المرصد" and window.article.current.label == "SOURCE"
    key(qtbot, window, Qt.Key.Key_Left, ALT)  # and the edge keys go on working on it
    assert stored(path)[0] == ("لمرصد", "SOURCE", Origin.MANUAL)
    assert listed_row(window) == "لمرصد"


def test_a_value_edited_in_the_list_keeps_that_span_selected(qtbot, qtlog, window, path):
    label(qtbot, window, "حماة", 2)
    label(qtbot, window, "12", 3)
    label(qtbot, window, "3", 3)
    table = window.span_table
    row = window.spans_model.row_of(window.article.spans[(*at("12"), "NUMBER")])
    window.article.set_current(window.spans_model.span_at(row))
    index = window.spans_model.index(row, 3)
    table.setFocus()
    table.setCurrentIndex(index)
    key(qtbot, window, Qt.Key.Key_F2, widget=table)
    editor = table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "14")
    key(qtbot, window, Qt.Key.Key_Return, widget=editor)  # Qt commits on the next turn
    qtbot.waitUntil(lambda: window.article.current.attrs == {"value": 14}, timeout=2000)
    assert current_text(window) == "12"
    assert not [r for r in qtlog.records if "commitData" in r.message]  # its row stayed put
    assert listed_row(window) == "12"
    key(qtbot, window, Qt.Key.Key_1, widget=table)  # label keys work in the list too
    with Project.open(path) as project:
        labels = {s.label for s in project.spans(project.document_by_id("a").rowid)}
    assert labels == {"ACTOR", "LOCATION", "NUMBER"}
    assert current_text(window) == "12" and window.article.current.label == "ACTOR"


def test_a_value_being_typed_when_the_window_closes_is_kept(qtbot, window, path):
    label(qtbot, window, "12", 3)
    table = window.span_table
    table.setFocus()
    table.setCurrentIndex(window.spans_model.index(0, 3))
    key(qtbot, window, Qt.Key.Key_F2, widget=table)
    editor = table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "13")
    window.close()
    with Project.open(path) as project:
        [span] = project.spans(project.document_by_id("a").rowid)
    assert span.attrs == {"value": 13}


def test_delete_selects_nothing(qtbot, window, path):
    label(qtbot, window, "المرصد", 4)
    label(qtbot, window, "حماة", 2)
    label(qtbot, window, "12", 3)
    click(qtbot, window, at("12")[0] + 1)
    key(qtbot, window, Qt.Key.Key_Delete)
    assert window.article.current is None and listed_row(window) is None
    key(qtbot, window, Qt.Key.Key_Delete)  # a second Delete deletes nothing else
    assert [t for t, _, _ in stored(path)] == ["المرصد", "حماة"]


# -- 2. a span just made is selected -----------------------------------------------------------


def test_a_second_label_key_relabels_the_span_just_made(qtbot, window, path):
    label(qtbot, window, "المرصد", 1)
    key(qtbot, window, Qt.Key.Key_4)
    assert stored(path) == [("المرصد", "SOURCE", Origin.MANUAL)]


def test_a_span_made_with_alt_is_selected_and_manual(qtbot, window, path):
    start, end = at("حماة")
    window.article.select_range(start, end)
    key(qtbot, window, Qt.Key.Key_2, ALT)
    assert current_text(window) == "حماة"
    key(qtbot, window, Qt.Key.Key_Right, ALT | SHIFT)  # its end, a letter back
    assert stored(path) == [("حما", "LOCATION", Origin.MANUAL)]


def test_alt_number_on_a_clicked_suggestion_makes_a_manual_span(qtbot, window, path):
    click(qtbot, window, at("12")[0] + 1)  # the number suggestion under the mouse
    assert current_text(window) == "12"
    key(qtbot, window, Qt.Key.Key_3, ALT)  # drawn by hand: manual, whatever was suggested
    assert stored(path) == [("12", "NUMBER", Origin.MANUAL)]
    key(qtbot, window, Qt.Key.Key_F8)
    key(qtbot, window, Qt.Key.Key_3)  # a plain label key on a suggestion accepts it
    assert stored(path)[-1] == ("3", "NUMBER", Origin.SUGGESTED)


def test_enter_on_a_suggestion_selects_the_span_it_makes(qtbot, window, path):
    window.article.set_current(None)
    window.article.select_range(0, 0)
    key(qtbot, window, Qt.Key.Key_F8)  # the first suggestion: the number 12
    assert current_text(window) == "12"
    key(qtbot, window, Qt.Key.Key_Return)
    assert stored(path) == [("12", "NUMBER", Origin.SUGGESTED)]
    assert current_text(window) == "12"
    key(qtbot, window, Qt.Key.Key_Left, ALT | SHIFT)  # the edge keys act on it
    key(qtbot, window, Qt.Key.Key_Left, ALT | SHIFT)
    key(qtbot, window, Qt.Key.Key_Left, ALT | SHIFT)
    key(qtbot, window, Qt.Key.Key_Left, ALT | SHIFT)
    key(qtbot, window, Qt.Key.Key_Left, ALT | SHIFT)
    assert stored(path)[0][:2] == ("12 غارة", "NUMBER")


# -- 3. snapping leaves punctuation and quotes out ---------------------------------------------


def test_a_drag_from_a_quote_stores_the_words_without_it(qtbot, window, path):
    view = window.article
    start, end = at('"جيش الفتح"')
    viewport = view.viewport()

    def point(position):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.offsets.to_qt(position))
        return view.cursorRect(cursor).center()

    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point(start))
    qtbot.mouseMove(viewport, point(end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point(end))
    key(qtbot, window, Qt.Key.Key_1)
    assert stored(path) == [("جيش الفتح", "ACTOR", Origin.MANUAL)]


def test_word_wise_extension_lands_on_word_ends_without_the_comma(qtbot, window, path):
    start, end = at("كفر")
    window.article.select_range(start, end)
    key(qtbot, window, Qt.Key.Key_Left, CTRL | SHIFT)  # one press: one more word
    assert ARTICLE[slice(*window.article.selection())] == "كفر زيتا"
    key(qtbot, window, Qt.Key.Key_Left, CTRL | SHIFT)
    assert ARTICLE[slice(*window.article.selection())] == "كفر زيتا، بينما"
    key(qtbot, window, Qt.Key.Key_Right, CTRL | SHIFT)  # and back
    assert ARTICLE[slice(*window.article.selection())] == "كفر زيتا"
    window.article.select_range(start, at("زيتا،")[1])  # a selection taking the comma
    key(qtbot, window, Qt.Key.Key_2)
    assert stored(path) == [("كفر زيتا", "LOCATION", Origin.MANUAL)]


def test_a_suggestion_a_word_short_takes_one_press_and_the_label(qtbot, window, path):
    """What benchmarks/tagger.py counts for a suggestion that starts right and ends a word
    early: from the suggestion, Ctrl+Shift+arrow per word and the label's number."""
    label(qtbot, window, "ريف", 2)  # the first ريف alone: the lexicon suggests the second
    click(qtbot, window, at("ريف", nth=1)[0] + 1)
    assert current_text(window) == "ريف"
    key(qtbot, window, Qt.Key.Key_Left, CTRL | SHIFT)
    key(qtbot, window, Qt.Key.Key_2)
    assert stored(path)[-1] == ("ريف ادلب", "LOCATION", Origin.MANUAL)


# -- 4. what is labelled is suggested at once in the paragraphs on screen ---------------------


def test_a_name_labelled_is_suggested_in_the_paragraphs_already_shown(qtbot, window):
    view = window.article
    second_hama = at("حماة", nth=1)
    assert (*second_hama, "LOCATION") not in view.suggestions
    label(qtbot, window, "حماة", 2)
    assert (*second_hama, "LOCATION") in view.suggestions  # the next paragraph, on screen
    number = view.document().findBlock(view.offsets.to_qt(second_hama[0])).blockNumber()
    drawn = [(s, e) for s, e, _, dashed in view.highlighter.underlines(number) if dashed]
    block_start = view.document().findBlockByNumber(number).position()
    qt_start = view.offsets.to_qt(second_hama[0]) - block_start
    assert (qt_start, qt_start + 4) in drawn


def test_names_are_still_learnt_after_another_program_wrote_to_the_project(qtbot, window, path):
    with Project.open(path) as other:  # a command-line import, a training in its process
        other.add_document(Document("z", "نص آخر"))
    assert window.watch.check()  # noticed: the window read the project again
    label(qtbot, window, "حماة", 2)
    assert (*at("حماة", nth=1), "LOCATION") in window.article.suggestions


def test_a_relabelled_or_deleted_name_is_no_longer_suggested_with_its_old_label(qtbot, window):
    view = window.article
    second_hama = at("حماة", nth=1)
    label(qtbot, window, "حماة", 1)  # a slip: ACTOR
    assert (*second_hama, "ACTOR") in view.suggestions
    key(qtbot, window, Qt.Key.Key_2)  # the span is still selected: relabelled LOCATION
    assert (*second_hama, "ACTOR") not in view.suggestions
    assert (*second_hama, "LOCATION") in view.suggestions
    block = view.document().findBlock(view.offsets.to_qt(second_hama[0]))
    start = view.offsets.to_qt(second_hama[0]) - block.position()
    dashed = [u for u in view.highlighter.underlines(block.blockNumber()) if u[3]]
    assert [u[:2] for u in dashed].count((start, start + 4)) == 1  # one dashed line under it
    key(qtbot, window, Qt.Key.Key_Delete)
    assert not [k for k in view.suggestions if k[:2] == second_hama]


# -- 5. Ctrl+Enter on the last document goes back for the unfinished ones ----------------------


def test_done_on_the_last_document_opens_the_first_unfinished(qtbot, window, path):
    key(qtbot, window, Qt.Key.Key_PageDown, CTRL)
    key(qtbot, window, Qt.Key.Key_PageDown, CTRL)
    assert window.current.id == "c"
    key(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert window.current.id == "a"
    key(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert window.current.id == "b"
    key(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert window.current.id == "b"  # nothing left: stays, and says so
    assert "All documents are done" in window.statusBar().currentMessage()
    with Project.open(path) as project:
        statuses = {d.id: project.status(d.rowid, "amira") for d in project.documents()}
    assert set(statuses.values()) == {DocStatus.DONE}


# -- 7. the find bar --------------------------------------------------------------------------


def test_find_counts_outlines_every_match_and_esc_gives_the_keys_back(qtbot, window, path):
    key(qtbot, window, Qt.Key.Key_F, CTRL)
    field = window.find_bar.field
    assert field.hasFocus()
    field.setText("حماه")  # typed as the annotator spells it: ة and ه are one letter here
    assert window.find_bar.count.text() == "1 of 2"
    assert [(o.start, o.end) for o in window.article.outlines.get("find")] == [
        at("حماة"),
        at("حماة", nth=1),
    ]
    key(qtbot, window, Qt.Key.Key_Return, widget=field)
    assert window.find_bar.count.text() == "2 of 2"
    assert window.article.selection() == at("حماة", nth=1)
    key(qtbot, window, Qt.Key.Key_Escape, widget=field)
    assert not window.find_bar.isVisible() and window.article.hasFocus()
    assert window.article.outlines.get("find") == []
    key(qtbot, window, Qt.Key.Key_2)  # the label key labels the match, not the find box
    assert stored(path) == [("حماة", "LOCATION", Origin.MANUAL)]
    assert field.text() == "حماه"


def test_the_find_bar_closes_with_its_button(qtbot, window):
    window.find_bar.open()
    qtbot.mouseClick(window.find_bar.close_button, Qt.MouseButton.LeftButton)
    assert not window.find_bar.isVisible() and window.article.hasFocus()


# -- 8. outside changes -----------------------------------------------------------------------


def test_an_import_by_another_program_shows_up_in_the_open_window(qtbot, window, path, cli):
    extra = path.parent / "more.txt"
    extra.write_text("غارات على دير الزور", "utf-8")
    assert cli("import", path, extra)[0] == 0
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 4, timeout=5000)
    window.open_document(window.project.document_by_id("c").rowid)
    key(qtbot, window, Qt.Key.Key_PageDown, CTRL)
    assert window.current.id == "more"


def test_spans_another_program_adds_to_the_open_document_are_shown(qtbot, window, path):
    with Project.open(path) as other:
        from annotator.core.session import Session

        doc = other.document_by_id("a").rowid
        Session(other, "amira").add(doc, *at("حماة"), "LOCATION")
    qtbot.waitUntil(lambda: (*at("حماة"), "LOCATION") in window.article.spans, timeout=5000)
    assert window.spans_model.rowCount() == 1


# -- 9. undo leaves no trace ------------------------------------------------------------------


def test_labelling_and_undoing_leaves_the_document_new(qtbot, window, path):
    label(qtbot, window, "حماة", 2)
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    with Project.open(path) as project:
        assert project.status(project.document_by_id("a").rowid, "amira") is DocStatus.NEW
        assert project.annotators() == []
    row = window.documents.model.row_of(window.current.rowid)
    assert window.documents.model.summary(row).status is DocStatus.NEW


# -- friction ---------------------------------------------------------------------------------


def test_next_and_previous_suggestion_walk_the_document_in_reading_order(qtbot, window, path):
    window.article.select_range(0, 0)
    seen = []
    for _ in range(3):
        key(qtbot, window, Qt.Key.Key_F8)
        seen.append(current_text(window))
    assert seen == ["12", "3", "3"]  # no more after the last: it stays there
    assert "No more suggestions" in window.statusBar().currentMessage()
    key(qtbot, window, Qt.Key.Key_F8, SHIFT)
    assert current_text(window) == "12"
    key(qtbot, window, Qt.Key.Key_Backspace)  # rejected: it does not come back
    key(qtbot, window, Qt.Key.Key_N)
    assert current_text(window) == "3"
    key(qtbot, window, Qt.Key.Key_Return)
    assert stored(path) == [("3", "NUMBER", Origin.SUGGESTED)]
    with Project.open(path) as project:
        rejected = project.rejected_suggestions(project.document_by_id("a").rowid, "amira")
    assert rejected == {(*at("12"), "NUMBER")}


def test_undoing_a_rejection_or_an_acceptance_brings_the_suggestion_back(qtbot, window, path):
    twelve = (*at("12"), "NUMBER")
    view = window.article
    view.select_range(0, 0)
    key(qtbot, window, Qt.Key.Key_F8)
    key(qtbot, window, Qt.Key.Key_Backspace)  # rejected
    assert twelve not in view.suggestions
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert twelve in view.suggestions  # no longer rejected: on screen again
    view.select_range(0, 0)
    key(qtbot, window, Qt.Key.Key_F8)
    key(qtbot, window, Qt.Key.Key_Return)  # accepted: a span now
    assert twelve not in view.suggestions and stored(path)
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert twelve in view.suggestions and not stored(path)
    assert view.current is None  # as after Delete: nothing selected
    view.select_range(0, 0)
    key(qtbot, window, Qt.Key.Key_F8)
    assert current_text(window) == "12"  # F8 finds it again too


def test_label_all_occurrences_in_the_document_is_one_undo(qtbot, window, path):
    label(qtbot, window, "ريف", 2)  # ريف حماة and ريف ادلب are other places: ريف alone
    key(qtbot, window, Qt.Key.Key_L, CTRL)
    assert [t for t, _, _ in stored(path)] == ["ريف", "ريف"]
    assert [o for _, _, o in stored(path)] == [Origin.MANUAL, Origin.SUGGESTED]
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert [t for t, _, _ in stored(path)] == ["ريف"]


def test_label_all_in_every_document_asks_first_and_is_one_undo(qtbot, window, path, monkeypatch):
    from annotator.gui import labelling

    asked = []

    def answer(*args):
        asked.append(args)
        return labelling.QMessageBox.StandardButton.Yes

    monkeypatch.setattr(labelling.QMessageBox, "question", answer)
    label(qtbot, window, "ادلب", 2)
    key(qtbot, window, Qt.Key.Key_L, CTRL | SHIFT)
    assert len(asked) == 1
    # Found in a worker thread; the window stores it when the worker says.
    qtbot.waitUntil(lambda: "Labelled 1 more" in window.statusBar().currentMessage())
    assert not window.background.busy()
    window.activateWindow()  # back from the progress dialog, as a desktop gives it back
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    assert stored(path, "b") == [("ادلب", "LOCATION", Origin.SUGGESTED)]
    assert window.current.id == "a"  # the window stays where the annotator is
    row = window.documents.model.row_of(window.project.document_by_id("b").rowid)
    assert window.documents.model.summary(row).span_count == 1
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert stored(path, "b") == [] and stored(path) == [("ادلب", "LOCATION", Origin.MANUAL)]


def test_the_span_list_sorts_and_filters_by_label(qtbot, window):
    label(qtbot, window, "المرصد", 4)
    label(qtbot, window, "حماة", 2)
    label(qtbot, window, "12", 3)
    model = window.spans_model
    texts = lambda: [window.current.text[s.start : s.end] for s in model.rows]  # noqa: E731
    assert texts() == ["المرصد", "12", "حماة"]  # reading order
    window.span_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by label
    assert [s.label for s in model.rows] == ["LOCATION", "NUMBER", "SOURCE"]
    window.span_list.label_choice.setCurrentIndex(window.span_list.label_choice.findData("NUMBER"))
    assert texts() == ["12"]
    label(qtbot, window, "3", 3)  # a new NUMBER joins the filtered list
    assert texts() == ["12", "3"]
    assert listed_row(window) == "3"


def test_dragging_the_end_of_the_selected_span_resizes_it(qtbot, window, path):
    label(qtbot, window, "12", 3)
    view = window.article
    viewport = view.viewport()

    def point(position):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.offsets.to_qt(position))
        return view.cursorRect(cursor).center()

    [box] = view.range_boxes(*at("12"))
    # Right to left: the span's end is its outline's left side, where the mouse takes it.
    edge = QPoint(round(box.left()) + 1, round(box.center().y()))
    target = at("غارة")[1] - 2  # inside غارة: snapped to its end
    qtbot.mouseMove(viewport, edge)
    assert viewport.cursor().shape() == Qt.CursorShape.SizeHorCursor
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(viewport, point(target))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point(target))
    assert stored(path) == [("12 غارة", "NUMBER", Origin.MANUAL)]
    assert current_text(window) == "12 غارة"


def test_at_the_default_size_the_demo_titles_are_whole_and_in_their_tooltips(qtbot, tmp_path):
    from annotator.demo import build_demo

    build_demo(tmp_path / "demo.db")
    window = MainWindow(Project.open(tmp_path / "demo.db"), "salma")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view, model = window.documents.view, window.documents.model
    room = view.columnWidth(model.TITLE) - 8  # the cell's own margins
    metrics = view.fontMetrics()
    assert model.summaries
    for row, summary in enumerate(model.summaries):
        assert metrics.horizontalAdvance(summary.title) <= room, summary.title
        tip = model.index(row, model.TITLE).data(Qt.ItemDataRole.ToolTipRole)
        assert summary.title in tip


def test_find_stops_counting_at_a_cap_and_says_so(qtbot, window, monkeypatch):
    from annotator.gui import find_bar

    monkeypatch.setattr(find_bar, "MAX_MATCHES", 3)
    window.find_bar.open()
    window.find_bar.field.setText("ا")  # in nearly every word
    assert len(window.article.outlines.get("find")) == 3
    assert window.find_bar.count.text() == "1 of more than 3"
