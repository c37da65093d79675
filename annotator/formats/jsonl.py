"""Our JSONL: one document per line, spans as code-point offsets into "text".

    {"id", "text", "meta", "annotator", "status", "spans": [{"start", "end", "label", "text",
     "attrs", "origin"}]}

Export then import reproduces documents, spans, attributes, origins and status exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from annotator.core.document import DocStatus, Document
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.records import ImportRecord
from annotator.core.spans import Origin, Span
from annotator.formats import decoding, json_input
from annotator.formats.decoding import check_encoding, check_label, too_large

DOCUMENT_FIELDS = ("id", "text", "meta", "annotator", "status", "spans")
SPAN_FIELDS = ("start", "end", "label", "text", "attrs", "origin")
# Written by `export --gold`: who agreed and who decided. It describes the gold layer and has
# no place on an annotator's span, so an import accepts it and reports that it was left out.
GOLD_ONLY_SPAN_FIELDS = ("provenance",)


def _check_fields(obj: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
    unknown = [key for key in obj if key not in allowed]
    if unknown:
        raise InputError(
            f"unknown field {unknown[0]!r} in {what} (expected {', '.join(allowed)})",
            "unknown_field",
        )


def _or_default(obj: dict[str, Any], key: str, default: Any) -> Any:
    """The field, or `default` when it is missing or null. Not `or`: a falsy wrong value
    ("", 0, false, [] for an object) is refused by the checks, never taken for empty."""
    value = obj.get(key)
    return default if value is None else value


def _parse_span(obj: Any, annotator: str | None, text: str, number: int) -> Span:
    if not isinstance(obj, dict):
        raise InputError(f"span {number} must be an object", "bad_span")
    _check_fields(obj, SPAN_FIELDS + GOLD_ONLY_SPAN_FIELDS, f"span {number}")
    missing = [key for key in ("start", "end", "label") if key not in obj]
    if missing:
        raise InputError(f"span {number} has no {missing[0]!r}", "bad_span")
    if annotator is None:
        raise InputError(
            "spans need an annotator: this line names none; give --annotator NAME",
            "no_annotator",
        )
    check_label(obj["label"])
    span = Span(
        obj["start"],
        obj["end"],
        obj["label"],
        annotator,
        _or_default(obj, "attrs", {}),
        obj.get("origin", Origin.IMPORTED),
    )
    expected = obj.get("text")
    if expected is not None and not isinstance(expected, str):
        raise InputError(f"span {number} text must be a string", "bad_span")
    if expected is not None and text[span.start : span.end] != expected:
        span.check_against(text, expected)  # raises, saying which of range or text is wrong
    return span  # range and blank checks: the importer does them for every reader


def parse_line(
    obj: Any,
    default_id: str,
    annotator_override: str | None,
    notes: list[str],
    source: str,
    line: int,
) -> ImportRecord:
    if not isinstance(obj, dict):
        raise InputError(f"each line must be a JSON object, not {type(obj).__name__}", "bad_json")
    _check_fields(obj, DOCUMENT_FIELDS, "the document")
    if "text" not in obj:
        raise InputError("no 'text' field", "bad_json")
    uid = obj.get("id", default_id)
    if isinstance(uid, int) and not isinstance(uid, bool):
        uid = str(uid)
    doc = Document(uid, obj["text"], _or_default(obj, "meta", {}))
    annotator = annotator_override or obj.get("annotator")
    if annotator is not None and (not isinstance(annotator, str) or not annotator.strip()):
        raise InputError(f"annotator must be a non-empty string, not {annotator!r}", "bad_json")
    status = obj.get("status")
    if status is not None:
        try:
            status = DocStatus(status)
        except ValueError:
            raise InputError(
                f"status must be new, in_progress or done, not {status!r}", "bad_json"
            ) from None
    raw_spans = _or_default(obj, "spans", [])
    if not isinstance(raw_spans, list):
        raise InputError("'spans' must be a list", "bad_json")
    spans = [_parse_span(s, annotator, doc.text, n) for n, s in enumerate(raw_spans, 1)]
    if any(isinstance(s, dict) and "provenance" in s for s in raw_spans):
        notes.append(
            f"{source}:{line}: gold provenance is not imported (spans come in as {annotator!r}'s)"
        )
    return ImportRecord(doc, source, line, spans, annotator, status)


def json_lines(path: Path, encoding: str | None) -> Iterator[tuple[int, Any]]:
    """(line number, parsed object) of each non-blank line, streamed: memory stays flat
    however long the file. Errors name the file and the line; a file with no JSON line is
    an error too."""
    codec = check_encoding(encoding or "utf-8")
    if codec == "utf-8":
        codec = "utf-8-sig"  # tolerate a byte-order mark on the first line
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", "unreadable", str(path)) from None
    limit = decoding.MAX_INPUT_BYTES
    seen = False
    with handle:
        # readline with a limit: one absurd line is refused, not read whole into memory.
        for number, raw in enumerate(iter(lambda: handle.readline(limit + 1), b""), 1):
            if len(raw) > limit:
                raise too_large("a line").located(path, number)
            try:
                line = raw.decode(codec if number == 1 else codec.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"not valid {encoding or 'UTF-8'} (byte 0x{raw[exc.start]:02x}); "
                    "give its encoding with --encoding",
                    "bad_encoding",
                    str(path),
                    number,
                ) from None
            if not line.strip():
                continue
            try:
                # Without its line end: an error at the end of the line is on this line.
                obj = json_input.loads(line.rstrip("\r\n"), number)
            except AnnotatorError as exc:
                raise exc.located(path) from None
            seen = True
            yield number, obj
    if not seen:
        raise InputError("empty file (no JSON lines)", "empty_text", str(path))


def read_jsonl(
    path: Path, encoding: str | None, annotator: str | None, notes: list[str]
) -> Iterator[ImportRecord]:
    for number, obj in json_lines(path, encoding):
        try:
            yield parse_line(obj, f"{path.stem}-{number}", annotator, notes, str(path), number)
        except AnnotatorError as exc:
            raise exc.located(path, number) from None


def document_line(
    doc: Document, annotator: str | None, status: str | None, spans: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "id": doc.id,
        "text": doc.text,
        "meta": doc.meta,
        "annotator": annotator,
        "status": status,
        "spans": spans,
    }


def span_object(
    text: str, start: int, end: int, label: str, attrs: dict, origin: str, **extra: Any
) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "label": label,
        "text": text[start:end],
        "attrs": attrs,
        "origin": origin,
        **extra,
    }


# Line breaks by Unicode's (and str.splitlines') definition that JSON leaves unescaped:
# escaped, so one record is one line for every reader, however it splits lines.
# (str.replace, not str.translate: translate steps through a long Arabic line in Python.)
_LINE_BREAKS = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def json_line(obj: dict[str, Any]) -> str:
    """One JSON object as one line, with its line break."""
    # ensure_ascii=False keeps the file readable Arabic; json escapes quotes and controls.
    return one_line(json.dumps(obj, ensure_ascii=False, allow_nan=False)) + "\n"


def one_line(encoded: str) -> str:
    """JSON text (json.dumps's, ensure_ascii=False) with the line breaks it leaves as they
    are escaped: what json_line writes, for a line built in pieces."""
    for char, escaped in _LINE_BREAKS:
        encoded = encoded.replace(char, escaped)
    return encoded


def write_line(out: IO[str], obj: dict[str, Any]) -> None:
    out.write(json_line(obj))
