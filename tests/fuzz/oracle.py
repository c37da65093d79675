"""Running one import (or merge) through the real command line, and judging its outcome.

The rule for every input, however broken: exit 0 with a correct import, or exit 2 with one
line naming the file (and the line, where the format has lines) and the project exactly as
it was. Exit 1 (an internal error, with its traceback) is always a failure.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, settings

from annotator.cli.main import main
from annotator.core import Document, Span
from annotator.storage import Project
from tests.fuzz.strategies import SEED_TEXTS, Case, Plan, mutate, write

# Refusals about a whole file or folder, where no line is to blame.
FILE_LEVEL = re.compile(
    "|".join(
        [
            r"empty file",
            r"a control or direction character",  # an annotator named by a folder or option
            r"empty document \(no text\)",  # a text file of nothing but spaces
            r"no rows under the header",
            r"the file has tags, so its spans need an annotator",
            r"whose annotations are these\?",
            r"no \.ann files here",
            r"annotations without their text",
            r"the folder layout already names the annotators",
            r"expected a JSON array of tasks",
            r"not an export bundle",
            r"SHA-256 is not the one",
            r"listed in manifest\.json but cannot be read",
            r"which is not a file in this folder",
            r'has no "files" object',
            r'every entry of "files" must be an object',
            r"too large to import",
            r"cannot read",
            r"no files to import in this folder",
        ]
    )
)
SUCCESS_LINE = re.compile(r"^(note: |added label |conflict: )")


# -- the project an import goes into ------------------------------------------------------------


def build_seed(path: Path) -> None:
    """A project that already holds work: documents (some with ids a file will want), two
    annotators' spans and statuses."""
    with Project.open(path, create=True) as project:
        raid = project.add_document(Document("seed-1", SEED_TEXTS[0], {"title": "غارة"}))
        html = project.add_document(Document("seed-2", SEED_TEXTS[1], {"title": "<b>x</b>"}))
        project.add_document(Document("seed-3", SEED_TEXTS[2], {"title": "abc\u202edef"}))
        for taken in ("in-1", "0-amira", "amira", "'; DROP TABLE spans; --"):
            project.add_document(Document(taken, f"نص موجود باسم {taken}"))
        text = SEED_TEXTS[0]
        project.add_span(raid.rowid, Span(5, 11, "ACTOR", "amira"))
        project.add_span(raid.rowid, Span(text.index("حماة"), len(text), "LOCATION", "omar"))
        project.add_span(html.rowid, Span(8, 13, "SOURCE", "amira"))
        project.set_status(raid.rowid, "amira", "done")
        project.set_status(raid.rowid, "omar", "in_progress")


@dataclass
class Snapshot:
    raw: dict[str, list]  # every row of every table: a refused import changes none
    docs: dict[str, tuple[int, str, dict]]  # text -> (rowid, id, meta)
    spans: dict[tuple[str, str], set[tuple[int, int, str]]]  # (text, annotator) -> spans
    statuses: dict[tuple[str, str], str]
    labels: list[str]


def snapshot(db: Path) -> Snapshot:
    with Project.open(db) as project:
        raw = {
            table: [tuple(row) for row in project.db.execute(f"SELECT * FROM [{table}]")]
            for table in project.db.table_names()
        }
        docs, spans, statuses = {}, {}, {}
        by_rowid = {}
        for doc in project.documents():
            docs[doc.text] = (doc.rowid, doc.id, doc.meta)
            by_rowid[doc.rowid] = doc.text
        for name in project.annotators():
            for rowid, status in project.statuses(name).items():
                statuses[(by_rowid[rowid], name)] = status.value
            for rowid, text in by_rowid.items():
                found = {s.key() for s in project.spans(rowid, name)}
                if found:
                    spans[(text, name)] = found
        labels = [label.name for label in project.labels()]
    return Snapshot(raw, docs, spans, statuses, labels)


def run_cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


# -- judging ------------------------------------------------------------------------------------


class Failure(AssertionError):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)


def _line_count(path: Path) -> int:
    data = path.read_bytes() if path.is_file() else b""
    return data.count(b"\n") + data.count(b"\r") + 1


def check_refusal(case: Case, err: str, before: Snapshot, after: Snapshot) -> None:
    lines = err.splitlines()
    expect(len(lines) == 1 and err.endswith("\n"), f"not one line on stderr: {err!r}")
    line = lines[0]
    expect(line.startswith("annotator: "), f"not an annotator error: {line!r}")
    rest = line.removeprefix("annotator: ")
    where = re.match(re.escape(str(case.root)) + r"([^:]*?)(?::(\d+))?: (.*)", rest, re.S)
    expect(where is not None, f"the error does not start with the input's path: {line!r}")
    named, number, message = where.groups()
    if number is None:
        expect(FILE_LEVEL.search(message) is not None, f"no line number: {line!r}")
    else:
        named_path = Path(str(case.root) + named)
        expect(1 <= int(number) <= _line_count(named_path), f"line out of the file: {line!r}")
    expect(after.raw == before.raw, f"refused ({line!r}) but the project changed")


def check_success(case: Case, out: str, err: str, before: Snapshot, after: Snapshot) -> int:
    """The invariants every successful import keeps; returns the number of new documents."""
    for line in err.splitlines():
        expect(SUCCESS_LINE.match(line) is not None, f"unexpected stderr line: {line!r}")
    for text, (rowid, uid, meta) in before.docs.items():
        expect(after.docs.get(text) == (rowid, uid, meta), f"document {uid!r} changed")
    for key, spans in before.spans.items():
        expect(spans <= after.spans.get(key, set()), f"spans of {key!r} were lost")
    expect(set(before.labels) <= set(after.labels), "labels were lost")
    for (text, _), spans in after.spans.items():
        for start, end, label in spans:
            expect(0 <= start < end <= len(text), f"span {start}-{end} out of its text")
            expect(bool(text[start:end].strip()), f"span {start}-{end} covers only spaces")
            expect(label in after.labels, f"span with unknown label {label!r}")
    new = len(after.docs) - len(before.docs)
    said = re.search(r"(\d[\d,]*) documents?", out)
    expect(said is not None and int(said[1].replace(",", "")) == new, f"wrong count: {out!r}")
    return new


def check_expected(case: Case, before: Snapshot, after: Snapshot) -> None:
    """A file that was not broken: the import stored exactly what its writer put in it."""
    expected = case.expected or []
    new_texts = {e.text for e in expected} - set(before.docs)
    expect(set(after.docs) == set(before.docs) | new_texts, "documents differ from the file's")
    first: dict[str, object] = {}
    spans: dict[tuple[str, str], set] = {}
    statuses: dict[tuple[str, str], str] = {}
    for item in expected:
        first.setdefault(item.text, item)
        if item.annotator is not None:
            spans.setdefault((item.text, item.annotator), set()).update(item.spans)
            if item.status is not None:
                statuses[(item.text, item.annotator)] = item.status
    for text in new_texts:
        item = first[text]
        _, uid, meta = after.docs[text]
        if item.id is not None:
            expect(re.fullmatch(re.escape(item.id) + r"(~\d+)?", uid) is not None, f"id {uid!r}")
        for key, value in item.meta.items():
            expect(meta.get(key) == value, f"meta {key!r} of {uid!r} is {meta.get(key)!r}")
    for key, wanted in spans.items():
        stored = after.spans.get(key, set())
        expect(stored == before.spans.get(key, set()) | wanted, f"spans of {key!r}: {stored}")
    for key in set(after.spans) - set(spans):
        expect(after.spans[key] == before.spans.get(key), f"spans of {key!r} changed")
    for key, status in after.statuses.items():
        wanted = statuses.get(key, before.statuses.get(key))
        expect(status == wanted, f"status of {key!r} is {status}, not {wanted}")


def _json_lines_texts(path: Path) -> list[str]:
    """The texts of a JSON-lines file, read independently of the readers (None if a line is
    not a JSON object with a text)."""
    found = []
    for number, raw in enumerate(path.read_bytes().split(b"\n")):
        line = raw.decode("utf-8-sig" if number == 0 else "utf-8")
        if not line.strip():
            continue
        obj = json.loads(line)
        found.append(obj["text"])
    return found


def check_broken_success(case: Case, after: Snapshot) -> None:
    """A broken file that was imported: what can be read of it independently is there."""
    if case.format in ("jsonl", "doccano"):
        for text in _json_lines_texts(case.root):
            expect(text in after.docs, f"a line's text is not in the project: {text[:40]!r}")
    elif case.format == "txt":
        for path in case.files:
            try:
                text = path.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                continue  # another encoding, detected: not for this simple reading
            expect(text in after.docs, f"{path.name}'s text is not in the project")


# -- one case from start to end ----------------------------------------------------------------


@dataclass
class Tally:
    """What the stress script prints: outcomes per format."""

    counts: Counter = field(default_factory=Counter)

    def add(self, fmt: str, outcome: str) -> None:
        self.counts[(fmt, outcome)] += 1


TALLY = Tally()


def run_case(seed: Path, plan: Plan, mutations=None, target: int = 0) -> str:
    """Write the plan's files (breaking one with `mutations`), import them into a copy of the
    seed project, and check the outcome. Returns "imported" or "refused"."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        case = write(plan, folder)
        if plan.corruption is not None:
            case.expected = None  # the writer's documents are not the file's any more
        if mutations:
            victim = case.files[target % len(case.files)]
            victim.write_bytes(mutate(victim.read_bytes(), mutations))
            if case.relink is not None and victim.name != "manifest.json":
                case.relink()
            case.expected = None
        db = folder / "project.db"
        shutil.copyfile(seed, db)
        before = snapshot(db)
        code, out, err = run_cli([case.command, str(db), *case.args])
        expect(code in (0, 2), f"exit {code}: {err[-3000:]}")
        after = snapshot(db)
        if code == 2:
            check_refusal(case, err, before, after)
            outcome = "refused"
        else:
            expect(case.must_fail is None, f"imported although {case.must_fail}")
            check_success(case, out, err, before, after)
            if case.expected is not None:
                check_expected(case, before, after)
            else:
                check_broken_success(case, after)
            outcome = "imported"
    TALLY.add(plan.format, outcome)
    return outcome


def fuzz_settings(examples: int) -> settings:
    """Bounded and reproducible in CI: a fixed derandomized run, no example database."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
        ],
    )
