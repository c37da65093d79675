"""The annotation session: every change to spans goes through here.

Widgets never change spans themselves. They ask the session to execute an operation; the
session writes it to the project at once (one transaction: there is no Save), keeps the
undo/redo history, and tells its listeners what changed, so views repaint only that.

Operations name spans by their key (document, annotator, range, label), which the store keeps
unique, not by row id: undoing a deletion re-creates the span under a new row id, and the
operations after it in the history still find it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from annotator.core.document import DocStatus
from annotator.core.errors import InputError
from annotator.core.selection import span_range
from annotator.core.spans import Origin, Span, SpanKey
from annotator.core.suggest import attrs_for


class Store(Protocol):
    """What the session needs from storage (annotator.storage.Project provides it)."""

    def transaction(self) -> AbstractContextManager[None]: ...
    def add_span(self, doc_rowid: int, span: Span) -> Span: ...
    def find_span(self, doc_rowid: int, span: Span) -> Span | None: ...
    def replace_span(self, span_rowid: int, new: Span) -> Span: ...
    def delete_span(self, span_rowid: int) -> None: ...
    def status(self, doc_rowid: int, annotator: str) -> DocStatus: ...
    def set_status(self, doc_rowid: int, annotator: str, status: DocStatus) -> None: ...
    def reject_suggestion(
        self, doc_rowid: int, annotator: str, start: int, end: int, label: str
    ) -> bool: ...  # whether it was not rejected already
    def unreject_suggestion(
        self, doc_rowid: int, annotator: str, start: int, end: int, label: str
    ) -> bool: ...  # whether it was rejected


Key = SpanKey  # a span's or proposal's (start, end, label)


@dataclass(frozen=True)
class Changes:
    """What one operation changed in one document: views repaint exactly this."""

    doc_rowid: int
    added: tuple[Span, ...] = ()
    removed: tuple[Span, ...] = ()
    status: DocStatus | None = None
    rejected: tuple[Key, ...] = ()
    unrejected: tuple[Key, ...] = ()
    # One of several documents that one operation changed together (label all occurrences
    # in the project): a view shows it where it is, and does not go to each in turn.
    across: bool = False
    gold: bool = False  # the document's gold layer changed (a reviewer's decision)

    def __add__(self, other: Changes) -> Changes:
        return Changes(
            self.doc_rowid,
            self.added + other.added,
            self.removed + other.removed,
            other.status if other.status is not None else self.status,
            self.rejected + other.rejected,
            self.unrejected + other.unrejected,
            self.across or other.across,
            self.gold or other.gold,
        )

    @property
    def empty(self) -> bool:
        """Nothing changed (an accept of no suggestion, a decision that was made already)."""
        return not (
            self.added
            or self.removed
            or self.status is not None
            or self.rejected
            or self.unrejected
            or self.gold
        )


class Operation(Protocol):
    doc_rowid: int

    def apply(self, store: Store) -> tuple[Changes, Operation]:
        """Do it; return what changed and the operation that undoes it exactly."""
        ...


def _stored(store: Store, doc_rowid: int, span: Span) -> Span:
    found = store.find_span(doc_rowid, span)
    if found is None:
        raise InputError(
            f"the {span.label} span at {span.start}-{span.end} is no longer there", "missing_span"
        )
    return found


@dataclass(frozen=True)
class AddSpan:
    doc_rowid: int
    span: Span

    def apply(self, store: Store) -> tuple[Changes, Operation]:
        added = store.add_span(self.doc_rowid, self.span)
        return Changes(self.doc_rowid, added=(added,)), DeleteSpan(self.doc_rowid, added)


@dataclass(frozen=True)
class DeleteSpan:
    doc_rowid: int
    span: Span

    def apply(self, store: Store) -> tuple[Changes, Operation]:
        found = _stored(store, self.doc_rowid, self.span)
        store.delete_span(found.rowid)
        return Changes(self.doc_rowid, removed=(found,)), AddSpan(self.doc_rowid, found)


@dataclass(frozen=True)
class ReplaceSpan:
    """Relabel, move a boundary or change attributes: one span becomes another."""

    doc_rowid: int
    old: Span
    new: Span

    def apply(self, store: Store) -> tuple[Changes, Operation]:
        found = _stored(store, self.doc_rowid, self.old)
        new = store.replace_span(found.rowid, self.new)
        changes = Changes(self.doc_rowid, added=(new,), removed=(found,))
        return changes, ReplaceSpan(self.doc_rowid, new, found)


@dataclass(frozen=True)
class SetStatus:
    doc_rowid: int
    annotator: str
    status: DocStatus

    def apply(self, store: Store) -> tuple[Changes, Operation]:
        before = store.status(self.doc_rowid, self.annotator)
        store.set_status(self.doc_rowid, self.annotator, self.status)
        return (
            Changes(self.doc_rowid, status=self.status),
            SetStatus(self.doc_rowid, self.annotator, before),
        )


@dataclass(frozen=True)
class RejectSuggestion:
    doc_rowid: int
    annotator: str
    key: Key
    undo: bool = False  # True: forget the rejection (the inverse)

    def apply(self, store: Store) -> tuple[Changes, Operation]:
        if self.undo:
            changed = store.unreject_suggestion(self.doc_rowid, self.annotator, *self.key)
            changes = Changes(self.doc_rowid, unrejected=(self.key,))
        else:
            changed = store.reject_suggestion(self.doc_rowid, self.annotator, *self.key)
            changes = Changes(self.doc_rowid, rejected=(self.key,))
        # Rejecting what was rejected already changes nothing, and its undo must not
        # forget the rejection made before.
        inverse = replace(self, undo=not self.undo) if changed else Batch(self.doc_rowid, ())
        return changes, inverse


@dataclass(frozen=True)
class Batch:
    """Several operations on one document, done and undone as one (e.g. accept all)."""

    doc_rowid: int
    operations: tuple[Operation, ...]

    def apply(self, store: Store) -> tuple[Changes, Operation]:
        changes = Changes(self.doc_rowid)
        inverses = []
        for operation in self.operations:
            done, inverse = operation.apply(store)
            changes = changes + done
            inverses.append(inverse)
        return changes, Batch(self.doc_rowid, tuple(reversed(inverses)))


@dataclass(frozen=True)
class StatusKept:
    """An edit whose undo puts the document's status back as well.

    The store moves a new document to "in progress" on its annotator's first edit. Undone,
    that edit must not leave the move behind: a word labelled and taken back would leave
    the annotator "in progress" on a document they never worked on, and counted among the
    annotators a reviewer compares.
    """

    operation: Operation
    annotator: str

    @property
    def doc_rowid(self) -> int:
        return self.operation.doc_rowid

    def apply(self, store: Store) -> tuple[Changes, Operation]:
        before = store.status(self.doc_rowid, self.annotator)
        changes, inverse = self.operation.apply(store)
        after = store.status(self.doc_rowid, self.annotator)
        if after == before:
            return changes, inverse
        restore = SetStatus(self.doc_rowid, self.annotator, before)
        return replace(changes, status=after), Batch(self.doc_rowid, (inverse, restore))


@dataclass(frozen=True)
class Across:
    """Edits of several documents, done and undone as one (label all in the project)."""

    operations: tuple[Operation, ...]  # each of them on one document

    @property
    def doc_rowid(self) -> int:
        return self.operations[0].doc_rowid

    def apply(self, store: Store) -> tuple[tuple[Changes, ...], Operation]:
        done = [operation.apply(store) for operation in self.operations]
        changes = tuple(replace(c, across=True) for c, _ in done)
        return changes, Across(tuple(inverse for _, inverse in reversed(done)))


@dataclass
class Session:
    """One annotator's session on a project: execute, undo, redo, and listeners."""

    store: Store
    annotator: str
    _undo: list[tuple[Operation, Operation]] = field(default_factory=list)
    _redo: list[tuple[Operation, Operation]] = field(default_factory=list)
    _listeners: list[Callable[[Changes], None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Not check_annotator_name: a name an older version stored still works; the project
        # refuses a new one with a control in it (Project.annotator_id).
        if not self.annotator or not self.annotator.strip():
            raise InputError("the session needs an annotator name", "bad_annotator")

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Changes], None]) -> None:
        """Stop telling `listener` (a window handing the session to the one that replaces
        it); one not listening is no error."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _run(self, operation: Operation) -> tuple[Any, Operation]:
        with self.store.transaction():
            return operation.apply(self.store)

    def _announce(self, changes: Any) -> Any:
        """Tell every listener each document's Changes (`changes`: one, or a tuple of
        them from an edit across documents), and return `changes`."""
        # After the history is updated: a listener asking can_undo gets the true answer.
        for one in changes if isinstance(changes, tuple) else (changes,):
            for listener in self._listeners:
                listener(one)
        return changes

    def _status_kept(self, operation: Operation) -> Operation:
        if isinstance(operation, SetStatus):
            return operation
        if isinstance(operation, Across):
            return Across(tuple(self._status_kept(o) for o in operation.operations))
        return StatusKept(operation, self.annotator)

    def execute(self, operation: Operation) -> Any:
        """Do `operation` and remember how to undo it; its Changes (a tuple of them for
        an Across) are announced and returned."""
        changes, inverse = self._run(self._status_kept(operation))
        done = changes if isinstance(changes, tuple) else (changes,)
        if not all(c.empty for c in done):  # what changed nothing is no step of the history
            self._undo.append((operation, inverse))
            self._redo.clear()
        return self._announce(changes)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Changes | None:
        if not self._undo:
            return None
        operation, inverse = self._undo[-1]
        changes, again = self._run(inverse)  # if this fails, the history stays as it was
        self._undo.pop()
        self._redo.append((again, operation))
        return self._announce(changes)

    def redo(self) -> Changes | None:
        if not self._redo:
            return None
        inverse_of_inverse, operation = self._redo[-1]
        changes, inverse = self._run(inverse_of_inverse)
        self._redo.pop()
        self._undo.append((operation, inverse))
        return self._announce(changes)

    # -- the operations an annotator performs ----------------------------------------------

    def add(
        self,
        doc_rowid: int,
        start: int,
        end: int,
        label: str,
        attrs: dict[str, Any] | None = None,
        origin: Origin = Origin.MANUAL,
        *,
        text: str | None = None,
        snap: bool = False,
    ) -> Changes:
        """Add a span of start..end. Given the document's `text`, start..end is what the
        annotator selected: it is made a span the one way every selection is (widened to
        whole words when `snap`, trimmed of white space; core.selection), and a NUMBER
        without `attrs` gets its value from the text."""
        if text is not None:
            start, end = span_range(text, start, end, snap)
            if attrs is None:
                attrs = attrs_for(label, text[start:end])
        return self.execute(
            AddSpan(doc_rowid, Span(start, end, label, self.annotator, attrs or {}, origin))
        )

    def delete(self, doc_rowid: int, span: Span) -> Changes:
        return self.execute(DeleteSpan(doc_rowid, span))

    def relabel(self, doc_rowid: int, span: Span, label: str) -> Changes:
        # A NUMBER's value means nothing under another label: attributes go with the label.
        attrs = span.attrs if label == span.label else {}
        return self.execute(ReplaceSpan(doc_rowid, span, replace(span, label=label, attrs=attrs)))

    def resize(self, doc_rowid: int, span: Span, start: int, end: int) -> Changes:
        return self.execute(ReplaceSpan(doc_rowid, span, replace(span, start=start, end=end)))

    def set_attrs(self, doc_rowid: int, span: Span, attrs: dict[str, Any]) -> Changes:
        return self.execute(ReplaceSpan(doc_rowid, span, replace(span, attrs=attrs)))

    def set_status(self, doc_rowid: int, status: DocStatus) -> Changes:
        return self.execute(SetStatus(doc_rowid, self.annotator, status))

    def accept(self, doc_rowid: int, suggestions: Iterable[Any]) -> Changes:
        """Accept suggestions (anything with start, end, label, attrs) as suggested spans."""
        return self.execute(self._accepting(doc_rowid, suggestions))

    def _accepting(self, doc_rowid: int, suggestions: Iterable[Any]) -> Batch:
        operations = tuple(
            AddSpan(
                doc_rowid,
                Span(s.start, s.end, s.label, self.annotator, dict(s.attrs), Origin.SUGGESTED),
            )
            for s in suggestions
        )
        return Batch(doc_rowid, operations)

    def accept_across(self, found: Iterable[tuple[int, Iterable[Any]]]) -> tuple[Changes, ...]:
        """Accept suggestions in several documents ((document row id, suggestions) pairs)
        as one change: one undo takes them all back."""
        batches = tuple(self._accepting(doc_rowid, suggestions) for doc_rowid, suggestions in found)
        batches = tuple(b for b in batches if b.operations)
        return self.execute(Across(batches)) if batches else ()

    def reject(self, doc_rowid: int, suggestions: Iterable[Any]) -> Changes:
        operations = tuple(
            RejectSuggestion(doc_rowid, self.annotator, (s.start, s.end, s.label))
            for s in suggestions
        )
        return self.execute(Batch(doc_rowid, operations))

    def history(self) -> Iterator[Operation]:
        return (operation for operation, _ in self._undo)
