"""Backups from the window: one when a project opens, then while editing at most one per
interval; File > Restore backup… brings back exactly the backed-up spans."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.core import Document, ProjectError
from annotator.gui import backup_dialog, backup_schedule
from annotator.gui.main_window import MainWindow
from annotator.storage import Project
from annotator.storage.backups import list_backups
from annotator.storage.lock import ProjectLock

ARABIC = "قصفت طائرات حربية روسية مدينة حماة، وقال المرصد إن 12 غارة استهدفتها."
SECOND = "نزح اكثر من 240 الف شخص من ريف ادلب."


def at(part, text=ARABIC):
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        project.add_document(Document("ar", ARABIC))
        project.add_document(Document("ar2", SECOND))
    return path


def open_window(qtbot, path, annotator="amira", lock=None):
    window = MainWindow(Project.open(path), annotator, lock=lock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def label(qtbot, window, part, key):
    window.article.select_range(*at(part, window.current.text))
    qtbot.keyClick(window.article, key)


def spans_in_window(window):
    text = window.current.text
    return sorted((text[s.start : s.end], s.label) for s in window.article.spans.values())


def spans_on_disk(path, uid="ar"):
    with Project.open(path) as project:
        doc = project.document_by_id(uid)
        return sorted((doc.text[s.start : s.end], s.label) for s in project.spans(doc.rowid))


@pytest.fixture(autouse=True)
def _no_message_boxes(warned):
    return warned


@pytest.fixture
def confirm(monkeypatch):
    """Answer the dialog's "Replace the project…?" with `answer[0]`; record the question."""
    asked = []
    answer = [QMessageBox.StandardButton.Yes]

    def question(parent, title, text, *args):
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(backup_dialog.QMessageBox, "question", question)
    return asked, answer


def choose(dialog, backup):
    row = [b.path for b in dialog.backups].index(backup.path)
    dialog.table.selectRow(row)
    assert dialog.chosen() == backup and dialog.restore_button.isEnabled()


def test_opening_a_project_backs_it_up_once_until_it_changes(qtbot, path):
    window = open_window(qtbot, path)
    assert [b.documents for b in list_backups(path)] == [2]
    window.close()
    open_window(qtbot, path).close()  # opened again without an edit: nothing new to keep
    assert len(list_backups(path)) == 1


def test_edits_back_up_only_once_the_interval_has_passed(qtbot, path, monkeypatch):
    monkeypatch.setattr(backup_schedule, "BACKUP_INTERVAL_S", 3600)
    window = open_window(qtbot, path)
    label(qtbot, window, "حماة", Qt.Key.Key_2)
    label(qtbot, window, "المرصد", Qt.Key.Key_4)
    assert [b.spans for b in list_backups(path)] == [0]  # only the one taken on opening
    monkeypatch.setattr(backup_schedule, "BACKUP_INTERVAL_S", 0)
    label(qtbot, window, "12 غارة", Qt.Key.Key_3)
    assert [b.spans for b in list_backups(path)] == [3, 0]
    monkeypatch.setattr(backup_schedule, "BACKUP_INTERVAL_S", 3600)
    window.undo()  # the clock started again at the last backup
    assert [b.spans for b in list_backups(path)] == [3, 0]


def test_a_failed_backup_is_a_status_message_and_editing_goes_on(qtbot, path, monkeypatch, caplog):
    window = open_window(qtbot, path)

    def disk_full(project):
        raise ProjectError("backup failed: database or disk is full", "backup_failed", str(path))

    monkeypatch.setattr(backup_schedule, "take_backup", disk_full)
    monkeypatch.setattr(backup_schedule, "BACKUP_INTERVAL_S", 0)
    with caplog.at_level(logging.WARNING, logger="annotator.gui.main_window"):
        label(qtbot, window, "حماة", Qt.Key.Key_2)
    assert spans_on_disk(path) == [("حماة", "LOCATION")]
    message = window.statusBar().currentMessage()
    assert message == f"No automatic backup: {path}: backup failed: database or disk is full"
    assert "database or disk is full" in caplog.text
    label(qtbot, window, "المرصد", Qt.Key.Key_4)  # the next edit works, and tries again
    assert spans_on_disk(path) == [("المرصد", "SOURCE"), ("حماة", "LOCATION")]


def test_restoring_through_the_dialog_brings_back_exactly_the_backed_up_spans(
    qtbot, path, confirm, warned
):
    asked, _ = confirm
    lock = ProjectLock.acquire(path)
    window = open_window(qtbot, path, lock=lock)
    label(qtbot, window, "طائرات حربية روسية", Qt.Key.Key_1)
    label(qtbot, window, "حماة", Qt.Key.Key_2)
    kept = window.back_up()
    assert kept is not None and kept.spans == 2
    label(qtbot, window, "المرصد", Qt.Key.Key_4)
    window.article.set_current(next(s for s in window.article.spans.values() if s.label == "ACTOR"))
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    window.step_document(forward=True)
    label(qtbot, window, "اكثر من 240 الف", Qt.Key.Key_3)
    window.step_document(forward=False)
    assert spans_in_window(window) == [("المرصد", "SOURCE"), ("حماة", "LOCATION")]

    replaced = []
    window.replaced.connect(replaced.append)
    dialog = window.succession.ask_restore()
    assert dialog.isVisible()
    assert dialog.table.rowCount() == len(list_backups(path)) == 2
    choose(dialog, kept)
    dialog.restore_button.click()
    assert warned == []
    [successor] = replaced
    qtbot.addWidget(successor)

    assert len(asked) == 1 and "kept as a backup first" in asked[0]
    assert not dialog.isVisible() and not window.isVisible()
    expected = [("حماة", "LOCATION"), ("طائرات حربية روسية", "ACTOR")]
    assert successor.current.id == "ar"
    assert spans_in_window(successor) == expected
    assert spans_on_disk(path) == expected
    assert spans_on_disk(path, "ar2") == []
    # The old history names spans that are gone: it is not carried over.
    assert not successor.session.can_undo and not successor.undo_action.isEnabled()
    assert successor.statusBar().currentMessage().startswith("Restored the backup taken ")
    assert "2 documents, 2 spans" in successor.statusBar().currentMessage()
    # The same lock, still held, now the successor's: a second window is still refused.
    assert successor.project_lock is lock and lock.held
    with pytest.raises(ProjectError, match="already open"):
        ProjectLock.acquire(path)
    # What the restore replaced is a backup too.
    [before] = [b for b in list_backups(path) if b.before_restore]
    assert before.spans == 3
    # The restored project is edited as usual, in the file.
    label(qtbot, successor, "12 غارة", Qt.Key.Key_3)
    assert ("12 غارة", "NUMBER") in spans_on_disk(path)
    successor.close()
    assert not lock.held


def test_declining_the_confirmation_restores_nothing(qtbot, path, confirm):
    _, answer = confirm
    answer[0] = QMessageBox.StandardButton.No
    window = open_window(qtbot, path)
    label(qtbot, window, "حماة", Qt.Key.Key_2)
    replaced = []
    window.replaced.connect(replaced.append)
    dialog = window.succession.ask_restore()
    choose(dialog, list_backups(path)[0])
    dialog.restore_button.click()
    assert replaced == [] and dialog.isVisible()
    assert spans_on_disk(path) == [("حماة", "LOCATION")]
    assert window.session.can_undo


def test_a_damaged_backup_is_refused_in_one_line_and_the_window_goes_on(
    qtbot, path, confirm, warned
):
    window = open_window(qtbot, path)
    [backup] = list_backups(path)
    label(qtbot, window, "حماة", Qt.Key.Key_2)
    backup.path.write_bytes(b"SQLite format 3\x00" + bytes(100))
    replaced = []
    window.replaced.connect(replaced.append)
    dialog = window.succession.ask_restore()
    assert dialog.table.item(0, 1).text() == "unreadable"
    choose(dialog, dialog.backups[0])
    dialog.restore_button.click()
    assert replaced == []
    [text] = warned
    assert text.startswith(f"{backup.path}: not a usable backup: ") and "\n" not in text
    assert spans_on_disk(path) == [("حماة", "LOCATION")]
    window.undo()  # the window still works on its project, history and all
    assert spans_on_disk(path) == []


def test_the_dialog_without_backups_says_so(qtbot, path, monkeypatch):
    monkeypatch.setattr(backup_schedule, "take_backup", lambda project: None)
    window = open_window(qtbot, path)
    dialog = window.succession.ask_restore()
    assert "no backups" in dialog.intro.text()
    assert dialog.table.isHidden() and not dialog.restore_button.isEnabled()
