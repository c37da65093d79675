"""A project file from elsewhere is checked before use: ours, a version we know, and exactly
the schema our migrations create. Refused files are named in one line and left untouched, on
every path that opens one: the command line, the window's start, merge, restore."""

from __future__ import annotations

import sqlite3
import sys
import types
from pathlib import Path

import pytest

from annotator.core import Document, Span
from annotator.core.errors import ProjectError
from annotator.storage import Project
from annotator.storage import connection as connection_module
from annotator.storage.backups import restore_backup
from annotator.storage.migrations import MIGRATIONS
from tests.project_files import FROM_THE_FUTURE

NOT_AS_WRITTEN = "not an annotator project file as this version writes it"


def make_project(path: Path) -> Path:
    with Project.open(path, create=True) as project:
        doc = project.add_document(Document("hama", "قصفت طائرات حماة"))
        project.add_span(doc.rowid, Span(12, 16, "LOCATION", "amira"))
    return path


def changed(path: Path, *statements: str) -> Path:
    """Change the file behind annotator's back, as another program would."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()
    return path


TAMPERED = {
    "wrong-application-id": (
        ["PRAGMA application_id = 0x12345678"],
        "not an annotator project (an SQLite file of another application, id 0x12345678)",
    ),
    "newer-schema": (
        [FROM_THE_FUTURE],
        "written by a newer version of annotator (schema 0099_from_the_future); "
        "upgrade annotator to open it",
    ),
    "missing-table": (
        ["DROP TABLE gold_rejections"],
        f"{NOT_AS_WRITTEN}: its table 'gold_rejections' is missing",
    ),
    "missing-column": (
        ["ALTER TABLE labels DROP COLUMN description"],
        f"{NOT_AS_WRITTEN}: its table 'labels' has no column 'description'",
    ),
    "extra-column": (
        ["ALTER TABLE spans ADD COLUMN note TEXT"],
        f"{NOT_AS_WRITTEN}: its table 'spans' has a column 'note' that annotator did not create",
    ),
    "extra-trigger": (
        ["CREATE TRIGGER wipe AFTER INSERT ON spans BEGIN DELETE FROM documents; END"],
        f"{NOT_AS_WRITTEN}: it has a trigger 'wipe' that annotator did not create",
    ),
    "extra-view": (
        ["CREATE VIEW everything AS SELECT * FROM documents"],
        f"{NOT_AS_WRITTEN}: it has a view 'everything' that annotator did not create",
    ),
    "extra-table": (
        ["CREATE TABLE notes (x TEXT)"],
        f"{NOT_AS_WRITTEN}: it has a table 'notes' that annotator did not create",
    ),
    "extra-index": (
        ["CREATE INDEX by_text ON documents (text)"],
        f"{NOT_AS_WRITTEN}: it has an index 'by_text' that annotator did not create",
    ),
    "changed-index": (
        ["DROP INDEX spans_by_annotator", "CREATE INDEX spans_by_annotator ON spans (label_id)"],
        f"{NOT_AS_WRITTEN}: its index 'spans_by_annotator' on 'spans' is not the one it had",
    ),
    "table-made-a-view": (
        ["DROP TABLE project_info", "CREATE VIEW project_info AS SELECT 'k' AS key, 'v' AS value"],
        f"{NOT_AS_WRITTEN}: it has a view 'project_info' that annotator did not create",
    ),
}


@pytest.fixture(params=sorted(TAMPERED))
def tampered(request, tmp_path) -> tuple[Path, str, bytes]:
    """A project file changed one way, its expected message, and its bytes."""
    statements, message = TAMPERED[request.param]
    path = changed(make_project(tmp_path / "theirs.db"), *statements)
    return path, message, path.read_bytes()


def untouched(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-")]
    assert leftovers == []  # no WAL or shared memory file left beside it


def test_opening_it_is_refused_in_one_line_and_changes_nothing(tampered):
    path, message, before = tampered
    with pytest.raises(ProjectError) as refused:
        Project.open(path)
    assert str(refused.value) == f"{path}: {message}"
    untouched(path, before)


def test_a_refused_file_in_rollback_mode_is_not_switched_to_wal(tmp_path):
    path = changed(
        make_project(tmp_path / "theirs.db"),
        "PRAGMA journal_mode = DELETE",
        "CREATE TRIGGER wipe AFTER INSERT ON spans BEGIN DELETE FROM documents; END",
    )
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="it has a trigger 'wipe'"):
        Project.open(path)
    untouched(path, before)


def test_the_command_line_refuses_it(cli, tampered):
    path, message, before = tampered
    code, out, err = cli("stats", path)
    assert (code, out, err) == (2, "", f"annotator: {path}: {message}\n")
    untouched(path, before)


def test_the_window_is_not_started_on_it(cli, tampered, monkeypatch):
    path, message, before = tampered
    # The app's module stands in for Qt's: the check must come before it is ever reached.
    window = types.ModuleType("annotator.gui.app")

    def run_app(*args, **kwargs):
        raise AssertionError("the window was started on a refused file")

    window.run_app = run_app
    window.show_refusal = lambda line: None
    monkeypatch.setitem(sys.modules, "annotator.gui.app", window)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # a display, so the file is what fails
    code, _, err = cli(path)
    assert (code, err) == (2, f"annotator: {path}: {message}\n")
    untouched(path, before)


def test_merge_refuses_it_and_changes_neither_file(cli, tampered, tmp_path):
    path, message, before = tampered
    ours = make_project(tmp_path / "review.db")
    ours_before = ours.read_bytes()
    code, _, err = cli("merge", ours, path)
    assert (code, err) == (2, f"annotator: {path}: {message}\n")
    untouched(path, before)
    untouched(ours, ours_before)


def test_a_backup_like_it_is_not_restored(tampered, tmp_path):
    path, message, _ = tampered
    changed(path, "PRAGMA journal_mode = DELETE")  # one file, as take_backup writes them
    before = path.read_bytes()
    project = make_project(tmp_path / "mine.db")
    with Project.open(project) as opened:
        opened.add_span(1, Span(5, 11, "ACTOR", "amira"))
    project_before = project.read_bytes()
    with pytest.raises(ProjectError) as refused:
        restore_backup(path, project)
    assert str(refused.value) == f"{path}: not a usable backup: {message}"
    untouched(path, before)
    assert project.read_bytes() == project_before


def test_a_trigger_never_runs_on_our_writes(tmp_path):
    """What the check is for: a trigger in a received file would act on what we write."""
    path = changed(
        make_project(tmp_path / "theirs.db"),
        "CREATE TABLE IF NOT EXISTS _seen (x)",
        "CREATE TRIGGER spy AFTER INSERT ON spans BEGIN INSERT INTO _seen VALUES (1); END",
    )
    with pytest.raises(ProjectError, match="a trigger 'spy'"):
        Project.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM _seen").fetchone()[0] == 0
    conn.close()


def older(path: Path) -> Path:
    """The file as the version before the newest migration wrote it."""
    last = MIGRATIONS._migrations[-1].name
    assert last == "0006_hub_sync"  # what this undoes; update with a new migration
    return changed(
        path,
        "DROP TABLE hub_sync",
        f"DELETE FROM _sqlite_migrations WHERE name = '{last}'",
    )


def test_an_older_file_is_checked_against_its_own_schema_and_migrated(tmp_path):
    path = older(make_project(tmp_path / "old.db"))
    with Project.open(path) as project:
        assert project.db["hub_sync"].exists()
        assert [s.label for s in project.spans(1)] == ["LOCATION"]


def test_an_older_file_with_a_trigger_is_refused_before_any_migration(tmp_path):
    path = changed(
        older(make_project(tmp_path / "old.db")),
        "CREATE TRIGGER wipe AFTER INSERT ON _sqlite_migrations BEGIN DELETE FROM spans; END",
    )
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="it has a trigger 'wipe'"):
        Project.open(path)
    untouched(path, before)


def test_migrations_out_of_order_are_refused(tmp_path):
    path = changed(
        make_project(tmp_path / "p.db"),
        "DELETE FROM _sqlite_migrations WHERE name = '0002_suggestion_rejections'",
    )
    with pytest.raises(ProjectError, match=r"its migrations .* are out of order"):
        Project.open(path)


@pytest.mark.parametrize(
    "statement",
    [
        "ANALYZE",  # sqlite_stat1: SQLite's own table, holding no code
        "VACUUM",
        "PRAGMA journal_mode = DELETE",
        "INSERT INTO project_info VALUES ('note', 'from another tool')",
    ],
)
def test_what_sqlite_or_a_user_may_do_to_a_project_is_accepted(tmp_path, statement):
    path = changed(make_project(tmp_path / "p.db"), statement)
    with Project.open(path) as project:
        assert project.document_count() == 1


def test_a_new_migration_is_expected_without_being_written_out_again(tmp_path, monkeypatch):
    """The expected schema is the migrations' own: a table a new migration creates is
    required at once, and one it drops is no longer accepted."""
    path = make_project(tmp_path / "p.db")

    def add_table(db):
        db.execute("CREATE TABLE entity_links (span_id INTEGER NOT NULL, target TEXT NOT NULL)")

    newer = type(MIGRATIONS)("annotator")
    for migration in MIGRATIONS._migrations:
        newer(name=migration.name)(migration.fn)
    newer(name="0099_entity_links")(add_table)
    monkeypatch.setattr(connection_module, "MIGRATIONS", newer)
    with Project.open(path):
        pass  # migrated: it now has the table
    changed(path, "DROP TABLE entity_links")
    with pytest.raises(ProjectError, match="its table 'entity_links' is missing"):
        Project.open(path)


def test_the_check_reads_the_schema_only_so_it_stays_quick_on_a_large_project(tmp_path):
    """The number of statements does not grow with the data (a time would be flaky)."""
    small = make_project(tmp_path / "small.db")
    large = tmp_path / "large.db"
    with Project.open(large, create=True) as project, project.transaction():
        for n in range(2000):
            doc = project.insert_document(Document(f"d{n}", f"غارة رقم {n} على حماة"))
            project.add_span(doc.rowid, Span(0, 4, "NUMBER", "amira"))

    def statements(path: Path) -> int:
        conn = sqlite3.connect(path)
        steps = []
        conn.set_trace_callback(steps.append)
        conn.set_progress_handler(lambda: steps.append(None), 1000)
        connection_module.check_project(conn, path)
        conn.close()
        return len(steps)

    assert statements(large) == statements(small)


def test_a_creation_killed_before_its_first_migration_is_finished_on_opening(tmp_path):
    """sqlite-utils makes its (empty) table of migrations outside the first migration: that
    alone in a file is a project whose creation was cut short, not someone else's file."""
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE _sqlite_migrations "
        "(id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, applied_at TEXT)"
    )
    conn.close()
    with Project.open(path) as project:
        assert project.document_count() == 0
    other = changed(
        tmp_path / "other.db",
        "CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT)",
        "INSERT INTO _sqlite_migrations VALUES ('their_app', '0001', '2024-01-01')",
    )
    with pytest.raises(ProjectError, match="an SQLite database with tables _sqlite_migrations"):
        Project.open(other)


def test_a_read_only_project_file_is_one_line_and_leaves_nothing_beside_it(
    cli, tmp_path, monkeypatch
):
    """A user who cannot write the file (mode 444 not theirs: root writes anyway, so the
    permission check itself is replaced here)."""
    import annotator.storage.connection as connection

    path = make_project(tmp_path / "shared.db")
    before = path.read_bytes()
    article = tmp_path / "a.txt"
    article.write_text("قصفت الطائرات مدينة حماة.", "utf-8")
    real = connection.os.access
    monkeypatch.setattr(
        connection.os, "access", lambda p, mode: False if Path(p) == path else real(p, mode)
    )
    code, _, err = cli("import", path, article)
    assert code == 2
    assert err == f"annotator: {path}: the project file is read-only: annotator writes to it " \
        "as you work (make it writable, or copy it)\n"  # fmt: skip
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "shared.db"]


def test_a_write_refused_as_read_only_after_opening_is_a_project_error(tmp_path):
    with Project.open(make_project(tmp_path / "p.db")) as project:
        project.db.execute("PRAGMA query_only = ON")  # writes now fail as on a read-only file
        with pytest.raises(ProjectError, match="read-only: nothing was changed"):
            project.set_status(1, "amira", "done")
