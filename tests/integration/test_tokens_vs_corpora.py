"""The text engine measured against real corpora (skipped when ../shared/data is absent).

(a) Token boundaries: AQMAR and Wojood keep clitics attached, so every corpus token should
    be exactly one of our tokens once the sentence is rebuilt as running text.
(b) Clitic segmentation: NewsFANE writes proclitics as tokens of their own (`و` `قال`), so
    joining them back gives words whose right answer `segment` should find; its unsplit
    words measure how often `segment` splits a word it should leave whole.

Every number is printed (run with -s to see it) with a sample of each kind of disagreement.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

import pytest

from annotator.core.clitics import segment
from annotator.core.tokenize import tokenize
from tests.conftest import shared_data
from tests.integration.corpora import read_aqmar, read_newsfane, read_wojood, strip_bidi

# --- (a) token boundaries -----------------------------------------------------------------

_ARABIC = "\u0621-\u064a\u0671-\u06d3"
_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefc"
# Why a corpus token is not one of our tokens. The first four are the corpus gluing together
# what the tokenizer's documented rules keep apart (no white space in the source, or the
# corpus keeping a run of marks as one token); they are conventions, not errors, and are
# left out of the strict rate. The rest are counted against the tokenizer.
_CATEGORIES: list[tuple[str, re.Pattern[str]]] = [
    # Known tokenizer bugs, reported: Arabic presentation forms (ﺁ ﻻ) end a word, and the
    # multiplication sign × (U+00D7, inside the Latin-1 letter range) starts a "Latin word".
    ("bug: presentation form inside a word", re.compile(f"[{_PRESENTATION}]")),
    ("bug: × read as a letter", re.compile("\u00d7")),
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
    assert strict >= 0.9995  # 0.9999: only the × sign (4 tokens) is against us
    assert wrong["other"] == 0, sample["other"]


def test_wojood_tokens_are_our_tokens():
    sentences = _wojood()
    assert not any(t.token == "$#$" for s in sentences for t in s)
    total, wrong, sample = _compare(sentences)
    raw, strict = _report("Wojood", total, wrong, sample)
    assert total > 25_000
    assert raw >= 0.998  # 0.9987 measured
    # What is left are the 13 presentation-form tokens (مرﺁة، وﻻ): a tokenizer bug.
    assert strict >= 0.999  # 0.9995 measured
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
    """(prefixed, single): prefixed = (prefix, joined word) for every clitic token run
    followed by its stem; single = the Arabic tokens NewsFANE does not split."""
    corpus = shared_data("newsfane_gold/NewsFANE_Gold_2014_170K.txt")
    prefixed, single = [], []
    for sentence in read_newsfane(corpus):
        tokens = [strip_bidi(t.token) for t in sentence]
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
    return prefixed, single


def _prefixed_agreement():
    prefixed, _ = _newsfane()
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed: dict[str, Counter] = defaultdict(Counter)
    deeper = 0
    for prefix, word in prefixed:
        found = segment(word)
        total[prefix] += 1
        if found == len(prefix):
            agree[prefix] += 1
            continue
        missed[prefix][(word, found)] += 1
        # وبالتالي: the corpus splits و and leaves بالتالي whole; we also split the ب
        # before the article, by design (see the next test: NewsFANE leaves بال/لل whole).
        if found > len(prefix) and _ARTICLE_AFTER.match(word[len(prefix) :]):
            deeper += 1
    return agree, total, missed, deeper


def test_segment_agrees_with_newsfane_prefixed_tokens():
    agree, total, missed, deeper = _prefixed_agreement()
    n, ok = sum(total.values()), sum(agree.values())
    print(f"\nNewsFANE prefixed tokens: {n}, segment agrees on {ok} ({ok / n:.2%});")
    print(f"  {deeper} more are split deeper by design (و + بالتالي -> وب + التالي)")
    for prefix in sorted(total, key=total.get, reverse=True):
        print(
            f"  {prefix}: {agree[prefix]}/{total[prefix]} missed e.g. "
            f"{missed[prefix].most_common(12)}"
        )
    assert n > 12_000
    # و is the bulk (84%): it must agree almost everywhere. Many of its misses are the
    # corpus splitting و-initial words (و كالات، و لد، و صول).
    assert agree["و"] / total["و"] >= 0.98  # 0.982 measured
    # ب ل ك before a bare noun or name (ب القاهرة is found, ب واشنطن، ل اسرائيل are not)
    # cannot be decided without a lexicon, so the overall rate stays below the 95% asked.
    assert ok / n >= 0.87  # 0.881 measured
    assert (ok + deeper) / n >= 0.885


@pytest.mark.xfail(reason="95% needs a lexicon for ب ل ك ف before bare nouns and names")
def test_segment_reaches_95_percent_on_newsfane_prefixed_tokens():
    agree, total, _, _ = _prefixed_agreement()
    assert sum(agree.values()) / sum(total.values()) >= 0.95


def test_segment_rarely_splits_words_newsfane_keeps_whole():
    prefixed, single = _newsfane()
    split_elsewhere = {word for _, word in prefixed}
    wrong = Counter(w for w in single if segment(w))
    # NewsFANE leaves ب ل ك ف + article whole (بالنسبة، للامم: 2,450 times, against 136 times
    # split): a convention that differs from ours (the article stays, the preposition goes).
    article = Counter({w: n for w, n in wrong.items() if re.match("(?:[بكف]ال|لل)", w)})
    # واضاف، واكد: words the corpus splits elsewhere (و اضاف), so it is not consistent.
    inconsistent = Counter(
        {w: n for w, n in wrong.items() if w in split_elsewhere and w not in article}
    )
    rest = wrong - article - inconsistent
    n = len(single)
    raw, strict = wrong.total() / n, rest.total() / n
    print(f"\nNewsFANE unsplit Arabic tokens: {n}; segment splits {wrong.total()} ({raw:.2%})")
    print(f"  article convention {article.total()}: {article.most_common(10)}")
    print(f"  split elsewhere in the corpus {inconsistent.total()}: {inconsistent.most_common(10)}")
    print(f"  other {rest.total()} ({strict:.2%}): {rest.most_common(40)}")
    assert n > 120_000
    assert raw <= 0.025  # 2.34% measured, 1.9 points of it the article convention
    assert strict <= 0.005
