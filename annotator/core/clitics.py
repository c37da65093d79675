"""Arabic proclitics: the conjunctions و ف, the prepositions ب ل ك, and their combinations
with the article ال (وب، فال، بال، لل، وبال ...).

Splitting is never blind: بلدة and كتائب are words, not ب+لدة or ك+تائب. Callers either
confirm a candidate (a lexicon entry matches the rest of the word), or ask for the
segmentation the engine itself is confident about, optionally confirmed by the vocabulary of
the whole text collection (`Vocabulary`): بواشنطن splits when واشنطن is a word of the text,
or, with wordfreq installed, a word far more frequent in general use than بواشنطن.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.arabic import BIDI, MARKS, TATWEEL, normalize_term
from annotator.core.tokenize import Kind, tokenize
from annotator.core.word_frequencies import WordFrequencies

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"

# Every proclitic sequence, longest first: (conjunction) (preposition) — the article stays
# with its noun, as in NewsFANE (ب + المدينة), except after ل, where the article's alef is
# not written: لل + مدينة is ل + (ا)لمدينة.
PROCLITICS = tuple(
    sorted(
        {c + p for c in ("", *CONJUNCTIONS) for p in ("", *PREPOSITIONS)} - {""},
        key=len,
        reverse=True,
    )
)
# The shortest remainder worth a split: two letters (يد، دم) are words, one is not.
MIN_STEM = 2


@dataclass(frozen=True)
class Candidate:
    """The word read as `prefix` + `stem`; `stem` is what a lexicon should look up.

    `stem` may differ from the written rest of the word: after ل the article's alef is not
    written (للمرصد = ل + المرصد), so the stem restores it. `offset` is where the written
    rest begins in the word.
    """

    prefix: str
    stem: str
    offset: int


def candidates(word: str) -> list[Candidate]:
    """Every proclitic reading of `word`, longest prefix first (the word itself excluded)."""
    found = []
    for prefix in PROCLITICS:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        if len(rest) >= MIN_STEM:
            found.append(Candidate(prefix, rest, len(prefix)))
        if prefix.endswith("ل") and rest.startswith("ل") and len(rest) > MIN_STEM:
            found.append(Candidate(prefix, "ا" + rest, len(prefix)))  # لل = ل + ال
    return found


# --- Confident segmentation ------------------------------------------------------------------
#
# `segment` answers "how much of this word is proclitic?" for exports that split clitics off,
# where a wrong split corrupts training data. It splits only on positive evidence:
#
# * digits or Latin letters right after the proclitic (و12، ب343، وDell): a change of script
#   never happens inside one word;
# * the article after ب ك ف (بالمدينة = ب + المدينة) or its alef-less form after ل
#   (للمدينة = ل + لمدينة), with at least `ARTICLE_STEM` letters after the article;
# * a function word after the proclitic (فإن، فهو، بما، وبما، لما);
# * و followed by a word of at least `MIN_STEM` letters, unless the whole word is built on a
#   root whose first radical is و (وزير، ولد، وصل، واصل، وثائق): the conjunction is by far the
#   most frequent reading of a word-initial و, and the و-initial roots are a small closed set
#   (`_WAW_STEMS`, their stems common in news, each with the usual endings).
#
# Measured on NewsFANE (tests/integration/test_tokens_vs_corpora.py): و is found on 98% of the
# words the corpus splits it from; 0.2% of the words it keeps whole are split, besides the
# ب/ل + article words it keeps whole by its own convention.
#
# Everything else stays whole: ب ل ك ف before a bare noun or name (بلدة، كتائب، لبنان، فرنسا،
# فصائل) cannot be told apart from a word without a lexicon. Callers with one use `candidates`;
# `segment(word, vocabulary)` lets the whole text collection confirm them (see the end).

ARTICLE_STEM = 3
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")  # not × ÷
# Marks and invisible characters ride on the letter before them and go where it goes.
_RIDER = re.compile(f"[{MARKS}{TATWEEL}{BIDI}\u200c\u200d]")
# Hamza seats fold to bare alef (the corpora and much web text drop them); ى and ي stay apart
# so that وإلى/والى (and to) is not read into والي (governor). Stems also fold ة into ه (both
# spellings occur), function words do not (فعلية actual is not ف + عليه).
_HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه"})


def _words(text: str, fold: dict[int, str] = _HAMZA) -> frozenset[str]:
    """A word list written in plain Arabic, folded like the words it is compared with."""
    return frozenset(text.translate(fold).split())


_PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ي")
# Function words that take a pronoun suffix and still read as themselves (منها، عليه، لكنه).
_SUFFIXABLE = _words("من عن في علي الي لدي مع بين عند ان لكن كل بعض مثل حول ضد دون لعل")
# What may follow the conjunction و and win over a و-initial reading of the whole word
# (folded: hamza seats dropped). Besides function words: عدة several (not وعدة his promise),
# ردا in response (وردا على), حول around, عودة return, ثقة trust, حالة state: each also
# starts a و-initial word once و is attached (وعد، ورد، وحل، وعود، وثق).
_AFTER_WA = _words(
    """هو هي هم هن هما انا نحن انت انتم في من عن على علي الى لدى مع بين عند حتى منذ حيث
    اذ اذا ان لا لم لن لو ما قد لقد كان كانت كانوا يكون تكون ليس ليست كل كما لكن او ثم غير
    بل هذا هذه هذان هاتان هؤلاء ذلك تلك هناك هنا كذلك بعد قبل خلال عدة بعض اي ايضا له لها
    لهم لنا لك لكم به بها بهم بنا بما لما كيف متى اين لماذا هل عندما بينما فيما مما كلما
    ردا حول عودة ثقة حالة"""
)
# After ف: function words, without those that are also whole words starting with ف
# (فهم understanding, فلم film, فعلي actual, فحسب only, فيما whereas). فقد is kept: as
# "so indeed" it is far more frequent in news than the verb "lost" (NewsFANE: 72 to 7).
_AFTER_FA = _words(
    """ان هو هي هن انا نحن لا لن لو ما من كان كانت كانوا يكون تكون ليس ليست في هذا هذه ذلك
    تلك هناك هنا اذا كيف لماذا متى اين عندما بعد قبل كل سوف ثم قد لقد"""
)
_AFTER_BA = _words("ما حيث من")  # بما، بحيث، بمن; بأن only with its hamza (bare بان: Ban)
_AFTER_LAM = _words("ما من كي")  # لما، لمن، لكي

# Words built on a root whose first radical is و: the stems common in news (folded), each
# followed by nothing or one of `_ENDINGS`. The و-initial roots are a small closed set; a
# stem is left out when its forms clash with a frequent conjunction reading (وقد and
# already, ولم and did not, وهم and they, ودعا and he called, وفي and in, وكل and every,
# وحل/وحالة and state, وعاد and returned).
_WAW_STEMS = _words(
    """وزير وزار وزر وزع وزن وصل واصل وصول ولد والد ولاد وليد وجد وجود واجد وقف واقف وقوف
    وضع واضع وقع واقع وقوع وقائع وعد واعد وعود وعيد وفد وافد وفود وصف واصف وسط وسيط وساط
    وقت ورد وارد ورود وحد واحد وحيد وفق وافق وجه واجه وجوه ورق وطن وثيق وثائق واثق وثق
    واضح وضوح وضح واسع وسع وسيل وسائل وظيف وظائف ورث وريث ورش واجب وجب ولاي والي ولي
    وكال وكيل وكلاء وشك وشيك وفر وافر وهب وتر وتير وحش وادي وديان وهن وخيم وجيز وعر وصي
    وصاي وعي وقاي وثب وجع وصم ولع وهج وشاح وشم وراء وسام ويل وطا وهل وداع وديع ودائع وفا
    وفيات واح ودي وصيف ولاء ولائ""",
    _FOLD,
)
_ENDINGS = _words(
    """ة ها هم هما ي ا ت تا تها تهم تم وا ون ين ات ان ية يا يات يين يون اء اءه نا ني
    اه تي اته اتها اتهم تين تان ته""",
    _FOLD,
)
# Whole words that start with و and fit no stem: names frequent in the news, and ودع (bade
# farewell), whose other forms clash with ودعا (and he called).
_WAW_WHOLE = _words("واشنطن ويلز وارسو ويليام وليام ودع")


def _waw_word(skeleton: str) -> bool:
    """Whether the folded word is built on a و-initial root (or is a known name)."""
    skeleton = skeleton.translate(_FOLD)
    if skeleton in _WAW_WHOLE:
        return True
    for end in range(2, len(skeleton) + 1):
        if skeleton[:end] in _WAW_STEMS and (end == len(skeleton) or skeleton[end:] in _ENDINGS):
            return True
    return False


def _skeleton(word: str) -> tuple[str, list[int]]:
    """The letters (and digits) of `word`, hamza seats folded, with the index of each."""
    letters, where = [], []
    for index, char in enumerate(word):
        if not _RIDER.match(char):
            letters.append(char)
            where.append(index)
    return "".join(letters).translate(_HAMZA), where


def _function_word(rest: str, words: frozenset[str]) -> bool:
    if rest in words:
        return True
    return any(
        rest.endswith(pronoun) and rest[: -len(pronoun)] in _SUFFIXABLE for pronoun in _PRONOUNS
    )


# Words that look like the article after ب ك ف but are not (بالغ adult, باليستي ballistic).
_NOT_ARTICLE = re.compile("ال(?:غ|يست|ست)")


def _confident(prefix: str, rest: str, raw_rest: str) -> bool:
    if _DIGIT.match(rest) or _LATIN.match(rest):
        return True
    last = prefix[-1]
    if last == "ل":
        if rest.startswith("ل") and len(rest) > ARTICLE_STEM and not rest.startswith("لل"):
            return True  # للمدينة: the article without its alef
        return rest in _AFTER_LAM
    if rest.startswith("ال") and len(rest) >= 2 + ARTICLE_STEM and last in "بكف":
        return not _NOT_ARTICLE.match(rest)
    if last == "ب":
        return rest in _AFTER_BA or raw_rest.startswith(("أن", "إن"))
    if last == "ف":
        return _function_word(rest, _AFTER_FA)
    if last == "و":
        return len(rest) >= MIN_STEM and rest.isalpha()
    return False


def segment(word: str, vocabulary: Vocabulary | None = None) -> int:
    """Length of the proclitic prefix the engine is confident about (0 = do not split).

    The length counts code points of `word`, so diacritics and tatweel written on the
    proclitic (وَ، بـ) belong to it: word[:n] is the proclitic, word[n:] the rest as written.
    With a `vocabulary`, a ب ل ك ف the closed rules leave on the word is also split off when
    the vocabulary confirms the rest as a word of its own (see `Vocabulary`); with its
    general frequencies, a word the closed rules read as و + word may stay whole (وائل).
    """
    found = _closed(word)
    if vocabulary is None:
        return found
    return _confirmed(word, found, vocabulary)


def _closed(word: str) -> int:
    """`segment` without a vocabulary: the closed rules only."""
    skeleton, where = _skeleton(word)
    if skeleton.startswith("و") and _waw_word(skeleton):
        return where[1] if _function_word(skeleton[1:], _AFTER_WA) else 0
    for prefix in PROCLITICS:
        if skeleton.startswith(prefix) and len(skeleton) > len(prefix):
            offset = where[len(prefix)]
            if _confident(prefix, skeleton[len(prefix) :], word[offset:]):
                return offset
    return 0


# --- Vocabulary-confirmed segmentation -------------------------------------------------------
#
# ب ل ك ف before a bare noun, name or verb (بواشنطن، لاسرائيل، ليكون، فقال) cannot be told from a
# word (بلدة، لبنان، كتب، فكرة) by closed rules. The text collection can: a proclitic + stem
# is split when the stem is clearly a word of its own in it, i.e. when
#
#   count(stem) >= CONFIRM_MIN  and  count(stem) >= CONFIRM_RATIO * count(proclitic + stem)
#
# (counts of normalized forms; after ل the stem may be the article + the rest, ل + لمرصد =
# ل + المرصد). Words are safe because their "stem" is rare or absent as a word: تائب beside
# كتائب، نان beside لبنان، لدة beside بلدة. With و/ف before the preposition (وبواشنطن) the
# ratio is taken against the preposition + stem (بواشنطن), so the decision on ب is the same
# with or without the conjunction.
#
# The numbers are measured on NewsFANE's running text (tests/integration/
# test_tokens_vs_corpora.py), the vocabulary built from the text itself, as an export sees it:
#
# * CONFIRM_RATIO = 3: the stem alone must be three times as frequent as with the proclitic.
#   Below that, words whose letters after the first happen to spell a common word get split:
#   فكرة (idea) is 16 against كرة (ball) 34, a ratio of 2.1. On NewsFANE a ratio of 2 agrees
#   on 0.4 point more of the split words for 0.3 point more splits of words the corpus keeps
#   whole; 5 agrees on 0.9 point less for 0.5 point fewer. (Most of the words NewsFANE keeps
#   whole that this splits are real proclitics the corpus leaves attached: بمنطقة، لرئيس.)
# * CONFIRM_MIN = 3: a stem seen once or twice may be a typo or a fragment (a one-off name);
#   three sightings make it a word of the text. 2 changes nothing measurable, 5 agrees on 0.5
#   point less.
# * CONFIRM_STEM = 3 letters: two-letter stems are mostly function words or pronoun suffixes
#   (ان، ما، من، لي، هم), frequent everywhere, so the ratio would split كان، بين، كما، فهم.
#   Function words after a proclitic are the closed rules' business (`_UNCONFIRMED`: بهذا،
#   لذلك، بدون، بنفس are not confirmed), and a stem that itself starts with a conjunction
#   (ك + وفي for كوفي) is not a proclitic order.
#
# Measured: 92.6% of NewsFANE's split words agree (88.1% without a vocabulary); 3.9% of the
# words it keeps whole are split (2.3%), mostly ب/ل + noun, which it keeps whole two times out
# of three and splits the third (بمدينة whole 9 times, ب مدينة 5 times).
#
# With general word frequencies (`Vocabulary.frequencies`: wordfreq's Arabic list, see
# core/word_frequencies) the evidence is how often the forms occur in general use, not in
# the project's text alone, and it cuts both ways, in Zipf units (log10 per billion words):
#
# * ب ل ك ف + stem is split when the stem is at least ten times as frequent as the word with
#   the proclitic (`TIMES_MORE`, one Zipf unit) and common enough to be known (`STEM_ZIPF`):
#   مدينة 5.8 against بمدينة 4.8, يصل 5.1 against ليصل 4.2. Words stay whole: بلدة 4.8
#   against لدة 2.1, فعالية 4.4 against عالية 5.1 (a factor 4), كمين 3.8 against مين 4.6.
#   The word with every proclitic (فلكيا astronomically, not ف + ل + كيا) counts too.
# * the other way round, a word the closed rules split as و + word stays whole when it is
#   ten times as frequent as its rest: names and words built on و (وائل 4.3 against ائل
#   under 1.5, وودورد, وينفري, وانغ, ويندوز, وفيرة). و + article is never held back.
# * a stem too rare for the list (a local name: بتندوف) is left to the project's text, by
#   the ratio rule above, unless the list knows the whole word;
# * and the text can always say no: a form it writes at least `CONFIRM_MIN` times, and more
#   often than its stem alone, is a word of this text (لمين, a name, beside مين, which is
#   colloquial "who" and frequent in the list's social-media part).
#
# Measured on NewsFANE with the frequencies and the corpus's running text: 93.6% of its split
# words agree (ب 72.9%, ل 73.2%, ف 82.7%, ك 27.2%, و 97.6%); 3.8% of the words it keeps whole
# are split, 1.54% besides the article convention and the words it splits elsewhere (1.62%
# before). The thresholds are round numbers, not fitted to the corpus: a stem five times as
# frequent (0.7) agrees on 0.8 point more for 0.5 point more whole words split, the stem of
# a third of them never split off anywhere in the corpus.

CONFIRM_RATIO = 3
CONFIRM_MIN = 3
CONFIRM_STEM = 3
TIMES_MORE = 1.0  # Zipf units: ten times as frequent
STEM_ZIPF = 2.0  # once in ten million words
# Stems the vocabulary is not asked about: the function words that may follow و (pronouns,
# demonstratives, particles: بهذا، لذلك، كذلك), without the verbs and nouns in that list
# (ليكون، لعودة are proclitic + word), and nouns used like prepositions or quantifiers, which
# dictionaries (and NewsFANE) list whole with ب ل ك: بدون، بنحو، بنفس، لاول.
_UNCONFIRMED = (_AFTER_WA - _words("كان كانت كانوا يكون تكون ردا عودة ثقة حالة")) | _words(
    "دون نحو نفس جميع كافة مثل سوى حوالي اول اكثر اقل"
)
# Proclitic sequences a vocabulary may confirm: those ending with ب ل ك, and ف.
_CONFIRMABLE = tuple(p for p in PROCLITICS if p[-1] in (*PREPOSITIONS, "ف"))


class Vocabulary:
    """Counts of the (normalized) word forms of a text collection, for confirming splits,
    and optionally the general `frequencies` of word forms (see the notes above).

    Forms are normalized like lexicon entries (`normalize_term`: hamza seats, ة/ه, ى/ي,
    diacritics), and so are the forms `count` is asked about.
    """

    __slots__ = ("_counts", "frequencies")

    def __init__(
        self, counts: dict[str, int] | None = None, frequencies: WordFrequencies | None = None
    ):
        """`counts` maps word forms (normalized here) to their number of occurrences."""
        self._counts: Counter[str] = Counter()
        self.frequencies = frequencies
        for form, n in (counts or {}).items():
            self._counts[normalize_term(form)] += n

    @classmethod
    def from_texts(
        cls, texts: Iterable[str], frequencies: WordFrequencies | None = None
    ) -> Vocabulary:
        """The word tokens of `texts`, counted by normalized form."""
        raw: Counter[str] = Counter()
        for text in texts:
            raw.update(text[t.start : t.end] for t in tokenize(text) if t.kind is Kind.WORD)
        vocabulary = cls(frequencies=frequencies)
        counts = vocabulary._counts
        for form, n in raw.items():  # normalize each distinct form once, not each token
            counts[normalize_term(form)] += n
        return vocabulary

    def count(self, form: str) -> int:
        return self._counts.get(normalize_term(form), 0)

    def __len__(self) -> int:
        """The number of distinct normalized forms."""
        return len(self._counts)


def _confirmed(word: str, found: int, vocabulary: Vocabulary) -> int:
    """`found` (the closed rules' split), or a longer one the vocabulary confirms; with
    general frequencies, 0 for a word they show is not و + word."""
    skeleton, where = _skeleton(word)
    frequencies = vocabulary.frequencies
    if frequencies is not None and found and _whole_waw_word(skeleton, where, found, frequencies):
        return 0
    done = skeleton[: bisect_left(where, found)]  # the proclitic already split, as letters
    for prefix in _CONFIRMABLE:
        if len(prefix) <= len(done) or not prefix.startswith(done):
            continue
        if not done and prefix[0] == "و":
            continue  # the closed rules read this و as a radical (وكالة): keep it
        if not skeleton.startswith(prefix):
            continue
        rest = skeleton[len(prefix) :]
        stems = [rest]
        if prefix[-1] == "ل" and rest.startswith("ل"):
            stems.append("ا" + rest)  # لل = ل + ال
        attached = skeleton[len(prefix) - 1 :]
        for stem in stems:
            if not _stem_worth_asking(stem):
                continue
            if frequencies is None:
                confirmed = _confirms(stem, vocabulary.count(attached), vocabulary)
            else:
                confirmed = _frequencies_confirm(stem, attached, skeleton, vocabulary)
            if confirmed:
                return where[len(prefix)]
    return found


def _stem_worth_asking(stem: str) -> bool:
    if len(stem) < CONFIRM_STEM or not stem.isalpha():
        return False
    if stem in _UNCONFIRMED:
        return False
    # A conjunction after a preposition (ك + وفي) is not a proclitic order.
    return not (stem[0] in CONJUNCTIONS and _closed(stem))


def _confirms(stem: str, attached: int, vocabulary: Vocabulary) -> bool:
    count = vocabulary.count(stem)
    return count >= CONFIRM_MIN and count >= CONFIRM_RATIO * attached


def _frequencies_confirm(stem: str, attached: str, word: str, vocabulary: Vocabulary) -> bool:
    """Whether general frequencies (or, for a stem too rare for them, the text) confirm
    `stem`, the rest of `word` after the proclitic; `attached` is the stem with its last
    proclitic letter (بواشنطن in وبواشنطن)."""
    frequencies = vocabulary.frequencies
    assert frequencies is not None
    in_text = vocabulary.count(attached)
    if in_text >= CONFIRM_MIN and vocabulary.count(stem) < in_text:
        return False  # the text writes it whole more often than it writes the stem: a word
    stem_zipf = frequencies.zipf(stem)
    whole_zipf = max(frequencies.zipf(attached), frequencies.zipf(word))
    if stem_zipf >= STEM_ZIPF:
        return stem_zipf - whole_zipf >= TIMES_MORE
    return whole_zipf < STEM_ZIPF and _confirms(stem, in_text, vocabulary)


def _whole_waw_word(
    skeleton: str, where: list[int], found: int, frequencies: WordFrequencies
) -> bool:
    """Whether the closed rules' و + word split is a word ten times as frequent as its rest
    (وائل، وودورد): only the plain و before a word, never before the article, a function
    word, a number or Latin letters."""
    if found != where[1] or skeleton[0] != "و":
        return False
    rest = skeleton[1:]
    if not rest.isalpha() or _LATIN.match(rest) or rest.startswith(ARTICLE):
        return False
    if _function_word(rest, _AFTER_WA):
        return False
    return frequencies.zipf(skeleton) - frequencies.zipf(rest) >= TIMES_MORE
