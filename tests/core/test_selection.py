"""A selection made a span: whole words without punctuation, no white space at its edges,
a NUMBER's value, refusals with a code; done by the session for every span made by hand."""

import pytest

from annotator.core.errors import InputError
from annotator.core.selection import snap_to_words, span_range
from annotator.core.session import Session
from tests.core.fake_store import FakeStore

TEXT = 'قال المرصد إن "جيش الفتح" تقدم نحو كفر زيتا، و12 غارة.\nوفي سطر ثان: حماة'


def at(part):
    start = TEXT.index(part)
    return start, start + len(part)


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ('"جيش الفتح"', "جيش الفتح"),  # a drag from quote to quote
        ("كفر زيتا، ", "كفر زيتا"),  # a comma and a space taken along
        ("رصد إن", "المرصد إن"),  # a drag that starts mid-word takes the word
        ("و12", "و12"),  # و and 12 are two words, both touched
        ("ثان: حما", "ثان: حماة"),
    ],
)
def test_snapping_takes_whole_words_and_leaves_punctuation_out(selected, expected):
    start, end = snap_to_words(TEXT, *at(selected))
    assert TEXT[start:end] == expected


def test_snapping_stays_in_its_paragraphs_and_says_when_no_word_is_touched():
    start, end = at("، ")
    assert snap_to_words(TEXT, start, end) == (start, start)
    start, end = at("غارة.\nوفي")  # across the line break: the words on either side
    assert TEXT[slice(*snap_to_words(TEXT, start + 2, end - 1))] == "غارة.\nوفي"


@pytest.mark.parametrize(
    ("selected", "snap", "code"),
    [("", True, "empty_selection"), ("، ", True, "no_word"), (" ", False, "only_spaces")],
)
def test_nothing_to_label_is_refused_with_a_code(selected, snap, code):
    start, end = at(selected) if selected else (3, 3)
    with pytest.raises(InputError) as refused:
        span_range(TEXT, start, end, snap)
    assert refused.value.code == code


def test_the_session_makes_every_span_by_hand_the_same_way():
    store = FakeStore({1: len(TEXT)})
    session = Session(store, "amira")
    [span] = session.add(1, *at("12 غارة."), "NUMBER", text=TEXT, snap=True).added
    assert TEXT[span.start : span.end] == "12 غارة" and span.attrs == {"value": 12}
    [exact] = session.add(1, *at("12"), "NUMBER", text=TEXT).added  # no snapping: as selected
    assert (TEXT[exact.start : exact.end], exact.attrs) == ("12", {"value": 12})
    [given] = session.add(1, *at("حماة"), "LOCATION", {"x": 1}).added  # no text: as given
    assert given.attrs == {"x": 1}
