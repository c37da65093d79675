import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core import tokenize as tokenize_module
from annotator.core.arabic import BIDI
from annotator.core.tokenize import Kind, bounds, bounds_array, kind_of, paragraphs, tokenize


@pytest.fixture
def monkeypatch_scan(monkeypatch):
    """Every text long enough for the scan, however short."""
    monkeypatch.setattr(tokenize_module, "SCAN_FROM", 0)


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


def _characters(ranges: str) -> set[str]:
    """The characters of a regular expression's character class body ("a-cx": a b c x)."""
    found, k = set(), 0
    while k < len(ranges):
        if ranges[k + 1 : k + 2] == "-" and k + 2 < len(ranges):
            found.update(map(chr, range(ord(ranges[k]), ord(ranges[k + 2]) + 1)))
            k += 3
        else:
            found.add(ranges[k])
            k += 1
    return found


_BIDI = _characters(BIDI)
# Near the edge of what is skipped: every bidi control and mark, white space of many kinds,
# format characters that are not bidi marks (ZWSP, ZWNJ, ZWJ, word joiner, soft hyphen),
# currency and other symbols; and the text's own letters, digits and marks.
_EDGES = sorted(
    set("حماة ١٢3.,،\u064e\u0640$€£¥﷼\u200b\u200c\u200d\u2060\u00ad\t\n\r\x85\u00a0\u2028\u3000")
    | _BIDI
)


def _check_cover(text):
    """Tokens are in order and do not overlap, and only white space and bidi controls and
    marks belong to no token."""
    position = 0
    skipped = []
    for token in tokenize(text):
        assert position <= token.start < token.end
        skipped += text[position : token.start]
        position = token.end
    skipped += text[position:]
    assert all(c.isspace() or c in _BIDI for c in skipped), skipped


@given(st.text(st.one_of(st.characters(), st.sampled_from(_EDGES))))
def test_tokens_cover_the_text_in_order_without_overlap(text):
    _check_cover(text)


@pytest.mark.parametrize("char", _EDGES, ids=ascii)
def test_only_white_space_and_bidi_marks_are_skipped(char):
    """Each character near the edge, on its own and between words (random text seldom
    reaches past the first few of a list to sample from)."""
    _check_cover(char)
    _check_cover(f"{char}حماة{char}x{char}12{char}.{char}")


def test_the_bidi_characters_are_the_controls_and_marks():
    assert {
        "\u061c",  # Arabic letter mark
        "\u200e",  # LRM
        "\u200f",  # RLM
        *"\u202a\u202b\u202c\u202d\u202e",  # LRE RLE PDF LRO RLO
        *"\u2066\u2067\u2068\u2069",  # LRI RLI FSI PDI
        "\ufeff",  # byte-order mark
    } == _BIDI


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


# Letters, digits, separators, punctuation, URLs' pieces and every line break there is.
LINES = st.text(alphabet="حماةوقال 12٣.,،:/@#-_wx\n\r\u2029\u2028\t😀", max_size=80)


@given(LINES)
def test_paragraphs_cover_the_text_between_its_line_breaks(text):
    pieces = list(paragraphs(text))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(pieces):
        assert text[end:start] in ("\n", "\r", "\u2029")
    assert all("\n" not in text[a:b] and "\r" not in text[a:b] for a, b in pieces)


@given(LINES)
def test_a_text_tokenized_a_paragraph_at_a_time_gives_the_same_tokens(text):
    pieced = [
        (t.start + a, t.end + a, t.kind) for a, b in paragraphs(text) for t in tokenize(text[a:b])
    ]
    assert pieced == [tuple(t) for t in tokenize(text)]


def test_paragraphs_of_a_stretch():
    text = "ab\ncd\r\nef\u2029g"
    assert list(paragraphs(text)) == [(0, 2), (3, 5), (6, 6), (7, 9), (10, 11)]
    assert list(paragraphs(text, 3, 9)) == [(3, 5), (6, 6), (7, 9)]


# Long texts are scanned with numpy (core/token_scan.py) rather than split by the pattern:
# the two must give the same tokens. Runs of Arabic words between spaces and bidi marks are
# what the scan handles alone; URLs are the one token that runs across a bidi mark.
_SCANNED = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(list(" \n\u200e\u200f\u061c\ufeff\u0640\u064e\u200c،.٣7x#@'")),
        st.sampled_from(["حماة", "وقال", "ـال", "\u064eب", "www.", "https://x", "a@b.co", "3.5"]),
    )
).map("".join)


def _same_tokens(text):
    scanned, matched = tokenize(text), tokenize_module._matched(text)
    assert scanned == matched
    assert list(scanned) == list(matched)
    assert bounds(text) == ([t.start for t in matched], [t.end for t in matched])
    assert bounds_array(text).tolist() == [edge for t in matched for edge in (t.start, t.end)]


@given(_SCANNED)
def test_the_scan_finds_the_patterns_tokens(text):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tokenize_module, "SCAN_FROM", 0)
        _same_tokens(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "حماة",
        "\u200eحماة\u200e \u200fادلب،\u200eقال",
        "www.x\u200eحماة ب",  # a URL eats the bidi mark and the word after it
        "حماة\u200ewww.x\u200eحماة",
        "ـــحماة \u064eب \u200cب",  # tatweel or mark first: not the Arabic alternative's word
        "\ud800حماة \udfff",  # lone surrogates are characters too
        "😀حماة 😀 ،،",
    ],
    ids=ascii,
)
def test_the_scan_at_its_edges(monkeypatch_scan, text):
    _same_tokens(text)


def test_the_scan_on_a_long_text_without_help():
    text = "قال المرصد، إن ١٢ غارة \u200eاستهدفت www.x.org/\u200eحماة (#حماة) O'Donnell 3.5\n" * 100
    assert len(text) > tokenize_module.SCAN_FROM
    _same_tokens(text)


def test_tokens_index_and_slice_like_a_list():
    text = "قال المرصد، إن ١٢ غارة"
    tokens, listed = tokenize(text), list(tokenize(text))
    assert tokens[1] == listed[1] and tokens[-1] == listed[-1]
    assert tokens[1].kind is Kind.WORD and tokens[2].kind is Kind.PUNCT
    assert list(tokens[1:4]) == listed[1:4] and tokens[1:4] == listed[1:4]
    assert tokens != listed[:-1] and len(tokens) == 6
    assert tokens != [list(t) for t in listed]  # a list is not a token
