"""Rolling backups: whole projects taken beside an open connection, skipped when nothing
changed, rotated, and restored with the state they replace kept."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime

import pytest

from annotator.core import Document, ProjectError
from annotator.core.spans import Span
from annotator.paths import user_data_dir
from annotator.storage import Project
from annotator.storage import backups as backups_module
from annotator.storage.backups import (
    KEPT,
    backup_folder,
    backup_owner,
    list_backups,
    restore_backup,
    take_backup,
)

TEXT = "قصفت طائرات حربية مدينة حماة، وقال المرصد إن 12 غارة استهدفتها."


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        doc = project.add_document(Document("ar", TEXT))
        project.add_span(doc.rowid, Span(*at("طائرات حربية"), "ACTOR", "amira"))
    return path


def add(path, part: str, label: str = "LOCATION", annotator: str = "amira") -> None:
    with Project.open(path) as project:
        project.add_span(project.document_by_id("ar").rowid, Span(*at(part), label, annotator))


def spans_of(path) -> list[tuple[str, str]]:
    with Project.open(path) as project:
        doc = project.document_by_id("ar")
        return sorted((doc.text[s.start : s.end], s.label) for s in project.spans(doc.rowid))


def test_a_backup_is_a_whole_project_in_the_projects_own_folder(path):
    with Project.open(path) as open_project:  # as a window holds it: open, in WAL mode
        backup = take_backup(open_project)
    assert backup.path.parent == backup_folder(path)
    assert backup.path.parent.parent == user_data_dir() / "backups"
    assert backup.path.parent.name.startswith("p-")
    assert backup_owner(backup.path.parent) == str(path.resolve())
    assert (backup.documents, backup.spans, backup.before_restore) == (1, 1, False)
    assert backup.size == backup.path.stat().st_size
    conn = sqlite3.connect(backup.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # One file, nothing beside it: no -wal to lose when someone copies it out by hand.
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert spans_of(backup.path) == [("طائرات حربية", "ACTOR")]
    assert sorted(p.name for p in backup.path.parent.iterdir()) == [
        backup.path.name,
        "project.txt",
    ]


def test_projects_with_the_same_name_keep_their_backups_apart(path, tmp_path):
    other = tmp_path / "elsewhere" / "p.db"
    other.parent.mkdir()
    Project.open(other, create=True).close()
    assert backup_folder(other) != backup_folder(path)
    take_backup(path)
    take_backup(other)
    assert [b.documents for b in list_backups(path)] == [1]
    assert [b.documents for b in list_backups(other)] == [0]
    assert backup_owner(backup_folder(other)) == str(other.resolve())


def test_an_unchanged_project_is_not_backed_up_again(path):
    first = take_backup(path)
    with Project.open(path) as project:
        assert take_backup(project) is None  # opened again, nothing edited
        assert take_backup(project) is None
    assert [b.path for b in list_backups(path)] == [first.path]


def test_any_change_is_backed_up_even_one_made_by_another_connection(path):
    take_backup(path)
    with Project.open(path) as window:
        add(path, "حماة")  # e.g. the command line, beside the window
        second = take_backup(window)
        assert second is not None and second.spans == 2
        # A relabel changes no count and no row id: the bytes still differ.
        window.relabel_span(window.spans(1)[0].rowid, "SOURCE")
        third = take_backup(window)
    assert third is not None and third.spans == 2
    assert ("طائرات حربية", "SOURCE") in spans_of(third.path)
    assert len(list_backups(path)) == 3


def test_only_the_newest_backups_are_kept(path):
    parts = ["طائرات", "حربية", "مدينة", "حماة", "وقال", "المرصد", "12", "غارة", "استهدفتها"]
    taken = [take_backup(path)]
    for part in [*parts, "قصفت", "حماة، وقال"]:
        add(path, part)
        taken.append(take_backup(path))
    assert len(taken) == KEPT + 2
    kept = list_backups(path)
    assert [b.path for b in kept] == [b.path for b in reversed(taken[-KEPT:])]
    assert [b.spans for b in kept] == list(range(len(taken), len(taken) - KEPT, -1))
    assert not any(b.path.exists() for b in taken[:-KEPT])


def test_names_sort_by_time_and_never_collide_when_the_clock_stands_still(path, monkeypatch):
    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 5, 9, 7, 35, 25, 123456, tzinfo=UTC)

    monkeypatch.setattr(backups_module, "datetime", Frozen)
    first = take_backup(path)
    add(path, "حماة")
    second = take_backup(path)
    assert first.path != second.path and second.taken_at > first.taken_at
    assert sorted([second.path.name, first.path.name]) == [first.path.name, second.path.name]
    assert first.path.name == "20260509T073525.123456Z.db"


def test_a_failed_backup_leaves_no_partial_file_and_deletes_no_old_backup(path, monkeypatch):
    monkeypatch.setattr(backups_module, "KEPT", 2)
    older = take_backup(path)
    add(path, "حماة")
    newer = take_backup(path)
    add(path, "المرصد")

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups_module.os, "replace", disk_full)
    with pytest.raises(ProjectError) as caught:
        take_backup(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: backup failed: No space left on device")
    assert "\n" not in message
    assert sorted(p.name for p in backup_folder(path).iterdir()) == [
        older.path.name,
        newer.path.name,
        "project.txt",
    ]


def test_sqlite_failing_mid_backup_is_one_line_naming_the_project(path, monkeypatch):
    def full(source, dest):
        dest.write_bytes(b"SQLite format 3\x00 half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups_module, "_copy", full)
    with pytest.raises(ProjectError, match="database or disk is full") as caught:
        take_backup(path)
    assert str(caught.value).startswith(f"{path}: ") and "\n" not in str(caught.value)
    assert list_backups(path) == []
    assert [p.name for p in backup_folder(path).iterdir()] == ["project.txt"]


def test_a_partial_left_by_a_crash_is_cleared_later(path):
    folder = backup_folder(path)
    folder.mkdir(parents=True)
    stale, fresh = folder / ".partial-old.db", folder / ".partial-new.db"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")  # perhaps a backup under way in another process
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    take_backup(path)
    assert not stale.exists() and fresh.exists()
    assert len(list_backups(path)) == 1  # neither ever counted as a backup


def test_a_backup_beside_an_open_write_transaction_holds_what_was_committed(path):
    writer = sqlite3.connect(path, isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM spans")
    try:
        backup = take_backup(path)  # does not wait for the writer, nor see its change
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert spans_of(backup.path) == [("طائرات حربية", "ACTOR")]


def test_restore_brings_back_the_spans_and_keeps_the_state_it_replaced(path):
    backup = take_backup(path)
    add(path, "حماة")
    add(path, "المرصد", "SOURCE")
    safety = restore_backup(backup, path)
    assert spans_of(path) == [("طائرات حربية", "ACTOR")]
    assert safety.before_restore and safety.spans == 3
    assert sorted(spans_of(safety.path)) == [
        ("المرصد", "SOURCE"),
        ("حماة", "LOCATION"),
        ("طائرات حربية", "ACTOR"),
    ]
    listed = list_backups(path)
    assert [(b.before_restore, b.spans) for b in listed] == [(True, 3), (False, 1)]
    # The restored project is an ordinary project again: open, edit, back up.
    add(path, "12")
    assert take_backup(path).spans == 2


def test_restoring_into_a_project_another_connection_reads(path):
    backup = take_backup(path)
    add(path, "حماة")
    with Project.open(path) as reader:
        assert len(reader.spans(1)) == 2
        restore_backup(backup.path, path)
        assert [s.label for s in reader.spans(1)] == ["ACTOR"]


def test_backups_before_a_restore_do_not_push_out_routine_ones(path):
    oldest = take_backup(path)
    for part in ["حماة", "المرصد", "12", "غارة", "مدينة", "قصفت", "وقال", "استهدفتها", "حربية"]:
        add(path, part)
        take_backup(path)
    assert len(list_backups(path)) == KEPT
    restore_backup(oldest, path)  # the oldest of ten: still there after its safety backup
    listed = list_backups(path)
    assert [b.before_restore for b in listed].count(False) == KEPT
    assert oldest.path.exists()
    assert spans_of(path) == [("طائرات حربية", "ACTOR")]


def spoil_an_index(path) -> None:
    """Overwrite one page of an index nothing but a check reads: every query still works."""
    conn = sqlite3.connect(path)
    [(page,)] = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'labels'"
    )
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * size + 8 : page * size] = b"\xa5" * (size - 8)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(spoil_an_index, id="index-damaged"),
        pytest.param(lambda p: p.write_bytes(b"not a database\n"), id="not-sqlite"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:5000]), id="truncated"),
        pytest.param(
            lambda p: p.write_bytes(p.read_bytes()[:4096] + b"\xa5" * (p.stat().st_size - 4096)),
            id="pages-overwritten",
        ),
    ],
)
def test_a_damaged_backup_is_refused_in_one_line_and_the_project_is_unchanged(path, spoil):
    backup = take_backup(path)
    add(path, "حماة")
    before = path.read_bytes()
    spoil(backup.path)
    with pytest.raises(ProjectError) as caught:
        restore_backup(backup, path)
    message = str(caught.value)
    assert message.startswith(f"{backup.path}: not a usable backup: ")
    assert "\n" not in message
    assert path.read_bytes() == before
    assert spans_of(path) == [("حماة", "LOCATION"), ("طائرات حربية", "ACTOR")]
    assert not any(b.before_restore for b in list_backups(path))  # refused before anything


def test_a_foreign_sqlite_file_is_not_restored(path, tmp_path):
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match=r"not a usable backup: not an annotator project"):
        restore_backup(foreign, path)
    assert spans_of(path) == [("طائرات حربية", "ACTOR")]


def test_an_empty_database_is_neither_backed_up_nor_restored(path, tmp_path):
    # Opening an empty file makes it a project, so the checks opening runs let it through.
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(ProjectError) as caught:
        restore_backup(empty, path)
    assert str(caught.value) == f"{empty}: not a usable backup: not an annotator project"
    with pytest.raises(ProjectError) as caught:
        take_backup(empty)
    assert str(caught.value) == f"{empty}: not an annotator project"
    assert spans_of(path) == [("طائرات حربية", "ACTOR")] and empty.read_bytes() == b""


def test_a_restore_waits_for_a_writer_then_gives_up_cleanly(path, monkeypatch):
    backup = take_backup(path)
    add(path, "حماة")
    monkeypatch.setattr(backups_module, "BUSY_TIMEOUT_S", 0.2)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ProjectError) as caught:
            restore_backup(backup, path)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    message = str(caught.value)
    assert message.startswith(f"{path}: restore failed, the project is unchanged: ")
    assert "locked" in message and "\n" not in message
    assert spans_of(path) == [("حماة", "LOCATION"), ("طائرات حربية", "ACTOR")]


def test_a_backup_that_cannot_be_read_is_listed_without_counts(path):
    backup = take_backup(path)
    backup.path.write_bytes(b"garbage")
    [listed] = list_backups(path)
    assert (listed.path, listed.documents, listed.spans) == (backup.path, None, None)


def test_a_missing_project_is_named(tmp_path):
    with pytest.raises(ProjectError, match="no such project file") as caught:
        take_backup(tmp_path / "gone.db")
    assert str(caught.value).startswith(str(tmp_path / "gone.db"))
