"""A stand-in for the window: makes span changes through `Session` until killed.

    python -m tests.stress.session_worker DB SEED [--annotator NAME] [--ops N] [--lock]

Before each change it prints `intent DELTA` and after the session has returned (the change
is committed) `ok`; a change the project refused is followed by `refused CODE MESSAGE`
instead. DELTA says exactly what the change does to the annotator's spans and statuses, so
the process watching can rebuild the state the project must hold from the lines alone.
Every line is flushed before the next step, so a kill can only leave the last change
unaccounted for ("intent" without "ok"): committed or not, nothing else is in doubt.

The worker predicts each delta from its own model (undo and redo included) and checks it
against what the session reports, so a session that did something else stops it (exit 3).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from annotator.core.document import DocStatus
from annotator.core.errors import AnnotatorError
from annotator.core.session import Changes, Session
from annotator.core.spans import Span
from annotator.storage import Project, connection
from annotator.storage.lock import ProjectLock

LABELS = ("ACTOR", "LOCATION", "NUMBER", "SOURCE")
# A realistic mix: mostly new spans, then undo, fixes and deletions.
WEIGHTS = {
    "add": 30,
    "relabel": 10,
    "resize": 8,
    "attrs": 5,
    "delete": 12,
    "accept": 5,
    "done": 4,
    "undo": 18,
    "redo": 8,
}

MAX_SPANS = 400
Key = tuple[int, int, int, str]  # document, start, end, label


def canonical(attrs: dict[str, Any]) -> str:
    return json.dumps(attrs, ensure_ascii=False, sort_keys=True)


@dataclass
class Delta:
    """What one change does: spans removed, spans added, a status set, a status touched."""

    remove: list[Key] = field(default_factory=list)
    add: list[tuple[Key, str, str]] = field(default_factory=list)  # key, attrs, origin
    touch: list[int] = field(default_factory=list)
    status: tuple[int, str, str] | None = None  # document, new, before

    def inverse(self) -> Delta:
        return Delta(
            remove=[key for key, _, _ in self.add],
            add=[(key, *self._removed[key]) for key in self.remove],
            touch=list(self.touch),
            status=(self.status[0], self.status[2], self.status[1]) if self.status else None,
        )

    # The values of the removed spans, for the inverse; filled in by `State.predict`.
    _removed: dict[Key, tuple[str, str]] = field(default_factory=dict, repr=False)

    def to_json(self) -> str:
        return json.dumps(
            {
                "remove": [list(k) for k in self.remove],
                "add": [[*k, attrs, origin] for k, attrs, origin in self.add],
                "touch": self.touch,
                "status": list(self.status) if self.status else None,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Delta:
        raw = json.loads(text)
        return cls(
            remove=[tuple(k) for k in raw["remove"]],
            add=[(tuple(a[:4]), a[4], a[5]) for a in raw["add"]],
            touch=list(raw["touch"]),
            status=tuple(raw["status"]) if raw["status"] else None,
        )


@dataclass
class State:
    """One annotator's spans (key -> attrs, origin) and statuses (document -> status)."""

    spans: dict[Key, tuple[str, str]] = field(default_factory=dict)
    statuses: dict[int, str] = field(default_factory=dict)

    @classmethod
    def read(cls, project: Project, annotator: str) -> State:
        state = cls()
        for doc in project.documents():
            for span in project.spans(doc.rowid, annotator):
                key = (doc.rowid, span.start, span.end, span.label)
                state.spans[key] = (canonical(span.attrs), span.origin.value)
        state.statuses = {doc: s.value for doc, s in project.statuses(annotator).items()}
        return state

    def copy(self) -> State:
        return State(dict(self.spans), dict(self.statuses))

    def apply(self, delta: Delta) -> None:
        """Raises KeyError/ValueError when the delta does not fit: a harness bug or a lie."""
        for key in delta.remove:
            del self.spans[key]
        for key, attrs, origin in delta.add:
            if key in self.spans:
                raise ValueError(f"span {key} added twice")
            self.spans[key] = (attrs, origin)
        for doc in delta.touch:
            # A span edit moves a new document to "in progress", never back from "done".
            if self.statuses.get(doc, DocStatus.NEW.value) == DocStatus.NEW.value:
                self.statuses[doc] = DocStatus.IN_PROGRESS.value
        if delta.status is not None:
            self.statuses[delta.status[0]] = delta.status[1]

    def predict(self, delta: Delta) -> Delta:
        """`delta`, knowing the values of the spans it removes (what its inverse puts back)
        and, for an edit of a new document, the move to "in progress" it makes (which the
        session reports, and its undo takes back)."""
        delta._removed = {key: self.spans[key] for key in delta.remove}
        if delta.touch and delta.status is None:
            [doc] = delta.touch
            before = self.statuses.get(doc, DocStatus.NEW.value)
            if before == DocStatus.NEW.value:
                delta.status = (doc, DocStatus.IN_PROGRESS.value, before)
        return delta


@dataclass(frozen=True)
class Suggested:
    start: int
    end: int
    label: str
    attrs: dict[str, Any]


class Worker:
    def __init__(self, project: Project, annotator: str, rng: random.Random) -> None:
        self.project = project
        self.session = Session(project, annotator)
        self.annotator = annotator
        self.rng = rng
        self.docs = {doc.rowid: len(doc.text) for doc in project.documents()}
        self.state = State.read(project, annotator)
        self.undo: list[Delta] = []
        self.redo: list[Delta] = []

    # -- choosing a change ----------------------------------------------------------------

    def _attrs(self, label: str) -> dict[str, Any]:
        return {"value": self.rng.randint(1, 5000)} if label == "NUMBER" else {}

    def _free_range(self, doc: int, label: str) -> tuple[int, int] | None:
        length = self.docs[doc]
        for _ in range(20):
            start = self.rng.randrange(length - 1)
            end = min(length, start + self.rng.randint(1, 24))
            if (doc, start, end, label) not in self.state.spans:
                return start, end
        return None

    def _some_span(self, only: str | None = None) -> Key | None:
        keys = [k for k in self.state.spans if only is None or k[3] == only]
        return self.rng.choice(keys) if keys else None

    def choose(self) -> tuple[str, Delta, Callable[[], Changes | None]] | None:
        """A change to make: its kind, its delta and the call that makes it."""
        kind = self.rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]
        if kind in ("add", "accept") and len(self.state.spans) > MAX_SPANS:
            kind = "delete"  # hundreds of kills must not slow each step down
        found = self._change(kind)
        return None if found is None else (kind, *found)

    def _change(self, kind: str) -> tuple[Delta, Callable[[], Changes | None]] | None:
        s = self.session
        if kind == "undo":
            return (self.undo[-1].inverse(), s.undo) if self.undo else None
        if kind == "redo":
            return (self.redo[-1], s.redo) if self.redo else None
        if kind == "add":
            doc, label = self.rng.choice(list(self.docs)), self.rng.choice(LABELS)
            found = self._free_range(doc, label)
            if found is None:
                return None
            attrs = self._attrs(label)
            delta = Delta(add=[((doc, *found, label), canonical(attrs), "manual")], touch=[doc])
            return delta, lambda: s.add(doc, *found, label, attrs)
        if kind == "accept":
            doc, chosen = self.rng.choice(list(self.docs)), {}
            for _ in range(self.rng.randint(2, 4)):
                label = self.rng.choice(LABELS)
                found = self._free_range(doc, label)
                if found is not None:
                    chosen[(doc, *found, label)] = self._attrs(label)
            if not chosen:
                return None
            delta = Delta(
                add=[(k, canonical(a), "suggested") for k, a in chosen.items()], touch=[doc]
            )
            offered = [Suggested(k[1], k[2], k[3], a) for k, a in chosen.items()]
            return delta, lambda: s.accept(doc, offered)
        if kind == "done":
            doc = self.rng.choice(list(self.docs))
            before = self.state.statuses.get(doc, DocStatus.NEW.value)
            delta = Delta(status=(doc, DocStatus.DONE.value, before))
            return delta, lambda: s.set_status(doc, DocStatus.DONE)
        key = self._some_span("NUMBER" if kind == "attrs" else None)
        if key is None:
            return None
        doc, start, end, label = key
        attrs, origin = self.state.spans[key]
        span = self.project.find_span(doc, _span(key, self.annotator))
        if kind == "delete":
            return Delta(remove=[key], touch=[doc]), lambda: s.delete(doc, span)
        if kind == "relabel":
            new_label = self.rng.choice([x for x in LABELS if x != label])
            new_key = (doc, start, end, new_label)
            if new_key in self.state.spans:
                return None
            delta = Delta(remove=[key], add=[(new_key, "{}", origin)], touch=[doc])
            return delta, lambda: s.relabel(doc, span, new_label)
        if kind == "resize":
            new_start = max(0, start + self.rng.randint(-3, 3))
            new_end = min(self.docs[doc], max(new_start + 1, end + self.rng.randint(-3, 3)))
            new_key = (doc, new_start, new_end, label)
            if new_key == key or new_key in self.state.spans:
                return None
            delta = Delta(remove=[key], add=[(new_key, attrs, origin)], touch=[doc])
            return delta, lambda: s.resize(doc, span, new_start, new_end)
        if kind == "attrs":
            new_attrs = {"value": self.rng.randint(1, 5000), "approx": "at_least"}
            delta = Delta(remove=[key], add=[(key, canonical(new_attrs), origin)], touch=[doc])
            return delta, lambda: s.set_attrs(doc, span, new_attrs)
        return None

    # -- making it ------------------------------------------------------------------------

    def run(self, ops: int, out) -> int:
        made = 0
        while ops == 0 or made < ops:
            chosen = self.choose()
            if chosen is None:
                continue
            kind, delta, call = chosen
            delta = self.state.predict(delta)
            out.write(f"intent {delta.to_json()}\n")
            out.flush()
            try:
                changes = call()
            except AnnotatorError as exc:
                out.write(f"refused {exc.code} {exc.message}\n")
                out.flush()
                made += 1
                continue
            out.write("ok\n")
            out.flush()
            made += 1
            self._check(delta, changes)
            self.state.apply(delta)
            if kind == "undo":
                self.redo.append(self.undo.pop())
            elif kind == "redo":
                self.undo.append(self.redo.pop())
            else:
                self.undo.append(delta)
                self.redo.clear()
        return made

    @staticmethod
    def _check(delta: Delta, changes: Changes) -> None:
        said_added = sorted((changes.doc_rowid, a.start, a.end, a.label) for a in changes.added)
        said_removed = sorted((changes.doc_rowid, r.start, r.end, r.label) for r in changes.removed)
        said_status = changes.status.value if changes.status is not None else None
        if (
            said_added != sorted(k for k, _, _ in delta.add)
            or said_removed != sorted(delta.remove)
            or said_status != (delta.status[1] if delta.status else None)
        ):
            sys.stderr.write(f"the session did something else: {changes} for {delta}\n")
            sys.exit(3)


def _span(key: Key, annotator: str) -> Span:
    return Span(key[1], key[2], key[3], annotator)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("seed", type=int)
    parser.add_argument("--annotator", default="worker")
    parser.add_argument("--ops", type=int, default=0, help="stop after N changes (0: never)")
    parser.add_argument("--lock", action="store_true", help="hold the window's lock")
    parser.add_argument("--busy-timeout", type=int, metavar="MS", help="instead of the app's")
    args = parser.parse_args(argv)
    if args.busy_timeout is not None:
        connection.BUSY_TIMEOUT_MS = args.busy_timeout
    lock = ProjectLock.acquire(args.db) if args.lock else None
    with Project.open(args.db) as project:
        worker = Worker(project, args.annotator, random.Random(args.seed))
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        worker.run(args.ops, sys.stdout)
    sys.stdout.write("end\n")
    sys.stdout.flush()
    if lock is not None:
        lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
