"""The file dialogs: Qt's, with their cells laid out in each text's own direction.

Where the desktop offers its own file dialog, Qt uses it and it is the desktop's, in the
desktop's language. Elsewhere (a bare X server, Xvfb) Qt draws its own, translated by
qtbase's translation and ours (i18n), whose list of files would lay "8.88 KiB" and a date
out right to left in the Arabic interface: its views get ContentDirectionDelegate.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QWidget

from annotator.gui.delegates import ContentDirectionDelegate


class FileDialog(QFileDialog):
    def showEvent(self, event) -> None:
        super().showEvent(event)
        for view in self.findChildren(QAbstractItemView):
            if not isinstance(view.itemDelegate(), ContentDirectionDelegate):
                view.setItemDelegate(ContentDirectionDelegate(view))


def _run(dialog: FileDialog) -> tuple[list[str], str]:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return [], ""
    return dialog.selectedFiles(), dialog.selectedNameFilter()


def _dialog(parent: QWidget | None, title: str, folder: str, filters: str) -> FileDialog:
    return FileDialog(parent, title, folder, filters)


def open_file(parent: QWidget | None, title: str, folder: str, filters: str) -> str:
    """One existing file chosen, or "" when cancelled."""
    dialog = _dialog(parent, title, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    files, _ = _run(dialog)
    return files[0] if files else ""


def open_files(parent: QWidget | None, title: str, folder: str, filters: str) -> list[str]:
    """Existing files chosen (none when cancelled)."""
    dialog = _dialog(parent, title, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(dialog)[0]


def save_file(
    parent: QWidget | None, title: str, folder: str, filters: str, confirm_overwrite: bool = True
) -> tuple[str, str]:
    """A file name to write and the filter chosen with it ("", "" when cancelled)."""
    dialog = _dialog(parent, title, folder, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    files, chosen = _run(dialog)
    return (files[0], chosen) if files else ("", "")
