"""Opening project files: ours, foreign, newer, older, empty."""

import sqlite3

import pytest

from annotator.core import ProjectError
from annotator.storage import Project
from annotator.storage import migrations as migrations_module
from annotator.storage.migrations import APPLICATION_ID
from tests.project_files import from_the_future


def test_new_project_has_our_id_wal_and_default_labels(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        assert [label.name for label in project.labels()] == [
            "ACTOR",
            "LOCATION",
            "NUMBER",
            "SOURCE",
        ]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_keeps_everything_and_adds_no_labels(tmp_path):
    path = tmp_path / "p.db"
    Project.open(path, create=True).close()
    with Project.open(path) as project:
        assert len(project.labels()) == 4
        assert project.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert project.db.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_missing_file_is_not_created_unless_asked(tmp_path):
    with pytest.raises(ProjectError, match="no such project file") as exc:
        Project.open(tmp_path / "nope.db")
    assert str(tmp_path / "nope.db") in str(exc.value)
    assert not (tmp_path / "nope.db").exists()
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "no-folder" / "p.db", create=True)


def test_empty_file_becomes_a_project(tmp_path):
    path = tmp_path / "touched.db"
    path.touch()
    with Project.open(path) as project:
        assert project.document_count() == 0


@pytest.mark.parametrize(
    "content", [b"not a database at all\n", b"\x89PNG\r\n\x1a\n" + bytes(200), "نص".encode()]
)
def test_non_sqlite_files_are_refused_unchanged(tmp_path, content):
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match="not an SQLite database") as exc:
        Project.open(path)
    assert str(path) in str(exc.value)
    assert path.read_bytes() == content


def test_another_applications_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="tables customers"):
        Project.open(path)
    assert path.read_bytes() == before

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="another application"):
        Project.open(path)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ProjectError, match="is a folder"):
        Project.open(tmp_path)


def test_file_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "p.db"
    Project.open(path, create=True).close()
    from_the_future(path)
    with pytest.raises(ProjectError, match="newer version of annotator") as exc:
        Project.open(path)
    assert exc.value.code == "newer_project"


def test_file_from_an_older_version_is_migrated_keeping_its_data(tmp_path, monkeypatch):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        project.change_labels(lambda labels: labels.new("EVENT"))

    def add_column(db):
        db.execute("ALTER TABLE labels ADD COLUMN hint TEXT NOT NULL DEFAULT 'new column'")

    newer = migrations_module.sqlite_utils.Migrations("annotator")
    for migration in migrations_module.MIGRATIONS._migrations:
        newer(name=migration.name)(migration.fn)
    newer(name="0099_test_label_hint")(add_column)
    monkeypatch.setattr("annotator.storage.connection.MIGRATIONS", newer)

    with Project.open(path) as project:
        assert "EVENT" in project.labels()
        hints = {row[0] for row in project.db.execute("SELECT hint FROM labels")}
        assert hints == {"new column"}
        applied = [m.name for m in newer.applied(project.db)]
    real = [m.name for m in migrations_module.MIGRATIONS._migrations]
    assert applied == [*real, "0099_test_label_hint"]


def test_a_corrupted_project_is_refused_with_one_line(tmp_path):
    path = tmp_path / "p.db"
    with Project.open(path, create=True) as project:
        project.change_labels(lambda labels: labels.new("EVENT"))
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # keep the header, wreck the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectError, match="cannot use this file") as exc:
        Project.open(path)
    assert "\n" not in str(exc.value) and str(path) in str(exc.value)
    assert path.read_bytes() == bytes(data)
