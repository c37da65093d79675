"""Bytes -> text, strictly. Never guesses silently; never changes a character of the text.

A leading byte-order mark is an encoding signature, not text, so it is removed. Line ends are
kept as they are (CRLF stays CRLF): offsets count every stored character.
"""

from __future__ import annotations

import codecs
import re

from annotator.core.errors import InputError
from annotator.core.quoting import for_message

_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0660-\u0669\u067e\u0686\u06af\u060c\u061b\u061f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Share of non-ASCII characters that must be Arabic for cp1256 to be the right reading.
_CP1256_ARABIC_SHARE = 0.8
# Whole files are read into memory (a CSV, a Label Studio array) and each JSONL line is one
# string. Far beyond any corpus file, this keeps an absurd input a clear refusal instead of
# a MemoryError, and every document under SQLite's limit on one value (1 GB).
MAX_INPUT_BYTES = 512 * 2**20


def too_large(what: str) -> InputError:
    return InputError(
        f"{what} too large to import (more than {MAX_INPUT_BYTES // 2**20} MiB): split it",
        "too_large",
    )


def check_label(label: object) -> None:
    """Refuse a label with a control, a line break or a bidi override in it: no label name
    has one (they are letters, digits, '_' and '-'), and a message naming the span would
    print it raw. Other wrong labels are for the span and the project to refuse."""
    if isinstance(label, str) and label and not label.isprintable():
        raise InputError(
            f"label {for_message(label, quoted=True)} is not a label name "
            "(letters, digits, '_' and '-')",
            "bad_span",
        )


def check_encoding(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", "bad_encoding") from None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_like_cp1256(text: str) -> bool:
    non_ascii = len(_NON_ASCII.findall(text))
    return non_ascii > 0 and len(_ARABIC_LETTER.findall(text)) >= _CP1256_ARABIC_SHARE * non_ascii


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str | None]:
    """Return (text, note). The note says when the encoding was detected rather than UTF-8.

    Raises InputError (with the line where it applies) for binary data and undecodable bytes.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and encoding is None:
        encoding = "utf-16"
    if encoding is None and b"\x00" in data:
        raise InputError(
            "binary file (contains NUL bytes), not text",
            "binary",
            line=_line_of(data, data.index(b"\x00")),
        )
    name = check_encoding(encoding or "utf-8")
    if name == "utf-8":
        name = "utf-8-sig"
    try:
        return data.decode(name), None
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        # Counted in the decoded text: in UTF-16 a 0x0A byte is not always a line break.
        line = data[: exc.start].decode(name, errors="replace").count("\n") + 1
        if encoding is None:
            guess = data.decode("cp1256", errors="replace")
            if "\ufffd" not in guess and _looks_like_cp1256(guess):
                return guess, "not UTF-8: decoded as Windows Arabic (cp1256)"
            raise InputError(
                f"not valid UTF-8 (byte 0x{bad}); give its encoding with --encoding, "
                "e.g. --encoding cp1256 for Windows Arabic",
                "bad_encoding",
                line=line,
            ) from None
        raise InputError(
            f"not valid {encoding} (byte 0x{bad})", "bad_encoding", line=line
        ) from None
