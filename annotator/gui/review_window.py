"""The review window: compare annotators' spans and decide what goes into the gold layer.

Documents come least agreement first. The article shows every proposal the way the
annotation view shows spans (the longest tints, one inside it is underlined), and the
regions where the annotators disagree with a vermilion wavy underline. The table lists the
proposals (who made each, and the decision: ✓ accepted, ✗ rejected); the buttons act on
the selected one or on the whole document. All decisions go through `Review`, which
writes them at once, like every change in the app, and can undo them.

Measuring agreement takes a moment on a large project, so the document list is built when
the window opens and when the compared annotators change, never after a decision:
decisions change the gold layer, not the annotators' agreement.

A reviewer can work by keyboard alone: Up and Down walk the proposals, Enter accepts,
Backspace rejects, Ctrl+Backspace takes back, Ctrl+PgDown / Ctrl+PgUp change document and
Esc closes (REVIEW_KEYS, shown by F1). Spans already in the gold layer are outlined in the
article and marked ✓ in its tooltips.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from annotator.core.adjudication import Proposal
from annotator.core.bidi import isolated, isolated_if_needed
from annotator.core.errors import AnnotatorError
from annotator.core.review import Review, ReviewItem
from annotator.gui.actions import add_action
from annotator.gui.article_text import ArticleText
from annotator.gui.background import Background
from annotator.gui.decorations import Outline
from annotator.gui.delegates import (
    DirectionalDelegate,
    alignment,
    one_line,
    select_row,
    text_alignment,
)
from annotator.gui.errors import said
from annotator.gui.shortcuts import REVIEW_KEYS, show_sheet
from annotator.gui.span_highlighter import Mark
from annotator.storage import Project

DISAGREEMENT = QColor("#D55E00")  # vermilion: distinct from every label tint for CVD


class ReviewArticle(ArticleText):
    """The article of the review window: its tooltips name each proposal's label, who
    proposed it, and ✓ when it is in the gold layer (`describe` says it)."""

    describe = None  # position (code points) -> lines, set by the window

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.document_shown is not None:
            position = self.offsets.from_qt(self.cursorForPosition(event.pos()).position())
            lines = self.describe(position) if self.describe else []
            if lines:
                QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class ReviewWindow(QMainWindow):
    def __init__(self, project: Project, adjudicator: str) -> None:
        super().__init__()
        self.project = project
        self.review = Review(project, adjudicator)
        self.background = Background(self)
        self.items: list[ReviewItem] = []
        self.rowid: int | None = None
        self.shown: list[Proposal] = []
        self.setWindowTitle(
            self.tr("Review: {name}").format(name=isolated_if_needed(project.path.name))
        )

        # The annotators compared: all at first; two or more at any time.
        self.chooser = QListWidget()
        for name in self.review.annotators:
            item = QListWidgetItem(isolated_if_needed(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.chooser.addItem(item)
        self.chooser.setMaximumHeight(110)
        self.chooser.itemChanged.connect(self._annotators_chosen)
        self.documents = QListWidget()
        self.documents.currentItemChanged.connect(self._document_chosen)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.chooser)
        left_layout.addWidget(self.documents, 1)
        self.colours = {label.name: label.colour for label in project.labels()}
        self.article = ReviewArticle(self.colours)
        self.article.describe = self.describe
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Text"), self.tr("Label"), self.tr("Proposed by"), self.tr("Gold")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Each cell in its own direction (right-aligned cells right to left): Arabic text
        # and names read right even in the English interface.
        self.table.setItemDelegate(DirectionalDelegate(self.table))
        # Widths are set once per fill (`_fill_table`): ResizeToContents would measure every
        # row again for each cell set, which grows with the square of the proposals.
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._proposal_chosen)

        self.hide_names = QCheckBox(self.tr("Hide annotators' names"))
        self.hide_names.toggled.connect(self._anonymise)
        # The decisions under the table, two to a row: the table keeps the width, so the
        # proposals' text can be read.
        buttons = QGridLayout()
        for number, (text, slot) in enumerate(
            (
                (self.tr("Accept"), self.accept_selected),
                (self.tr("Reject"), self.reject_selected),
                (self.tr("Take back"), self.take_back_selected),
                (self.tr("Accept all agreed"), self.accept_agreed),
                (self.tr("Accept majority"), self.accept_majority),
                (self.tr("Mark curated"), self.mark_curated),
                (self.tr("Reject all and mark curated"), self.reject_all),
                (self.tr("Agreement report"), self.show_agreement),
            )
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button, number // 2, number % 2)
        # Correcting a proposal: select the right text in the article, choose the label.
        self.label_choice = QComboBox()
        self.label_choice.addItems([label.name for label in project.labels().active()])
        corrected = QPushButton(self.tr("Accept the selected text as"))
        corrected.clicked.connect(self.accept_selection)
        row = buttons.rowCount()
        buttons.addWidget(corrected, row, 0)
        buttons.addWidget(self.label_choice, row, 1)
        buttons.addWidget(self.hide_names, row + 1, 0, 1, 2)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.table, 1)
        side_layout.addLayout(buttons)
        # The article in the middle, resizable, and at least half the window to begin with:
        # it is what the reviewer reads.
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.article)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self._build_menus()
        self.resize(1280, 720)
        self.splitter.setSizes([170, 670, 440])
        self.load_documents()
        self.table.setFocus()  # Up and Down walk the proposals from the start

    def _build_menus(self) -> None:
        def add(menu, text: str, keys: list[str], slot) -> None:
            add_action(menu, self, text, keys, slot)

        edit = self.menuBar().addMenu(self.tr("&Edit"))
        add(edit, self.tr("&Undo"), ["Ctrl+Z"], self.undo)
        add(edit, self.tr("&Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"], self.redo)
        decide = self.menuBar().addMenu(self.tr("&Decide"))
        add(decide, self.tr("Accept"), ["Return", "Enter"], self.accept_selected)
        add(decide, self.tr("Reject"), ["Backspace"], self.reject_selected)
        add(decide, self.tr("Take back"), ["Ctrl+Backspace"], self.take_back_selected)
        decide.addSeparator()
        add(decide, self.tr("Next document"), ["Ctrl+PgDown"], lambda: self.step_document(1))
        add(decide, self.tr("Previous document"), ["Ctrl+PgUp"], lambda: self.step_document(-1))
        add(decide, self.tr("Close"), ["Esc"], self.close)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        add(help_menu, self.tr("Keyboard shortcuts"), ["F1"], self.show_shortcuts)

    def show_shortcuts(self) -> QDialog:
        return show_sheet(self, REVIEW_KEYS)

    def step_document(self, step: int) -> None:
        """The next (previous) document in the list, its first proposal selected."""
        row = self.documents.currentRow() + step
        if 0 <= row < self.documents.count():
            self.documents.setCurrentRow(row)
        else:
            self.statusBar().showMessage(self.tr("No more documents that way."), 5000)

    def closeEvent(self, event) -> None:
        self.background.stop()
        super().closeEvent(event)

    # -- annotators and documents -------------------------------------------------------------

    def chosen(self) -> list[str]:
        items = [self.chooser.item(k) for k in range(self.chooser.count())]
        return [
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]

    def _annotators_chosen(self, item: QListWidgetItem) -> None:
        names = self.chosen()
        if len(names) < 2:
            self.statusBar().showMessage(self.tr("Compare two or more annotators."), 10000)
            self.chooser.blockSignals(True)  # the choice is refused: show it refused
            item.setCheckState(Qt.CheckState.Checked)
            self.chooser.blockSignals(False)
            return
        self.review = self.review.with_annotators(names)
        self.load_documents()

    def load_documents(self) -> None:
        """Measure every document the compared annotators finished, and list them."""
        self.items = self.review.documents()
        current = self.rowid
        self.documents.blockSignals(True)
        self.documents.clear()
        for item in self.items:
            row = QListWidgetItem(self._item_text(item))
            row.setData(Qt.ItemDataRole.UserRole, item.rowid)
            self.documents.addItem(row)
        self.documents.blockSignals(False)
        rows = [self.documents.item(k) for k in range(self.documents.count())]
        chosen = next((r for r in rows if r.data(Qt.ItemDataRole.UserRole) == current), None)
        self.documents.setCurrentItem(chosen or (rows[0] if rows else None))
        if not rows:
            self._document_chosen(None)
            # An empty window would look broken: say what would fill it.
            self.statusBar().showMessage(
                self.tr("No document is marked done by every annotator compared here.")
            )
        else:
            self.statusBar().clearMessage()

    @staticmethod
    def _item_text(item: ReviewItem) -> str:
        alpha = "–" if item.alpha is None else f"{item.alpha:.2f}"
        return f"{alpha}  {isolated(item.id)}" + (" ✓" if item.curated else "")

    def _document_chosen(self, item: QListWidgetItem | None) -> None:
        self.rowid = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        self.show_document()
        if self.table.rowCount():  # Enter decides on the first proposal at once
            select_row(self.table, 0)

    def _refresh_current(self) -> None:
        """After a decision: the current document's curated mark, its gold outlines and the
        decided column. A decision changes only the gold layer, never the annotators'
        proposals, so the text, its highlights and the table's rows stay (redrawing them
        took a second per key on a long document with thousands of proposals)."""
        row = self.documents.currentRow()
        if self.rowid is not None and 0 <= row < len(self.items):
            item = dataclasses.replace(self.items[row], curated=self.review.curated(self.rowid))
            self.items[row] = item
            self.documents.item(row).setText(self._item_text(item))
        if self.rowid is None:
            return
        self._outline_gold()
        self._mark_decided()

    def _decision_marks(self) -> list[str]:
        """The decided column of each proposal shown: ✓ in the gold layer, ✗ rejected."""
        assert self.rowid is not None
        gold = {(g.start, g.end, g.label) for g in self.review.gold(self.rowid)}
        rejected = self.review.rejected(self.rowid)
        marks = []
        for proposal in self.shown:
            key = (proposal.start, proposal.end, proposal.label)
            marks.append("✓" if key in gold else "✗" if key in rejected else "")
        return marks

    def _mark_decided(self) -> None:
        for row, mark in enumerate(self._decision_marks()):
            cell = self.table.item(row, 3)
            if cell is not None and cell.text() != mark:
                cell.setText(mark)

    def show_document(self) -> None:
        if self.rowid is None:
            self.article.clear()
            self.table.setRowCount(0)
            return
        doc = self.project.document(self.rowid)
        self.shown = self.review.proposals(self.rowid)
        self.article.show_text(doc, [Mark(p.start, p.end, p.label) for p in self.shown])
        self._underline_disagreements()
        self._outline_gold()
        self._fill_table(doc.text)

    def _outline_gold(self) -> None:
        """A solid outline, in the label's colour, round every span the gold layer holds."""
        assert self.rowid is not None
        self.article.set_outlines(
            "gold",
            [
                Outline(g.start, g.end, QColor(self.colours.get(g.label, "#999999")).darker(140))
                for g in self.review.gold(self.rowid)
            ],
        )

    def describe(self, position: int) -> list[str]:
        """What the tooltip says at `position`: each proposal there, who proposed it, and
        ✓ for those in the gold layer (also a gold span no one proposed as it is)."""
        if self.rowid is None:
            return []
        gold = {(g.start, g.end, g.label) for g in self.review.gold(self.rowid)}
        lines = []
        for p in self.shown:
            if p.start <= position < p.end:
                key = (p.start, p.end, p.label)
                mark = self.tr(" ✓ in the gold layer") if key in gold else ""
                lines.append(f"{p.label}: {self.names(p.annotators)}{mark}")
                gold.discard(key)
        lines += [
            f"{label}:{self.tr(' ✓ in the gold layer')}"
            for start, end, label in sorted(gold)
            if start <= position < end
        ]
        return lines

    def _underline_disagreements(self) -> None:
        assert self.rowid is not None
        selections = []
        for region in self.review.disagreements(self.rowid, self.shown):
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(DISAGREEMENT)
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.article.document())
            cursor.setPosition(self.article.offsets.to_qt(region.start))
            cursor.setPosition(
                self.article.offsets.to_qt(region.end), QTextCursor.MoveMode.KeepAnchor
            )
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
        self.article.setExtraSelections(selections)

    def _fill_table(self, text: str) -> None:
        assert self.rowid is not None
        names_align = alignment(self.layoutDirection() == Qt.LayoutDirection.RightToLeft)
        self.table.setRowCount(len(self.shown))
        for row, (proposal, decided) in enumerate(
            zip(self.shown, self._decision_marks(), strict=True)
        ):
            span_text = text[proposal.start : proposal.end]
            cells = (
                (one_line(span_text), text_alignment(span_text)),
                (proposal.label, alignment(False)),
                (self.names(proposal.annotators), names_align),
                (decided, alignment(False)),
            )
            for column, (value, side) in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setTextAlignment(side)
                self.table.setItem(row, column, item)
        for column in (1, 2, 3):
            self.table.resizeColumnToContents(column)

    def names(self, annotators: tuple[str, ...]) -> str:
        """The proposers as one cell. Plain text: the cell is laid out in the interface's
        direction (DirectionalDelegate), which keeps the first name first; direction marks
        would make Qt's item views swap two Arabic names."""
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        separator = "، " if rtl else ", "  # the Arabic comma in the Arabic interface
        template = self.tr("Annotator {number}")
        # A name with bidi controls is isolated: an override in it would reorder the
        # names after it in the cell.
        return separator.join(isolated_if_needed(self.review.name(n, template)) for n in annotators)

    def _anonymise(self, hidden: bool) -> None:
        self.review.anonymous = hidden
        template = self.tr("Annotator {number}")
        self.chooser.blockSignals(True)
        for k in range(self.chooser.count()):
            item = self.chooser.item(k)
            item.setText(
                isolated_if_needed(self.review.name(item.data(Qt.ItemDataRole.UserRole), template))
            )
        self.chooser.blockSignals(False)
        if self.rowid is not None:
            self._fill_table(self.project.document(self.rowid).text)

    def _proposal_chosen(self) -> None:
        """Show the proposal selected in the table in the article."""
        proposal = self.selected()
        if proposal is not None:
            self.article.select_range(proposal.start, proposal.end)

    def show_agreement(self) -> None:
        """The agreement report of exactly the annotators compared here."""
        self.background.agreement_report(self.project.path, list(self.review.annotators))

    # -- decisions ----------------------------------------------------------------------------

    def selected(self) -> Proposal | None:
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows else None

    def _decided(self, action) -> None:
        if self.rowid is None:
            return
        try:
            action(self.rowid)
        except AnnotatorError as exc:
            self._refused(exc)
            return
        self._refresh_current()

    def _refused(self, exc: AnnotatorError) -> None:
        """A decision, undo or redo refused (the project busy with another program, a
        correction out of range): said in the status bar; nothing changed."""
        self.statusBar().showMessage(said(exc), 10000)

    def undo(self) -> None:
        self._step(self.review.undo)

    def redo(self) -> None:
        self._step(self.review.redo)

    def _step(self, step) -> None:
        try:
            rowid = step()
        except AnnotatorError as exc:
            self._refused(exc)
            return
        self._back_to(rowid)

    def _back_to(self, rowid: int | None) -> None:
        """Show the document an undo or redo changed, with its curated mark as it is now."""
        if rowid is None:
            return
        rows = [self.documents.item(k) for k in range(self.documents.count())]
        found = next((r for r in rows if r.data(Qt.ItemDataRole.UserRole) == rowid), None)
        if found is not None and found is not self.documents.currentItem():
            self.documents.setCurrentItem(found)
        self._refresh_current()

    def accept_selected(self) -> None:
        proposal = self.selected()
        if proposal is not None:
            self._decided(lambda rowid: self.review.accept(rowid, proposal))

    def reject_selected(self) -> None:
        proposal = self.selected()
        if proposal is not None:
            self._decided(lambda rowid: self.review.reject(rowid, proposal))

    def take_back_selected(self) -> None:
        proposal = self.selected()
        if proposal is not None:
            key = (proposal.start, proposal.end, proposal.label)
            self._decided(lambda rowid: self.review.take_back(rowid, key))

    def accept_selection(self) -> None:
        """Accept the text selected in the article, widened to whole words as in the
        annotation view, with the chosen label: a proposal with its range or label corrected
        (its proposers kept when one is selected in the table)."""
        start, end = self.article.selection()
        if start == end:
            self.statusBar().showMessage(self.tr("Select the text to accept first."), 10000)
            return
        start, end = self.article.snap(start, end)
        proposal, label = self.selected(), self.label_choice.currentText()
        self._decided(lambda rowid: self.review.accept_edited(rowid, proposal, start, end, label))

    def accept_agreed(self) -> None:
        self._decided(self.review.accept_agreed)

    def accept_majority(self) -> None:
        self._decided(self.review.accept_majority)

    def reject_all(self) -> None:
        self._decided(self.review.reject_all)

    def mark_curated(self) -> None:
        self._decided(self.review.mark_curated)
