import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.arabic import normalize, normalize_term

TEXT = "\u200fقَصَفَتْ طائراتٌ روسيّة مدينةَ حمــاةُ\u200f وإدلب و١٢ غارة على آل ٱلقرى، ومستشفى"


def test_folds_spelling_variants_and_digits():
    assert (
        normalize(TEXT).text == "قصفت طائرات روسيه مدينه حماه وادلب و12 غاره علي ال القري، ومستشفي"
    )
    assert normalize("٣٫٥ و١٬٢٣٤ و۴۵").text == "3.5 و1,234 و45"


@pytest.mark.parametrize(
    ("needle", "original"),
    [
        ("حماه", "حمــاةُ"),
        ("ادلب", "إدلب"),
        ("12", "١٢"),
        ("روسيه", "روسيّة"),
        ("قصفت", "قَصَفَتْ"),  # leading RLM excluded, trailing sukun included
    ],
)
def test_a_match_in_normalized_text_is_an_exact_original_span(needle, original):
    norm = normalize(TEXT)
    i = norm.text.index(needle)
    start, end = norm.span_to_original(i, i + len(needle))
    assert TEXT[start:end] == original


def test_bidi_mark_after_a_word_is_not_taken_into_its_span():
    norm = normalize("حماة\u200f")
    assert norm.span_to_original(0, 4) == (0, 4)


def test_term_normalization_matches_text_normalization():
    assert normalize_term("حَمَاة") == normalize("حماة").text == "حماه"


def test_bad_span_is_refused():
    with pytest.raises(ValueError):
        normalize("abc").span_to_original(2, 5)


ARABICISH = st.text(
    st.sampled_from(list("اأإآٱبةىيه ١٢3٫٬.\u064e\u0651\u0652\u0640\u200e\u200f\u2067\u2069😀x")),
    max_size=60,
)


@given(ARABICISH)
def test_offset_map_is_monotone_and_exact(text):
    norm = normalize(text)
    mapped = [norm.to_original(i) for i in range(len(norm.text))]
    assert mapped == sorted(set(mapped))  # strictly increasing
    for i, j in enumerate(mapped):
        # each kept character maps to the original character it was folded from
        assert normalize_term(text[j]) == norm.text[i]
    for start in range(len(norm.text)):
        for end in range(start + 1, min(len(norm.text), start + 4) + 1):
            o_start, o_end = norm.span_to_original(start, end)
            assert normalize_term(text[o_start:o_end]) == norm.text[start:end]


@given(ARABICISH)
def test_long_texts_fold_the_same_way_as_short_ones(text):
    # Folding is character by character, so a long text folds to the folds of its parts
    # (long texts take the str.replace path, short ones str.translate).
    piece = text + "ى"
    assert normalize_term(piece * 40) == normalize_term(piece) * 40


def test_find_all_gives_exact_original_spans_up_to_a_limit():
    from annotator.core.arabic import normalize

    text = "قصف حماةَ، ثم حمــاه\u200f وريف حماة"
    norm = normalize(text)
    found, more = norm.find_all(" حماة ")
    assert [text[s:e] for s, e in found] == ["حماةَ", "حمــاه", "حماة"] and not more
    assert norm.find_all("حماة", limit=2) == (found[:2], True)
    assert norm.find_all("  ") == ([], False)
