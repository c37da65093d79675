"""The review flow in the window: compare, accept agreed, adjudicate a disagreement,
reject all, mark curated, anonymise, and the gold export that follows."""

import json

import pytest
from PySide6.QtCore import Qt

from annotator.core import Document, Span
from annotator.formats.export_jsonl import export_jsonl
from annotator.gui.main_window import MainWindow
from annotator.gui.review_window import ReviewWindow
from annotator.storage import Project

RAID = "قصفت قوات النظام بلدة كفرنبل وحماة"
CALM = "قال المرصد السوري إن الهدوء عاد إلى حلب"


def at(text, part):
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        raid = project.add_document(Document("raid", RAID))
        calm = project.add_document(Document("calm", CALM))
        for name, hama in (("amira", ("حماة", "LOCATION")), ("omar", ("حماة", "ACTOR"))):
            project.add_span(raid.rowid, Span(*at(RAID, "قوات النظام"), "ACTOR", name))
            project.add_span(raid.rowid, Span(*at(RAID, hama[0]), hama[1], name))
            project.add_span(calm.rowid, Span(*at(CALM, "حلب"), "LOCATION", name))
            for doc in (raid, calm):
                project.set_status(doc.rowid, name, "done")
    return path


@pytest.fixture
def review(qtbot, path):
    window = ReviewWindow(Project.open(path), "lina")
    qtbot.addWidget(window)
    window.show()
    return window


def rows(window):
    return [
        [window.table.item(r, c).text() for c in range(window.table.columnCount())]
        for r in range(window.table.rowCount())
    ]


def test_documents_least_agreement_first_with_disagreements_marked(review):
    assert review.documents.count() == 2
    assert "raid" in review.documents.item(0).text()  # حماة: LOCATION or ACTOR
    assert review.rowid == review.project.document_by_id("raid").rowid
    assert rows(review) == [
        ["قوات النظام", "ACTOR", "amira, omar", ""],
        ["حماة", "ACTOR", "omar", ""],
        ["حماة", "LOCATION", "amira", ""],
    ]
    wavy = [
        s for s in review.article.extraSelections()
        if s.format.underlineStyle() == s.format.UnderlineStyle.WaveUnderline
    ]  # fmt: skip
    assert len(wavy) == 1 and wavy[0].cursor.selectedText() == "حماة"


def test_accept_agreed_adjudicate_then_curate_and_export(qtbot, review, tmp_path):
    qtbot.mouseClick(_button(review, "Accept all agreed"), Qt.MouseButton.LeftButton)
    assert [r[3] for r in rows(review)] == ["✓", "", ""]
    review.table.selectRow(2)  # amira's LOCATION on حماة
    qtbot.mouseClick(_button(review, "Accept"), Qt.MouseButton.LeftButton)
    assert [r[3] for r in rows(review)] == ["✓", "", "✓"]
    qtbot.mouseClick(_button(review, "Mark curated"), Qt.MouseButton.LeftButton)
    assert "✓" in review.documents.item(0).text() + review.documents.item(1).text()
    out = tmp_path / "gold.jsonl"
    export_jsonl(review.project, out, gold=True)
    [line] = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert line["status"] == "done"
    assert [(s["text"], s["label"], s["provenance"]["adjudicator"]) for s in line["spans"]] == [
        ("قوات النظام", "ACTOR", None),
        ("حماة", "LOCATION", "lina"),
    ]


def test_reject_all_take_back_and_hidden_names(qtbot, review):
    qtbot.mouseClick(_button(review, "Accept all agreed"), Qt.MouseButton.LeftButton)
    review.table.selectRow(0)
    qtbot.mouseClick(_button(review, "Take back"), Qt.MouseButton.LeftButton)
    assert [r[3] for r in rows(review)] == ["", "", ""]
    qtbot.mouseClick(_button(review, "Accept all agreed"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_button(review, "Reject all and mark curated"), Qt.MouseButton.LeftButton)
    assert [r[3] for r in rows(review)] == ["✗", "✗", "✗"]
    rowid = review.rowid
    assert review.project.gold_spans(rowid) == []
    assert review.project.gold_status(rowid) == "done"
    review.hide_names.setChecked(True)
    assert rows(review)[0][2] == "Annotator 1, Annotator 2"


def test_opened_from_the_main_window_or_says_why_not(qtbot, path, tmp_path):
    window = MainWindow(Project.open(path), "lina")
    qtbot.addWidget(window)
    review = window.open_review()
    assert isinstance(review, ReviewWindow) and review.isVisible()
    qtbot.addWidget(review)
    alone = tmp_path / "alone.db"
    with Project.open(alone, create=True) as project:
        doc = project.add_document(Document("d", RAID))
        project.add_span(doc.rowid, Span(*at(RAID, "حماة"), "LOCATION", "amira"))
    window = MainWindow(Project.open(alone), "amira")
    qtbot.addWidget(window)
    assert window.open_review() is None
    assert "two or more annotators" in window.statusBar().currentMessage()


def _button(window, text):
    from PySide6.QtWidgets import QPushButton

    [button] = [b for b in window.findChildren(QPushButton) if b.text() == text]
    return button


def test_a_proposal_corrected_by_selecting_text_and_a_label(qtbot, review):
    from PySide6.QtGui import QTextCursor

    review.table.selectRow(1)  # omar's ACTOR on حماة: the range is right, the label is not
    cursor = review.article.textCursor()
    start, end = at(RAID, "وحماة")
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)  # the reviewer takes وحماة
    review.article.setTextCursor(cursor)
    review.label_choice.setCurrentText("LOCATION")
    qtbot.mouseClick(_button(review, "Accept the selected text as"), Qt.MouseButton.LeftButton)
    [gold] = review.project.gold_spans(review.rowid)
    assert (RAID[gold.start : gold.end], gold.label) == ("وحماة", "LOCATION")
    assert (gold.agreed_by, gold.adjudicator) == (("omar",), "lina")
    review.article.moveCursor(QTextCursor.MoveOperation.Start)  # no selection: says so
    qtbot.mouseClick(_button(review, "Accept the selected text as"), Qt.MouseButton.LeftButton)
    assert "Select the text" in review.statusBar().currentMessage()


def test_choosing_the_annotators_compared_and_their_agreement_report(qtbot, path):
    with Project.open(path) as project:  # a third annotator, on the raid only
        raid = project.document_by_id("raid").rowid
        project.add_span(raid, Span(*at(RAID, "بلدة"), "LOCATION", "zaid"))
        project.set_status(raid, "zaid", "done")
    window = ReviewWindow(Project.open(path), "lina")
    qtbot.addWidget(window)
    asked = []
    window.background.agreement_report = lambda path, names: asked.append(names)
    assert window.chosen() == ["amira", "omar", "zaid"]
    assert window.documents.count() == 1  # only the raid has all three
    window.chooser.item(2).setCheckState(Qt.CheckState.Unchecked)  # leave zaid out
    assert window.documents.count() == 2
    assert all("zaid" not in row[2] for row in rows(window))
    qtbot.mouseClick(_button(window, "Accept all agreed"), Qt.MouseButton.LeftButton)
    window.chooser.item(1).setCheckState(Qt.CheckState.Unchecked)  # one left: refused
    assert "two or more annotators" in window.statusBar().currentMessage()
    assert window.review.annotators == ["amira", "omar"] == window.chosen()  # box re-ticked
    window.chooser.item(2).setCheckState(Qt.CheckState.Checked)  # zaid back in
    window.undo()
    assert window.project.gold_spans(window.rowid) == []  # the history went along
    window.chooser.item(2).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(_button(window, "Agreement report"), Qt.MouseButton.LeftButton)
    assert asked == [["amira", "omar"]]


def test_ctrl_z_undoes_a_decision_and_ctrl_shift_z_redoes_it(qtbot, review):
    qtbot.mouseClick(_button(review, "Accept all agreed"), Qt.MouseButton.LeftButton)
    review.table.selectRow(2)
    qtbot.mouseClick(_button(review, "Accept"), Qt.MouseButton.LeftButton)
    assert [r[3] for r in rows(review)] == ["✓", "", "✓"]
    qtbot.keyClick(review.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r[3] for r in rows(review)] == ["✓", "", ""]
    qtbot.keyClick(review.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r[3] for r in rows(review)] == ["", "", ""]
    assert review.project.gold_status(review.rowid) is None
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(review.table, Qt.Key.Key_Z, redo)
    assert [r[3] for r in rows(review)] == ["✓", "", ""]


def test_reject_one_proposal(qtbot, review):
    review.table.selectRow(1)  # omar's ACTOR on حماة
    qtbot.mouseClick(_button(review, "Reject"), Qt.MouseButton.LeftButton)
    assert [r[3] for r in rows(review)] == ["", "✗", ""]


def test_a_decision_redraws_only_the_gold_marks(qtbot, review, monkeypatch):
    """The text, its highlights and the table's rows stay: a decision changes the gold
    layer only. (Laying the text out again took a second a key on long documents.)"""

    def laid_out_again(*_):
        raise AssertionError("the document was shown again after a decision")

    monkeypatch.setattr(review.article, "show_text", laid_out_again)
    monkeypatch.setattr(review.review, "proposals", laid_out_again)
    review.table.selectRow(1)
    qtbot.mouseClick(_button(review, "Reject"), Qt.MouseButton.LeftButton)
    assert [r[3] for r in rows(review)] == ["", "✗", ""]
    review.table.selectRow(0)
    qtbot.mouseClick(_button(review, "Accept"), Qt.MouseButton.LeftButton)
    assert [r[3] for r in rows(review)] == ["✓", "✗", ""]
    assert len(review.article.outlines.get("gold")) == 1
    qtbot.keyClick(review.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r[3] for r in rows(review)] == ["", "✗", ""]
    assert review.article.outlines.get("gold") == []


def test_a_decision_does_not_measure_the_documents_again(qtbot, review, monkeypatch):
    def measured_again():
        raise AssertionError("documents() after a decision")

    monkeypatch.setattr(review.review, "documents", measured_again)
    qtbot.mouseClick(_button(review, "Mark curated"), Qt.MouseButton.LeftButton)
    assert review.documents.item(0).text().endswith("✓")
    qtbot.keyClick(review.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not review.documents.item(0).text().endswith("✓")


def test_a_correction_is_widened_to_whole_words(qtbot, review):
    from PySide6.QtGui import QTextCursor

    start, end = at(RAID, "كفرنبل")
    cursor = review.article.textCursor()
    cursor.setPosition(start + 1)  # one letter into the word, as a drag easily starts
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    review.article.setTextCursor(cursor)
    review.label_choice.setCurrentText("LOCATION")
    qtbot.mouseClick(_button(review, "Accept the selected text as"), Qt.MouseButton.LeftButton)
    [gold] = review.project.gold_spans(review.rowid)
    assert RAID[gold.start : gold.end] == "كفرنبل"


def test_selecting_a_proposal_shows_it_in_the_article(review):
    review.table.selectRow(0)
    assert review.article.selection() == at(RAID, "قوات النظام")


def test_hidden_names_are_numbered_among_all_annotators_and_hidden_in_the_chooser(review):
    review.hide_names.setChecked(True)
    assert [review.chooser.item(k).text() for k in range(2)] == ["Annotator 1", "Annotator 2"]
    assert review.chosen() == ["amira", "omar"]


def test_a_decision_undo_or_redo_refused_as_busy_is_said_in_the_status_bar(
    qtbot, review, held_by_another
):
    rowid = review.rowid
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier

    def refused_while_busy(act):
        review.statusBar().clearMessage()
        with held_by_another(review.project):
            act()
        assert "busy" in review.statusBar().currentMessage()

    refused_while_busy(
        lambda: qtbot.mouseClick(_button(review, "Accept all agreed"), Qt.MouseButton.LeftButton)
    )
    assert review.project.gold_spans(rowid) == [] and [r[3] for r in rows(review)] == ["", "", ""]
    qtbot.mouseClick(_button(review, "Accept all agreed"), Qt.MouseButton.LeftButton)
    review.table.selectRow(2)
    qtbot.mouseClick(_button(review, "Accept"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(review.table, Qt.Key.Key_Z, ctrl)  # something to redo
    assert [r[3] for r in rows(review)] == ["✓", "", ""]
    refused_while_busy(lambda: qtbot.keyClick(review.table, Qt.Key.Key_Z, ctrl | shift))
    refused_while_busy(lambda: qtbot.keyClick(review.table, Qt.Key.Key_Z, ctrl))
    assert len(review.project.gold_spans(rowid)) == 1  # neither changed anything
    assert [r[3] for r in rows(review)] == ["✓", "", ""]


def test_in_a_right_to_left_window_a_decision_keeps_the_proposal_selected(qtbot, review):
    from annotator.gui.delegates import select_row

    review.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    select_row(review.table, 2)  # amira's LOCATION on حماة
    qtbot.mouseClick(_button(review, "Accept"), Qt.MouseButton.LeftButton)
    assert [r[3] for r in rows(review)] == ["", "", "✓"]
    assert review.selected() == review.shown[2]  # the next button acts on it again
    qtbot.mouseClick(_button(review, "Take back"), Qt.MouseButton.LeftButton)
    assert [r[3] for r in rows(review)] == ["", "", ""]


def test_with_nothing_to_review_the_window_says_why(qtbot, path):
    with Project.open(path) as project:
        for doc in project.documents():
            project.set_status(doc.rowid, "omar", "in_progress")
    window = ReviewWindow(Project.open(path), "lina")
    qtbot.addWidget(window)
    assert window.documents.count() == 0
    assert "marked done by every annotator" in window.statusBar().currentMessage()


def test_a_whole_review_by_keyboard(qtbot, review):
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow, timeout=2000)
    table = review.table
    assert table.hasFocus() and review.selected() == review.shown[0]  # the first proposal
    qtbot.keyClick(table, Qt.Key.Key_Down)  # omar's ACTOR on حماة
    assert review.selected() == review.shown[1]
    qtbot.keyClick(table, Qt.Key.Key_Backspace)
    qtbot.keyClick(table, Qt.Key.Key_Down)  # amira's LOCATION on حماة
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert [r[3] for r in rows(review)] == ["", "✗", "✓"]
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert [r[3] for r in rows(review)] == ["✓", "✗", "✓"]  # accepted
    qtbot.keyClick(table, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert [r[3] for r in rows(review)] == ["", "✗", "✓"]  # and taken back
    raid = review.rowid
    qtbot.keyClick(table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert review.rowid == review.project.document_by_id("calm").rowid
    assert review.selected() == review.shown[0]  # Enter would accept حلب at once
    qtbot.keyClick(table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert review.rowid == raid
    qtbot.keyClick(table, Qt.Key.Key_Escape)
    assert not review.isVisible()


def test_gold_spans_are_outlined_and_marked_in_the_tooltip(qtbot, review):
    review.table.selectRow(2)  # amira's LOCATION on حماة
    qtbot.mouseClick(_button(review, "Accept"), Qt.MouseButton.LeftButton)
    [outline] = review.article.outlines.get("gold")
    assert (outline.start, outline.end) == at(RAID, "حماة") and not outline.dashed
    hama = at(RAID, "حماة")[0]
    assert review.describe(hama) == ["ACTOR: omar", "LOCATION: amira ✓ in the gold layer"]
    assert review.describe(at(RAID, "قوات")[0]) == ["ACTOR: amira, omar"]


def test_the_article_takes_at_least_half_the_review_window(review):
    sizes = review.splitter.sizes()
    assert sizes[1] * 2 >= sum(sizes)
    assert review.splitter.widget(1) is review.article
