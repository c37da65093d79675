"""Starting the app: --version, the default project, one window per project, refusals in
one line with exit code 2 before any window shows, and the log."""

from __future__ import annotations

import logging.handlers
import socket
import subprocess
import sys
import textwrap

import pytest

from annotator import __version__, logs
from annotator.core import Document
from annotator.core.errors import ProjectError
from annotator.paths import user_data_dir, user_log_dir
from annotator.storage import Project
from annotator.storage.lock import ProjectLock, lock_path
from tests.project_files import from_the_future

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the display check is Linux's"
)


@pytest.fixture(autouse=True)
def _log_closed():
    yield
    logs.stop()


@pytest.fixture
def no_window(monkeypatch):
    """Fail the test if a refusal got as far as starting the app."""

    def started(*args, **kwargs):
        raise AssertionError("the app was started")

    monkeypatch.setattr("annotator.gui.app.run_app", started)


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    return err.strip()


# -- --version ------------------------------------------------------------------------------


def test_version_prints_the_name_and_version_and_exits_0(capsys):
    from annotator.cli.main import main

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"annotator {__version__}\n"


# -- refusals before any window ------------------------------------------------------------


@linux_only
def test_no_display_is_one_line_and_creates_nothing(cli, tmp_path, monkeypatch, no_window):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    for args in ([tmp_path / "p.db"], [], ["--annotator", "amira"]):
        code, _, err = cli(*args)
        assert code == 2
        assert one_line(err).startswith("annotator: no display to open a window on")
        assert "xvfb-run -a" in err
    assert not (tmp_path / "p.db").exists()
    assert not (user_data_dir() / "projects").exists()  # no demo built either


def test_a_file_that_is_not_a_project_is_refused_unchanged(cli, tmp_path, no_window):
    path = tmp_path / "notes.db"
    path.write_bytes(b"shopping list\n")
    code, _, err = cli(path)
    assert code == 2
    assert one_line(err) == f"annotator: {path}: not an annotator project (not an SQLite database)"
    assert path.read_bytes() == b"shopping list\n"
    assert not lock_path(path).exists()


def test_a_project_of_a_newer_version_is_refused(cli, tmp_path, no_window):
    path = tmp_path / "p.db"
    Project.open(path, create=True).close()
    from_the_future(path)
    code, _, err = cli(path)
    assert code == 2
    assert one_line(err).startswith(f"annotator: {path}: ")
    assert "newer version of annotator" in err


def test_a_folder_is_refused(cli, tmp_path, no_window):
    code, _, err = cli(tmp_path)
    assert code == 2
    assert one_line(err) == f"annotator: {tmp_path}: is a folder, not a project file"


def test_an_empty_annotator_name_is_refused(cli, tmp_path, no_window):
    code, _, err = cli(tmp_path / "p.db", "--annotator", " ")
    assert code == 2
    assert "--annotator" in one_line(err)


# A real window in another process: `shown` once it is on screen (offscreen).
WINDOW = textwrap.dedent("""
    import sys
    from annotator.gui import main_window

    show = main_window.MainWindow.show

    def shown(self):
        show(self)
        print("shown", flush=True)

    main_window.MainWindow.show = shown
    from annotator.cli.main import main

    sys.exit(main(sys.argv[1:]))
""")


def test_a_project_open_in_another_window_is_refused_naming_it(cli, tmp_path, no_window):
    path = tmp_path / "p.db"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "ANNOTATOR_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    first = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(path), "--annotator", "amira"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert first.stdout.readline().strip() == "shown"
        code, _, err = cli(path, "--annotator", "omar")
        assert code == 2
        assert one_line(err) == (
            f"annotator: {path}: is already open in another annotator window "
            f"(process {first.pid} on {socket.gethostname()}); close that window first"
        )
        assert lock_path(path).exists()  # the refusal left the other window's lock alone
    finally:
        first.terminate()
        first.wait()
        first.stdout.close()
    ProjectLock.acquire(path).release()  # gone with its window


# -- the window holds the lock --------------------------------------------------------------


@pytest.fixture
def running(qapp, monkeypatch):
    """run_app with the event loop replaced by `during(window)`, which must close it."""
    from PySide6.QtWidgets import QApplication

    from annotator.gui.main_window import MainWindow

    calls = []

    def during(window):  # the default: just close it
        window.close()

    def exec_(self):
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        assert len(windows) == 1
        calls.append(windows[0])
        state["during"](windows[0])
        for window in QApplication.topLevelWidgets():
            if isinstance(window, MainWindow):
                window.close()
                window.deleteLater()
        return 0

    state = {"during": during, "windows": calls}
    monkeypatch.setattr(QApplication, "exec", exec_)
    return state


def test_the_window_holds_the_lock_across_a_language_switch_and_lets_go(running, tmp_path, qapp):
    from annotator.gui import i18n
    from annotator.gui.app import run_app

    path = tmp_path / "p.db"
    Project.open(path, create=True).close()
    seen = {}

    def during(window):
        seen["lock"] = window.project_lock
        with pytest.raises(ProjectError) as refused:
            ProjectLock.acquire(path)
        assert refused.value.code == "locked"
        successor = window.set_language("ar")
        assert successor is not window
        assert successor.project_lock is seen["lock"]
        with pytest.raises(ProjectError):  # still held, by the same app
            ProjectLock.acquire(path)

    running["during"] = during
    direction = qapp.layoutDirection()
    try:
        assert run_app(path, "amira") == 0
    finally:
        i18n.install(qapp, "en")
        qapp.setLayoutDirection(direction)
    assert isinstance(seen["lock"], ProjectLock)
    assert not seen["lock"].held
    assert not lock_path(path).exists()
    ProjectLock.acquire(path).release()


def test_the_lock_taken_by_the_command_line_is_the_one_the_window_holds(running, tmp_path):
    from annotator.gui.app import run_app

    path = tmp_path / "p.db"
    Project.open(path, create=True).close()
    taken = ProjectLock.acquire(path)
    seen = {}
    running["during"] = lambda window: seen.update(lock=window.project_lock)
    assert run_app(path, "amira", taken) == 0
    assert seen["lock"] is taken
    assert not taken.held


# -- the default project --------------------------------------------------------------------


def _remember(path: str) -> None:
    from annotator.gui.app import LAST_PROJECT_KEY
    from annotator.gui.settings import app_settings

    settings = app_settings()
    settings.setValue(LAST_PROJECT_KEY, path)
    settings.sync()


def test_without_a_project_the_demo_is_built_once_and_kept(running, tmp_path):
    from annotator.demo import demo_path
    from annotator.gui.app import run_app

    opened = []
    running["during"] = lambda window: opened.append(window.project.path)
    assert run_app(None, "amira") == 0
    demo = demo_path()
    assert opened == [demo]
    assert demo.parent.parent == user_data_dir()
    with Project.open(demo) as project:
        documents = project.document_count()
        assert documents > 0
        project.add_document(Document("mine", "نص أضافه المستخدم"))
    assert run_app(None, "amira") == 0
    assert opened == [demo, demo]
    with Project.open(demo) as project:  # opened again as the user left it, not rebuilt
        assert project.document_count() == documents + 1
    log = (user_log_dir() / logs.LOG_FILE).read_text(encoding="utf-8")
    assert f"annotator {__version__} starting: Python" in log
    assert f"opened project {demo} as amira" in log
    assert f"closed project {demo}" in log


def test_without_a_project_the_last_one_opens(running, tmp_path):
    from annotator.demo import demo_path
    from annotator.gui.app import run_app

    mine = tmp_path / "mine.db"
    Project.open(mine, create=True).close()
    _remember(str(mine))
    opened = []
    running["during"] = lambda window: opened.append(window.project.path)
    assert run_app(None, "amira") == 0
    assert opened == [mine]
    assert not demo_path().exists()


def test_a_last_project_that_is_gone_opens_the_demo_saying_so(running, tmp_path):
    from annotator.demo import demo_path
    from annotator.gui.app import run_app

    gone = tmp_path / "moved.db"
    _remember(str(gone))
    seen = []
    running["during"] = lambda window: seen.append(
        (window.project.path, window.statusBar().currentMessage())
    )
    assert run_app(None, "amira") == 0
    [(opened, message)] = seen
    assert opened == demo_path()
    assert str(gone) in message and "demo" in message
    assert not gone.exists()


def test_a_last_project_open_in_another_window_is_refused(running, tmp_path, capsys):
    from annotator.gui.app import run_app

    mine = tmp_path / "mine.db"
    Project.open(mine, create=True).close()
    _remember(str(mine))
    with ProjectLock.acquire(mine):
        assert run_app(None, "amira") == 2
    assert running["windows"] == []  # no window was shown
    err = capsys.readouterr().err
    assert one_line(err).startswith(f"annotator: {mine}: is already open in another annotator")


def test_a_last_project_that_is_no_project_now_is_refused(running, tmp_path, capsys):
    from annotator.gui.app import run_app

    mine = tmp_path / "mine.db"
    mine.write_text("not a project", encoding="utf-8")
    _remember(str(mine))
    assert run_app(None, "amira") == 2
    assert running["windows"] == []
    err = capsys.readouterr().err
    assert one_line(err) == f"annotator: {mine}: not an annotator project (not an SQLite database)"
    assert not lock_path(mine).exists()


# -- refusals in a dialog, for desktop launchers --------------------------------------------


@pytest.fixture
def dialogs(qapp, monkeypatch):
    """Critical message boxes, recorded instead of waited on."""
    from annotator.gui import app

    shown = []
    monkeypatch.setattr(
        app.QMessageBox, "critical", lambda parent, title, text: shown.append((title, text))
    )
    return shown


def test_a_launcher_gets_the_refusal_in_a_dialog_too(cli, tmp_path, no_window, dialogs):
    path = tmp_path / "notes.db"
    path.write_bytes(b"shopping list\n")
    code, _, err = cli(path)  # from a terminal: the line only
    assert code == 2 and dialogs == []
    code, _, err = cli("--error-dialogs", path)
    assert code == 2
    assert dialogs == [("annotator", one_line(err))]
    assert one_line(err).startswith(f"annotator: {path}: not an annotator project")


def test_a_launcher_gets_a_locked_last_project_in_a_dialog(running, tmp_path, capsys, dialogs):
    from annotator.gui.app import run_app

    mine = tmp_path / "mine.db"
    Project.open(mine, create=True).close()
    _remember(str(mine))
    with ProjectLock.acquire(mine):
        assert run_app(None, "amira", error_dialogs=True) == 2
    line = one_line(capsys.readouterr().err)
    assert dialogs == [("annotator", line)]
    assert "is already open in another annotator window" in line


# -- the log --------------------------------------------------------------------------------


def test_the_log_folder_follows_the_environment_and_the_platform(monkeypatch, tmp_path):
    monkeypatch.setenv("ANNOTATOR_LOG_DIR", str(tmp_path / "here"))
    assert user_log_dir() == tmp_path / "here"
    monkeypatch.delenv("ANNOTATOR_LOG_DIR")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path / "data"))
    assert user_log_dir() == tmp_path / "data" / "logs"
    monkeypatch.delenv("ANNOTATOR_DATA_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert user_log_dir() == tmp_path / "state" / "annotator" / "log"
    for unset in ("", "relative/state"):  # the XDG spec ignores relative paths
        monkeypatch.setenv("XDG_STATE_HOME", unset)
        assert user_log_dir() == tmp_path / ".local" / "state" / "annotator" / "log"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert user_log_dir() == tmp_path / "Library" / "Logs" / "annotator"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert user_log_dir() == tmp_path / "Local" / "annotator" / "Logs"


def test_the_log_goes_where_paths_says_and_rotates(tmp_path):
    path = logs.setup()
    assert path == user_log_dir() / "annotator.log"
    assert user_log_dir().parent == user_data_dir()  # a test never writes to the real home
    handler = logs._handler
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert (handler.maxBytes, handler.backupCount) == (1024 * 1024, 5)

    folder = tmp_path / "rotating"
    path = logs.setup(folder, max_bytes=2000)
    for n in range(400):
        logs.log().info("line %04d %s", n, "x" * 40)
    logs.stop()
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["annotator.log", *(f"annotator.log.{k}" for k in range(1, 6))]
    assert all((folder / name).stat().st_size <= 2000 for name in files)
    assert "line 0399" in path.read_text(encoding="utf-8")  # the newest in the current file
    assert "line 0000" not in "".join((folder / n).read_text(encoding="utf-8") for n in files)


def test_a_log_folder_that_cannot_be_made_sends_the_log_to_stderr(tmp_path, capsys):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    assert logs.setup(blocked / "logs") is None
    assert logs.log_path() is None
    logs.log().error("still said")
    err = capsys.readouterr().err
    assert "cannot write the log to" in err and "still said" in err


# -- the icon -------------------------------------------------------------------------------


def test_the_icon_has_every_size_there_is_and_none_is_no_error(qapp, tmp_path, monkeypatch):
    from PySide6.QtGui import QColor, QImage

    from annotator.gui import app as app_module

    monkeypatch.setattr(app_module, "ICONS", tmp_path)
    assert app_module.app_icon().isNull()  # none generated yet: Qt's default icon
    for size in (16, 48):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(QColor("#0072B2"))
        assert image.save(str(tmp_path / f"annotator-{size}.png"))
    (tmp_path / "annotator-99.png").write_bytes(b"not one of ours")
    icon = app_module.app_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == [16, 48]
    before = qapp.windowIcon()
    try:
        application = app_module.application()
        assert application.windowIcon().availableSizes() == icon.availableSizes()
        assert application.desktopFileName() == app_module.DESKTOP_ID
    finally:
        qapp.setWindowIcon(before)


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        ([], True),
        (["p.db"], True),
        (["--annotator", "amira"], True),
        (["--error-dialogs", "p.db"], True),
        (["export", "p.db", "out.jsonl"], False),
        (["--version"], False),
        (["--self-test"], False),
    ],
)
def test_which_arguments_open_the_window(argv, window):
    from annotator.cli.main import opens_window

    assert opens_window(argv) is window


def test_the_first_run_says_what_the_app_is_why_it_asks_and_what_opens(
    running, monkeypatch, tmp_path
):
    from annotator.gui import app as app_module

    asked = []

    def ask_name(text):
        asked.append(text)
        return "salma", True

    monkeypatch.setattr(app_module, "ask_name", ask_name)
    assert app_module.run_app(None) == 0  # no project named, no name yet: the first run
    [text] = asked
    assert "Arabic news reports" in text
    assert "recorded on every span" in text
    assert "demo project" in text and "opens next" in text
    mine = tmp_path / "mine.db"
    app_module.app_settings().remove("annotator")
    assert app_module.run_app(mine) == 0  # a project of one's own: no word of the demo
    assert "recorded on every span" in asked[1] and "demo" not in asked[1]
