"""Two programs writing one project at once.

The design: SQLite in WAL mode serialises writers. Every write is one BEGIN IMMEDIATE
transaction, so a writer that finds another one busy waits for it (the busy timeout, 10 s)
and then goes ahead; readers never wait. A write that waited the whole timeout is refused
with ProjectError "busy", nothing written: the session keeps its undo history as it was, the
window says so in its status bar, the command line in one line with exit code 2. Two windows
on one project are refused before either writes (the window's lock, tested in
tests/cli/test_start.py and tests/storage/test_lock.py); a window and the command line, or
two commands, share the project this way.
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from annotator.core.document import DocStatus
from annotator.core.errors import ProjectError
from annotator.core.session import Session
from annotator.formats.sources import ImportOptions, find_sources, read_sources
from annotator.storage import Project, connection
from annotator.storage.importing import import_records
from tests.stress import harness
from tests.stress.session_worker import State

needs_sigkill = pytest.mark.skipif(
    sys.platform == "win32", reason="the worker is stopped with SIGKILL, which Windows lacks"
)


def _text(path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _imported(db) -> tuple[set[str], int]:
    """The imported documents' ids and how many spans their annotator has."""
    with Project.open(db) as project:
        uids = {doc.id for doc in project.documents() if doc.id.startswith("imported-")}
        spans = sum(len(project.spans(doc.rowid, "omar")) for doc in project.documents())
    return uids, spans


def _spans_in(source) -> int:
    records = read_sources(find_sources([source]), ImportOptions())
    return sum(len(record.spans) for record in records)


@needs_sigkill
def test_a_window_and_an_import_at_once_lose_no_write(tmp_path):
    db, source = tmp_path / "p.db", tmp_path / "import.jsonl"
    harness.make_project(db)
    harness.write_import_file(source, 3000, seed=1)
    out, err = tmp_path / "worker.out", tmp_path / "worker.err"
    worker = harness.start_session_worker(db, 11, out, err)
    try:
        assert harness.wait_for_line(worker, out, "ok", 10)  # writing before the import...
        importing = harness.start_import(db, source, tmp_path / "i.out", tmp_path / "i.err")
        assert importing.wait() == 0, _text(tmp_path / "i.err")
        done = _text(out).count("ok\n")
        assert harness.wait_for_line(worker, out, "ok", done + 10)  # ...and after it
    finally:
        harness.kill(worker)
    assert _text(err) == ""
    assert "locked" not in _text(tmp_path / "i.err")
    log = harness.read_log(_text(out))
    verdict = harness.check_project(db, State(), log, harness.WORKER_ANNOTATOR)
    assert verdict.survived, verdict.problems  # a change refused as busy must be absent
    assert _imported(db) == ({f"imported-{n}" for n in range(3000)}, _spans_in(source))


def test_two_imports_at_once_both_land(tmp_path):
    db = tmp_path / "p.db"
    harness.make_project(db)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    harness.write_import_file(first, 1500, seed=1)
    harness.write_import_file(second, 1500, seed=2)
    second.write_text(_text(second).replace('"imported-', '"imported-b'), encoding="utf-8")
    procs = [
        harness.start_import(db, source, tmp_path / f"{n}.out", tmp_path / f"{n}.err")
        for n, source in enumerate((first, second))
    ]
    codes = [proc.wait() for proc in procs]
    assert codes == [0, 0], [_text(tmp_path / f"{n}.err") for n in range(2)]
    uids, spans = _imported(db)
    assert uids == {f"imported-{n}" for n in range(1500)} | {f"imported-b{n}" for n in range(1500)}
    assert spans == _spans_in(first) + _spans_in(second)
    with Project.open(db) as project:
        assert project.integrity_check() == []


def test_an_import_that_waited_for_another_sees_what_that_one_wrote(tmp_path):
    db, source = tmp_path / "p.db", tmp_path / "import.jsonl"
    harness.make_project(db)
    harness.write_import_file(source, 20, seed=1)
    records = list(read_sources(find_sources([source]), ImportOptions()))
    with Project.open(db) as other, Project.open(db) as waiting:
        waits = waiting.transaction

        @contextmanager
        def after_the_other_import():
            # The other import commits while this one waits for the write lock: exactly
            # the order two imports started together can take.
            waiting.transaction = waits
            import_records(other, records)
            with waits():
                yield

        waiting.transaction = after_the_other_import
        report = import_records(waiting, records)
    assert report.documents_added == 0 and report.spans_added == 0  # as if one after the other
    with Project.open(db) as project:
        assert project.integrity_check() == []


# -- a write that waits longer than the busy timeout ----------------------------------------


@pytest.fixture
def short_wait(monkeypatch):
    """The busy timeout cut to a blink (for connections opened from now on)."""
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)


@contextmanager
def writing(db):
    """Another program in the middle of a write transaction on `db` (an import, say)."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO project_info (key, value) VALUES ('import', 'running')")
        yield
        conn.execute("ROLLBACK")
    finally:
        conn.close()


@dataclass(frozen=True)
class Offered:
    start: int
    end: int
    label: str
    attrs: dict


def _busy(caught) -> None:
    assert caught.value.code == "busy"
    assert caught.value.message.startswith("the project is busy: another program")
    assert "0.05 seconds; nothing was changed" in caught.value.message


def test_a_change_blocked_past_the_busy_timeout_is_refused_and_undo_stays_as_it_was(
    tmp_path, short_wait
):
    db = tmp_path / "p.db"
    harness.make_project(db, documents=2)
    with Project.open(db) as project:
        doc = next(project.documents()).rowid
        session = Session(project, "worker")
        session.add(doc, 0, 4, "ACTOR")
        session.add(doc, 5, 9, "SOURCE")
        session.undo()
        history = list(session.history())
        before = State.read(project, "worker")
        with writing(db):
            blocked = [
                lambda: session.add(doc, 10, 14, "LOCATION"),
                lambda: session.accept(
                    doc, [Offered(20, 24, "ACTOR", {}), Offered(30, 33, "NUMBER", {"value": 3})]
                ),
                lambda: session.delete(doc, project.spans(doc, "worker")[0]),
                lambda: session.set_status(doc, DocStatus.DONE),
                session.undo,
                session.redo,
            ]
            for change in blocked:
                with pytest.raises(ProjectError) as caught:
                    change()
                _busy(caught)
                assert not project.db.conn.in_transaction  # nothing left open to join
            assert State.read(project, "worker") == before
            assert list(session.history()) == history
            assert session.can_undo and session.can_redo
        # Once the other program is done, the same changes go through, undo included.
        session.redo()
        assert {(s.start, s.label) for s in project.spans(doc, "worker")} == {
            (0, "ACTOR"),
            (5, "SOURCE"),
        }
        session.undo()
        session.undo()
        assert project.spans(doc, "worker") == []
        assert ("import", "running") not in set(project.db.execute("SELECT * FROM project_info"))


def test_an_import_blocked_past_the_busy_timeout_says_so_and_changes_nothing(
    tmp_path, short_wait, cli
):
    db, source = tmp_path / "p.db", tmp_path / "import.jsonl"
    harness.make_project(db, documents=2)
    harness.write_import_file(source, 10, seed=1)
    with Project.open(db) as project:
        before = harness.dump(project)
    with writing(db):
        code, out, err = cli("import", db, source)
    assert (code, out) == (2, "")
    assert err.startswith(f"annotator: {db}: the project is busy: another program")
    assert len(err.splitlines()) == 1
    with Project.open(db) as project:
        assert harness.dump(project) == before


def test_the_window_shows_a_blocked_change_in_its_status_bar(tmp_path, short_wait, qtbot):
    from PySide6.QtCore import Qt

    from annotator.gui.main_window import MainWindow

    db = tmp_path / "p.db"
    harness.make_project(db, documents=2)
    window = MainWindow(Project.open(db), "worker")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    first = window.current.rowid
    window.article.select_range(0, 4)
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    assert len(window.article.spans) == 1

    def said() -> str:
        return window.statusBar().currentMessage()

    with writing(db):
        window.article.select_range(5, 9)
        qtbot.keyClick(window.article, Qt.Key.Key_2)  # a new span
        assert said().startswith("the project is busy") and len(window.article.spans) == 1
        window.statusBar().clearMessage()
        window.undo()
        assert said().startswith("the project is busy") and len(window.article.spans) == 1
        window.statusBar().clearMessage()
        window.done_and_next()
        assert said().startswith("the project is busy") and window.current.rowid == first
        assert window.undo_action.isEnabled()
    window.undo()  # the other program is done: the window carries on
    assert window.article.spans == {}
    with Project.open(db) as project:
        assert project.spans(first, "worker") == []
        assert project.status(first, "worker") is DocStatus.NEW  # as before the first span
    window.close()


CREATE = """
import sys, time
from annotator.storage import Project
start = float(sys.argv[2])
while time.time() < start:  # all of them at the same moment
    time.sleep(0.001)
Project.open(sys.argv[1], create=True).close()
print("ok")
"""


def test_programs_creating_the_same_project_at_once_take_turns(tmp_path):
    import subprocess
    import sys
    import time

    from annotator.storage import Project

    path = tmp_path / "new.db"
    start = time.time() + 1.5  # after every interpreter has started
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CREATE, str(path), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    results = [proc.communicate(timeout=120) for proc in procs]
    assert [
        (proc.returncode, out, err) for proc, (out, err) in zip(procs, results, strict=True)
    ] == [(0, "ok\n", "")] * 6
    with Project.open(path) as project:
        assert project.integrity_check() == []
        assert project.document_count() == 0
