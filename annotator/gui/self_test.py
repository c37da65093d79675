"""`annotator --self-test`: does this installation work, end to end?

It is what a packaged build is checked with: a frozen app that starts can still lack a Qt
plugin, a data file (the demo reports, an icon, a translation) or the means to start its
export workers. So it does what a user's first session does, on the demo project, in a
temporary folder that stands in for the user's data folder (their settings, projects and
logs are not touched): builds the demo, opens the window as a made-up annotator, checks an
article is shown with its highlights, opens the review window, exports the project by
worker processes, and closes everything. One line says it passed, or what failed (exit 1).

Without a display it runs on Qt's offscreen platform.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ANNOTATOR = "self-test"
WORKERS = 2


class Failed(Exception):
    pass


class Steps:
    """The step under way, named in the one line a failure prints."""

    def __init__(self) -> None:
        self.current = "start"

    def __call__(self, name: str) -> Steps:
        self.current = name
        return self


def check(condition: object, what: str) -> None:
    if not condition:
        raise Failed(what)


def run() -> int:
    steps = Steps()
    try:
        said = _self_test(steps)
    except Exception as exc:  # every failure is the answer, in one line
        reason = str(exc) if isinstance(exc, Failed) else f"{type(exc).__name__}: {exc}"
        reason = " ".join(reason.split())
        print(f"annotator: self-test failed: {steps.current}: {reason}", file=sys.stderr)
        return 1
    print(f"annotator: self-test passed ({said})")
    return 0


@contextmanager
def _environment(folder: Path) -> Iterator[None]:
    """The user's data and log folders replaced by `folder`, and a platform to draw on."""
    saved = {k: os.environ.get(k) for k in ("ANNOTATOR_DATA_DIR", "ANNOTATOR_LOG_DIR")}
    os.environ["ANNOTATOR_DATA_DIR"] = str(folder / "data")
    os.environ.pop("ANNOTATOR_LOG_DIR", None)
    if "QT_QPA_PLATFORM" not in os.environ:
        from annotator.gui.display import display_problem

        if display_problem() is not None:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextmanager
def _exceptions_recorded() -> Iterator[list[str]]:
    """An exception in a slot is reported by PySide6 and the event loop goes on: record
    them, so one makes the self-test fail instead of passing unnoticed."""
    raised: list[str] = []
    previous = sys.excepthook

    def hook(exc_type, exc, tb) -> None:
        raised.append(f"{exc_type.__name__}: {exc}")
        previous(exc_type, exc, tb)

    sys.excepthook = hook
    try:
        yield raised
    finally:
        sys.excepthook = previous


def _to_log(mode, context, message: str) -> None:
    from annotator import logs

    logs.log().info("Qt: %s", message)


def highlighted(editor) -> int:
    """How many stretches of the editor's text are drawn highlighted (as painted: the
    tints the highlighter gave each paragraph's layout, and the underlines it gave the
    view to paint)."""
    count = 0
    block = editor.document().firstBlock()
    while block.isValid():
        count += len(block.layout().formats())
        count += len(editor.highlighter.underlines(block.blockNumber()))
        block = block.next()
    return count


def _self_test(steps: Steps) -> str:
    # ignore_cleanup_errors: on Windows a file an exiting worker still holds must not turn
    # a pass into a failure.
    with tempfile.TemporaryDirectory(
        prefix="annotator-self-test-", ignore_cleanup_errors=True
    ) as tmp:
        folder = Path(tmp)
        with _environment(folder):
            return _steps(steps, folder)


def _steps(steps: Steps, folder: Path) -> str:
    steps("demo")
    from annotator.demo import build_demo
    from annotator.storage import Project

    demo = folder / "demo.db"
    build_demo(demo)
    with Project.open(demo) as project:
        documents = project.document_count()
        annotators = project.annotators()
    check(documents > 0, "the demo project has no documents")
    check(len(annotators) >= 2, f"the demo project has {len(annotators)} annotators, not two")

    steps("Qt")
    from PySide6.QtCore import qInstallMessageHandler

    from annotator import logs
    from annotator.gui.app import app_icon, application, log_start

    application()
    log_file = logs.setup()
    # Qt's warnings (the offscreen platform has a few) go to the log: the answer is one line.
    previous = qInstallMessageHandler(_to_log)
    try:
        log_start()
        icon_sizes = len(app_icon().availableSizes())
        with _exceptions_recorded() as raised:
            shown = _windows(steps, demo, folder, annotators[0], documents)
        check(not raised, f"an exception was raised in the window: {raised[0] if raised else ''}")
        steps("log")
        logs.log().info("self-test done")
    finally:
        qInstallMessageHandler(previous)
        logs.stop()
    check(log_file is not None, "no log file could be written")
    check("starting" in log_file.read_text(encoding="utf-8"), "the log file stayed empty")
    return (
        f"demo: {documents} documents, {len(annotators)} annotators; {shown}; "
        f"icon sizes: {icon_sizes}"
    )


def _windows(steps: Steps, demo: Path, folder: Path, annotator: str, documents: int) -> str:
    from PySide6.QtWidgets import QApplication

    from annotator.core.errors import ProjectError
    from annotator.gui.app import Running
    from annotator.gui.main_window import MainWindow
    from annotator.storage import Project
    from annotator.storage.lock import ProjectLock, lock_path

    steps("window")
    lock = ProjectLock.acquire(demo)
    window = None
    try:
        try:
            ProjectLock.acquire(demo).release()
        except ProjectError as exc:
            check(exc.code == "locked", f"a second window's lock failed otherwise: {exc}")
        else:
            raise Failed("a second window could lock the project the first has open")
        window = Running(MainWindow(Project.open(demo), ANNOTATOR, lock=lock)).window
        window.show()
        QApplication.processEvents()
        check(window.current is not None, "no document is shown")
        text = window.article.toPlainText()
        check(text.strip(), "the article is empty")
        check(
            text.split() == window.current.text.split(),
            f"the article does not show document {window.current.id}",
        )
        marks = highlighted(window.article)
        check(marks > 0, f"document {window.current.id} is shown without highlights")

        steps("review window")
        review = window.open_review()
        check(review is not None, "the review window did not open")
        QApplication.processEvents()
        check(review.items, "the review window lists no documents")
        check(highlighted(review.article) > 0, "the review window shows no spans")

        steps("export")
        exported = _export(demo, folder, annotator, documents)

        steps("close")
        window.close()
        QApplication.processEvents()
        check(not review.isVisible(), "the review window stayed open")
        check(not lock.held, "closing the window did not release its project's lock")
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
        lock.release()
    check(not lock_path(demo).exists(), "the project lock was not released")
    return (
        f"window: {marks} highlights; review: {len(review.items)} finished documents; "
        f"export: {exported}"
    )


def _export(demo: Path, folder: Path, annotator: str, documents: int) -> str:
    """Export the demo as JSONL and CoNLL by worker processes, as the window and the command
    line do, and check the files match what one process writes."""
    from annotator.formats import export_workers
    from annotator.formats.conll_export import export_conll
    from annotator.formats.export_jsonl import export_jsonl
    from annotator.storage import Project

    chunk = export_workers.CHUNK
    # Runs of two documents, so the demo's few are shared among the workers rather than all
    # handed to the first one.
    export_workers.CHUNK = 2
    try:
        with Project.open(demo) as project:
            # One annotator's layer: a line for every document.
            lines = export_jsonl(project, folder / "two.jsonl", annotator, workers=WORKERS)
            export_jsonl(project, folder / "one.jsonl", annotator, workers=1)
            report = export_conll(
                project, folder / "two.conll", annotator=annotator, workers=WORKERS
            )
            export_conll(project, folder / "one.conll", annotator=annotator, workers=1)
    finally:
        export_workers.CHUNK = chunk
    written = (folder / "two.jsonl").read_text(encoding="utf-8").splitlines()
    check(lines == documents == len(written), f"{lines} JSONL lines for {documents} documents")
    check(all("text" in json.loads(line) for line in written), "a JSONL line has no text")
    for name in ("jsonl", "conll"):
        by_workers = (folder / f"two.{name}").read_bytes()
        check(
            by_workers == (folder / f"one.{name}").read_bytes(),
            f"the {name} export by {WORKERS} workers differs from one process's",
        )
    check(report.tokens > 0, "the CoNLL export has no tokens")
    return f"{WORKERS} worker processes, {lines} JSONL lines, {report.tokens} CoNLL tokens"
