import codecs

import pytest

from annotator.core import InputError
from annotator.formats.decoding import decode

ARABIC = "قصفت طائرات حربية روسية مدينة حماة وريف ادلب"


def test_utf8_is_decoded_exactly_with_crlf_kept():
    text = ARABIC + "\r\n١٢ غارة\r\n"
    assert decode(text.encode()) == (text, None)


def test_a_byte_order_mark_is_removed_and_nothing_else():
    assert decode(codecs.BOM_UTF8 + "\ufeff نص".encode()) == ("\ufeff نص", None)
    assert decode(codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"))[0] == ARABIC


def test_windows_arabic_is_detected_and_said():
    text, note = decode(ARABIC.encode("cp1256"))
    assert text == ARABIC
    assert "cp1256" in note


def test_explicit_encoding_is_used():
    assert decode(ARABIC.encode("cp1256"), "cp1256") == (ARABIC, None)
    assert decode(ARABIC.encode("iso-8859-6"), "iso-8859-6") == (ARABIC, None)


def test_invalid_utf8_that_is_not_arabic_names_the_line():
    data = b"first line\nsecond\n" + "caf\xe9 cr\xe8me".encode("latin-1")
    with pytest.raises(InputError, match=r"not valid UTF-8 .*--encoding") as exc:
        decode(data)
    assert exc.value.line == 3


def test_wrong_explicit_encoding_is_an_error_not_mojibake():
    with pytest.raises(InputError, match="not valid utf-8"):
        decode(ARABIC.encode("cp1256"), "utf-8")
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"x", "klingon")


def test_binary_data_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
