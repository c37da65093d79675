"""File > Restore backup…: the project's backups, newest first, and which one to restore.

The dialog only chooses and confirms; the window restores (it has to let go of the project
and open it again), when `restore_chosen` hands it the backup.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.plain_text import ltr, plain_label, shown_path
from annotator.storage.backups import Backup, backup_folder


class BackupDialog(QDialog):
    restore_chosen = Signal(object)  # the Backup the user chose and confirmed

    def __init__(
        self, project_path: Path, backups: list[Backup], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.backups = backups
        self.setWindowTitle(self.tr("Restore a backup"))
        layout = QVBoxLayout(self)
        if backups:
            intro = self.tr(
                "Backups of {name}, newest first. Restoring one replaces everything in the "
                "project with what the backup holds; the current state is kept as a backup "
                "first."
            )
        else:
            intro = self.tr(
                "There are no backups of {name} yet. One is taken when a project opens and "
                "every 30 minutes while you work."
            )
        self.intro = plain_label(QLabel(intro.format(name=shown_path(Path(project_path.name)))))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        headers = [self.tr("Taken"), self.tr("Documents"), self.tr("Spans"), self.tr("Size"), ""]
        self.table = QTableWidget(len(backups), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, backup in enumerate(backups):
            cells = [
                self.taken(backup),
                self.count(backup.documents),
                self.count(backup.spans),
                self.size(backup.size),
                self.tr("before a restore") if backup.before_restore else "",
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setVisible(bool(backups))
        layout.addWidget(self.table)

        self.folder = plain_label(
            QLabel(
                self.tr("Kept in {folder}").format(folder=shown_path(backup_folder(project_path)))
            )
        )
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setWordWrap(True)
        self.folder.setVisible(bool(backups))
        layout.addWidget(self.folder)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.confirm_and_restore)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.chosen() is not None)
        )
        self.table.doubleClicked.connect(lambda _: self.confirm_and_restore())
        if backups:
            self.resize(640, 380)
        else:
            self.setMinimumWidth(480)

    def taken(self, backup: Backup) -> str:
        # Local time, with seconds: two backups a minute apart must not look the same.
        return ltr(backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"))

    def count(self, number: int | None) -> str:
        return self.tr("unreadable") if number is None else str(number)

    def size(self, size: int) -> str:
        if size >= 1_000_000:
            return self.tr("{number} MB").format(number=f"{size / 1_000_000:.1f}")
        return self.tr("{number} KB").format(number=max(1, round(size / 1000)))

    def chosen(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def confirm_and_restore(self) -> None:
        backup = self.chosen()
        if backup is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore a backup"),
            self.tr(
                "Replace the project with the backup taken {time} ({documents} documents, "
                "{spans} spans)? The current state is kept as a backup first, so you can "
                "go back to it. The undo history is cleared."
            ).format(
                time=self.taken(backup),
                documents=self.count(backup.documents),
                spans=self.count(backup.spans),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.accept()
            self.restore_chosen.emit(backup)
