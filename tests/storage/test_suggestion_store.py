"""What suggestions need from the store: accepted span texts, remembered rejections."""

import sqlite3

import sqlite_utils

from annotator.core import Document, Span
from annotator.core.gold import GoldSpan
from annotator.storage import Project
from annotator.storage.migrations import MIGRATIONS

TEXT = "قصفت طائرات روسية مدينة حماة وريف حماة"


def test_span_texts_count_every_layer_by_code_points(project):
    doc = project.add_document(Document("d", "😀 " + TEXT))
    hama = TEXT.index("حماة") + 2
    project.add_span(doc.rowid, Span(hama, hama + 4, "LOCATION", "amira"))
    project.add_span(doc.rowid, Span(hama, hama + 4, "LOCATION", "omar"))
    project.add_span(doc.rowid, Span(2, 6, "NUMBER", "omar"))
    project.add_gold_span(doc.rowid, GoldSpan(hama, hama + 4, "LOCATION"))
    rows = sorted(project.span_texts(exclude_labels=("NUMBER",)))
    assert rows == [("حماة", "LOCATION", 3)]  # the emoji before it shifts nothing
    assert ("قصفت", "NUMBER", 1) in set(project.span_texts())


def test_rejections_are_per_annotator_and_idempotent(project):
    doc = project.add_document(Document("d", TEXT))
    project.reject_suggestion(doc.rowid, "amira", 24, 28, "LOCATION")
    project.reject_suggestion(doc.rowid, "amira", 24, 28, "LOCATION")
    assert project.rejected_suggestions(doc.rowid, "amira") == {(24, 28, "LOCATION")}
    assert project.rejected_suggestions(doc.rowid, "omar") == set()


def test_a_project_from_before_rejections_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    MIGRATIONS.apply(db, stop_before="0002_suggestion_rejections")
    db.execute(
        "INSERT INTO documents (uid, text, hash, direction, length, created_at) "
        "VALUES ('d', 'نص', 'h', 'rtl', 2, 'then')"
    )
    conn.commit()
    conn.close()
    with Project.open(path) as project:
        assert [d.id for d in project.documents()] == ["d"]
        assert project.rejected_suggestions(1, "amira") == set()


def test_a_project_from_before_the_annotator_indexes_gets_them(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    MIGRATIONS.apply(db, stop_before="0003_by_annotator")
    conn.commit()
    conn.close()
    with Project.open(path) as project:
        indexes = {row[0] for row in project.db.execute("SELECT name FROM sqlite_master")}
        assert {"spans_by_annotator", "status_by_annotator"} <= indexes
        plan = " ".join(
            str(row)
            for row in project.db.execute(
                "EXPLAIN QUERY PLAN SELECT 1 FROM spans WHERE annotator_id = 1 LIMIT 1"
            )
        )
        assert "spans_by_annotator" in plan
