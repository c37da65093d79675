"""Plain text files: one document per file, titled by the file name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from annotator.core.document import Document
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.records import ImportRecord
from annotator.formats.decoding import decode


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", "unreadable", str(path)) from None


def read_decoded(path: Path, encoding: str | None, notes: list[str]) -> str:
    """A whole file as text (see decoding.decode); a detected encoding goes into `notes`."""
    try:
        text, note = decode(read_bytes(path), encoding)
    except AnnotatorError as exc:
        raise exc.located(path) from None
    if note:
        notes.append(f"{path}: {note}")
    return text


def read_text_file(
    path: Path, name: PurePosixPath, encoding: str | None, notes: list[str]
) -> Iterator[ImportRecord]:
    """`name` is the path relative to the folder given on the command line: it is the id."""
    try:
        data = read_bytes(path)
        if not data.strip():
            raise InputError("empty file (no text)", "empty_text")
        text, note = decode(data, encoding)
        doc = Document(str(name.with_suffix("")), text, {"title": name.stem, "file": str(name)})
    except AnnotatorError as exc:
        raise exc.located(path) from None
    if note:
        notes.append(f"{path}: {note}")
    yield ImportRecord(doc, str(path))
