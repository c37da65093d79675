"""The main window: the project's documents and the selected article, right-to-left.

The annotation tools (palette, highlighting, span list, keyboard labelling) arrive with the
annotation-window issue; this window already shows the stored text exactly, with the
document's own paragraph direction.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
)

from annotator.core.document import Direction
from annotator.gui.fonts import article_font
from annotator.storage import Project


class MainWindow(QMainWindow):
    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.setWindowTitle(self.tr("Annotator — {name}").format(name=project.path.name))
        self.documents = QListWidget()
        self.article = QPlainTextEdit()
        self.article.setReadOnly(True)
        self.article.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.article.setFont(article_font())
        splitter = QSplitter()
        splitter.addWidget(self.documents)
        splitter.addWidget(self.article)
        splitter.setSizes([260, 740])
        self.setCentralWidget(splitter)
        self.documents.currentItemChanged.connect(self._show_current)
        self._load_documents()
        self.resize(1000, 700)

    def _load_documents(self) -> None:
        for doc in self.project.documents():
            item = QListWidgetItem(doc.title)
            item.setData(Qt.ItemDataRole.UserRole, doc.rowid)
            item.setToolTip(doc.id)
            self.documents.addItem(item)
        count = self.documents.count()
        self.statusBar().showMessage(self.tr("{count} documents").format(count=count))
        if count:
            self.documents.setCurrentRow(0)
        else:
            self.article.setPlaceholderText(
                self.tr("No documents yet: import some with  annotator import PROJECT FILES")
            )

    def _show_current(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        doc = self.project.document(item.data(Qt.ItemDataRole.UserRole))
        # Plain text, never HTML: "<b>" in an article is data.
        self.article.setPlainText(doc.text)
        option = self.article.document().defaultTextOption()
        option.setTextDirection(
            Qt.LayoutDirection.RightToLeft
            if doc.direction == Direction.RTL
            else Qt.LayoutDirection.LeftToRight
        )
        option.setAlignment(
            Qt.AlignmentFlag.AlignAbsolute
            | (
                Qt.AlignmentFlag.AlignRight
                if doc.direction == Direction.RTL
                else Qt.AlignmentFlag.AlignLeft
            )
        )
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.article.document().setDefaultTextOption(option)

    def closeEvent(self, event) -> None:
        self.project.close()
        super().closeEvent(event)
