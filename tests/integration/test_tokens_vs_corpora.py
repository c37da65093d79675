"""The text engine measured against real corpora (skipped when ../shared/data is absent).

(a) Token boundaries: AQMAR and Wojood keep clitics attached, so every corpus token should
    be exactly one of our tokens once the sentence is rebuilt as running text.
(b) Clitic segmentation: NewsFANE writes proclitics as tokens of their own (`و` `قال`), so
    joining them back gives words whose right answer `segment` should find; its unsplit
    words measure how often `segment` splits a word it should leave whole. Both are measured
    without a vocabulary, with the vocabulary of the corpus's own running text (the
    proclitics joined back, as an export would see the project's documents), and with that
    vocabulary and wordfreq's general word frequencies (a test extra).

Every number is printed (run with -s to see it) with a sample of each kind of disagreement.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

import pytest

from annotator.core.clitics import Vocabulary, segment
from annotator.core.tokenize import tokenize
from annotator.core.word_frequencies import installed as installed_frequencies
from tests.conftest import shared_data
from tests.integration.corpora import (
    join_proclitics,
    read_aqmar,
    read_newsfane,
    read_wojood,
    strip_bidi,
)

# --- (a) token boundaries -----------------------------------------------------------------

_ARABIC = "\u0621-\u064a\u0671-\u06d3"
# Why a corpus token is not one of our tokens. Each category is the corpus gluing together
# what the tokenizer's documented rules keep apart (no white space in the source, or the
# corpus keeping a run of marks as one token); they are conventions, not errors, and are
# left out of the strict rate. Anything else is "other" and counted against the tokenizer.
# (Two bugs this test found are fixed: presentation forms ﺁ ﻻ ended a word, and × was read
# as a Latin letter; 2× and 4×1078 now fall under the conventions below.)
_CATEGORIES: list[tuple[str, re.Pattern[str]]] = [
    # ... ). ")، — every punctuation mark is a token of its own (tokenize.py's docstring).
    ("convention: run of marks", re.compile(r"^[^\w]+$")),
    # 1200م ال17 و1 أكتوبر2005 2n2 1931–32 — numbers are never part of a word (و1,971 is the
    # conjunction and a number), so a number glued to letters or to another number is two.
    ("convention: number glued to letters or a number", re.compile(r"\d.*\D|\D.*\d")),
    # BUSعندما، باسكالPascal — two scripts with no space between them in the source.
    (
        "convention: Arabic glued to Latin",
        re.compile(f"[{_ARABIC}].*[A-Za-z]|[A-Za-z].*[{_ARABIC}]"),
    ),
    # العناصر؛ O'Donnell أتت***قتل — a word glued to a mark.
    ("convention: word glued to a mark", re.compile(r"\w[^\w\s]|[^\w\s]\w")),
]


def _category(token: str) -> str:
    for name, pattern in _CATEGORIES:
        if pattern.search(token):
            return name
    return "other"


def _compare(sentences) -> tuple[int, Counter, dict[str, list]]:
    """Tokens compared, disagreements per category, and a sample of each category."""
    total = 0
    wrong: Counter[str] = Counter()
    sample: dict[str, list] = defaultdict(list)
    for sentence in sentences:
        tokens = [t for t in (strip_bidi(tagged.token) for tagged in sentence) if t]
        text = " ".join(tokens)
        ours = {(t.start, t.end) for t in tokenize(text)}
        start = 0
        for token in tokens:
            total += 1
            end = start + len(token)
            if (start, end) not in ours:
                category = _category(token)
                wrong[category] += 1
                if len(sample[category]) < 5:
                    pieces = [text[a:b] for a, b in sorted(ours) if a < end and b > start]
                    sample[category].append((token, pieces))
            start = end + 1
    return total, wrong, sample


def _report(name: str, total: int, wrong: Counter, sample: dict) -> tuple[float, float]:
    conventions = sum(n for c, n in wrong.items() if c.startswith("convention"))
    raw = 1 - sum(wrong.values()) / total
    strict = 1 - (sum(wrong.values()) - conventions) / (total - conventions)
    print(f"\n{name}: {total} tokens, agreement {raw:.4%}; without conventions {strict:.4%}")
    for category, count in wrong.most_common():
        print(f"  {count:5d} {category}: {sample[category]}")
    return raw, strict


@cache
def _aqmar():
    folder = shared_data("aqmar")
    return [s for path in sorted(folder.glob("*.txt")) for s in read_aqmar(path)]


@cache
def _wojood():
    folder = shared_data("wojood_sample")
    return [s for part in ("train", "val", "test") for s in read_wojood(folder / f"{part}.txt")]


def test_aqmar_tokens_are_our_tokens():
    total, wrong, sample = _compare(_aqmar())
    raw, strict = _report("AQMAR", total, wrong, sample)
    assert total > 70_000
    assert raw >= 0.99  # 0.9913 measured; the rest are the corpus's glued tokens
    assert strict == 1.0  # every disagreement is one of the corpus conventions above
    assert wrong["other"] == 0, sample["other"]


def test_wojood_tokens_are_our_tokens():
    sentences = _wojood()
    assert not any(t.token == "$#$" for s in sentences for t in s)
    total, wrong, sample = _compare(sentences)
    raw, strict = _report("Wojood", total, wrong, sample)
    assert total > 25_000
    assert raw >= 0.999  # 0.9992 measured
    assert strict == 1.0  # every disagreement is one of the corpus conventions above
    assert wrong["other"] == 0, sample["other"]


def test_wojood_thousands_are_split_like_ours():
    """Wojood writes و1,971 as `و1 , 971`: the corpus's own split, kept here as a sample of
    the convention (our tokenizer reads و + 1,971 once the text is whole)."""
    [ours] = [t for t in tokenize("و1,971") if t.kind == "number"]
    assert (ours.start, ours.end) == (1, 6)


# --- (b) clitic segmentation ---------------------------------------------------------------

_CLITICS = {"و", "ف", "ب", "ل", "ك"}
_STEM = re.compile(f"[{_ARABIC}A-Za-z0-9\u0660-\u0669]")
_ARTICLE_AFTER = re.compile("^(?:[بك]ال|ل)")


@cache
def _newsfane():
    """(prefixed, single, texts): prefixed = (prefix, joined word) for every clitic token run
    followed by its stem; single = the Arabic tokens NewsFANE does not split; texts = each
    sentence as running text, proclitics joined back (the text a project would hold)."""
    corpus = shared_data("newsfane_gold/NewsFANE_Gold_2014_170K.txt")
    prefixed, single, texts = [], [], []
    for sentence in read_newsfane(corpus):
        tokens = [strip_bidi(t.token) for t in sentence]
        texts.append(join_proclitics(tokens, _CLITICS))
        for i, token in enumerate(tokens):
            if token in _CLITICS:
                continue
            if i and tokens[i - 1] in _CLITICS:
                if not _STEM.match(token):
                    continue  # a clitic before a quote or a bracket: nothing to join
                prefix = tokens[i - 1]
                # و/ف + ب/ل/ك (و ب ما): one proclitic sequence, as in PROCLITICS.
                if prefix not in "وف" and i > 1 and tokens[i - 2] in ("و", "ف"):
                    prefix = tokens[i - 2] + prefix
                # NewsFANE writes ل + the article as `ل` `الاتحاد`; the text has للاتحاد.
                if prefix.endswith("ل") and token.startswith("ال"):
                    token = token[1:]
                prefixed.append((prefix, prefix + token))
            elif re.match(f"[{_ARABIC}]", token):
                single.append(token)
    return prefixed, single, texts


@cache
def _vocabulary() -> Vocabulary:
    """Built from the running text only: the split tokens would give the answers away."""
    _, _, texts = _newsfane()
    return Vocabulary.from_texts(texts)


@cache
def _frequency_vocabulary() -> Vocabulary:
    """The running text's vocabulary with wordfreq's frequencies, as an export uses them."""
    frequencies = installed_frequencies()
    assert frequencies is not None, "wordfreq is a test extra: pip install -e '.[test]'"
    _, _, texts = _newsfane()
    return Vocabulary.from_texts(texts, frequencies)


def _name(vocabulary: Vocabulary | None) -> str:
    if vocabulary is None:
        return "segment"
    if vocabulary.frequencies is None:
        return "segment with the corpus vocabulary"
    return "segment with the corpus vocabulary and word frequencies"


def _prefixed_agreement(vocabulary: Vocabulary | None = None):
    prefixed, _, _ = _newsfane()
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed: dict[str, Counter] = defaultdict(Counter)
    deeper = 0
    for prefix, word in prefixed:
        found = segment(word, vocabulary)
        total[prefix] += 1
        if found == len(prefix):
            agree[prefix] += 1
            continue
        missed[prefix][(word, found)] += 1
        # وبالتالي: the corpus splits و and leaves بالتالي whole; we also split the ب
        # before the article, by design (see the next test: NewsFANE leaves بال/لل whole).
        if found > len(prefix) and _ARTICLE_AFTER.match(word[len(prefix) :]):
            deeper += 1
    n, ok = sum(total.values()), sum(agree.values())
    print(f"\nNewsFANE prefixed tokens: {n}, {_name(vocabulary)} agrees on {ok} ({ok / n:.2%});")
    print(f"  {deeper} more are split deeper by design (و + بالتالي -> وب + التالي)")
    for prefix in sorted(total, key=total.get, reverse=True):
        print(
            f"  {prefix}: {agree[prefix]}/{total[prefix]} ({agree[prefix] / total[prefix]:.1%})"
            f" missed e.g. {missed[prefix].most_common(12)}"
        )
    return agree, total, deeper


def _rate(agree: Counter, total: Counter, *prefixes: str) -> float:
    prefixes = prefixes or tuple(total)
    return sum(agree[p] for p in prefixes) / sum(total[p] for p in prefixes)


def test_segment_agrees_with_newsfane_prefixed_tokens():
    agree, total, deeper = _prefixed_agreement()
    n = sum(total.values())
    assert n > 12_000
    # و is the bulk (84%): it must agree almost everywhere. Many of its misses are the
    # corpus splitting و-initial words (و كالات، و لد، و صول).
    assert _rate(agree, total, "و") >= 0.98  # 0.982 measured
    # ب ل ك before a bare noun or name (ب القاهرة is found, ب واشنطن، ل اسرائيل are not)
    # cannot be decided without a vocabulary: see the next test.
    assert _rate(agree, total) >= 0.87  # 0.881 measured
    assert (sum(agree.values()) + deeper) / n >= 0.885


def test_vocabulary_segment_agrees_with_newsfane_prefixed_tokens():
    agree, total, _ = _prefixed_agreement(_vocabulary())
    # Measured: 0.926 overall (0.881 without the vocabulary); ب 0.72 (0.37), ل 0.64 (0.12),
    # ف 0.75 (0.57), ك 0.19 (0.08). و loses 0.6 point: the corpus splits و and keeps ب ل
    # attached (و بسعر، و لرئيس) where the vocabulary confirms وب + سعر.
    assert _rate(agree, total) >= 0.92
    assert _rate(agree, total, "و") >= 0.975  # 0.976
    assert _rate(agree, total, "ب") >= 0.70  # 0.722
    assert _rate(agree, total, "ل") >= 0.62  # 0.637
    assert _rate(agree, total, "ف") >= 0.73  # 0.745


def test_frequencies_segment_agrees_with_newsfane_prefixed_tokens():
    agree, total, deeper = _prefixed_agreement(_frequency_vocabulary())
    n = sum(total.values())
    # Measured: 0.936 overall (0.926 with the text alone); ب 0.729 (0.722), ل 0.732 (0.637),
    # ف 0.827 (0.745), ك 0.272 (0.189), و 0.976 (0.976): 221 more agree, ل + verb (ليقدم،
    # ليسدد), ف + verb (فتابع، فيصاب), places (بطنجة، بكندا), and 99 fewer: ب/ل + a noun whose
    # form with the proclitic is common in general use (لحزب، بمكة، بمدينة, a factor of 8 or
    # 9), and names NewsFANE splits as و + name (ويمبلدون، وليامز، وينفري).
    assert _rate(agree, total) >= 0.93
    assert _rate(agree, total, "و") >= 0.975
    assert _rate(agree, total, "ب") >= 0.72
    assert _rate(agree, total, "ل") >= 0.72
    assert _rate(agree, total, "ف") >= 0.81
    assert _rate(agree, total, "ك") >= 0.26
    # With the و + بالتالي splits counted as the article convention they are: 0.942.
    assert (sum(agree.values()) + deeper) / n >= 0.94


@pytest.mark.xfail(
    strict=True,
    reason="0.936: NewsFANE keeps ب/ل + noun whole two times out of three (بمنطقة، لرئيس) and "
    "splits the third (ب مدينة): a lower frequency threshold splits all three, 0.943 with 1.99% "
    "of its whole words split, no more than 0.944 at any threshold; it splits كما 98 times and "
    "keeps it whole 234 times (0.8 point); و + بالتالي is our وب + التالي by design (0.7 point)",
)
def test_vocabulary_segment_reaches_95_percent_on_newsfane_prefixed_tokens():
    agree, total, _ = _prefixed_agreement(_frequency_vocabulary())
    assert _rate(agree, total) >= 0.95


def _wrong_splits(vocabulary: Vocabulary | None = None) -> tuple[int, Counter, Counter, Counter]:
    """The corpus's unsplit Arabic tokens that `segment` splits, by kind of disagreement:
    (tokens, article convention, corpus inconsistent, other)."""
    prefixed, single, _ = _newsfane()
    split_elsewhere = {word for _, word in prefixed}
    wrong = Counter(w for w in single if segment(w, vocabulary))
    # NewsFANE leaves ب ل ك ف + article whole (بالنسبة، للامم: 2,450 times, against 136 times
    # split): a convention that differs from ours (the article stays, the preposition goes).
    article = Counter({w: n for w, n in wrong.items() if re.match("(?:[بكف]ال|لل)", w)})
    # واضاف، واكد: words the corpus splits elsewhere (و اضاف), so it is not consistent.
    inconsistent = Counter(
        {w: n for w, n in wrong.items() if w in split_elsewhere and w not in article}
    )
    rest = wrong - article - inconsistent
    n = len(single)
    print(
        f"\nNewsFANE unsplit Arabic tokens: {n}; {_name(vocabulary)} splits {wrong.total()}", end=""
    )
    print(f" ({wrong.total() / n:.2%})")
    print(f"  article convention {article.total()}: {article.most_common(10)}")
    print(f"  split elsewhere in the corpus {inconsistent.total()}: {inconsistent.most_common(10)}")
    print(f"  other {rest.total()} ({rest.total() / n:.2%}): {rest.most_common(40)}")
    return n, article, inconsistent, rest


def test_segment_rarely_splits_words_newsfane_keeps_whole():
    n, article, inconsistent, rest = _wrong_splits()
    raw = (article + inconsistent + rest).total() / n
    assert n > 120_000
    assert raw <= 0.025  # 2.34% measured, 1.9 points of it the article convention
    assert rest.total() / n <= 0.005  # 0.22%


def test_vocabulary_segment_rarely_splits_words_newsfane_keeps_whole():
    """The vocabulary's splits are mostly real proclitics that NewsFANE leaves attached: it
    keeps ب/ل + noun whole about two times out of three (بمشاركة، لقرار، بزيارة whole, ب مدينة
    split). Among them are a few real errors: Latin names whose first letter reads as a
    proclitic (بيلي، كيلي، فيشر), لسان، فعالية، كمين."""
    n, article, inconsistent, rest = _wrong_splits(_vocabulary())
    prefixed, _, _ = _newsfane()
    # The corpus itself splits a proclitic off the same stem elsewhere (لقرار whole, ب قرار).
    stems = {word[len(prefix) :] for prefix, word in prefixed}
    split_stem = Counter({w: c for w, c in rest.items() if w[segment(w, _vocabulary()) :] in stems})
    unseen = rest - split_stem
    print(f"  of the other, stem split off elsewhere {split_stem.total()}; ", end="")
    print(f"left {unseen.total()} ({unseen.total() / n:.2%})")
    raw = (article + inconsistent + rest).total() / n
    assert raw <= 0.04  # 3.86% measured (2.33% without the vocabulary)
    assert rest.total() / n <= 0.017  # 1.62% (0.22% without the vocabulary)
    # Stems the corpus never splits a proclitic from: 0.80%, of which 0.22% are the و words
    # the closed rules already split (واعترف، وانغ).
    assert unseen.total() / n <= 0.0085


def test_frequencies_segment_rarely_splits_words_newsfane_keeps_whole():
    """General frequencies split fewer of the words NewsFANE keeps whole than the text's
    counts alone, and keep the names the closed rules split as و + word (وانغ، ويلكس)."""
    n, article, inconsistent, rest = _wrong_splits(_frequency_vocabulary())
    raw = (article + inconsistent + rest).total() / n
    assert raw <= 0.039  # 3.76% measured (3.86% with the text alone)
    assert rest.total() / n <= 0.016  # 1.54% (1.62%), under the bound of 2%
    _, single, _ = _newsfane()
    assert {"وانغ", "ويلكس", "وودورد"} <= set(single)
    assert not any(segment(w, _frequency_vocabulary()) for w in ("وانغ", "ويلكس", "وودورد"))


def test_vocabulary_counts_the_running_text():
    # Its speed is measured in benchmarks/text_engine.py, not asserted here (shared machines).
    _, _, texts = _newsfane()
    vocabulary = Vocabulary.from_texts(texts)
    assert vocabulary.count("واشنطن") > 30
    assert vocabulary.count("وَاشِنْطُن") == vocabulary.count("واشنطن")  # normalized lookups
