"""Plain text files: one document per file, titled by the file name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from annotator.core.document import Document
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.records import ImportRecord
from annotator.formats import decoding
from annotator.formats.decoding import decode, too_large


def read_bytes(path: Path) -> bytes:
    limit = decoding.MAX_INPUT_BYTES
    try:
        with path.open("rb") as handle:
            # The size first, so an absurd file is refused before it fills the memory; the
            # capped read still catches a file that grows, or a device with no size.
            if path.stat().st_size > limit:
                raise too_large("file").located(path)
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", "unreadable", str(path)) from None
    if len(data) > limit:
        raise too_large("file").located(path)
    return data


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
