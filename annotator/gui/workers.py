"""Long work off the GUI thread: imports and exports, each with its own connection.

An import runs in one transaction: cancelling it (or any error) rolls the whole import
back, so the project never holds half of it. An export writes to a temporary file renamed
at the end (formats/atomic.py), and cancelling stops it at its next write, so the old file
stays as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from annotator.core.errors import AnnotatorError
from annotator.core.records import ImportReport
from annotator.formats.atomic import WriteStopped, stoppable
from annotator.formats.sources import ImportOptions, find_sources, read_sources
from annotator.storage import Project
from annotator.storage.importing import import_records


class Cancelled(Exception):
    """Raised inside the work when the user cancels; it unwinds the transaction."""


class ImportWorker(QThread):
    progressed = Signal(int)  # documents read so far
    succeeded = Signal(object)  # ImportReport, with the readers' notes added
    failed = Signal(str, str)  # one line for the user, and the error's code; nothing imported

    def __init__(
        self,
        project_path: Path,
        paths: list[Path],
        options: ImportOptions,
        add_labels: bool = False,
    ) -> None:
        super().__init__()
        self.project_path = project_path
        self.paths = paths
        self.options = options
        self.add_labels = add_labels
        self._count = 0

    def _advance(self, _record) -> None:
        if self.isInterruptionRequested():
            raise Cancelled
        self._count += 1
        self.progressed.emit(self._count)

    def run(self) -> None:
        try:
            sources = find_sources(self.paths, self.options.format)
            with Project.open(self.project_path) as project:  # this thread's own connection
                report: ImportReport = import_records(
                    project,
                    read_sources(sources, self.options),
                    add_labels=self.add_labels,
                    on_record=self._advance,
                )
            report.notes[:0] = self.options.notes
            self.succeeded.emit(report)
        except Cancelled:
            self.failed.emit(self.tr("Import cancelled: nothing was imported."), "cancelled")
        except AnnotatorError as exc:
            self.failed.emit(str(exc), exc.code)


class ExportWorker(QThread):
    succeeded = Signal(str)  # what was written
    failed = Signal(str)

    def __init__(self, project_path: Path, out: Path, fmt: str, annotator: str) -> None:
        super().__init__()
        self.project_path, self.out, self.fmt, self.annotator = project_path, out, fmt, annotator

    def run(self) -> None:
        from annotator.formats.exports import ExportOptions, export_layer
        from annotator.formats.nothing_written import why_nothing_written

        try:
            # Every write asks whether Cancel was pressed: a cancelled export stops at its
            # next write and leaves the file it would have replaced as it was.
            with stoppable(self.isInterruptionRequested), Project.open(self.project_path) as p:
                exported = export_layer(p, self.out, self.fmt, ExportOptions(self.annotator))
                table, report = exported.table, exported.tagged
                if table is not None:
                    said = self.tr("Spans written: {rows}").format(rows=table.rows)
                    if table.neutralized:  # export_csv's docstring says why
                        said += self.tr(
                            "; cells given a leading ' so that spreadsheets show them as "
                            "text, not as formulas: {cells}"
                        ).format(cells=table.neutralized)
                elif report is not None:
                    said = self.tr("{tokens} tokens written; {inexact} spans not exact").format(
                        tokens=report.tokens, inexact=len(report.inexact_spans)
                    )
                else:
                    said = self.tr("{lines} documents written").format(lines=exported.written)
                if not exported.written:  # as the command line says it: an empty file is no fault
                    said = self.tr("No document written: {why}").format(
                        why=why_nothing_written(p, self.annotator, gold=False)
                    )
            self.succeeded.emit(said)
        except WriteStopped:
            self.failed.emit(self.tr("Export cancelled: the file was not changed."))
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:  # the target is a folder, the disk is full...
            self.failed.emit(f"{self.out}: {exc.strerror or exc}")


class AgreementWorker(QThread):
    """Computes `annotator agreement` and writes its HTML report (charts take a moment)."""

    succeeded = Signal(str)  # the report's path
    failed = Signal(str)

    def __init__(
        self, project_path: Path, folder: Path, annotators: list[str] | None = None
    ) -> None:
        super().__init__()
        self.project_path, self.folder, self.annotators = project_path, folder, annotators

    def run(self) -> None:
        from annotator.core.comparing import agreement_report
        from annotator.formats.agreement_html import write_report

        try:
            with Project.open(self.project_path) as project:
                report = agreement_report(project, self.annotators)
            if self.isInterruptionRequested():  # cancelled: write nothing, open nothing
                return
            path = write_report(report, self.folder, self.project_path.name)
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
            return
        except OSError as exc:  # a read-only folder, a full disk
            self.failed.emit(f"{self.folder}: {exc.strerror or exc}")
            return
        self.succeeded.emit(str(path))


class TrainingWorker(QThread):
    """Trains the project's tagger in a worker process: tens of seconds of CPU work that
    neither the GUI thread nor this thread's interpreter carries. The process writes the
    model into the project itself; stopping the worker (the window closing) ends it, and
    the model before stays."""

    trained = Signal(object)  # ModelInfo
    failed = Signal(str, str)  # one line, and the error's code

    def __init__(self, project_path: Path, starter: bool = False) -> None:
        """`starter`: take the starter model instead of training one."""
        super().__init__()
        self.project_path = project_path
        self.starter = starter

    def run(self) -> None:
        import multiprocessing

        from annotator.core.tagger import ModelInfo
        from annotator.storage.model_rows import train_in_child

        context = multiprocessing.get_context("spawn")  # no copy of the window's Qt state
        receive, send = context.Pipe(duplex=False)
        process = context.Process(
            target=train_in_child, args=(str(self.project_path), send, self.starter), daemon=True
        )
        process.start()
        send.close()
        while process.is_alive() and not receive.poll(0.1):
            if self.isInterruptionRequested():
                process.terminate()
                process.join()
                return
        try:
            outcome, said, code = receive.recv()
        except EOFError:  # the process died without a word (killed, out of memory)
            outcome, said, code = "failed", self.tr("The training stopped unexpectedly."), "died"
        process.join()
        if outcome == "trained":
            self.trained.emit(ModelInfo.from_json(said))
        else:
            self.failed.emit(said, code)


class LabelAllWorker(QThread):
    """Finds every occurrence of a span's text in every document (core/label_all.py), with
    its own connection: seconds on a large project, which the window does not wait for.
    The window stores what was found, through its session (one undo)."""

    found = Signal(object)  # core.label_all.Found
    failed = Signal(str)

    def __init__(self, project_path: Path, term: str, label: str, annotator: str) -> None:
        super().__init__()
        self.project_path = project_path
        self.term, self.label, self.annotator = term, label, annotator

    def run(self) -> None:
        from annotator.core.label_all import find_everywhere

        try:
            with Project.open(self.project_path) as project:
                result = find_everywhere(
                    project,
                    project.documents(),
                    self.term,
                    self.label,
                    self.annotator,
                    self.isInterruptionRequested,
                )
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
            return
        if result is not None:  # None: cancelled, nothing to store
            self.found.emit(result)
