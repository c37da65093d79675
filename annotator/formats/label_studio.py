"""Label Studio's JSON export: one JSON array of tasks, spans as UTF-16 offsets.

    [{"id": 17, "data": {"text": "..."},
      "annotations": [{"completed_by": 3, "was_cancelled": false,
                       "result": [{"type": "labels", "from_name": "label", "to_name": "text",
                                   "value": {"start": 4, "end": 17, "text": "...",
                                             "labels": ["SOURCE"]}}]}],
      "predictions": [...]}]

- **Text.** `data["text"]`, or the `text_key` given; without one, when data has no "text"
  but exactly one string value, that value. The other data values go into meta. The task
  "id" becomes the document id (without one: `<stem>-<n>`, n the task's place from 1).
- **Offsets.** Label Studio counts JavaScript string indices, i.e. UTF-16 code units: an
  astral character (an emoji, a mathematical letter) counts 2 there and 1 in Python. Offsets
  are converted to code points and the span's text is then checked against the "text" the
  result stores. When it does not match but the raw offsets, read as code points, do (older
  exports), they are taken as they are and a note says so. Anything else is an error naming
  the task and the span.
- **Annotations.** Each annotation is one record for the task's document, so several
  annotators' work lands on one document (the importer attaches spans by the text's hash).
  The annotator is --annotator when given, else the annotation's "completed_by" (a user id,
  an email, or an object with "email"); a note says which. Cancelled annotations
  ("was_cancelled") are skipped with a note.
- **Results.** Only "labels" results are spans; a result with several labels gives one span
  per label. Other kinds (choices, textarea, relation, ...) are not imported: one note per
  kind with its count. Predictions (model pre-annotations) and drafts are not imported
  either, and a note says so.

The array is read one task at a time, so errors name the file, the line the task starts on
and the task ("export.json:412: task 17: ..."), and so do the records.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.document import Document
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.quoting import for_message
from annotator.core.records import ImportRecord
from annotator.core.spans import Origin, Span
from annotator.core.utf16 import Utf16Map
from annotator.formats import json_input
from annotator.formats.decoding import check_label
from annotator.formats.text import read_decoded


def _task_name(task: Any, number: int) -> str:
    if isinstance(task, dict) and isinstance(task.get("id"), int | str):
        return f"task {for_message(task['id'])}"
    return f"task #{number} (no id)"


def _text_of(data: Any, text_key: str | None, notes: list[str], where: str) -> tuple[str, str]:
    """(the key holding the text, the text)."""
    if not isinstance(data, dict):
        raise InputError("'data' must be an object holding the text", "bad_json")
    if text_key is not None:
        if text_key not in data:
            keys = ", ".join(map(repr, data)) or "none"
            raise InputError(f"data has no {text_key!r} (its keys: {keys})", "bad_json")
        return text_key, data[text_key]
    if "text" in data:
        return "text", data["text"]
    strings = [key for key, value in data.items() if isinstance(value, str)]
    if len(strings) == 1:
        notes.append(f"{where}: the text is data[{strings[0]!r}], the only string in data")
        return strings[0], data[strings[0]]
    keys = ", ".join(map(repr, strings)) or "none"
    raise InputError(
        f"data has no 'text', and which string holds the text is unclear (strings: {keys}); "
        "name its key",
        "bad_json",
    )


def _annotator_of(annotation: dict[str, Any]) -> str | None:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("username") or who.get("id")
    if isinstance(who, bool) or who is None:
        return None
    if isinstance(who, int):
        return str(who)
    if isinstance(who, str) and who.strip():
        return who
    return None


class _Reader:
    def __init__(
        self,
        path: Path,
        annotator: str | None,
        label_map: dict[str, str],
        notes: list[str],
        text_key: str | None,
    ) -> None:
        self.path = path
        self.annotator = annotator if annotator is not None and annotator.strip() else None
        self.label_map = label_map
        self.notes = notes
        self.text_key = text_key
        self.other_results: Counter[str] = Counter()
        self.predictions = 0
        self.predicted_tasks = 0
        self.drafts = 0
        self.cancelled = 0
        self.code_point_spans: list[str] = []
        self.from_completed_by: set[str] = set()
        self.annotations = 0

    def records(self, task: Any, number: int, line: int) -> list[ImportRecord]:
        name = _task_name(task, number)
        if not isinstance(task, dict):
            raise InputError(f"{name} must be an object, not {type(task).__name__}", "bad_json")
        if "data" not in task:
            raise InputError(f"{name} has no 'data'", "bad_json")
        where = f"{self.path}:{line}: {name}"
        key, text = _text_of(task["data"], self.text_key, self.notes, where)
        meta = {k: v for k, v in task["data"].items() if k != key}
        uid = task.get("id", f"{self.path.stem}-{number}")
        if isinstance(uid, int) and not isinstance(uid, bool):
            uid = str(uid)
        doc = Document(uid, text, meta)
        predictions = task.get("predictions") or []
        if isinstance(predictions, list) and predictions:
            self.predictions += len(predictions)
            self.predicted_tasks += 1
        drafts = task.get("drafts") or []
        if isinstance(drafts, list):
            self.drafts += len(drafts)
        annotations = task.get("annotations") or []
        if not isinstance(annotations, list):
            raise InputError(f"{name}: 'annotations' must be a list", "bad_json")
        offsets = Utf16Map.of(doc.text)
        records = []
        for index, annotation in enumerate(annotations, 1):
            if not isinstance(annotation, dict):
                raise InputError(f"{name}: annotation {index} must be an object", "bad_json")
            if annotation.get("was_cancelled"):
                self.cancelled += 1
                continue
            record = self.annotation(doc, annotation, offsets, name, index, line)
            if record is not None:
                records.append(record)
        # A task nobody finished still brings its text in.
        return records or [ImportRecord(doc, str(self.path), line)]

    def annotation(
        self,
        doc: Document,
        annotation: dict[str, Any],
        offsets: Utf16Map,
        name: str,
        index: int,
        line: int,
    ) -> ImportRecord | None:
        results = annotation.get("result") or []
        if not isinstance(results, list):
            raise InputError(f"{name}: annotation {index}: 'result' must be a list", "bad_json")
        labelled = []
        for result in results:
            if not isinstance(result, dict):
                raise InputError(
                    f"{name}: annotation {index}: a result is not an object", "bad_json"
                )
            kind = result.get("type")
            if kind == "labels":
                labelled.append(result)
            else:
                self.other_results[str(kind)] += 1
        self.annotations += 1
        annotator = self.annotator
        if annotator is None:
            annotator = _annotator_of(annotation)
            if annotator is not None:
                self.from_completed_by.add(annotator)
        if annotator is None:
            if labelled:
                raise InputError(
                    f"{name}: annotation {index} names no annotator (no completed_by): "
                    "give --annotator NAME",
                    "no_annotator",
                )
            return ImportRecord(doc, str(self.path), line)
        spans: list[Span] = []
        for result in labelled:
            spans.extend(self.spans(doc.text, result, offsets, annotator, name))
        return ImportRecord(doc, str(self.path), line, spans, annotator)

    def spans(
        self, text: str, result: dict[str, Any], offsets: Utf16Map, annotator: str, name: str
    ) -> list[Span]:
        value = result.get("value")
        if not isinstance(value, dict):
            raise InputError(f"{name}: a labels result has no 'value' object", "bad_span")
        missing = [key for key in ("start", "end", "labels") if key not in value]
        if missing:
            raise InputError(f"{name}: a labels result has no {missing[0]!r}", "bad_span")
        labels = value["labels"]
        if not isinstance(labels, list) or not labels:
            raise InputError(
                f"{name}: a labels result has no labels ({for_message(labels, quoted=True)})",
                "bad_span",
            )
        for label in labels:
            try:
                check_label(label)
            except AnnotatorError as exc:
                raise InputError(f"{name}: {exc.message}", exc.code) from None
            if not isinstance(label, str) or not label:
                raise InputError(
                    f"{name}: span {for_message(value['start'])}-{for_message(value['end'])}: "
                    f"label must be a non-empty string, not {for_message(label, quoted=True)}",
                    "bad_span",
                )
        first = self.label_map.get(labels[0], labels[0])
        try:
            raw = Span(value["start"], value["end"], first, annotator, {}, Origin.IMPORTED)
        except AnnotatorError as exc:
            raise InputError(f"{name}: {exc.message}", exc.code) from None
        expected = value.get("text")
        if expected is not None and not isinstance(expected, str):
            raise InputError(
                f"{name}: span {raw.start}-{raw.end}: 'text' must be a string", "bad_span"
            )
        start, end = offsets.to_code_points(raw.start), offsets.to_code_points(raw.end)
        described = f"span {raw.start}-{raw.end} ({', '.join(map(for_message, labels))})"
        if (
            start is not None
            and end is not None
            and (expected is None or text[start:end] == expected)
        ):
            pass
        elif expected is not None and text[raw.start : raw.end] == expected:
            start, end = raw.start, raw.end  # an older export that wrote code points
            self.code_point_spans.append(f"{name} {described}")
        elif start is None or end is None:
            raise InputError(
                f"{name}: {described} is out of range or splits a character: the text has "
                f"{offsets.utf16_length} UTF-16 units ({len(text)} characters)",
                "span_out_of_range",
            )
        else:
            raise InputError(
                f"{name}: {described} says its text is {for_message(expected, quoted=True)} "
                f"but the document has {for_message(text[start:end], quoted=True)} there "
                f"(code points {start}-{end})",
                "span_text_mismatch",
            )
        spans = []
        for label in dict.fromkeys(labels):
            span = Span(
                start, end, self.label_map.get(label, label), annotator, {}, Origin.IMPORTED
            )
            try:
                span.check_against(text)
            except AnnotatorError as exc:
                raise InputError(f"{name}: {exc.message}", exc.code) from None
            spans.append(span)
        return spans

    def finish(self) -> None:
        path, notes = self.path, self.notes
        if self.code_point_spans:
            listed = "; ".join(self.code_point_spans[:5])
            more = len(self.code_point_spans) - 5
            notes.append(
                f"{path}: {len(self.code_point_spans)} spans have code-point offsets, not "
                f"UTF-16 ones (an older export), and were taken as they are: {listed}"
                + (f"; and {more} more" if more > 0 else "")
            )
        if self.annotator is not None and self.annotations:
            notes.append(
                f"{path}: every annotation's spans come in as {for_message(self.annotator)} "
                "(--annotator), whoever completed them"
            )
        elif self.from_completed_by:
            names = ", ".join(map(for_message, sorted(self.from_completed_by)))
            notes.append(
                f"{path}: annotators are taken from each annotation's completed_by: {names}"
            )
        if self.cancelled:
            notes.append(f"{path}: {self.cancelled} cancelled annotations were skipped")
        if self.predictions:
            notes.append(
                f"{path}: {self.predictions} predictions (model pre-annotations) in "
                f"{self.predicted_tasks} tasks are not imported"
            )
        if self.drafts:
            notes.append(f"{path}: {self.drafts} drafts (unsubmitted annotations) are not imported")
        for kind, count in sorted(self.other_results.items()):
            notes.append(f"{path}: {count} {kind!r} results are not imported (only 'labels' spans)")


_SPACES = re.compile(r"[ \t\r\n]*")


def _tasks(data: str) -> list[tuple[int, Any]]:
    """(line, task) of each element of the file's array, read one element at a time so that
    every task, and every error, is named by its line."""
    at = _SPACES.match(data).end()
    if at == len(data):
        return []
    if data[at] != "[":
        value = json_input.loads(data)
        raise InputError(
            f"expected a JSON array of tasks (Label Studio's JSON export), not a "
            f"{type(value).__name__}",
            "bad_json",
        )
    tasks: list[tuple[int, Any]] = []
    line, counted = 1, 0

    def line_at(position: int) -> int:
        nonlocal line, counted
        line += data.count("\n", counted, position)
        counted = position
        return line

    at += 1
    while True:
        at = _SPACES.match(data, at).end()
        if at < len(data) and data[at] == "]" and not tasks:
            at += 1
            break
        task, end = json_input.parse(data, 1, at)
        tasks.append((line_at(at), task))
        at = _SPACES.match(data, end).end()
        if at < len(data) and data[at] == ",":
            at += 1
            continue
        if at < len(data) and data[at] == "]":
            at += 1
            break
        raise InputError(
            "not valid JSON: expected ',' or ']' after a task", "bad_json", line=line_at(at)
        )
    if _SPACES.match(data, at).end() < len(data):
        raise InputError(
            "not valid JSON: extra data after the array of tasks", "bad_json", line=line_at(at)
        )
    return tasks


def read_label_studio(
    path: Path,
    annotator: str | None,
    label_map: dict[str, str],
    notes: list[str],
    *,
    encoding: str | None = None,
    text_key: str | None = None,
) -> Iterator[ImportRecord]:
    """Read the whole array (JSON has no streaming form here), then yield task by task.

    Every task is checked before the first record is yielded, so a bad task stops the
    import before any of the file is stored.
    """
    data = read_decoded(path, encoding, notes)
    try:
        tasks = _tasks(data)
    except AnnotatorError as exc:
        raise exc.located(path) from None
    if not tasks:
        raise InputError("empty file (no tasks)", "empty_text", str(path))
    reader = _Reader(path, annotator, label_map, notes, text_key)
    records: list[ImportRecord] = []
    for number, (line, task) in enumerate(tasks, 1):
        try:
            records.extend(reader.records(task, number, line))
        except AnnotatorError as exc:
            message = exc.message
            name = _task_name(task, number)
            if not message.startswith(f"{name}:"):
                message = f"{name}: {message}"
            raise InputError(message, exc.code, str(path), line) from None
    reader.finish()
    yield from records
