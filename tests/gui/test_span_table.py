from PySide6.QtCore import Qt

from annotator.core import Document
from annotator.core.session import Session
from annotator.gui.span_table import SpanTable, SpanTableModel

TEXT = "نزح اكثر من 240 الف شخص بعد عشرات الغارات على حماة"


def test_approximate_values_read_compactly_and_edit_as_numbers(qtbot, project):
    doc = project.add_document(Document("d", TEXT))
    session = Session(project, "amira")
    model = SpanTableModel(session)
    session.subscribe(model.apply_changes)
    model.show(doc, [])
    at_least = TEXT.index("اكثر من 240 الف")
    tens = TEXT.index("عشرات")
    session.add(
        doc.rowid, at_least, at_least + 15, "NUMBER", {"value": 240000, "approx": "at_least"}
    )
    session.add(doc.rowid, tens, tens + 5, "NUMBER", {"value": 10, "approx": "multiple"})
    value = model.index(0, 3)
    assert model.data(value) == "≥ 240000"
    assert model.data(value, Qt.ItemDataRole.EditRole) == "240000"
    assert "at least 240000" in model.data(value, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, 3)) == "× 10"
    model.setData(value, "250000")
    [first, _] = project.spans(doc.rowid)
    assert first.attrs == {"value": 250000, "approx": "at_least"}  # the qualifier is kept


def test_right_to_left_cells_are_laid_out_right_to_left(qtbot, project):
    doc = project.add_document(Document("d", TEXT))
    session = Session(project, "amira")
    model = SpanTableModel(session)
    model.show(doc, [])
    table = SpanTable(model, ["ACTOR", "LOCATION"])
    qtbot.addWidget(table)
    session.subscribe(model.apply_changes)
    hama = TEXT.index("حماة")
    session.add(doc.rowid, hama, hama + 4, "LOCATION")
    alignment = model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight
    assert (
        table.horizontalHeader().sectionResizeMode(1) == table.horizontalHeader().ResizeMode.Stretch
    )


def test_a_value_refused_as_busy_is_said_and_nothing_changes(qtbot, project, held_by_another):
    doc = project.add_document(Document("d", TEXT))
    session = Session(project, "amira")
    model = SpanTableModel(session)
    session.subscribe(model.apply_changes)
    model.show(doc, [])
    tens = TEXT.index("عشرات")
    session.add(doc.rowid, tens, tens + 5, "NUMBER", {"value": 10, "approx": "multiple"})
    said = []
    model.message.connect(said.append)
    with held_by_another(project):
        assert model.setData(model.index(0, 3), "20") is False
    assert len(said) == 1 and "busy" in said[0]
    [span] = project.spans(doc.rowid)
    assert span.attrs["value"] == 10 and model.data(model.index(0, 3)) == "× 10"


def test_the_span_list_passes_the_model_tester_while_it_sorts_filters_and_changes(
    qtbot, qtmodeltester, project
):
    doc = project.add_document(Document("d", TEXT))
    session = Session(project, "amira")
    model = SpanTableModel(session)
    session.subscribe(model.apply_changes)
    model.show(doc, [])
    qtmodeltester.check(model, force_py=True)
    hama, tens = TEXT.index("حماة"), TEXT.index("عشرات")
    session.add(doc.rowid, hama, hama + 4, "LOCATION")
    session.add(doc.rowid, tens, tens + 5, "NUMBER", {"value": 10})
    model.sort(0, Qt.SortOrder.DescendingOrder)
    session.add(doc.rowid, 0, 3, "ACTOR")
    model.set_label_filter("NUMBER")
    [number] = model.rows
    session.set_attrs(doc.rowid, number, {"value": 20})
    model.set_label_filter(None)
    session.undo()
    assert [s.label for s in model.rows] == ["NUMBER", "LOCATION", "ACTOR"]
    qtmodeltester.check(model, force_py=True)
