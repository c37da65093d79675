"""New, open and recent projects from the File menu: the window moves to another project
only once that project is locked and open, and owns the lock of the project it shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core import Document, ProjectError
from annotator.gui import file_dialogs
from annotator.gui.main_window import MainWindow
from annotator.gui.plain_text import shown_path
from annotator.gui.recent_projects import recent_projects
from annotator.gui.settings import app_settings
from annotator.paths import user_data_dir
from annotator.storage import Project
from annotator.storage.lock import ProjectLock

TEXT = "قصفت طائرات حربية مدينة حماة، وقال المرصد إن 12 غارة استهدفتها."


def make(path, uid):
    with Project.open(path, create=True) as project:
        project.add_document(Document(uid, TEXT, {"title": uid}))
    return path


@pytest.fixture
def first(tmp_path):
    return make(tmp_path / "first.db", "one")


@pytest.fixture
def second(tmp_path):
    return make(tmp_path / "second.db", "two")


@pytest.fixture
def window(qtbot, first):
    window = MainWindow(Project.open(first), "amira", lock=ProjectLock.acquire(first))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture(autouse=True)
def _no_message_boxes(warned):
    return warned


def is_locked(path) -> bool:
    try:
        ProjectLock.acquire(path).release()
    except ProjectError as exc:
        assert exc.code == "locked"
        return True
    return False


def switch(qtbot, window, method, *args, **kwargs):
    replaced = []
    window.replaced.connect(replaced.append)
    result = method(*args, **kwargs)
    for successor in replaced:
        qtbot.addWidget(successor)
    return result, replaced


def test_opening_another_project_moves_the_window_and_its_lock(qtbot, window, first, second):
    old_lock = window.project_lock
    successor, replaced = switch(qtbot, window, window.open_project, second)
    assert replaced == [successor] and successor is not window
    assert successor.project.path == second and successor.current.id == "two"
    assert successor.session.annotator == "amira"
    assert successor.isVisible() and not window.isVisible()
    assert not old_lock.held and not is_locked(first)  # the old project is free again
    assert successor.project_lock.held and is_locked(second)
    assert successor.statusBar().currentMessage() == "Opened second.db."
    settings = app_settings()
    assert settings.value("last_project") == str(second.resolve())
    assert recent_projects(settings) == [str(second.resolve()), str(first.resolve())]
    successor.close()
    assert not is_locked(second)


def test_a_project_open_in_another_window_is_refused_and_the_window_stays(
    qtbot, window, second, warned
):
    other = ProjectLock.acquire(second)  # another window has it
    try:
        result, replaced = switch(qtbot, window, window.open_project, second)
        assert result is window and replaced == []
        [text] = warned
        assert text.startswith(f"{second}: is already open in another annotator window")
        assert "\n" not in text
        assert other.held and window.project_lock.held
        assert window.project.document_count() == 1  # still open on its own project
    finally:
        other.release()


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"just some notes\n", "not an annotator project"), (None, "no such project file")],
)
def test_a_file_that_is_no_project_is_refused_and_its_lock_let_go(
    qtbot, window, tmp_path, warned, content, expected
):
    target = tmp_path / "notes.db"
    if content is not None:
        target.write_bytes(content)
    result, replaced = switch(qtbot, window, window.open_project, target)
    assert result is window and replaced == []
    [text] = warned
    assert text.startswith(f"{target}: {expected}") and "\n" not in text
    assert not is_locked(target)
    assert not target.exists() or target.read_bytes() == content
    assert window.project_lock.held and window.project.document_count() == 1


def test_the_project_already_shown_is_not_opened_twice(qtbot, window, first, warned):
    result, replaced = switch(qtbot, window, window.open_project, first)
    assert result is window and replaced == [] and warned == []
    assert window.statusBar().currentMessage() == "first.db is already open in this window."


def test_no_switch_while_work_is_under_way(qtbot, window, second, monkeypatch):
    monkeypatch.setattr(window.background, "busy", lambda: True)
    result, replaced = switch(qtbot, window, window.open_project, second)
    assert result is window and replaced == []
    assert "Wait for the work under way" in window.statusBar().currentMessage()
    assert not is_locked(second)


def test_new_project_starts_in_the_projects_folder_and_adds_the_suffix(
    qtbot, window, tmp_path, monkeypatch
):
    asked = []

    def save_dialog(parent, title, folder, filters, **kwargs):
        asked.append((folder, filters))
        return str(tmp_path / "survey"), filters

    monkeypatch.setattr(file_dialogs, "save_file", save_dialog)
    replaced = []
    window.replaced.connect(replaced.append)
    window.succession.ask_new_project()
    [(folder, filters)] = asked
    assert folder == str(user_data_dir() / "projects") and (user_data_dir() / "projects").is_dir()
    assert "*.db" in filters
    [successor] = replaced
    qtbot.addWidget(successor)
    created = tmp_path / "survey.db"
    assert successor.project.path == created and created.is_file()
    assert successor.current is None and successor.project.document_count() == 0
    assert [label.name for label in successor.labels] == ["ACTOR", "LOCATION", "NUMBER", "SOURCE"]
    assert is_locked(created)


def test_new_project_never_overwrites_an_existing_file(qtbot, window, second, warned):
    before = second.read_bytes()
    result, replaced = switch(qtbot, window, window.new_project, second)
    assert result is window and replaced == []
    [text] = warned
    assert text.startswith(f"{second}: already exists") and "Open project" in text
    assert second.read_bytes() == before


def test_open_project_offers_projects_and_all_files(qtbot, window, second, monkeypatch):
    asked = []

    def open_dialog(parent, title, folder, filters):
        asked.append((folder, filters))
        return str(second)

    monkeypatch.setattr(file_dialogs, "open_file", open_dialog)
    replaced = []
    window.replaced.connect(replaced.append)
    window.succession.ask_open_project()
    [(folder, filters)] = asked
    assert folder == str(second.parent)
    assert filters == "annotator projects (*.db *.sqlite);;All files (*)"
    [successor] = replaced
    qtbot.addWidget(successor)
    assert successor.project.path == second


def recent_entries(window):
    window.recent_menu.aboutToShow.emit()
    return [(a.text(), a.isEnabled(), a.isChecked()) for a in window.recent_menu.actions()]


def test_open_recent_lists_the_last_projects_and_greys_out_missing_ones(
    qtbot, window, first, second, tmp_path
):
    third = make(tmp_path / "third.db", "three")
    successor, _ = switch(qtbot, window, window.open_project, second)
    successor, _ = switch(qtbot, successor, successor.open_project, third)
    entries = recent_entries(successor)
    names = [text.split("\u2069")[0].lstrip("\u2068") for text, _, _ in entries]
    assert names == ["third.db", "second.db", "first.db"]
    assert entries[0][1:] == (False, True)  # the one shown: checked, not offered again
    assert all(enabled for _, enabled, _ in entries[1:])
    assert f"({shown_path(tmp_path)})" in entries[1][0]  # the folder, left to right
    second.unlink()
    entries = recent_entries(successor)
    assert entries[1][0].endswith("(missing)") and not entries[1][1]
    # Choosing first.db from the menu opens it.
    replaced = []
    successor.replaced.connect(replaced.append)
    successor.recent_menu.actions()[2].trigger()
    [back] = replaced
    qtbot.addWidget(back)
    assert back.project.path == first and back.current.id == "one"


def test_the_recent_list_keeps_eight(qtbot, tmp_path, first):
    paths = [make(tmp_path / f"p{n}.db", f"d{n}") for n in range(10)]
    for path in paths:
        window = MainWindow(Project.open(path), "amira")
        qtbot.addWidget(window)
        window.close()
    assert recent_projects(app_settings()) == [str(p.resolve()) for p in reversed(paths[-8:])]


def test_a_window_without_recent_projects_says_so(qtbot, tmp_path):
    window = MainWindow(Project.open(make(tmp_path / "only.db", "x")), "amira")
    qtbot.addWidget(window)
    app_settings().remove("recent_projects")
    assert recent_entries(window) == [("No recent projects", False, False)]


def test_switching_language_hands_the_lock_to_the_new_window(qtbot, qapp, window, first):
    from annotator.gui import i18n

    lock = window.project_lock
    successor, _ = switch(qtbot, window, window.set_language, "ar")
    try:
        assert successor.project_lock is lock and lock.held  # the closed window kept none
        assert window.project_lock is None
        assert successor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    finally:
        i18n.install(qapp, "en")
        app_settings().setValue(i18n.SETTINGS_KEY, "en")
    successor.close()
    assert not lock.held and not is_locked(first)
