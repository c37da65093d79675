import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.tokenize import Kind, bounds, bounds_array, kind_of, tokenize


def texts(text):
    return [t.text_in(text) for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال المرصد، إن ١٢ غارة؛ هل؟", ["قال", "المرصد", "،", "إن", "١٢", "غارة", "؛", "هل", "؟"]),
        ("«حماة» 50٪", ["«", "حماة", "»", "50", "٪"]),
        ("3.5 و1,971 ١٬٢٣٤ ٣٫٥", ["3.5", "و", "1,971", "١٬٢٣٤", "٣٫٥"]),
        ("وريـــفُ إنّ قتيلاً", ["وريـــفُ", "إنّ", "قتيلاً"]),
        ("می\u200cخواهم", ["می\u200cخواهم"]),
        ("\u200fحماة\u200f \u202bادلب\u202c \u2067x\u2069", ["حماة", "ادلب", "x"]),
        ("see https://sana.sy/ar/?p=12. now", ["see", "https://sana.sy/ar/?p=12", ".", "now"]),
        ("mail a.b@x.org #حماة_الآن @sana", ["mail", "a.b@x.org", "#حماة_الآن", "@sana"]),
        ("F16 COVID19 café", ["F16", "COVID19", "café"]),
        ("2015. انتهى", ["2015", ".", "انتهى"]),
        ("حماة:(12)!", ["حماة", ":", "(", "12", ")", "!"]),
        ("مرﺁة وﻻ ﷲ ﴾x﴿", ["مرﺁة", "وﻻ", "ﷲ", "﴾", "x", "﴿"]),
        ("4×1078 و8÷2", ["4", "×", "1078", "و", "8", "÷", "2"]),
        ("O'Donnell GNU's 'quoted'", ["O'Donnell", "GNU's", "'", "quoted", "'"]),
        ("ُيفشي", ["ُيفشي"]),
    ],
)
def test_token_boundaries(text, expected):
    assert texts(text) == expected


def test_kinds():
    kinds = {
        t.text_in(s): t.kind for s in ["حماة ١٢ ، 😀 www.x.org a@b.co #x"] for t in tokenize(s)
    }
    assert kinds == {
        "حماة": Kind.WORD,
        "١٢": Kind.NUMBER,
        "،": Kind.PUNCT,
        "😀": Kind.SYMBOL,
        "www.x.org": Kind.URL,
        "a@b.co": Kind.EMAIL,
        "#x": Kind.HASHTAG,
    }


@given(st.text(st.one_of(st.characters(), st.sampled_from(list("حماة ١٢3.,،\u064e\u200f\u0640")))))
def test_tokens_cover_the_text_in_order_without_overlap(text):
    tokens = tokenize(text)
    position = 0
    for token in tokens:
        assert position <= token.start < token.end
        gap = text[position : token.start]
        assert not any(c.isalnum() for c in gap)  # nothing but spaces and bidi marks skipped
        position = token.end
    assert not any(c.isalnum() for c in text[position:])


_MIXED = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(list("حماة ١٢3.,،\u064e\u200f\u0640#@:/'xw\n")),
        st.sampled_from(["https://", "www.", "a@b.co", "O'Donnell", "3.5", "١٬٢٣٤"]),
    )
).map("".join)


@given(_MIXED)
def test_bounds_are_the_tokens_offsets(text):
    tokens = tokenize(text)
    assert bounds(text) == ([t.start for t in tokens], [t.end for t in tokens])
    edges = bounds_array(text).tolist()
    assert (edges[0::2], edges[1::2]) == bounds(text)


@given(_MIXED)
def test_kind_of_a_token_text_is_its_kind(text):
    for token in tokenize(text):
        assert kind_of(token.text_in(text)) is token.kind


def test_kind_of_refuses_what_is_not_one_token():
    with pytest.raises(ValueError, match="not one token"):
        kind_of("two words")
