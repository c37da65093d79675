"""Bytes -> text, strictly. Never guesses silently; never changes a character of the text.

A leading byte-order mark is an encoding signature, not text, so it is removed. Line ends are
kept as they are (CRLF stays CRLF): offsets count every stored character.
"""

from __future__ import annotations

import codecs
import re

from annotator.core.errors import InputError

_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0660-\u0669\u067e\u0686\u06af\u060c\u061b\u061f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Share of non-ASCII characters that must be Arabic for cp1256 to be the right reading.
_CP1256_ARABIC_SHARE = 0.8


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
        raise InputError("binary file (contains NUL bytes), not text", "binary")
    name = check_encoding(encoding or "utf-8")
    if name == "utf-8":
        name = "utf-8-sig"
    try:
        return data.decode(name), None
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        line = _line_of(data, exc.start)
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
