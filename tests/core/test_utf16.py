"""Code points <-> UTF-16 code units (Label Studio's offsets; Qt's, with gui/offsets.py)."""

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.utf16 import Utf16Map


def test_offsets_inside_a_pair_or_outside_the_text_have_no_code_point():
    offsets = Utf16Map.of("a🔥b")
    assert [offsets.to_code_points(u) for u in range(6)] == [0, 1, None, 2, 3, None]
    plain = Utf16Map.of("abc")
    assert [plain.to_code_points(u) for u in (0, 3, 4, -1)] == [0, 3, None, None]


def test_inside_a_pair_rounds_down_to_its_character():
    offsets = Utf16Map.of("🔥𝐀b")
    assert [offsets.code_point_at_or_before(u) for u in range(6)] == [0, 0, 1, 1, 2, 3]


@given(st.text(st.sampled_from(list("ab حم\r\n😀𝐀\u2028")), max_size=30))
def test_the_units_are_javascript_string_indices(text):
    offsets = Utf16Map.of(text)
    assert offsets.utf16_length == len(text.encode("utf-16-le")) // 2
    for index in range(len(text) + 1):
        units = len(text[:index].encode("utf-16-le")) // 2
        assert offsets.to_utf16(index) == units
        assert offsets.to_code_points(units) == index
        assert offsets.code_point_at_or_before(units) == index
