import pytest

from annotator.core import InputError, Origin, Span

TEXT = "قصفت طائرات روسية مدينة حماة"


def test_valid_span_covers_its_text():
    span = Span(24, 28, "LOCATION", "amira")
    span.check_against(TEXT)
    assert span.text_in(TEXT) == "حماة"
    assert span.origin is Origin.MANUAL


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 3, "negative"),
        (5, 5, "greater than"),
        (6, 2, "greater than"),
        ("1", 3, "integer"),
        (1.5, 3, "integer"),
        (True, 3, "integer"),
    ],
)
def test_bad_offsets_are_refused(start, end, message):
    with pytest.raises(InputError, match=message):
        Span(start, end, "ACTOR", "amira")


def test_integral_floats_become_ints():
    span = Span(1.0, 4.0, "ACTOR", "amira")
    assert (span.start, span.end) == (1, 4) and isinstance(span.start, int)


def test_out_of_range_mismatch_and_blank_spans_are_refused():
    with pytest.raises(InputError, match="out of range") as exc:
        Span(20, 99, "LOCATION", "amira").check_against(TEXT)
    assert exc.value.code == "span_out_of_range"
    with pytest.raises(InputError, match="says its text is 'ادلب'"):
        Span(24, 28, "LOCATION", "amira").check_against(TEXT, "ادلب")
    with pytest.raises(InputError, match="white space"):
        Span(4, 5, "ACTOR", "amira").check_against(TEXT)


def test_label_annotator_attrs_and_origin_are_validated():
    with pytest.raises(InputError, match="label"):
        Span(0, 3, "", "amira")
    with pytest.raises(InputError, match="annotator"):
        Span(0, 3, "ACTOR", " ")
    with pytest.raises(InputError, match="attrs must be an object"):
        Span(0, 3, "NUMBER", "amira", attrs=[1])
    with pytest.raises(InputError, match="plain JSON"):
        Span(0, 3, "NUMBER", "amira", attrs={"value": float("nan")})
    with pytest.raises(InputError, match="origin must be one of"):
        Span(0, 3, "NUMBER", "amira", origin="guessed")
    assert Span(0, 3, "NUMBER", "amira", origin="imported").origin is Origin.IMPORTED
