"""CSV (or TSV): one document per row, a text column, the other columns as metadata."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from annotator.core.document import Document
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.quoting import for_message
from annotator.core.records import ImportRecord
from annotator.formats.text import read_decoded

# Articles are longer than the csv module's default 128 KiB field limit.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

DELIMITERS = (",", "\t", ";")


def _delimiter(header: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    return max(DELIMITERS, key=header.count)


def _find_column(header: list[str], wanted: str) -> int | None:
    folded = [name.strip().casefold() for name in header]
    return folded.index(wanted.casefold()) if wanted.casefold() in folded else None


def read_csv(
    path: Path, encoding: str | None, text_column: str, notes: list[str]
) -> Iterator[ImportRecord]:
    text = read_decoded(path, encoding, notes)
    if not text.strip():
        raise InputError("empty file (no header, no rows)", "empty_text", str(path))
    first_line = text.split("\n", 1)[0]
    # strict: an unclosed quote is an error, not a cell that swallows the rest of the file.
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(first_line, path), strict=True
    )
    try:
        header = next(reader)
        text_at = _find_column(header, text_column)
        if text_at is None:
            raise InputError(
                f"no {text_column!r} column (columns: {', '.join(map(for_message, header))}); "
                "name the text column with --text-column",
                "bad_csv",
                str(path),
                1,
            )
        id_at = _find_column(header, "id")
        rows = 0
        line = reader.line_num + 1
        for row in reader:
            where, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(
                    f"{len(row)} fields, but the header has {len(header)}",
                    "bad_csv",
                    str(path),
                    where,
                )
            meta = {name: row[i] for i, name in enumerate(header) if i not in (text_at, id_at)}
            uid = row[id_at] if id_at is not None and row[id_at].strip() else f"{path.stem}-{where}"
            try:
                doc = Document(uid, row[text_at], meta)
            except AnnotatorError as exc:
                raise exc.located(path, where) from None
            rows += 1
            yield ImportRecord(doc, str(path), where)
    except csv.Error as exc:
        raise InputError(f"not valid CSV: {exc}", "bad_csv", str(path), reader.line_num) from None
    if rows == 0:
        raise InputError("no rows under the header", "empty_text", str(path))
