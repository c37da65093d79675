"""Names and texts with HTML or bidi controls in the window: shown literally, never as
markup, and never reordering the interface around them.

An override (U+202E) left open in a name reverses everything after it in the same line;
a stray PDI (U+2069) would close the isolate put around the name. Each place that puts a
name into a line of interface text isolates it (balanced, see annotator.core.bidi), and
the checks below lay the shown strings out with Qt and read where each character lands.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtGui import Qt as GuiQt

from annotator.core import Document, Span
from annotator.core.bidi import balanced, isolated
from annotator.gui.document_list import DocumentListModel
from annotator.gui.main_window import MainWindow
from annotator.gui.plain_text import shown_path
from annotator.gui.review_window import ReviewWindow
from annotator.storage import Project
from annotator.storage.summaries import document_summaries

RLO, PDF, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"
TITLE = f"abc{PDI}{RLO}def"  # the PDI would end a bare FSI…PDI early, letting RLO out
SHOWN_TITLE = f"abc{RLO}def{PDF}"  # balanced: the stray PDI left out, the override closed
UID = f"x{PDI}y{RLO}z"  # a stray PDI first: it must not close the isolate around the name
NAME = f"a{RLO}y"  # sorts before "omar": other names follow it in a cell
HTML = "قصفت طائرات حماة <b>عاجل</b> <script>alert(1)</script> &amp; abc\u202edef انتهى"


def visual_order_kept(text: str, start: int, font: QFont | None = None) -> bool:
    """Whether the characters of `text` from `start` on are laid out left to right in their
    logical order, as in a left-to-right interface line (Qt's own bidi layout)."""
    layout = QTextLayout(text, font or QFont())
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    xs = [line.cursorToX(position)[0] for position in range(start, len(text) + 1)]
    # Not strictly: zero-width controls take no room.
    return xs[-1] > xs[0] and all(a <= b for a, b in pairwise(xs))


def test_the_layout_check_sees_an_open_override_reverse_the_rest_of_a_line(qapp):
    # Without the isolate the tail of the line is reversed: the check can fail.
    assert not visual_order_kept(f"Annotator: {NAME} · 3 spans", len(f"Annotator: {NAME}"))
    shown = f"Annotator: {isolated(NAME)} · 3 spans"
    assert visual_order_kept(shown, len(f"Annotator: {isolated(NAME)}"))
    # A bare FSI…PDI is not enough when the name closes it itself with a stray PDI.
    naive = f"Annotator: {FSI}{UID}{PDI} · 3 spans"
    assert not visual_order_kept(naive, len(f"Annotator: {FSI}{UID}{PDI}"))
    safe = f"Annotator: {isolated(UID)} · 3 spans"
    assert visual_order_kept(safe, len(f"Annotator: {isolated(UID)}"))


@pytest.fixture
def path(tmp_path):
    path = tmp_path / f"p{RLO}bd.db"  # a project file named to look like "pdb.db"
    with Project.open(path, create=True) as project:
        # Stored as a version before names were checked at the door did: it still shows.
        project.db.execute(
            "INSERT INTO annotators (name, created_at) VALUES (?, '2026-01-01')", [NAME]
        )
        first = project.add_document(Document(UID, HTML, {"title": TITLE}))
        project.add_document(Document("plain", "نص عادي", {"title": "عنوان"}))
        hama = HTML.index("حماة")
        for name in (NAME, "omar"):
            project.add_span(first.rowid, Span(hama, hama + 4, "LOCATION", name))
            project.set_status(first.rowid, name, "done")
        project.add_span(first.rowid, Span(0, 4, "ACTOR", NAME))
    return path


@pytest.fixture
def window(qtbot, path):
    window = MainWindow(Project.open(path), NAME)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_document(window.project.document_by_id(UID).rowid)
    return window


def test_window_title_and_status_bar_isolate_names(window, path):
    title = window.windowTitle()
    assert title == f"Annotator — {FSI}p{RLO}bd.db{PDF}{PDI}"
    annotator = window.status_annotator.text()
    assert annotator == f"Annotator: {FSI}{NAME}{PDF}{PDI}"
    position = window.status_position.text()
    assert f"{FSI}{SHOWN_TITLE}{PDI}" in position
    tail = position.index(PDI) + 1
    assert visual_order_kept(position, tail, window.status_position.font())  # "· 2 spans"


def test_document_list_isolates_a_hostile_title_and_id(window):
    model = window.documents.model
    index = model.index(model.row_of(window.current.rowid), model.TITLE)
    shown = index.data()
    assert shown == f"\u2066{SHOWN_TITLE}{PDI}"  # LRI: the direction the cell is laid out in
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    # The whole title, then the id, each isolated (a stray PDI in the id left out).
    assert tooltip == f"{shown}\n{isolated(UID)}"
    assert isolated(UID) == f"{FSI}xy{RLO}z{PDF}{PDI}"
    other = model.index(1, model.TITLE)
    assert other.data() == "عنوان"  # ordinary titles are shown as they are


def test_the_document_list_model_alone_isolates_titles(qapp, path):
    with Project.open(path) as project:
        model = DocumentListModel(document_summaries(project, NAME))
    assert model.index(0, 0).data().startswith("\u2066") and model.index(0, 0).data()[-1] == PDI


def test_article_text_with_html_and_bidi_controls_is_shown_literally(window):
    article = window.article
    assert article.toPlainText() == HTML  # "<b>" and "<script>" are data, not markup
    document = article.document()
    weights = {
        iterator.fragment().charFormat().fontWeight()
        for number in range(document.blockCount())
        for iterator in document.findBlockByNumber(number)
    }
    assert weights == {QFont.Weight.Normal}  # no <b> made anything bold
    # The override in the article stays in the article: the status bar after it is intact.
    position = window.status_position.text()
    assert visual_order_kept(position, position.index(PDI) + 1)


def test_review_window_isolates_annotator_names_in_the_chooser_and_the_proposals(qtbot, path):
    review = ReviewWindow(Project.open(path), "lina")
    qtbot.addWidget(review)
    review.show()
    names = [review.chooser.item(k).text() for k in range(review.chooser.count())]
    assert f"{FSI}{NAME}{PDF}{PDI}" in names and "omar" in names
    assert review.windowTitle() == f"Review: {FSI}p{RLO}bd.db{PDF}{PDI}"
    cells = [review.table.item(r, 2).text() for r in range(review.table.rowCount())]
    both = next(cell for cell in cells if "omar" in cell)
    assert both == f"{FSI}{NAME}{PDF}{PDI}, omar"
    assert visual_order_kept(both, both.index(PDI) + 1)  # ", omar" after the override
    assert not visual_order_kept(f"{NAME}, omar", len(NAME))  # as it would be, bare
    items = [review.documents.item(k).text() for k in range(review.documents.count())]
    assert any(isolated(UID) in item for item in items)


def test_an_error_naming_a_file_with_an_override_shows_it_visibly(qtbot, window, tmp_path, warned):
    target = tmp_path / f"notes{RLO}txt.db"
    target.write_bytes(b"just some notes\n")
    window.open_project(target)
    [text] = warned
    assert RLO not in text and "notes<U+202E>txt.db: not an annotator project" in text


def test_backup_paths_are_isolated_part_by_part_and_balanced(qapp, tmp_path):
    path = tmp_path / UID / "backups"
    shown = shown_path(path)
    assert isolated(UID) in shown and shown.count(FSI) == shown.count(PDI) - 1  # + the LRI
    assert balanced(shown) == shown
    assert visual_order_kept(shown + " (3)", len(shown))


def test_names_that_look_like_html_are_shown_as_text(qtbot, tmp_path, warned):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        project.add_document(Document("d", HTML, {"title": "<b>bold</b> <img src=x>"}))
    window = MainWindow(Project.open(path), "<i>amira</i>")
    qtbot.addWidget(window)
    for label in (window.status_annotator, window.status_position):
        assert GuiQt.mightBeRichText(label.text())  # Qt would take it for HTML...
        assert label.textFormat() == Qt.TextFormat.PlainText  # ...but it is shown as text
    assert "<i>amira</i>" in window.status_annotator.text()
    target = tmp_path / "<b>notes.db"
    target.write_bytes(b"just some notes\n")
    window.open_project(target)
    [text] = warned
    assert "&lt;b&gt;notes.db" in text and "<b>" not in text


def test_a_recent_project_with_a_stray_pdi_in_its_name_keeps_the_entry_in_order(window, tmp_path):
    from annotator.gui.settings import app_settings

    gone = tmp_path / f"x{PDI}y{RLO}z.db"  # a stray PDI first, then an override
    app_settings().setValue("recent_projects", [str(window.project.path.resolve()), str(gone)])
    window.recent_menu.aboutToShow.emit()
    text = window.recent_menu.actions()[1].text()
    assert text.startswith(isolated(gone.name)) and balanced(text) == text
    assert visual_order_kept(text, len(isolated(gone.name)))  # "  (folder) (missing)"


def test_a_refusal_dialog_shows_a_file_name_as_it_is(qapp, monkeypatch):
    from annotator.gui import app

    shown = []
    monkeypatch.setattr(app.QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    app.show_refusal(f"annotator: notes{RLO}txt.db: not an annotator project")
    app.show_refusal("annotator: <b>notes.db: not an annotator project")
    assert shown[0] == "annotator: notes<U+202E>txt.db: not an annotator project"
    assert "&lt;b&gt;notes.db" in shown[1] and "<b>" not in shown[1]
