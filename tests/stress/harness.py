"""Kill real processes while they write a project, then check what the file holds.

Two kinds of writer are killed with SIGKILL at random (seeded) moments:

- the session worker (`session_worker.py`), a stand-in for the window: it makes span
  changes through `Session` and says which ones the session reported committed. After each
  kill the project must open, pass `PRAGMA integrity_check`, and hold exactly the state
  implied by the reported changes, or that plus the one change in flight when the kill came
  (committed, but killed before it could say so). Anything else is a failure.
- `annotator import` (the real command line): the project must be exactly as before the
  import or exactly as after a complete one, compared as a dump of every table; when the
  import was creating the project, no file or an empty project are the "before".

Concurrent use is run the same way, with real processes side by side (a window and an
import, two imports): every reported change and every imported document must be there.

The CI tests (tests/storage/test_crash_safety.py, test_concurrent_use.py) run a few dozen
kills; the stress script (tests/stress/crash_safety.py) runs hundreds and prints the figures.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.document import DocStatus, Document
from annotator.core.errors import ProjectError
from annotator.core.spans import Span
from annotator.storage import Project
from benchmarks.import_speed import article
from tests.stress.session_worker import Delta, State

ROOT = Path(__file__).resolve().parents[2]
# Generous: only a worker that hangs gets near it, and then the run fails instead of hanging.
STARTUP_LIMIT = 120.0
WORKER_ANNOTATOR = "worker"


def make_project(path: Path, documents: int = 6, seed: int = 0) -> None:
    """A project with reports, and another annotator's spans and statuses on some of them."""
    rng = random.Random(seed)
    with Project.open(path, create=True) as project:
        for n in range(documents):
            text, spans = article(rng, n)
            doc = project.add_document(Document(f"report-{n}", text, {"title": f"تقرير {n}"}))
            if n % 2 == 0:
                for s in spans[:5]:
                    project.add_span(doc.rowid, Span(s["start"], s["end"], s["label"], "amira"))
                project.set_status(doc.rowid, "amira", DocStatus.DONE)


def write_import_file(path: Path, documents: int, seed: int, existing: Path | None = None) -> None:
    """JSONL for `annotator import`: new reports with spans and statuses, plus (when given a
    project) one text already in it and one id already taken, as real imports have."""
    rng = random.Random(seed)
    lines = []
    for n in range(documents):
        text, spans = article(rng, 10_000 + n)
        lines.append(
            {"id": f"imported-{n}", "text": text, "annotator": "omar", "spans": spans}
            | ({"status": "in_progress"} if n % 3 == 0 else {})
        )
    if existing is not None:
        with Project.open(existing) as project:
            first = next(project.documents())
        lines.append({"id": "again", "text": first.text, "annotator": "omar", "spans": []})
        lines.append({"id": first.id, "text": "نص آخر بالمعرف نفسه.", "meta": {"agency": "x"}})
    with path.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def dump(project: Project) -> dict[str, list[tuple]]:
    """Every row of every table, without the columns that record when (`*_at`): what
    "logically the same project" means. Row ids are kept: an import that was rolled back
    must not even have used up any."""
    tables = [
        name
        for (name,) in project.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    found: dict[str, list[tuple]] = {
        "application_id": [tuple(project.db.execute("PRAGMA application_id").fetchone())]
    }
    for table in tables:
        columns = [
            row[1]
            for row in project.db.execute(f'PRAGMA table_info("{table}")')
            if not row[1].endswith("_at")
        ]
        listed = ", ".join(f'"{c}"' for c in columns)
        found[table] = list(project.db.execute(f'SELECT {listed} FROM "{table}" ORDER BY 1'))
    return found


# -- processes ------------------------------------------------------------------------------


def python_command(*args: str) -> list[str]:
    return [sys.executable, *args]


def start(command: list[str], out: Path, err: Path) -> subprocess.Popen:
    """A child writing to files, not pipes: what it flushed survives its kill, and nothing
    blocks on a full pipe while nobody reads."""
    with out.open("wb") as stdout, err.open("wb") as stderr:
        return subprocess.Popen(command, stdout=stdout, stderr=stderr, cwd=ROOT)


def start_session_worker(
    db: Path,
    seed: int,
    out: Path,
    err: Path,
    ops: int = 0,
    lock: bool = True,
    annotator: str = WORKER_ANNOTATOR,
    busy_timeout_ms: int | None = None,
) -> subprocess.Popen:
    args = ["-m", "tests.stress.session_worker", str(db), str(seed), "--annotator", annotator]
    args += ["--ops", str(ops)] + (["--lock"] if lock else [])
    if busy_timeout_ms is not None:
        args += ["--busy-timeout", str(busy_timeout_ms)]
    return start(python_command(*args), out, err)


def start_import(db: Path, source: Path, out: Path, err: Path) -> subprocess.Popen:
    return start(python_command("-m", "annotator", "import", str(db), str(source)), out, err)


def kill(proc: subprocess.Popen) -> bool:
    """SIGKILL: no handler, no atexit, no flush. True if it was still running."""
    running = proc.poll() is None
    if running:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return running


def wait_for_line(proc: subprocess.Popen, out: Path, line: str, count: int = 1) -> bool:
    """Until `out` has `count` complete lines `line` (True) or the child has ended (False)."""
    deadline = time.monotonic() + STARTUP_LIMIT
    wanted = f"{line}\n"
    while time.monotonic() < deadline:
        if out.read_text(encoding="utf-8", errors="replace").count(wanted) >= count:
            return True
        if proc.poll() is not None:
            return out.read_text(encoding="utf-8", errors="replace").count(wanted) >= count
        time.sleep(0.005)
    kill(proc)
    raise RuntimeError(f"{proc.args} did not print {line!r} within {STARTUP_LIMIT:.0f} s")


# -- what the session worker said -----------------------------------------------------------


@dataclass
class Log:
    ready: bool = False
    ended: bool = False
    committed: list[Delta] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    in_flight: Delta | None = None
    problems: list[str] = field(default_factory=list)


def read_log(text: str) -> Log:
    """Only complete lines count: a line cut by the kill was never fully said."""
    log = Log()
    *lines, _cut = text.split("\n")
    for line in lines:
        word, _, rest = line.partition(" ")
        if word == "ready":
            log.ready = True
        elif word == "end":
            log.ended = True
        elif word == "intent":
            if log.in_flight is not None:
                log.problems.append("a change began before the last one was answered")
            log.in_flight = Delta.from_json(rest)
        elif word in ("ok", "refused"):
            if log.in_flight is None:
                log.problems.append(f"{word!r} for no change")
            elif word == "ok":
                log.committed.append(log.in_flight)
            else:
                log.refused.append(rest)
            log.in_flight = None
        else:
            log.problems.append(f"unexpected line {line[:80]!r}")
    return log


@dataclass
class Verdict:
    """What the project held after a kill, against what the worker had said."""

    opened: bool = False
    problems: list[str] = field(default_factory=list)  # integrity, or not the state said
    in_flight_landed: bool | None = None  # None: no change was in flight
    spans_lost: int = 0  # reported committed, not in the project (or changed)
    spans_unexpected: int = 0  # in the project, never reported
    state: State | None = None

    @property
    def survived(self) -> bool:
        return self.opened and not self.problems


def _difference(expected: State, actual: State) -> tuple[int, int]:
    lost = sum(1 for key, value in expected.spans.items() if actual.spans.get(key) != value)
    unexpected = sum(1 for key in actual.spans if key not in expected.spans)
    return lost, unexpected


def check_project(db: Path, before: State, log: Log, annotator: str) -> Verdict:
    """Does the project hold exactly `before` plus every reported change (and perhaps the
    one in flight)?"""
    verdict = Verdict()
    expected = before.copy()
    try:
        for delta in log.committed:
            expected.apply(delta)
    except (KeyError, ValueError) as exc:
        verdict.problems.append(f"the reported changes do not fit together: {exc!r}")
    verdict.problems += log.problems
    try:
        project = Project.open(db)
    except ProjectError as exc:
        verdict.problems.append(f"does not open: {exc}")
        return verdict
    with project:
        verdict.opened = True
        verdict.problems += [f"integrity: {p}" for p in project.integrity_check()]
        actual = State.read(project, annotator)
    verdict.state = actual
    if actual == expected:
        verdict.in_flight_landed = False if log.in_flight is not None else None
        return verdict
    if log.in_flight is not None:
        landed = expected.copy()
        try:
            landed.apply(log.in_flight)
        except (KeyError, ValueError):
            landed = None
        if actual == landed:
            verdict.in_flight_landed = True
            return verdict
    verdict.spans_lost, verdict.spans_unexpected = _difference(expected, actual)
    verdict.problems.append(
        f"not the reported state: {verdict.spans_lost} reported spans missing or changed, "
        f"{verdict.spans_unexpected} spans never reported; statuses "
        f"{'equal' if actual.statuses == expected.statuses else 'differ'}"
    )
    return verdict


# -- the session runs -----------------------------------------------------------------------


@dataclass
class SessionFigures:
    kills: int = 0
    survived: int = 0
    killed_before_ready: int = 0
    changes_committed: int = 0
    changes_refused: int = 0
    in_flight_landed: int = 0
    in_flight_not_landed: int = 0
    spans_lost: int = 0
    spans_unexpected: int = 0
    spans_at_end: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def run_session_kills(
    folder: Path,
    kills: int,
    seed: int,
    max_delay: float = 0.4,
    early_share: float = 0.1,
) -> SessionFigures:
    """Start the worker on one project again and again, each time killing it after a random
    delay (most once it is writing, `early_share` while it is still starting and opening)."""
    began = time.monotonic()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "session.db"
    make_project(db, seed=seed)
    with Project.open(db) as project:
        state = State.read(project, WORKER_ANNOTATOR)
    figures = SessionFigures()
    out, err = folder / "worker.out", folder / "worker.err"
    for n in range(kills):
        proc = start_session_worker(db, rng.randrange(2**31), out, err)
        if rng.random() < early_share:
            time.sleep(rng.uniform(0, 0.3))
        elif wait_for_line(proc, out, "ready"):
            time.sleep(rng.uniform(0, max_delay))
        if not kill(proc):
            said = err.read_text(encoding="utf-8", errors="replace").strip()
            figures.failures.append(f"kill {n}: the worker ended by itself: {said[-2000:]}")
            break
        figures.kills += 1
        log = read_log(out.read_text(encoding="utf-8", errors="replace"))
        verdict = check_project(db, state, log, WORKER_ANNOTATOR)
        figures.killed_before_ready += not log.ready
        figures.changes_committed += len(log.committed)
        figures.changes_refused += len(log.refused)
        figures.in_flight_landed += verdict.in_flight_landed is True
        figures.in_flight_not_landed += verdict.in_flight_landed is False
        figures.spans_lost += verdict.spans_lost
        figures.spans_unexpected += verdict.spans_unexpected
        if verdict.survived:
            figures.survived += 1
        else:
            figures.failures.append(f"kill {n}: " + "; ".join(verdict.problems))
        if verdict.state is None:
            break  # nothing more can be checked on a project that does not open
        state = verdict.state
        figures.spans_at_end = len(state.spans)
    figures.seconds = time.monotonic() - began
    return figures


# -- the import runs ------------------------------------------------------------------------


@dataclass
class ImportFigures:
    kills: int = 0
    survived: int = 0
    finished_before_kill: int = 0
    left_as_before: int = 0  # existing project unchanged, or a new one not there / empty
    left_complete: int = 0
    left_partial: int = 0
    new_project_kills: int = 0
    import_seconds: float = 0.0  # one complete import, for scale
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with Project.open(db) as project:
        return dump(project)


def _complete_import(db: Path, source: Path, folder: Path) -> float:
    began = time.monotonic()
    proc = start_import(db, source, folder / "ref.out", folder / "ref.err")
    if proc.wait() != 0:
        said = (folder / "ref.err").read_text(encoding="utf-8", errors="replace")
        raise RuntimeError(f"the reference import failed: {said}")
    return time.monotonic() - began


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


@dataclass
class ImportCase:
    """The states an interrupted import may leave: `before` (any of them) or `after`."""

    source: Path
    template: Path | None  # None: the import creates the project
    before: list[dict[str, list[tuple]] | None]  # None: no file at all
    after: dict[str, list[tuple]]


def prepare_import_cases(folder: Path, documents: int, seed: int) -> tuple[list[ImportCase], float]:
    folder.mkdir(parents=True, exist_ok=True)
    template = folder / "template.db"
    make_project(template, seed=seed)
    source = folder / "import.jsonl"
    write_import_file(source, documents, seed, existing=template)
    reference = folder / "reference.db"
    shutil.copyfile(template, reference)
    seconds = _complete_import(reference, source, folder)
    into_existing = ImportCase(source, template, [_snapshot(template)], _snapshot(reference))
    _remove(reference)
    fresh = folder / "fresh.jsonl"
    write_import_file(fresh, documents, seed + 1)
    _complete_import(reference, fresh, folder)
    empty = folder / "empty.db"
    Project.open(empty, create=True).close()
    into_new = ImportCase(fresh, None, [None, _snapshot(empty)], _snapshot(reference))
    _remove(reference)
    return [into_existing, into_new], seconds


def check_import(db: Path, case: ImportCase) -> tuple[str, list[str]]:
    """("before" | "complete" | "partial" | "broken", problems)."""
    if not db.exists():
        return ("before", []) if None in case.before else ("broken", ["the project is gone"])
    try:
        project = Project.open(db)
    except ProjectError as exc:
        return "broken", [f"does not open: {exc}"]
    with project:
        problems = [f"integrity: {p}" for p in project.integrity_check()]
        found = dump(project)
    if found in case.before:
        return "before", problems
    if found == case.after:
        return "complete", problems
    before = next((b for b in case.before if b is not None), {})
    from_before = [t for t in found if found[t] != before.get(t)]
    from_after = [t for t in found if found[t] != case.after.get(t)]
    return "partial", [
        *problems,
        f"neither before nor after the import: {', '.join(from_before)} differ from before, "
        f"{', '.join(from_after)} from after",
    ]


def run_import_kills(
    folder: Path,
    kills: int,
    seed: int,
    documents: int = 1500,
    new_project_share: float = 0.3,
) -> ImportFigures:
    """Kill `annotator import` at a random moment of its run, `kills` times (imports that
    finish before their kill are counted apart and do not count as kills)."""
    began = time.monotonic()
    rng = random.Random(seed)
    cases, import_seconds = prepare_import_cases(folder, documents, seed)
    figures = ImportFigures(import_seconds=import_seconds)
    db, out, err = folder / "work.db", folder / "import.out", folder / "import.err"
    attempts = 0
    while figures.kills < kills and attempts < 3 * kills:
        attempts += 1
        case = cases[1] if rng.random() < new_project_share else cases[0]
        _remove(db)
        if case.template is not None:
            shutil.copyfile(case.template, db)
        proc = start_import(db, case.source, out, err)
        time.sleep(rng.uniform(0, import_seconds))
        if not kill(proc):
            figures.finished_before_kill += 1
            if proc.returncode != 0:
                said = err.read_text(encoding="utf-8", errors="replace")
                figures.failures.append(f"an import failed by itself: {said[-2000:]}")
            continue
        figures.kills += 1
        figures.new_project_kills += case.template is None
        outcome, problems = check_import(db, case)
        figures.left_as_before += outcome == "before"
        figures.left_complete += outcome == "complete"
        figures.left_partial += outcome == "partial"
        if problems or outcome in ("partial", "broken"):
            where = "new project" if case.template is None else "existing project"
            figures.failures.append(f"kill {figures.kills} ({where}): {outcome}; {problems}")
        else:
            figures.survived += 1
    figures.seconds = time.monotonic() - began
    return figures


# -- concurrent use -------------------------------------------------------------------------


@dataclass
class ConcurrencyFigures:
    rounds: int = 0
    window_changes_committed: int = 0
    window_changes_refused_busy: int = 0
    imports_run: int = 0
    imports_failed: int = 0  # exit code other than 0
    locked_crashes: int = 0  # a bare "database is locked" or an internal error
    writes_lost: int = 0  # reported spans or imported documents not in the project
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def _uids(db: Path) -> set[str]:
    with Project.open(db) as project:
        return {doc.id for doc in project.documents()}


def _expected_uids(source: Path) -> set[str]:
    with source.open(encoding="utf-8") as lines:
        return {json.loads(line)["id"] for line in lines}


def _crashed(said: str) -> bool:
    return "database is locked" in said or "internal error" in said or "Traceback" in said


def run_concurrent_rounds(
    folder: Path, rounds: int, seed: int, documents: int = 3000
) -> ConcurrencyFigures:
    """Each round, on fresh project files: a window (the session worker) writing while an
    import runs; two imports of different files at once; the same file imported twice at
    once; two imports creating one new project at once."""
    began = time.monotonic()
    rng = random.Random(seed)
    figures = ConcurrencyFigures()
    folder.mkdir(parents=True, exist_ok=True)
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    write_import_file(first, documents, seed)
    write_import_file(second, documents, seed + 1)
    second.write_text(
        second.read_text(encoding="utf-8").replace('"imported-', '"second-'), encoding="utf-8"
    )

    def imports(db: Path, sources: list[Path], tag: str) -> None:
        procs = [
            start_import(db, s, folder / f"{tag}{n}.out", folder / f"{tag}{n}.err")
            for n, s in enumerate(sources)
        ]
        for n, proc in enumerate(procs):
            figures.imports_run += 1
            code = proc.wait()
            said = (folder / f"{tag}{n}.err").read_text(encoding="utf-8", errors="replace")
            figures.locked_crashes += _crashed(said)
            if code != 0:
                figures.imports_failed += 1
                figures.failures.append(f"round {figures.rounds} {tag}: {said.strip()[-300:]}")

    for _ in range(rounds):
        figures.rounds += 1
        # A window and an import.
        db = folder / "window.db"
        _remove(db)
        make_project(db, seed=rng.randrange(1000))
        out, err = folder / "worker.out", folder / "worker.err"
        worker = start_session_worker(db, rng.randrange(2**31), out, err)
        try:
            wait_for_line(worker, out, "ok", 5)
            imports(db, [first], "window-import")
            done = out.read_text(encoding="utf-8").count("ok\n")
            wait_for_line(worker, out, "ok", done + 5)
        finally:
            kill(worker)
        figures.locked_crashes += _crashed(err.read_text(encoding="utf-8", errors="replace"))
        log = read_log(out.read_text(encoding="utf-8", errors="replace"))
        figures.window_changes_committed += len(log.committed)
        figures.window_changes_refused_busy += sum(r.startswith("busy") for r in log.refused)
        verdict = check_project(db, State(), log, WORKER_ANNOTATOR)
        missing = _expected_uids(first) - _uids(db)
        figures.writes_lost += verdict.spans_lost + len(missing)
        if not verdict.survived or missing:
            figures.failures.append(
                f"round {figures.rounds} window+import: {verdict.problems}, "
                f"{len(missing)} documents missing"
            )
        # Two imports of different files, of the same file, and two creating one project.
        for tag, sources, existing in (
            ("two-files", [first, second], True),
            ("same-file", [first, first], True),
            ("new-project", [first, second], False),
        ):
            db = folder / f"{tag}.db"
            _remove(db)
            if existing:
                make_project(db, seed=rng.randrange(1000))
            imports(db, sources, tag)
            if not db.exists():
                figures.failures.append(f"round {figures.rounds} {tag}: no project")
                continue
            try:
                found = _uids(db)
            except ProjectError as exc:
                figures.failures.append(f"round {figures.rounds} {tag}: {exc}")
                continue
            missing = set().union(*(_expected_uids(s) for s in sources)) - found
            figures.writes_lost += len(missing)
    figures.seconds = time.monotonic() - began
    return figures
