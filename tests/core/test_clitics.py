"""Proclitics: the candidates a lexicon confirms, the split the engine is sure of, and the
splits a text collection's vocabulary confirms."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.arabic import BIDI, MARKS, TATWEEL
from annotator.core.clitics import (
    MIN_STEM,
    PROCLITICS,
    Candidate,
    Vocabulary,
    candidates,
    segment,
)
from annotator.core.word_frequencies import WordFrequencies

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


# --- Vocabulary ----------------------------------------------------------------------------------


def test_vocabulary_counts_normalized_word_forms():
    vocabulary = Vocabulary.from_texts(
        ["قال أحمد إن \u200eالمدينةَ هادئة، وقال: 12 غارة", "قـال احمد ان المدينه هادئه"]
    )
    assert vocabulary.count("قال") == 2  # قـال: tatweel dropped
    assert vocabulary.count("أحمد") == vocabulary.count("احمد") == 2
    assert vocabulary.count("إن") == 2
    assert vocabulary.count("المدينة") == vocabulary.count("المدينه") == 2  # bidi mark, fatha
    assert vocabulary.count("وقال") == 1
    assert vocabulary.count("12") == vocabulary.count("،") == 0  # words only
    assert vocabulary.count("غائب") == 0
    assert len(vocabulary) == 7  # قال احمد ان المدينه هادئه وقال غاره
    assert len(Vocabulary()) == 0


def test_vocabulary_from_counts_normalizes_them():
    vocabulary = Vocabulary({"أمل": 2, "امل": 3, "مدينة": 1})
    assert vocabulary.count("إمل") == 5
    assert vocabulary.count("مدينه") == 1


# A hand-written vocabulary: the words that look like proclitic + word are frequent, their
# "stems" rare (تائب once beside كتائب); names and nouns are frequent bare and rare with ب ل.
_COUNTS = {
    "كتائب": 40,
    "تائب": 1,
    "لبنان": 50,
    "بنان": 1,
    "بلدة": 20,
    "لدة": 2,
    "بيان": 30,
    "يان": 2,
    "كتب": 12,
    "تب": 6,
    "فكرة": 16,  # idea, beside كرة ball: a ratio of 2, not enough
    "كرة": 34,
    "وكالة": 20,
    "كالة": 9,
    "واشنطن": 30,
    "بواشنطن": 2,
    "اسرائيل": 60,
    "لاسرائيل": 5,
    "مجلس": 40,
    "يكون": 30,
    "ليكون": 3,
    "قال": 40,
    "فقال": 5,
    "الحق": 20,
    "للحق": 2,
    "هذه": 100,  # function words: the closed rules decide (بهذه stays whole)
    "بهذه": 5,
    "نفس": 50,
    "بنفس": 5,
    "وفي": 50,  # كوفي is not ك + و + في: a preposition does not come before و
    "كوفي": 3,
    "ان": 500,  # two letters: never confirmed (كان، بان)
    "كان": 100,
    "غزة": 2,  # seen twice only: not yet a word of the text
    "بغزة": 0,
}
_VOCABULARY = Vocabulary(_COUNTS)


@pytest.mark.parametrize(
    "word",
    [
        "كتائب",
        "لبنان",
        "بلدة",
        "بيان",
        "كتب",
        "فكرة",
        "وكالة",
        "بهذه",
        "بنفس",
        "كوفي",
        "كان",
        "بان",
        "بغزة",
        "وزير",
        "فلسطين",
        "بين",
        "كما",
    ],
)
def test_the_vocabulary_does_not_split_words(word):
    assert segment(word, _VOCABULARY) == segment(word) == 0


@pytest.mark.parametrize(
    ("word", "prefix"),
    [
        ("بواشنطن", "ب"),
        ("وبواشنطن", "وب"),
        ("لاسرائيل", "ل"),
        ("ولاسرائيل", "ول"),
        ("بمجلس", "ب"),  # the word itself unseen: the stem alone is enough
        ("كمجلس", "ك"),
        ("فمجلس", "ف"),
        ("ليكون", "ل"),
        ("فقال", "ف"),
        ("للحق", "ل"),  # ل + الحق, the article's alef not written
        ("بِواشنطن", "بِ"),  # a mark on the proclitic belongs to it
        ("بأسرائيل", "ب"),  # hamza seats read alike
    ],
)
def test_the_vocabulary_confirms_splits(word, prefix):
    assert segment(word, _VOCABULARY) == len(prefix)


def test_the_vocabulary_keeps_the_closed_rules_splits():
    for word in ["وقال", "بالمدينة", "للمدينة", "وبالمدينة", "فإن", "و12", "وزير", "وكالة"]:
        assert segment(word, _VOCABULARY) == segment(word)
    assert segment("بواشنطن", Vocabulary()) == 0


def test_the_ratio_decides():
    # واشنطن must be three times as frequent alone as with ب, and seen at least three times.
    assert segment("بواشنطن", Vocabulary({"واشنطن": 9, "بواشنطن": 3})) == 1
    assert segment("بواشنطن", Vocabulary({"واشنطن": 8, "بواشنطن": 3})) == 0
    assert segment("بواشنطن", Vocabulary({"واشنطن": 3})) == 1
    assert segment("بواشنطن", Vocabulary({"واشنطن": 2})) == 0


def test_vocabulary_from_texts_confirms_within_the_collection():
    texts = ["زار الوفد واشنطن امس", "وصل الوزير الى واشنطن", "قال مسؤول في واشنطن"]
    texts.append("وعاد الوفد من بواشنطن كتائب كتائب كتائب تائب")
    vocabulary = Vocabulary.from_texts(texts)
    assert segment("بواشنطن", vocabulary) == 1
    assert segment("كتائب", vocabulary) == 0


@given(
    st.text(
        alphabet=st.sampled_from([*_ARABIC_LETTERS, "\u064e", "\u0640", "\u200e", "1", "x"]),
        max_size=10,
    ),
    st.lists(st.text(alphabet=st.sampled_from(_ARABIC_LETTERS), max_size=8), max_size=20),
)
def test_vocabulary_splits_only_deepen_the_closed_ones(word, words):
    # The stems of `word` are in the vocabulary, so splits are actually tried.
    vocabulary = Vocabulary.from_texts([" ".join([*words, word[1:], word[2:], word[3:]] * 3)])
    n, closed = segment(word, vocabulary), segment(word)
    assert 0 <= closed <= n < max(len(word), 1)
    if n:
        proclitic = _RIDERS.sub("", word[:n])
        assert proclitic in PROCLITICS
        assert proclitic.startswith(_RIDERS.sub("", word[:closed]))
        assert _RIDERS.sub("", word[n:]) and not _RIDERS.match(word[n])


# --- General word frequencies ------------------------------------------------------------------

# Zipf values as wordfreq's Arabic list has them (rounded); forms not listed read as rarer
# than its floor (ائل، لدة، لكية).
_ZIPF = WordFrequencies(
    {
        "مدينة": 5.79,
        "بمدينة": 4.81,  # a factor of 9.5: not enough
        "منطقة": 5.57,
        "بمنطقة": 4.45,
        "يصل": 5.06,
        "ليصل": 3.9,
        "تابع": 4.5,
        "فتابع": 3.0,
        "بلدة": 4.8,
        "لدة": 2.14,
        "عالية": 5.06,
        "فعالية": 4.43,
        "مين": 4.58,
        "كمين": 3.77,
        "لمين": 3.3,
        "كيا": 3.58,  # the car maker, beside فلكيا astronomically
        "لكيا": 1.62,
        "فلكيا": 2.77,
        "قال": 6.01,
        "وقال": 5.28,
        "وائل": 4.25,
        "وودورد": 2.66,
        "وفيرة": 3.21,
        "المدينة": 5.63,
        "والمدينة": 5.0,
        "لكن": 6.03,
        "ولكن": 6.05,
        "بريطانيا": 4.72,
        "وبريطانيا": 3.96,
        "تندوف": 1.9,  # too rare in general use to say anything
    }
)


def _with_frequencies(*texts: str) -> Vocabulary:
    return Vocabulary.from_texts(texts, _ZIPF)


@pytest.mark.parametrize(
    ("word", "prefix"),
    [
        ("بمنطقة", "ب"),  # the stem 13 times as frequent
        ("ليصل", "ل"),
        ("فتابع", "ف"),
        ("وبمنطقة", "وب"),
        ("وبريطانيا", "و"),  # the closed rules' و: its rest is the more frequent form
        ("وقال", "و"),
        ("ولكن", "و"),  # a function word after و: never held back
        ("والمدينة", "و"),  # nor the article
    ],
)
def test_frequencies_confirm_splits(word, prefix):
    assert segment(word, _with_frequencies()) == len(prefix)


@pytest.mark.parametrize(
    "word",
    [
        "بمدينة",  # مدينة only 9.5 times as frequent
        "بلدة",
        "فعالية",  # عالية only 4 times as frequent
        "كمين",
        "فلكيا",  # كيا is 6 times as frequent as فلكيا, if 90 times as لكيا
        "وائل",  # ten times as frequent as its rest: a name, not و + ائل
        "وودورد",
        "وفيرة",
    ],
)
def test_frequencies_keep_words_whole(word):
    assert segment(word, _with_frequencies()) == 0


def test_frequencies_protect_the_closed_rules_waw_words_only_with_a_vocabulary():
    assert segment("وائل") == segment("وائل", Vocabulary()) == 1
    assert segment("وائل", _with_frequencies()) == 0


def test_the_text_can_say_a_form_is_a_word():
    # ل + مين (colloquial who) by the frequencies; a name in a text that writes it whole.
    assert segment("لمين", _with_frequencies()) == 1
    assert segment("لمين", _with_frequencies("سجل لمين لمين لمين هدفا")) == 0
    assert segment("لمين", _with_frequencies("لمين لمين لمين مين مين مين")) == 1


def test_a_stem_too_rare_for_the_frequencies_is_left_to_the_text():
    assert segment("بتندوف", _with_frequencies()) == 0
    assert segment("بتندوف", _with_frequencies("تندوف تندوف تندوف بتندوف")) == 1
    # ... unless the frequencies know the whole word: then it is one.
    known = Vocabulary.from_texts(["تندوف تندوف تندوف"], WordFrequencies({"بتندوف": 2.5}))
    assert segment("بتندوف", known) == 0


@given(
    st.text(
        alphabet=st.sampled_from([*_ARABIC_LETTERS, "\u064e", "\u0640", "\u200e", "1", "x"]),
        max_size=10,
    ),
    st.lists(st.text(alphabet=st.sampled_from(_ARABIC_LETTERS), max_size=8), max_size=20),
    st.floats(min_value=0, max_value=7),
)
def test_frequency_splits_cut_a_proclitic_and_leave_a_rest(word, words, zipf):
    stems = [word, word[1:], word[2:], word[3:]]
    frequencies = WordFrequencies({w: zipf + i % 3 for i, w in enumerate(words + stems)})
    vocabulary = Vocabulary.from_texts([" ".join([*words, *stems] * 3)], frequencies)
    n = segment(word, vocabulary)
    assert 0 <= n < max(len(word), 1)
    if n:
        assert _RIDERS.sub("", word[:n]) in PROCLITICS
        assert _RIDERS.sub("", word[n:]) and not _RIDERS.match(word[n])
