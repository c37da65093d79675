"""Start the Qt application on a project, as a named annotator."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QSize, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox

from annotator import APP_ID, __version__, logs
from annotator.core.errors import AnnotatorError
from annotator.core.names import check_annotator_name
from annotator.demo import demo_path, demo_project
from annotator.gui import i18n
from annotator.gui.crash import CrashReporter
from annotator.gui.errors import said
from annotator.gui.main_window import MainWindow
from annotator.gui.plain_text import message_text
from annotator.gui.recent_projects import LAST_PROJECT_KEY
from annotator.gui.settings import app_settings
from annotator.storage import Project
from annotator.storage.lock import ProjectLock

ICONS = Path(__file__).with_name("icons")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# The desktop entry's id: Wayland compositors match the window to it for its icon and name.
DESKTOP_ID = APP_ID


def app_icon() -> QIcon:
    """The app's icon in every size that is there (none yet is no error: Qt's default)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = ICONS / f"annotator-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def application() -> QApplication:
    """The QApplication, named, with its icon and the interface language installed."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("annotator")
    app.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(DESKTOP_ID)
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    # Before any widget: the name prompt is already in the interface language.
    i18n.install(app, i18n.preferred_language())
    return app


def log_start() -> None:
    logs.log().info(
        "annotator %s starting: Python %s, Qt %s, PySide6 %s, %s (%s platform)",
        __version__,
        platform.python_version(),
        qVersion(),
        PySide6.__version__,
        platform.platform(),
        QApplication.platformName(),
    )


class Running:
    """The window the app holds now. A window that takes another's place (a language
    switch, another project, a restored backup) is announced by `replaced`, and held from
    then on. Each window owns the lock of the project it shows (MainWindow's `lock`) and
    hands it on or releases it as it closes."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._hold(window)

    def _hold(self, window: MainWindow) -> None:
        self.window = window
        window.replaced.connect(self._hold)
        window.replaced.connect(_log_replaced)


def _log_replaced(successor: MainWindow) -> None:
    logs.log().info("the window now shows %s", successor.project.path)


def first_run_text(demo_next: bool) -> str:
    """What the name prompt says on a first run: what the app is, why it wants a name, and
    what opens next."""
    said = [
        QApplication.translate(
            "app",
            "annotator labels Arabic news reports: the actors, locations, numbers and "
            "sources in them.",
        ),
        QApplication.translate(
            "app",
            "Your name is recorded on every span you make, so that a reviewer can compare "
            "annotators' work. You can change it later (File > Change annotator name).",
        ),
    ]
    if demo_next:
        said.append(
            QApplication.translate(
                "app",
                "A demo project with seven short reports opens next; File > New project… "
                "starts your own.",
            )
        )
    said.append(QApplication.translate("app", "Your name, recorded on every span:"))
    return "\n\n".join(said)


def ask_name(text: str) -> tuple[str, bool]:
    """The name prompt: `text` above a field, wrapped to a readable width."""
    dialog = QInputDialog()
    dialog.setWindowTitle(QApplication.translate("app", "Welcome to annotator"))
    dialog.setLabelText(text)
    for label in dialog.findChildren(QLabel):
        label.setWordWrap(True)
        label.setMinimumWidth(480)
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    return dialog.textValue(), accepted


def annotator_name(given: str | None, demo_next: bool = False) -> str | None:
    """The name recorded on every span: given on the command line, remembered from the
    first run, or asked now (and remembered). `demo_next`: the demo project opens next,
    and the prompt says so."""
    settings = app_settings()
    if given is not None:
        check_annotator_name(given)  # refused in one line, and never remembered
    name = given or settings.value("annotator")
    if given is None and not _acceptable(name):  # a name from an older version may not be
        name, text = None, first_run_text(demo_next)
        while not _acceptable(name):
            name, ok = ask_name(text)
            if not ok or not name.strip():
                return None
            name = name.strip()
            if not _acceptable(name):
                text = f"{_why(name)}\n\n{first_run_text(demo_next)}"
    settings.setValue("annotator", name.strip())
    return name.strip()


def _why(name: str) -> str:
    try:
        check_annotator_name(name)
    except AnnotatorError as exc:
        return said(exc)
    return ""


def _acceptable(name: object) -> bool:
    return isinstance(name, str) and bool(name.strip()) and not _why(name.strip())


def default_project() -> tuple[Path, str | None]:
    """What `annotator` opens when no project is named: the one the window had open last,
    else the demo project; and a note for the status bar when the last one has gone.

    A last project that has been moved or deleted is no reason not to start: the user
    launched the app, not that file, so the demo opens and the status bar says why. One that
    is still there but cannot be opened (another window has it, or it is no longer a
    project) is refused like a named one: opening the demo instead would look as if their
    work had vanished.
    """
    remembered = app_settings().value(LAST_PROJECT_KEY)
    note = None
    if isinstance(remembered, str) and remembered:
        last = Path(remembered)
        if last.exists():
            return last, None
        note = QApplication.translate(
            "app", "{path} is no longer there, so the demo project is open instead."
        ).format(path=remembered)
    return demo_project(), note


def open_project(path: Path, lock: ProjectLock | None) -> tuple[ProjectLock, Project]:
    """Lock the project for this window (unless the caller already has) and open it."""
    held = lock if lock is not None else ProjectLock.acquire(path)
    try:
        return held, Project.open(path, create=True)
    except BaseException:
        held.release()
        raise


def show_refusal(line: str) -> None:
    """A refusal's one line in a dialog, for a start from a desktop launcher (`annotator
    --error-dialogs`), where the error output goes nowhere anyone looks."""
    if QApplication.instance() is None:
        application()
    # A file name in the line is shown as it is: no override reordering it, no HTML.
    QMessageBox.critical(None, "annotator", message_text(line))


def run_app(
    path: Path | None,
    annotator: str | None = None,
    lock: ProjectLock | None = None,
    error_dialogs: bool = False,
) -> int:
    """Open the window on `path` (None: `default_project`) and run until it closes.

    `lock`: the project's lock when the command line took it already, before Qt started.
    The window owns it from then on; it is released here too in case the app ends without
    the window closing.
    """
    app = application()
    logs.setup()
    log_start()
    try:
        return _run(app, path, annotator, lock, error_dialogs)
    except Exception:
        logs.log().exception("the app could not start")
        raise
    finally:
        logs.stop()


def _run(
    app: QApplication,
    path: Path | None,
    annotator: str | None,
    lock: ProjectLock | None,
    error_dialogs: bool,
) -> int:
    note = None
    demo_next = False
    try:
        if path is None:
            path, note = default_project()
            demo_next = path == demo_path()
        held, project = open_project(path, lock)
    except (AnnotatorError, OSError) as exc:
        if isinstance(exc, AnnotatorError):
            line = f"annotator: {exc}"
        else:  # the demo could not be written into the data folder
            line = f"annotator: {exc.filename or path or 'the data folder'}: {exc.strerror or exc}"
        print(line, file=sys.stderr)
        logs.log().info("not opened: %s", line)
        if error_dialogs:
            show_refusal(line)
        return 2
    running = None
    try:
        name = annotator_name(annotator, demo_next)
        if name is None:
            project.close()
            print("annotator: no annotator name given; nothing opened", file=sys.stderr)
            return 2
        logs.log().info("opened project %s as %s", path, name)
        reporter = CrashReporter()
        reporter.install()
        try:
            try:
                window = MainWindow(project, name, lock=held)
            except BaseException:
                project.close()
                raise
            running = Running(window)
            window.show()
            # Its shortcuts (Ctrl+Z, F8…) work only in the active window; a desktop's window
            # manager activates a new window, a bare X server (Xvfb) does not.
            window.activateWindow()
            if note:
                window.statusBar().showMessage(note, 15000)
            return app.exec()
        finally:
            reporter.uninstall()
            if running is not None:
                logs.log().info("closed project %s", running.window.project.path)
    finally:
        held.release()
        if running is not None and running.window.project_lock is not None:
            running.window.project_lock.release()
