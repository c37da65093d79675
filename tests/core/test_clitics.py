"""Proclitics: the candidates a lexicon confirms, and the split the engine is sure of."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.arabic import BIDI, MARKS, TATWEEL
from annotator.core.clitics import MIN_STEM, PROCLITICS, Candidate, candidates, segment

# --- candidates(): unchanged -------------------------------------------------------------------


def test_proclitics_and_min_stem_are_unchanged():
    # Longest first; the order among equal lengths is not part of the contract.
    assert set(PROCLITICS) == {"وك", "فب", "فل", "فك", "ول", "وب", "و", "ل", "ب", "ف", "ك"}
    assert [len(p) for p in PROCLITICS] == sorted(map(len, PROCLITICS), reverse=True)
    assert MIN_STEM == 2


def test_candidates_are_unchanged():
    assert candidates("للمدينة") == [Candidate("ل", "لمدينة", 1), Candidate("ل", "المدينة", 1)]
    assert candidates("وبالمدينة") == [
        Candidate("وب", "المدينة", 2),
        Candidate("و", "بالمدينة", 1),
    ]
    assert candidates("وللمرة") == [
        Candidate("ول", "لمرة", 2),
        Candidate("ول", "المرة", 2),
        Candidate("و", "للمرة", 1),
    ]
    assert candidates("بلدة") == [Candidate("ب", "لدة", 1)]  # a candidate, never a split
    assert candidates("ولد") == [Candidate("و", "لد", 1)]
    assert candidates("بي") == []  # the rest is shorter than MIN_STEM
    assert candidates("حماة") == []


# --- segment() ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    # Words, not proclitic + stem: place and group names, nouns, and verbs whose first
    # letter is a radical (وزير ولد وصل from و-initial roots).
    [
        "بلدة",
        "كتائب",
        "لبنان",
        "وزير",
        "فرنسا",
        "بيان",
        "كتب",
        "ولد",
        "وصل",
        "فصائل",
        "بين",
        "بعد",
        "كان",
        "كما",
        "فيلم",
        "فهم",
        "ليبيا",
        "لندن",
        "كبير",
        "بغداد",
        "فلسطين",
        "وزارة",
        "وزراء",
        "وكالة",
        "ولاية",
        "والي",
        "والده",
        "والدته",
        "وقت",
        "وقتا",
        "وسط",
        "وسائل",
        "وثائق",
        "واصلت",
        "واحد",
        "وحدة",
        "وطنية",
        "واشنطن",
        "وراء",
        "وفاة",
        "وجود",
        "باليستية",
        "بالغة",
        "بان",
        "الجيش",
        "المدينة",
        "و",
        "ب",
        "وه",
        "",
    ],
)
def test_words_are_never_split(word):
    assert segment(word) == 0


@pytest.mark.parametrize(
    ("word", "prefix"),
    [
        # The article stays with its noun; after ل its alef is not written.
        ("بالمدينة", "ب"),
        ("للمدينة", "ل"),
        ("فالقوات", "ف"),
        ("كالعادة", "ك"),
        ("وبالمدينة", "وب"),
        ("وللمرة", "ول"),
        ("فبالتالي", "فب"),
        # The conjunction و before any word that is not built on a و-initial root.
        ("وقال", "و"),
        ("وقتل", "و"),  # not وقت + ل
        ("وزعم", "و"),  # not وزع + م
        ("والدفاع", "و"),  # not والد + فاع
        ("ووزير", "و"),
        ("ووصل", "و"),
        ("وأكد", "و"),
        ("ويقول", "و"),
        ("والجيش", "و"),
        ("ولبنان", "و"),
        ("وبين", "و"),
        ("وكان", "و"),  # not وك + ان
        # ... and before function words even where a و-initial word looks the same.
        ("وكل", "و"),
        ("وكلها", "و"),
        ("ولكنه", "و"),
        ("وعدة", "و"),
        ("وحول", "و"),
        ("وإلى", "و"),
        # ف ب ل before function words.
        ("فإن", "ف"),
        ("فهو", "ف"),
        ("فلا", "ف"),
        ("فقد", "ف"),
        ("بما", "ب"),
        ("وبما", "وب"),
        ("بأن", "ب"),
        ("لما", "ل"),
        ("لكي", "ل"),
        # Numbers and Latin script after the proclitic.
        ("و12", "و"),
        ("و١٢", "و"),
        ("و۱۲", "و"),
        ("ب343", "ب"),
        ("وDell", "و"),
        ("وPHP", "و"),
    ],
)
def test_confident_splits(word, prefix):
    assert segment(word) == len(prefix)


def test_marks_on_the_proclitic_belong_to_it():
    assert segment("وَقَالَ") == 2  # وَ
    assert segment("بـالمدينة") == 2  # بـ
    assert segment("وَزِيرٌ") == 0
    assert segment("\u200eوقال") == 2  # a bidi mark before the word rides with it


def test_hamza_seats_and_bare_alef_read_alike():
    assert segment("وأعلن") == segment("واعلن") == 1
    assert segment("فإنه") == segment("فانه") == 1
    assert segment("لأن") == 0  # because: one word


def test_ta_marbuta_is_not_a_pronoun():
    assert segment("فعلية") == 0  # actual, not ف + عليه
    assert segment("وطنية") == segment("وطنيه") == 0  # both spellings of a و-initial word


_ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
_RIDERS = re.compile(f"[{MARKS}{TATWEEL}{BIDI}\u200c\u200d]")


@given(
    st.text(
        alphabet=st.sampled_from(
            [*_ARABIC_LETTERS, "\u064e", "\u0651", "\u0640", "\u200e", "1", "٣", "x"]
        ),
        max_size=12,
    )
)
def test_segment_cuts_a_proclitic_and_leaves_a_rest(word):
    n = segment(word)
    assert 0 <= n < max(len(word), 1)
    if n:
        assert _RIDERS.sub("", word[:n]) in PROCLITICS
        rest = _RIDERS.sub("", word[n:])
        assert rest and not _RIDERS.match(word[n])
