"""General word frequencies: normalized forms added up, a floor for rare forms, and
wordfreq's Arabic list when the package is installed (it is a test extra)."""

from __future__ import annotations

import math
import pickle
import sys

import pytest

from annotator.core import word_frequencies
from annotator.core.word_frequencies import FLOOR, WordFrequencies, installed


def test_forms_that_normalize_alike_add_up():
    frequencies = WordFrequencies({"مدينة": 5.0, "مدينه": 5.0, "أمل": 4.0})
    assert frequencies.zipf("مدينة") == pytest.approx(5.0 + math.log10(2))
    assert frequencies.zipf("مَدِينَة") == frequencies.zipf("مدينه")  # diacritics dropped
    assert frequencies.zipf("امل") == frequencies.zipf("إمل") == pytest.approx(4.0)
    assert len(frequencies) == 2


def test_forms_rarer_than_the_floor_read_as_the_floor():
    frequencies = WordFrequencies({"نادرة": FLOOR - 0.2, "قال": 6.0})
    assert frequencies.zipf("نادرة") == frequencies.zipf("غائبة") == FLOOR
    assert len(frequencies) == 1


def test_installed_reads_wordfreqs_arabic_list():
    frequencies = installed()
    assert frequencies is not None, "wordfreq is a test extra: pip install -e '.[test]'"
    assert installed() is frequencies  # loaded once
    assert len(frequencies) > 200_000
    assert 5 < frequencies.zipf("مدينة") < 7
    assert frequencies.zipf("مدينة") - frequencies.zipf("بمدينة") > 0.5
    assert frequencies.zipf("وائل") - frequencies.zipf("ائل") > 2  # a name, not و + ائل
    assert frequencies.zipf("أن") == frequencies.zipf("ان")  # hamza seats read alike


def test_without_wordfreq_there_are_no_frequencies(monkeypatch):
    monkeypatch.setitem(sys.modules, "wordfreq", None)  # import wordfreq raises ImportError
    word_frequencies.installed.cache_clear()
    try:
        assert installed() is None
    finally:
        word_frequencies.installed.cache_clear()


def test_frequencies_travel_to_export_workers():
    frequencies = WordFrequencies({"مدينة": 5.8})
    copy = pickle.loads(pickle.dumps(frequencies))
    assert copy.zipf("مدينة") == pytest.approx(5.8) and len(copy) == 1
