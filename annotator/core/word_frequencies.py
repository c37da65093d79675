"""How often Arabic word forms occur in general use, for telling a proclitic from the first
letter of a word (core/clitics): بمدينة is far rarer than مدينة, so its ب is a proclitic;
وائل is far more frequent than ائل, so its و is not.

The figures come from the Arabic list of the optional `wordfreq` package
(pip install "annotator[wordfreq]"), read from the installed package at run time: nothing
of it is copied into the project. Its data is licensed CC BY-SA 4.0 (Robyn Speer, wordfreq;
built from Wikipedia, subtitles, news, web and Twitter text). Without the package,
`installed()` answers None and segmentation works from the project's own text alone.

Frequencies are Zipf values: log10 of the occurrences per billion words (6 is one word in a
thousand, 3 one in a million, 1.5 one in 30 million).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import cache

from annotator.core.arabic import normalize_term

# Forms rarer than this are not kept: a third of wordfreq's Arabic forms sit below it, mostly
# one-off spellings, and leaving them out saves 0.4 s and 40 MB on every load. All a lookup
# then knows of such a form is that it is at most this frequent, which is all the
# segmentation asks (its thresholds sit a whole unit above).
FLOOR = 1.5


class WordFrequencies:
    """Zipf values of normalized word forms (`normalize_term`: hamza seats, ة/ه, ى/ي and
    diacritics folded), the forms that normalize alike added up."""

    __slots__ = ("_zipf",)

    def __init__(self, zipf: Mapping[str, float] | None = None):
        """`zipf` maps word forms to their Zipf values."""
        self._zipf = _added_up((form, 10**value) for form, value in (zipf or {}).items())

    def zipf(self, form: str) -> float:
        """The Zipf value of `form`; `FLOOR` for a form rarer than that, or unknown."""
        return self._zipf.get(normalize_term(form), FLOOR)

    def __len__(self) -> int:
        return len(self._zipf)

    @classmethod
    def _of(cls, zipf: dict[str, float]) -> WordFrequencies:
        frequencies = cls()
        frequencies._zipf = zipf
        return frequencies


def _added_up(forms: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Zipf values of the normalized forms, from (form, occurrences per billion words)."""
    total: dict[str, float] = {}
    for form, per_billion in forms:
        key = normalize_term(form)
        total[key] = total.get(key, 0.0) + per_billion
    return {form: z for form, n in total.items() if (z := math.log10(n)) >= FLOOR}


@cache
def installed() -> WordFrequencies | None:
    """wordfreq's Arabic list when the package is installed (loaded once, about a second),
    else None."""
    try:
        import wordfreq
    except ImportError:
        return None
    # read_cBpack reads the list without wordfreq's own cache, which would keep a second,
    # unnormalized copy in memory for the life of the process. Bucket i holds the forms
    # of frequency 10 ** (-i / 100), i.e. Zipf 9 - i / 100.
    buckets = wordfreq.read_cBpack(wordfreq.available_languages("large")["ar"])
    forms = (
        (form, 10 ** (9 - i / 100))
        for i, bucket in enumerate(buckets[: int((9 - FLOOR) * 100) + 1])
        for form in bucket
    )
    return WordFrequencies._of(_added_up(forms))
