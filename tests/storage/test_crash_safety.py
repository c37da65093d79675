"""Crash safety: real writers killed with SIGKILL at random (seeded) moments.

The harness (tests/stress/harness.py) and its longer run (tests/stress/crash_safety.py,
hundreds of kills) say what is checked; here a few dozen kills run in CI, and the checks
themselves are shown to catch what they are there to catch.
"""

from __future__ import annotations

import sys

import pytest
import sqlite_utils

from annotator.core.document import Document
from annotator.core.spans import Span
from annotator.storage import Project
from annotator.storage.migrations import MIGRATIONS
from tests.stress import harness
from tests.stress.session_worker import Delta, State

needs_sigkill = pytest.mark.skipif(
    sys.platform == "win32", reason="SIGKILL does not exist on Windows"
)


@needs_sigkill
def test_a_killed_session_keeps_every_change_it_reported_and_nothing_else(tmp_path):
    figures = harness.run_session_kills(tmp_path, kills=20, seed=20_240_601)
    assert figures.failures == []
    assert figures.kills == figures.survived == 20
    assert figures.spans_lost == figures.spans_unexpected == 0
    assert figures.changes_committed > 0  # the kills came while it was writing


@needs_sigkill
def test_a_killed_import_leaves_the_project_as_before_or_complete(tmp_path):
    figures = harness.run_import_kills(tmp_path, kills=10, seed=7, documents=3000)
    assert figures.failures == []
    assert figures.left_partial == 0
    assert figures.left_as_before + figures.left_complete == figures.kills == 10


def test_a_project_whose_creation_was_killed_still_opens(tmp_path):
    # What a kill leaves between sqlite-utils making its table of migrations (outside any
    # transaction) and the first migration's commit.
    db = sqlite_utils.Database(tmp_path / "new.db")
    db.execute("PRAGMA journal_mode = WAL")
    MIGRATIONS.ensure_migrations_table(db)
    db.close()
    with Project.open(tmp_path / "new.db") as project:
        assert project.document_count() == 0
        assert [label.name for label in project.labels()] == [
            "ACTOR",
            "LOCATION",
            "NUMBER",
            "SOURCE",
        ]
        assert project.integrity_check() == []


# -- the checks catch what they are for -----------------------------------------------------


def _log(*lines: str, cut: str = "") -> harness.Log:
    return harness.read_log("".join(f"{line}\n" for line in lines) + cut)


def _add(doc: int, start: int, end: int, label: str = "ACTOR") -> str:
    delta = Delta(add=[((doc, start, end, label), "{}", "manual")], touch=[doc])
    return f"intent {delta.to_json()}"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.db"
    harness.make_project(path, documents=2)
    with Project.open(path) as project:
        rowid = next(project.documents()).rowid
    return path, rowid


def _add_span(path, rowid, start, end, label="ACTOR"):
    with Project.open(path) as project:
        project.add_span(rowid, Span(start, end, label, "worker"))


def test_a_reported_change_missing_from_the_project_is_a_lost_span(db):
    path, rowid = db
    verdict = harness.check_project(path, State(), _log("ready", _add(rowid, 0, 4), "ok"), "worker")
    assert not verdict.survived
    assert verdict.spans_lost == 1 and verdict.spans_unexpected == 0


def test_a_span_nobody_reported_is_caught(db):
    path, rowid = db
    _add_span(path, rowid, 0, 4)
    verdict = harness.check_project(path, State(), _log("ready"), "worker")
    assert not verdict.survived
    assert verdict.spans_unexpected == 1


def test_the_change_in_flight_may_have_landed_or_not_but_nothing_else(db):
    path, rowid = db
    in_flight = _log("ready", _add(rowid, 0, 4))
    assert harness.check_project(path, State(), in_flight, "worker").in_flight_landed is False
    _add_span(path, rowid, 0, 4)
    verdict = harness.check_project(path, State(), in_flight, "worker")
    assert verdict.survived and verdict.in_flight_landed is True
    # A different change than the one in flight is not excused by it.
    assert not harness.check_project(path, State(), _log(_add(rowid, 0, 5)), "worker").survived


def test_a_refused_change_must_not_be_in_the_project(db):
    path, rowid = db
    _add_span(path, rowid, 0, 4)
    log = _log("ready", _add(rowid, 0, 4), "refused busy the project is busy")
    assert not harness.check_project(path, State(), log, "worker").survived


def test_a_line_cut_by_the_kill_does_not_count(db):
    _, rowid = db
    log = _log("ready", _add(rowid, 0, 4), cut="o")
    assert log.committed == [] and log.in_flight is not None
    assert _log("ready", _add(rowid, 0, 4), "ok").committed != []


def test_an_import_that_left_part_of_itself_is_caught(tmp_path):
    path = tmp_path / "p.db"
    harness.make_project(path, documents=2)
    with Project.open(path) as project:
        before = harness.dump(project)
    case = harness.ImportCase(tmp_path / "unused.jsonl", path, [before], {})
    assert harness.check_import(path, case) == ("before", [])
    with Project.open(path) as project:
        project.add_document(Document("half", "نصف استيراد."))
    outcome, problems = harness.check_import(path, case)
    assert outcome == "partial" and "documents" in problems[0]


def test_a_new_project_left_missing_counts_as_before_only_when_allowed(tmp_path):
    case = harness.ImportCase(tmp_path / "unused.jsonl", None, [None], {})
    assert harness.check_import(tmp_path / "absent.db", case)[0] == "before"
    existing = harness.ImportCase(tmp_path / "unused.jsonl", tmp_path / "t.db", [{}], {})
    assert harness.check_import(tmp_path / "absent.db", existing)[0] == "broken"


def test_the_integrity_check_names_what_is_wrong(tmp_path):
    path = tmp_path / "p.db"
    harness.make_project(path, documents=1)
    with Project.open(path) as project:
        assert project.integrity_check() == []
        # A row whose document is gone, as only a damaged file (or a foreign writer) has.
        project.db.execute("PRAGMA foreign_keys = OFF")
        project.db.execute(
            'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", attrs, '
            "origin, created_at) VALUES (99, 1, 1, 0, 1, '{}', 'manual', 'now')"
        )
        project.db.conn.commit()
        assert project.integrity_check() == ["spans row 6 refers to a missing documents row"]
