"""File > Import files… and Export my spans…, and files dropped on the window: run in the
background (workers.py), with a progress dialog whose Cancel rolls an import back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from annotator.core.bidi import escaped_outside_isolates
from annotator.formats.sources import ImportOptions
from annotator.gui import file_dialogs
from annotator.gui.background import Background
from annotator.gui.workers import ExportWorker, ImportWorker

# Export my spans: the formats offered, by the file dialog's filter for each (not
# translated: format names and patterns).
EXPORT_FILTERS = {"jsonl": "JSONL (*.jsonl)", "conll": "CoNLL (*.conll)", "csv": "CSV (*.csv)"}


class Transfers(QObject):
    imported = Signal(object)  # the import's report, once it is in the project
    message = Signal(str)  # for the status bar

    def __init__(
        self,
        parent: QWidget,
        project: Path,
        background: Background,
        annotator: Callable[[], str],
    ) -> None:
        super().__init__(parent)
        self.parent_ = parent
        self.project = project
        self.background = background
        self.annotator = annotator  # the window's annotator now (it can change)

    def ask_import(self) -> None:
        files = file_dialogs.open_files(
            self.parent_,
            self.tr("Import documents"),
            "",
            self.tr("Documents (*.txt *.jsonl *.csv *.tsv *.conll *.json);;All files (*)"),
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: list[Path], annotator: str | None = None) -> ImportWorker:
        """Import in the background; the progress dialog's Cancel rolls it all back.

        Spans keep the annotator their file names (a colleague's work stays theirs); only
        files that name none get `annotator`, which the user chose when asked.
        """
        worker = ImportWorker(self.project, paths, ImportOptions(annotator=annotator))
        worker.succeeded.connect(self._imported)
        worker.failed.connect(lambda text, code: self._import_failed(paths, text, code))
        dialog = self.background.run(worker, self.tr("Importing…"))
        worker.progressed.connect(
            lambda n: dialog.setLabelText(
                self.tr("Importing… {count} documents read").format(count=n)
            )
        )
        return worker

    def _import_failed(self, paths: list[Path], text: str, code: str) -> None:
        if code == "no_annotator":  # CoNLL or a flat brat folder: ask whose spans they are
            name, ok = QInputDialog.getText(
                self.parent_,
                self.tr("Annotator"),
                self.tr("These files do not say who annotated them. Whose spans are they?"),
                text=self.annotator(),
            )
            if ok and name.strip():
                self.import_paths(paths, name.strip())
                return
        self.message.emit(escaped_outside_isolates(text))

    def _imported(self, report) -> None:
        self.message.emit(
            self.tr("Imported {documents} documents and {spans} spans ({notes} notes)").format(
                documents=report.documents_added, spans=report.spans_added, notes=len(report.notes)
            )
        )
        self.imported.emit(report)

    def ask_export(self) -> None:
        path, chosen = file_dialogs.save_file(
            self.parent_, self.tr("Export my spans"), "", ";;".join(EXPORT_FILTERS.values())
        )
        if path:
            fmt = next((f for f, shown in EXPORT_FILTERS.items() if shown == chosen), "jsonl")
            self.export_to(Path(path), fmt)

    def export_to(self, out: Path, fmt: str) -> ExportWorker:
        worker = ExportWorker(self.project, out, fmt, self.annotator())
        for signal in (worker.succeeded, worker.failed):
            # A file name in an error keeps the rest of the line in order (no override).
            signal.connect(lambda text: self.message.emit(escaped_outside_isolates(text)))
        self.background.run(worker, self.tr("Exporting…"))
        return worker
