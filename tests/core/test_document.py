import pytest

from annotator.core import Direction, Document, InputError, content_hash, detect_direction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصفت طائرات حربية روسية مدينة حماة", Direction.RTL),
        ("AFP: قصفت طائرات حربية روسية مدينة حماة وريفها", Direction.RTL),
        ("12 غارة على ريف ادلب", Direction.RTL),
        ("Syrian forces shelled Idlib on Monday", Direction.LTR),
        ("Reuters quoted المرصد in its report on the strikes", Direction.LTR),
        ("שלום עולם", Direction.RTL),
        ("12 34", Direction.RTL),  # no letters at all: the product's default
    ],
)
def test_direction_counts_letters_not_the_first_strong_character(text, expected):
    assert detect_direction(text) == expected


def test_explicit_direction_in_meta_wins():
    doc = Document("d", "قصفت طائرات", {"direction": "ltr"})
    assert doc.direction == Direction.LTR


def test_text_is_kept_exactly_and_hashed_as_utf8():
    text = "\u200fقصف\u0640\u0640 ١٢ غارة\r\n😀"
    doc = Document("d", text)
    assert doc.text == text
    assert doc.hash == content_hash(text) == __import__("hashlib").sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("text", ["", "   \n\t ", None, 12])
def test_empty_or_non_string_text_is_refused(text):
    with pytest.raises(InputError):
        Document("d", text)


def test_unpaired_surrogate_is_refused_with_its_position():
    with pytest.raises(InputError, match="character 3"):
        Document("d", "abc\ud800")


def test_bad_meta_and_id_are_refused():
    with pytest.raises(InputError, match="meta must be an object"):
        Document("d", "text", ["x"])
    with pytest.raises(InputError, match="direction"):
        Document("d", "text", {"direction": "up"})
    with pytest.raises(InputError, match="id"):
        Document("  ", "text")


def test_title_from_meta_or_first_line():
    assert Document("d", "x", {"title": "حماة"}).title == "حماة"
    assert Document("d", "\n  السطر الأول\nالثاني").title == "السطر الأول"
