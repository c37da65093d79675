"""doccano's sequence-labelling JSONL export: one document per line, spans as code points.

    {"id": 7, "text": "...", "label": [[4, 17, "SOURCE"], [37, 41, "LOCATION"]]}

The span list may be under any one of three keys, as doccano versions wrote it:

- "label": [[start, end, "LABEL"], ...] (doccano's classic export),
- "labels": the same lists (newer doccano),
- "entities": [{"start_offset", "end_offset", "label", ...}, ...] (doccano 1.x).

doccano counts offsets in code points, except that it writes UTF-16 offsets for a text with
characters outside the Basic Multilingual Plane (emoji, mathematical letters) unless its
grapheme mode is on (doccano#2290). Only in such a text do the two differ, and the file
cannot say which it holds: a line with one and spans is refused unless `offsets`
("codepoints" or "utf16", the command line's --offsets) says. Every span must lie inside the
text and cover more than white space. "id" becomes
the document id (a number becomes its string), "annotator" names whose spans these are
(--annotator overrides it; spans need one or the other), a "meta" object is merged into the
document's meta and every other key (comments, relations, ...) goes into meta as it is.
Labels go through `label_map` (unmapped labels are kept; the store refuses labels the
project does not have unless the import adds labels).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.document import Document
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.quoting import for_message
from annotator.core.records import ImportRecord
from annotator.core.spans import Origin, Span
from annotator.core.utf16 import Utf16Map
from annotator.formats.decoding import check_label
from annotator.formats.jsonl import json_lines

SPAN_KEYS = ("label", "labels", "entities")
ENTITY_FIELDS = ("start_offset", "end_offset", "label")


def _annotator_of(obj: dict[str, Any], override: str | None) -> str | None:
    if override is not None and override.strip():
        return override
    name = obj.get("annotator")
    if name is None:
        return None
    if isinstance(name, int) and not isinstance(name, bool):
        return str(name)  # doccano 1.x writes the user's id
    if not isinstance(name, str) or not name.strip():
        raise InputError(
            f"annotator must be a non-empty string, not {for_message(name, quoted=True)}",
            "bad_json",
        )
    return name


def _raw_spans(obj: dict[str, Any]) -> list[tuple[Any, Any, Any]]:
    """(start, end, label) of every span, in file order, whichever key holds them."""
    keys = [key for key in SPAN_KEYS if key in obj]
    if len(keys) > 1:
        raise InputError(
            f"both {keys[0]!r} and {keys[1]!r}: which holds the spans is unclear", "bad_json"
        )
    if not keys:
        return []
    key = keys[0]
    items = obj[key]
    if items is None:
        return []
    if not isinstance(items, list):
        raise InputError(f"{key!r} must be a list of spans", "bad_json")
    spans = []
    for number, item in enumerate(items, 1):
        if key == "entities":
            if not isinstance(item, dict):
                raise InputError(
                    f"entity {number} must be an object with start_offset, end_offset and label",
                    "bad_span",
                )
            missing = [name for name in ENTITY_FIELDS if name not in item]
            if missing:
                raise InputError(f"entity {number} has no {missing[0]!r}", "bad_span")
            spans.append((item["start_offset"], item["end_offset"], item["label"]))
        elif isinstance(item, list) and len(item) == 3:
            spans.append((item[0], item[1], item[2]))
        elif isinstance(item, str):
            raise InputError(
                f"{key!r} holds the category {for_message(item, quoted=True)}, not a span "
                "[start, end, label]: "
                "this looks like a text-classification export, which has no spans",
                "bad_span",
            )
        else:
            raise InputError(
                f"span {number} in {key!r} must be [start, end, label], "
                f"not {for_message(item, quoted=True)}",
                "bad_span",
            )
    return spans


def _offsets_of(text: str, offsets: str | None) -> Callable[[Any], Any] | None:
    """How to turn this text's offsets into code points (None: they are code points)."""
    if offsets == "codepoints" or all(ord(c) <= 0xFFFF for c in text):
        return None
    if offsets is None:
        raise InputError(
            "the text has characters outside the Basic Multilingual Plane (emoji...), where "
            "doccano writes UTF-16 offsets unless its grapheme mode is on, and code points "
            "with it: say which with --offsets utf16 or --offsets codepoints",
            "ambiguous_offsets",
        )
    utf16 = Utf16Map.of(text)

    def converted(offset: Any) -> Any:
        if not isinstance(offset, int) or isinstance(offset, bool):
            return offset  # Span refuses it, saying what it is
        found = utf16.to_code_points(offset)
        if found is None:
            raise InputError(
                f"UTF-16 offset {offset} is inside a character or past the text", "bad_span"
            )
        return found

    return converted


def parse_line(
    obj: Any,
    default_id: str,
    annotator_override: str | None,
    label_map: dict[str, str],
    source: str,
    line: int,
    offsets: str | None = None,
) -> ImportRecord:
    if not isinstance(obj, dict):
        raise InputError(f"each line must be a JSON object, not {type(obj).__name__}", "bad_json")
    if "text" not in obj:
        raise InputError("no 'text' field", "bad_json")
    if isinstance(obj.get("annotations"), list) and obj["annotations"]:
        # doccano 1.0's JSON export: spans per user under "annotations". Taking it as meta
        # would drop every span in silence.
        raise InputError(
            "'annotations' holds per-user spans (doccano 1.0's JSON export), which this reader "
            "does not take: export as JSONL from doccano (spans under 'label')",
            "bad_json",
        )
    uid = obj.get("id", default_id)
    if isinstance(uid, int) and not isinstance(uid, bool):
        uid = str(uid)
    meta: dict[str, Any] = {}
    extra_meta = obj.get("meta")
    if isinstance(extra_meta, dict):
        meta.update(extra_meta)
    for key, value in obj.items():
        if key in ("id", "text", "annotator", *SPAN_KEYS):
            continue
        if key == "meta" and isinstance(value, dict):
            continue
        meta[key] = value
    doc = Document(uid, obj["text"], meta)
    raw = _raw_spans(obj)
    annotator = _annotator_of(obj, annotator_override)
    if annotator is None:
        if not raw:
            return ImportRecord(doc, source, line)
        raise InputError(
            "spans need an annotator: this line names none; give --annotator NAME",
            "no_annotator",
        )
    spans = []
    to_code_points = _offsets_of(doc.text, offsets) if raw else None
    for start, end, label in raw:
        if to_code_points is not None:
            start, end = to_code_points(start), to_code_points(end)
        check_label(label)
        if not isinstance(label, str):
            raise InputError(
                f"span {for_message(start)}-{for_message(end)}: label must be a string, "
                f"not {for_message(label, quoted=True)}",
                "bad_span",
            )
        span = Span(start, end, label_map.get(label, label), annotator, {}, Origin.IMPORTED)
        span.check_against(doc.text)  # inside the text, and not only white space
        spans.append(span)
    return ImportRecord(doc, source, line, spans, annotator)


def read_doccano(
    path: Path,
    annotator: str | None,
    label_map: dict[str, str],
    notes: list[str],
    *,
    encoding: str | None = None,
    offsets: str | None = None,
) -> Iterator[ImportRecord]:
    """Stream records line by line, as read_jsonl does; errors name the file and the line."""
    with_relations = 0
    for number, obj in json_lines(path, encoding):
        try:
            record = parse_line(
                obj, f"{path.stem}-{number}", annotator, label_map, str(path), number, offsets
            )
        except AnnotatorError as exc:
            raise exc.located(path, number) from None
        if record.document.meta.get("relations"):
            with_relations += 1
        yield record
    if with_relations:
        notes.append(
            f"{path}: relations ({with_relations} lines) are not imported as spans; "
            "they are kept in each document's meta"
        )
