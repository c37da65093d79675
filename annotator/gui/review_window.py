"""The review window: compare annotators' spans and decide what goes into the gold layer.

Documents come least agreement first. The article shows every proposal tinted in its
label's colour, and the regions where the annotators disagree with a red wavy underline.
The table lists the proposals (who made each, whether it is in the gold layer); the buttons
act on the selected one or on the whole document. All decisions go through `Review`, which
writes them at once, like every change in the app.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.adjudication import Proposal
from annotator.core.document import Direction, detect_direction
from annotator.core.errors import AnnotatorError
from annotator.gui.article_view import lay_out_article
from annotator.gui.delegates import DirectionalDelegate
from annotator.gui.fonts import article_font
from annotator.gui.offsets import OffsetMap
from annotator.storage import Project
from annotator.storage.review import Review

DISAGREEMENT = QColor("#D55E00")  # vermilion: distinct from every label tint for CVD


class ReviewWindow(QMainWindow):
    def __init__(
        self,
        project: Project,
        adjudicator: str,
        report_agreement: Callable[[list[str]], object] | None = None,
    ) -> None:
        super().__init__()
        self.project = project
        self.review = Review(project, adjudicator)
        self.report_agreement = report_agreement
        self.rowid: int | None = None
        self.shown: list[Proposal] = []
        self.setWindowTitle(self.tr("Review: {name}").format(name=project.path.name))
        self.colours = {label.name: QColor(label.colour) for label in project.labels()}

        # The annotators compared: all at first; two or more at any time.
        self.chooser = QListWidget()
        for name in self.review.annotators:
            item = QListWidgetItem(name)
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
        self.article = QPlainTextEdit(readOnly=True)
        self.article.setFont(article_font())
        self.article.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Text"), self.tr("Label"), self.tr("Proposed by"), self.tr("Gold")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Each cell in its own direction (right-aligned cells right to left): Arabic text
        # and names read right even in the English interface.
        self.table.setItemDelegate(DirectionalDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the text gets the room

        self.hide_names = QCheckBox(self.tr("Hide annotators' names"))
        self.hide_names.toggled.connect(self._anonymise)
        buttons = QVBoxLayout()
        for text, slot in (
            (self.tr("Accept"), self.accept_selected),
            (self.tr("Reject"), self.reject_selected),
            (self.tr("Take back"), self.take_back_selected),
            (self.tr("Accept all agreed"), self.accept_agreed),
            (self.tr("Accept majority"), self.accept_majority),
            (self.tr("Reject all and mark curated"), self.reject_all),
            (self.tr("Mark curated"), self.mark_curated),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        # Correcting a proposal: select the right text in the article, choose the label.
        self.label_choice = QComboBox()
        self.label_choice.addItems([label.name for label in project.labels().active()])
        corrected = QPushButton(self.tr("Accept the selected text as"))
        corrected.clicked.connect(self.accept_selection)
        buttons.addWidget(corrected)
        buttons.addWidget(self.label_choice)
        buttons.addWidget(self.hide_names)
        if report_agreement is not None:
            report = QPushButton(self.tr("Agreement report"))
            report.clicked.connect(lambda: report_agreement(list(self.review.annotators)))
            buttons.addWidget(report)
        buttons.addStretch()
        side = QWidget()
        side_layout = QHBoxLayout(side)
        side_layout.addWidget(self.table, 1)
        side_layout.addLayout(buttons)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.article)
        right.addWidget(side)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        self.setCentralWidget(splitter)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        for text, keys, slot in (
            (self.tr("&Undo"), [QKeySequence("Ctrl+Z")], self.undo),
            (self.tr("&Redo"), [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")], self.redo),
        ):
            action = QAction(text, self)
            action.setShortcuts(keys)
            action.triggered.connect(slot)
            edit.addAction(action)
        self.resize(1100, 700)
        self.reload_documents()

    # -- annotators and documents -------------------------------------------------------------

    def chosen(self) -> list[str]:
        items = [self.chooser.item(k) for k in range(self.chooser.count())]
        return [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]

    def _annotators_chosen(self, _item: QListWidgetItem) -> None:
        names = self.chosen()
        if len(names) < 2:
            self.statusBar().showMessage(self.tr("Compare two or more annotators."), 10000)
            return
        self.review = Review(
            self.project, self.review.adjudicator, names, anonymous=self.review.anonymous
        )
        self.reload_documents()

    def reload_documents(self) -> None:
        current = self.rowid
        self.documents.blockSignals(True)
        self.documents.clear()
        for item in self.review.documents():
            alpha = "–" if item.alpha is None else f"{item.alpha:.2f}"
            mark = " ✓" if item.curated else ""
            row = QListWidgetItem(f"{alpha}  \u2068{item.id}\u2069{mark}")
            row.setData(Qt.ItemDataRole.UserRole, item.rowid)
            self.documents.addItem(row)
        self.documents.blockSignals(False)
        rows = [self.documents.item(k) for k in range(self.documents.count())]
        chosen = next((r for r in rows if r.data(Qt.ItemDataRole.UserRole) == current), None)
        self.documents.setCurrentItem(chosen or (rows[0] if rows else None))

    def _document_chosen(self, item: QListWidgetItem | None) -> None:
        self.rowid = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        self.show_document()

    def show_document(self) -> None:
        if self.rowid is None:
            self.article.clear()
            self.table.setRowCount(0)
            return
        doc = self.project.document(self.rowid)
        lay_out_article(self.article.document(), doc)
        self.article.setPlainText(doc.text)  # plain text: markup in an article is data
        self.offsets = OffsetMap.of(doc.text)
        self.shown = self.review.proposals(self.rowid)
        self._paint()
        self._fill_table(doc.text)

    def _selection(self, start: int, end: int, fmt: QTextCharFormat):
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.article.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor, selection.format = cursor, fmt
        return selection

    def _paint(self) -> None:
        selections = []
        for proposal in sorted(self.shown, key=lambda p: p.start - p.end):  # longest first
            fmt = QTextCharFormat()
            colour = QColor(self.colours.get(proposal.label, QColor("#999999")))
            colour.setAlpha(90)
            fmt.setBackground(colour)
            selections.append(self._selection(proposal.start, proposal.end, fmt))
        assert self.rowid is not None
        for region in self.review.disagreements(self.rowid):
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(DISAGREEMENT)
            selections.append(self._selection(region.start, region.end, fmt))
        self.article.setExtraSelections(selections)

    def _fill_table(self, text: str) -> None:
        assert self.rowid is not None
        gold = {(g.start, g.end, g.label) for g in self.review.gold(self.rowid)}
        rejected = self.review.rejected(self.rowid)
        self.table.setRowCount(len(self.shown))
        for row, proposal in enumerate(self.shown):
            who = self.names(proposal.annotators)
            key = (proposal.start, proposal.end, proposal.label)
            decided = "✓" if key in gold else "✗" if key in rejected else ""
            cells = (text[proposal.start : proposal.end], proposal.label, who, decided)
            rtl_ui = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            directions = (detect_direction(cells[0]) == Direction.RTL, False, rtl_ui, False)
            for column, (value, rtl) in enumerate(zip(cells, directions, strict=True)):
                item = QTableWidgetItem(value)
                side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
                item.setTextAlignment(
                    side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
                )
                self.table.setItem(row, column, item)

    def names(self, annotators: tuple[str, ...]) -> str:
        """The proposers as one cell. Plain text: the cell is laid out in the interface's
        direction (DirectionalDelegate), which keeps the first name first; direction marks
        would make Qt's item views swap two Arabic names."""
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        separator = "، " if rtl else ", "  # the Arabic comma in the Arabic interface
        return separator.join(self.shown_name(n) for n in annotators)

    def shown_name(self, annotator: str) -> str:
        if not self.review.anonymous:
            return annotator
        number = self.review.annotators.index(annotator) + 1
        return self.tr("Annotator {number}").format(number=number)

    def _anonymise(self, hidden: bool) -> None:
        self.review.anonymous = hidden
        if self.rowid is not None:
            self._fill_table(self.project.document(self.rowid).text)

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
            self.statusBar().showMessage(str(exc), 10000)
            return
        row = self.table.currentRow()
        self.reload_documents()
        if 0 <= row < self.table.rowCount():
            self.table.selectRow(row)

    def undo(self) -> None:
        self._back_to(self.review.undo())

    def redo(self) -> None:
        self._back_to(self.review.redo())

    def _back_to(self, rowid: int | None) -> None:
        """Show the document an undo or redo changed."""
        if rowid is None:
            return
        self.rowid = rowid
        self.reload_documents()

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
        if proposal is None:
            return

        def take_back(rowid: int) -> None:
            for gold in self.review.gold(rowid):
                if (gold.start, gold.end, gold.label) == (
                    proposal.start, proposal.end, proposal.label,
                ):  # fmt: skip
                    self.review.take_back(rowid, gold)

        self._decided(take_back)

    def accept_selection(self) -> None:
        """Accept the text selected in the article with the chosen label: a proposal with its
        range or label corrected (its proposers kept when one is selected in the table)."""
        cursor = self.article.textCursor()
        if not cursor.hasSelection():
            self.statusBar().showMessage(self.tr("Select the text to accept first."), 10000)
            return
        start = self.offsets.from_qt(cursor.selectionStart())
        end = self.offsets.from_qt(cursor.selectionEnd())
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
