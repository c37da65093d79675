"""Number expressions in Arabic (and English) news text, with their values.

This feeds NUMBER pre-annotation suggestions. `find_numbers(text)` returns non-overlapping
`NumberMatch`es in text order; offsets are code points into the original text, end
exclusive, and each match starts and ends on a visible character.

What is recognized:

- Digits in three scripts (0-9, ٠-٩, ۰-۹), with decimals (3.5, ٣٫٥) and thousands groups
  (1,971, ١٬٢٣٤): the digits are parsed here, exactly (Decimal), never through float.
- A scale word after digits: 240 ألف, 3 آلاف, 1.5 مليون, 2 مليار, 5 million. The span
  covers both; "مليون ونصف" style halves are added.
- Number words and phrases (عشرين، أحد عشر، مئة وخمسون، ثلاثة آلاف، ثلاث مئة، ألفين،
  نصف مليون، ألف مليون), valued by pyarabic's `text2number`. A leading clitic (و ف ب ل) is
  not part of the span: in وعشرين the span is عشرين. Words join into one number only in
  the order Arabic writes compounds, so a range or a list stays apart: بين ثلاثة وخمسة is
  3 and 5, not 8.
- Duals of a closed list of conflict nouns (غارتين، صاروخان ...): value 2.
- Approximate quantities: a qualifier right before the number (أكثر من، نحو، أقل من ...,
  and a few English ones), which the span includes, and the plural counters عشرات، مئات،
  آلاف، ملايين، مليارات (also عشرات الآلاف، مئات الآلاف، بضعة آلاف). A qualifier decides
  the approx even before a counter: حوالى عشرات is "about" 10.

The attrs contract (what goes into a NUMBER span's `attrs`, see `NumberMatch.attrs`):
`{"value": v}` for an exact count, or `{"value": v, "approx": a}` where `a` is

- "at_least": the count is v or more (أكثر من 240 ألف -> 240000),
- "at_most": the count is v or less (أقل من 10),
- "about": the count is roughly v (نحو 300),
- "multiple": an unspecified multiple of v (عشرات -> 10, مئات الآلاف -> 100000).

`v` is an int whenever the value is integral (1.5 مليون -> 1500000), a float otherwise.

Not numbers here: ordinals (الثاني، الحادي عشر، القرن العشرين), number words with the
article (العشرين، الخمسة عشر: mostly ordinals, so none is suggested; the counters العشرات
and الآلاف are), numbers inside words, URLs, e-mail addresses and hashtags (F16, COVID-19,
p=12), aircraft and weapon designations (سو-24، إف 16), numeric dates and times (7/10/2015,
10:30), ambiguous groupings (3,5 and 1.2.3) and digit runs longer than 15 digits (phone
numbers, ids).

Matching runs on `arabic.normalize`d text (hamza seats, ta marbuta, alef maqsura, digits,
diacritics and tatweel folded) with one compiled regex, so its cost grows with the text, not
with the vocabulary; pyarabic is only called on the word sequences that regex found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from pyarabic.number import text2number
from pyarabic.number_const import NUMBER_WORDS as _PYARABIC_WORDS

from annotator.core.arabic import normalize, normalize_term

AT_LEAST = "at_least"
AT_MOST = "at_most"
ABOUT = "about"
MULTIPLE = "multiple"


@dataclass(frozen=True)
class NumberMatch:
    start: int  # code-point offsets into the ORIGINAL text (end exclusive)
    end: int
    value: int | float
    approx: str | None = None  # None (exact), "at_least", "at_most", "about", "multiple"

    def attrs(self) -> dict:
        """What goes in a NUMBER span's attrs: {"value": v} or {"value": v, "approx": a}."""
        if self.approx is None:
            return {"value": self.value}
        return {"value": self.value, "approx": self.approx}


# --- Vocabulary ---------------------------------------------------------------------------
# Everything below is in normalized spelling (normalize_term): أ إ آ -> ا, ة -> ه, ى -> ي.

# Normalized word -> the spelling pyarabic's table knows. pyarabic only knows hamza spellings
# (اربعة, الف and اربعين give 0) and has gaps (مائتين, ألفي, واحدة give 0), so every word
# is looked up here first and handed to pyarabic in a spelling it values correctly.
_CANON: dict[str, str] = {normalize_term(w): w for w in _PYARABIC_WORDS}
del _CANON["صفر"]  # also the month Safar (شهر صفر); a count of zero is rare news
_CANON.update(
    {
        "واحده": "واحد",  # pyarabic strips the و of واحدة as a conjunction
        "اثنتان": "اثنان",
        "اثنتين": "اثنين",
        "اثنتا": "اثنا",
        "اثنتي": "اثني",
        "مئتا": "مئتان",
        "مئتي": "مئتين",
        "مائتان": "مئتان",
        "مائتين": "مئتين",
        "مائتا": "مئتان",
        "مائتي": "مئتين",
        "ثمانيمئه": "ثمانمئة",
        "ثمانيمائه": "ثمانمئة",
        "الفي": "ألفين",  # construct dual: ألفي شخص
        "الفا": "ألف",
        "الوف": "آلاف",
        "مليونا": "مليون",
        "مليوني": "مليونين",
        "مليارا": "مليار",
        "ملياري": "مليارين",
    }
)
# Words that are numbers only inside a teen (أحد عشر، اثنا عشر): alone, أحد is "one of" or
# Sunday (الأحد), and اثنا/اثني never stand alone.
_TEEN_ONLY = ("احد", "احدي", "اثنا", "اثني", "اثنتا", "اثنتي")
# Units written apart from مئة (ثلاث مئة): pyarabic would add them (103), so they are joined
# into the compound pyarabic knows (ثلاثمئة).
_HUNDREDS = {
    **dict.fromkeys(("ثلاث", "ثلاثه"), "ثلاثمئة"),
    **dict.fromkeys(("اربع", "اربعه"), "أربعمئة"),
    **dict.fromkeys(("خمس", "خمسه"), "خمسمئة"),
    **dict.fromkeys(("ست", "سته"), "ستمئة"),
    **dict.fromkeys(("سبع", "سبعه"), "سبعمئة"),
    **dict.fromkeys(("ثمان", "ثماني", "ثمانيه"), "ثمانمئة"),
    **dict.fromkeys(("تسع", "تسعه"), "تسعمئة"),
}

# Scale words after digits (240 ألف), and their values.
_SCALES = {
    **dict.fromkeys(("الف", "الفا", "الاف", "الوف"), 1000),
    **dict.fromkeys(("مليون", "مليونا", "ملايين"), 10**6),
    **dict.fromkeys(("مليار", "مليارا", "مليارات"), 10**9),
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
}
# Plural counters: "tens / hundreds / thousands of", an unspecified multiple of the value.
_MULTIPLES = {"عشرات": 10, "مئات": 100, "الاف": 1000, "الوف": 1000, "ملايين": 10**6}
_MULTIPLES["مليارات"] = 10**9
_MULTIPLE_SCALES = {"الاف": 1000, "الوف": 1000, "ملايين": 10**6, "مليارات": 10**9}
_FRACTIONS = {"نصف": Decimal("0.5"), "ربع": Decimal("0.25")}
_FRACTION_SCALES = {"الف": 1000, "مليون": 10**6, "مليار": 10**9}

# Duals that mean "two": a closed, hand-written list of countable conflict nouns. It is
# closed on purpose: a rule on the endings -ين/-ان would read every sound masculine plural
# as two (مدنيين civilians, مسلحين gunmen, مقاتلين fighters, عسكريين soldiers) and catch
# countless other words (فلسطين, سكان). Each noun here has a broken or -ات plural, so its
# -ين/-ان form can only be the dual. رجلين (also "two legs") is left out as ambiguous.
_DUAL_NOUNS = (
    "غارة",
    "قذيفة",
    "صاروخ",
    "طائرة",
    "مروحية",
    "برميل",
    "دبابة",
    "شخص",
    "طفل",
    "جندي",
    "عنصر",
    "قتيل",
    "جريح",
    "شهيد",
    "يوم",
    "ساعة",
    "شهر",
    "أسبوع",
    "قرية",
    "بلدة",
    "سيارة",
    "منزل",
    "مدرسة",
    "مستشفى",
    "انفجار",
    "هجوم",
)


def _duals(noun: str) -> list[str]:
    stem = normalize_term(noun)
    if stem.endswith("ه"):  # ta marbuta is written ت before the dual ending: غارة -> غارتين
        stem = stem[:-1] + "ت"
    return [stem + "ين", stem + "ان"]


_DUALS = sorted({d for noun in _DUAL_NOUNS for d in _duals(noun)}, key=len, reverse=True)

# Qualifiers before a number, normalized (على -> علي).
_QUALIFIERS = {
    **dict.fromkeys(
        (
            "اكثر من",
            "ازيد من",
            "ما يزيد عن",
            "ما يزيد علي",
            "يزيد عن",
            "يزيد علي",
            "ما لا يقل عن",
            "لا يقل عن",
            "ما يربو علي",
            "ما يربو عن",
            "ما يفوق",
            "علي الاقل",
            "more than",
            "over",
            "at least",
            "upwards of",
        ),
        AT_LEAST,
    ),
    **dict.fromkeys(
        (
            "اقل من",
            "ما لا يزيد عن",
            "ما لا يزيد علي",
            "لا يزيد عن",
            "لا يزيد علي",
            "ما يقل عن",
            "ما دون",
            "ما لا يتجاوز",
            "لا يتجاوز",
            "علي الاكثر",
            "less than",
            "fewer than",
            "up to",
            "at most",
        ),
        AT_MOST,
    ),
    **dict.fromkeys(
        (
            "نحو",
            "حوالي",
            "قرابه",
            "زهاء",
            "ما يقارب",
            "يقارب",
            "ما يقرب من",
            "ما يناهز",
            "يناهز",
            "about",
            "around",
            "approximately",
            "roughly",
            "nearly",
            "almost",
        ),
        ABOUT,
    ),
}

# --- The pattern --------------------------------------------------------------------------

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_IN_WORD = r"[\w\u200c\u200d]"
_START = rf"(?<!{_IN_WORD})"  # word boundaries: no letter, digit, _ or ZWJ/ZWNJ around
_END = rf"(?!{_IN_WORD})"
_OTHER_LETTER = rf"[^\W\d_{_ARABIC}]"  # a letter of a non-Arabic script (Latin, ...)
# White space inside one line: a number never runs across a line break.
_SP = r"[^\S\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+"
# Clitics before a number word (وعشرين، بنحو، لثلاثة): matched, kept out of the span.
_PREFIX = "(?P<{}>[وف]?[بل]?)"


def _trie(words) -> str:
    """One regex alternation for `words`, factored by shared prefixes.

    Python's regex engine tries alternatives one by one; factored, a word that is not in the
    vocabulary fails on its first letter or two instead of once per entry.
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [
            (_SP if c == " " else re.escape(c)) + emit(child)
            for c, child in sorted(node.items())
            if c
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(tree)


_TEEN = rf"(?:{_trie(_TEEN_ONLY)}){_SP}عشره?"
_WORD = rf"(?:{_TEEN}|{_trie(set(_CANON) - set(_TEEN_ONLY))}){_END}"
# After و a new part of the number starts; a plural scale (آلاف، ملايين) never does, since it
# only counts the word before it (ثلاثة آلاف), so in ثلاثة آلاف وآلاف the second is its own.
_PLURAL_SCALES = ("الاف", "الوف", "ملايين", "مليارات")
_WORD_AFTER_AND = rf"(?:{_TEEN}|{_trie(set(_CANON) - set(_TEEN_ONLY) - set(_PLURAL_SCALES))}){_END}"
_HALF = rf"(?P<{{}}>{_SP}و(?:{_SP})?نصف{_END})?"
_DIGIT_BEFORE = rf"(?<![\d_.,])(?<!{_OTHER_LETTER})"
_DIGIT_AFTER = rf"(?![\d_]|[.,]\d|{_OTHER_LETTER})"
_ARTICLE = "(?:ال)?"

_NUMBER = (
    "(?:"
    # Digits, optionally with a scale word: 1,971 / 3.5 / 240 ألف / 1.5 million.
    rf"{_DIGIT_BEFORE}(?P<digits>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?){_DIGIT_AFTER}"
    rf"(?:(?:{_SP})?(?P<scale>(?i:{_trie(_SCALES)})){_END}{_HALF.format('dhalf')})?"
    # Clitic-prefixed word forms, each starting on a word boundary.
    rf"|{_START}{_PREFIX.format('pre')}(?:"
    # نصف مليون، ربع مليون
    rf"(?P<fraction>(?:{_trie(_FRACTIONS)}){_SP}(?:{_trie(_FRACTION_SCALES)})){_END}"
    # (بضعة|عدة) (ال)عشرات (ال)آلاف: an unspecified multiple.
    rf"|(?P<multiple>(?:(?:بضعه|بضع|عده){_SP})?{_ARTICLE}(?P<mbase>{_trie(_MULTIPLES)}){_END}"
    rf"(?:{_SP}{_ARTICLE}(?P<mscale>{_trie(_MULTIPLE_SCALES)}){_END})?)"
    # Number words joined by spaces and و: مئة وخمسون، ثلاثة آلاف، خمسة عشر.
    rf"|(?P<words>{_WORD}(?:{_SP}(?:{_WORD}|و(?:{_SP})?{_WORD_AFTER_AND}))*)"
    rf"{_HALF.format('whalf')}"
    # A dual that means two, with an optional اثنين/اثنتين after it (غارتين اثنتين).
    rf"|(?P<dual>{_ARTICLE}(?:{_trie(_DUALS)}){_END}"
    rf"(?:{_SP}(?:{_trie(('اثنين', 'اثنتين', 'اثنان', 'اثنتان'))}){_END})?)"
    "))"
)
_QUALIFIER = (
    rf"(?:{_START}{_PREFIX.format('qpre')}"
    # English qualifiers in the three usual casings; a case-insensitive group would disable
    # the engine's first-letter check on every word.
    rf"(?P<qual>{_trie({v for q in _QUALIFIERS for v in (q, q.capitalize(), q.upper())})})"
    rf"{_SP})?"
)
# Aircraft and weapon designations written in Arabic: سو-24، إف 16، ميغ 29، إس-400.
_DESIGNATIONS = ("سوخوي", "سو", "اف", "ميغ", "ميج", "بي", "تي", "اس", "مي")
# The first word of a teen that must not leave its عشر behind to be read as ten: ordinals
# (الحادي عشر، الثانية عشرة) and, since a number with the article is never suggested (القرن
# العشرين is an ordinal), cardinals with it too (الاثني عشر شهرا، الخمسة عشر).
_ORDINAL_UNITS = ("حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع")
_UNITS = ("ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "ثماني", "تسع")
_TEEN_HEADS = [
    clitic + unit for clitic in ("", "و", "ف", "ب", "ل", "وب", "فب") for unit in _ORDINAL_UNITS
] + [
    article + unit
    for article in ("ال", "وال", "فال", "بال", "وبال", "فبال", "لل", "ولل", "فلل")
    for unit in (*_ORDINAL_UNITS, *_TEEN_ONLY, *_UNITS)
]
# Things that look like numbers but are not counts; matched first and dropped.
_SKIP = (
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"  # e-mail addresses
    rf"|[#@]{_IN_WORD}+"  # hashtags and handles
    rf"|{_DIGIT_BEFORE}\d+(?:[/:]\d+)+(?!\d)|\d{{4}}-\d\d?-\d\d?(?!\d)"  # dates and times
    rf"|و?{_trie(_DESIGNATIONS)}(?:{_SP})?-?(?:{_SP})?\d+"
    # Ordinal teens: الحادي عشر، الثانية عشرة (the عشر alone would read as ten).
    rf"|{_trie(_TEEN_HEADS)}ه?{_SP}عشره?{_END}"
)
# A word in another script, with any digits and hyphens inside it (F16, COVID-19, MiG-29).
_FOREIGN_WORD = rf"{_OTHER_LETTER}(?:{_IN_WORD}|-(?={_IN_WORD}))*"

_PATTERN = re.compile(
    # Only word starts and digits can begin a match: everywhere else the engine gives up on
    # the first test, which keeps one pass over 100,000 characters cheap.
    rf"(?:{_START}|(?=\d))"
    rf"(?:(?P<skip>{_SKIP})|{_QUALIFIER}{_NUMBER}|{_FOREIGN_WORD})"
)


# Qualifiers after the number and up to two words (the counted noun, an adjective):
# قتل اربعين شخصا على الاقل، عشرين غارة على الاقل، 30 قتيلا تقريبا. Normalized.
_QUALIFIERS_AFTER = {
    "علي الاقل": AT_LEAST,
    "at least": AT_LEAST,
    "علي الاكثر": AT_MOST,
    "at most": AT_MOST,
    "تقريبا": ABOUT,
    "approximately": ABOUT,
}
_AFTER = re.compile(
    rf"(?:{_SP}[^\W\d_]{_IN_WORD}*){{0,2}}?{_SP}"
    rf"(?P<qual>{_trie({v for q in _QUALIFIERS_AFTER for v in (q, q.capitalize())})}){_END}"
)


# --- Values -------------------------------------------------------------------------------


def _number(value: Decimal | int) -> int | float:
    """An int when the value is integral (1.5 مليون -> 1500000), a float otherwise."""
    if isinstance(value, int) or value == value.to_integral_value():
        return int(value)
    return float(value)


def _magnitude(value: int) -> int:
    return 10**9 if value >= 10**9 else 10**6 if value >= 10**6 else 1000


def _joins(
    previous: int, last_word: str, word: str, value: int, conjunction: bool, scale: float
) -> bool:
    """Whether `word` (of `value`) continues the number that ended on a word of `previous`.

    The written order of a compound: units before tens after و (خمسة وعشرون), each part after
    و smaller than the hundred or scale before it (مئة وخمسون، ألف وخمسمئة); without و, a
    teen (خمسة عشر), a unit before مئة (ثلاث مئة), or a count before a smaller scale than any
    so far (ثلاثة آلاف، مئتين وخمسين ألف). Anything else is two numbers: بين ثلاثة وخمسة
    is 3 and 5, never 8, and بين مئة ومئتين 100 and 200.
    """
    if conjunction:
        if previous < 10:
            return 20 <= value < 100
        if 100 <= previous < 1000:
            return value < 100
        return previous >= 1000 and value < _magnitude(previous)
    if previous < 10 and value == 10:
        return True
    if last_word in _HUNDREDS and word in ("مئه", "مائه"):
        return True  # only the unit forms that make a hundreds compound (not خمسا مئة)
    return previous < 1000 and value >= 1000 and _magnitude(value) < scale


@lru_cache(maxsize=4096)
def _word_numbers(phrase: str) -> tuple[tuple[int, int, int, int], ...]:
    """The numbers in a run of normalized number words, as (start, end, value, last word's
    value) with offsets into `phrase`: 'مئه وخمسون' is one, 'ثلاثه وخمسه' two."""
    numbers = []
    canon: list[str] = []
    start = end = previous = 0
    last_word = ""
    scale: float = float("inf")  # the smallest scale word so far in this number
    conjunction = False
    for token in re.finditer(r"\S+", phrase):
        word, offset = token.group(), token.start()
        if word == "و":
            conjunction = True
            continue
        if word.startswith("و") and word not in _CANON:
            word, offset, conjunction = word[1:], offset + 1, True
        value = _PYARABIC_WORDS[_CANON[word]]
        if canon == ["ألف"] and word in ("مليون", "مليونا") and not conjunction:
            # ألف مليون is a milliard (Egyptian and older usage), not 1000 and a million.
            canon, scale, previous, end, last_word = ["مليار"], 10**9, 10**9, token.end(), word
            continue
        if canon and not _joins(previous, last_word, word, value, conjunction, scale):
            numbers.append((start, end, text2number(" ".join(canon)), previous))
            canon, scale = [], float("inf")
        if not canon:
            start = offset
        if canon and not conjunction and word in ("مئه", "مائه"):
            canon[-1] = _HUNDREDS[last_word]  # ثلاث مئه -> ثلاثمئة, as pyarabic reads it
        else:
            canon.append(_CANON[word])
        if value >= 1000:
            scale = _magnitude(value)
        last_word, previous, end, conjunction = word, value, token.end(), False
    numbers.append((start, end, text2number(" ".join(canon)), previous))
    return tuple(numbers)


def _digits_value(digits: str) -> Decimal | None:
    integer = digits.split(".")[0].replace(",", "")
    if len(integer.lstrip("0")) > 15:
        return None  # a phone number or an id, not a count
    return Decimal(digits.replace(",", ""))


def _value(match: re.Match) -> list[tuple[int, int | float, str | None, int]]:
    """(start, value, approx, end) in normalized text of each number in a match; usually
    one, none for a match to drop, several for a run of words that are separate numbers."""
    group = match.group
    if group("digits"):
        value = _digits_value(group("digits"))
        if value is None:
            return []
        end = match.end("digits")
        if group("scale"):
            scale = _SCALES[group("scale").lower()]
            value *= scale
            end = match.end("scale")
            if group("dhalf"):
                value += Decimal(scale) / 2
                end = match.end("dhalf")
        return [(match.start("digits"), _number(value), None, end)]
    start = match.end("pre")
    if group("fraction"):
        fraction, scale = group("fraction").split()
        value = _FRACTIONS[fraction] * _FRACTION_SCALES[scale]
        return [(start, _number(value), None, match.end("fraction"))]
    if group("multiple"):
        value = _MULTIPLES[group("mbase")] * _MULTIPLE_SCALES.get(group("mscale"), 1)
        return [(start, value, MULTIPLE, match.end("multiple"))]
    if group("words"):
        if "ل" in group("pre") and group("words") == "ست":
            return []  # لست is "I am not", not ل + ست
        words = group("words")
        found = [
            # A plural scale cut off from its count (ألف آلاف) is a multiple, as on its own.
            (start + a, v, MULTIPLE if words[a:b] in _PLURAL_SCALES else None, start + b)
            for a, b, v, _ in _word_numbers(words)
        ]
        last = _word_numbers(words)[-1][3]
        if group("whalf") and last >= 1000 and found[-1][2] is None:
            # مليون ونصف = 1.5 million, ألفين ونصف = 2500: half of the last scale word. After
            # other words (عشرين ونصف) the half is left out; it is rarely a count.
            first, value, approx, _ = found[-1]
            value = _number(value + Decimal(_magnitude(last)) / 2)
            found[-1] = (first, value, approx, match.end("whalf"))
        return found
    return [(start, 2, None, match.end("dual"))]


def find_numbers(text: str) -> list[NumberMatch]:
    """Number expressions in `text`: non-overlapping, in text order."""
    norm = normalize(text)
    found = []
    for match in _PATTERN.finditer(norm.text):
        if match.group("skip") is not None or not (
            match.group("digits") or match.group("pre") is not None
        ):
            continue  # skipped, or a foreign word (F16)
        numbers = _value(match)
        if numbers and match.group("qual"):  # the qualifier belongs to the first number
            _, value, _, end = numbers[0]
            approx = _QUALIFIERS[" ".join(match.group("qual").lower().split())]
            numbers[0] = (match.start("qual"), value, approx, end)
        if numbers and numbers[-1][2] is None:  # one after it belongs to the last
            after = _AFTER.match(norm.text, numbers[-1][3])
            if after is not None:
                start, value, _, end = numbers[-1]
                qualifier = " ".join(after.group("qual").lower().split())
                numbers[-1] = (start, value, _QUALIFIERS_AFTER[qualifier], end)
        for start, value, approx, end in numbers:
            start, end = norm.span_to_original(start, end)
            found.append(NumberMatch(start, end, value, approx))
    return found
