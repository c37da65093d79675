"""A scripted keyboard session on the seed article (benchmarks/keys_per_span.py): the
spans it labels are stored exactly, with the origin each path gives, and suggestions
save keys. The key counts themselves are printed by the benchmark, for the README."""

from __future__ import annotations

import pytest

from annotator.core import Origin
from benchmarks.keys_per_span import TARGETS, run
from tests.conftest import shared_data


@pytest.fixture(scope="module")
def seed():
    return shared_data("seed_article.txt").read_text("utf-8")


@pytest.mark.corpus
@pytest.mark.parametrize("suggestions", [False, True], ids=["by-hand", "with-suggestions"])
def test_a_keyboard_session_stores_exactly_the_spans_meant(qapp, tmp_path, seed, suggestions):
    count, stored, wanted = run(suggestions, seed, tmp_path)
    got = sorted((s.start, s.end, s.label, s.origin) for s in stored)
    expected = sorted(
        (t.start, t.end, t.label, t.origin if suggestions else Origin.MANUAL) for t in wanted
    )
    assert got == expected
    # Proclitics are left out: "مصدر امني سوري", not "ومصدر امني سوري".
    texts = {seed[s.start : s.end] for s in stored}
    assert "مصدر امني سوري" in texts and "ومصدر امني سوري" not in texts
    assert count.suggested == (
        sum(origin == Origin.SUGGESTED for *_, origin in TARGETS) if suggestions else 0
    )
    assert count.keys >= 2 * len(wanted)  # every span costs a move and a mark at least


@pytest.mark.corpus
def test_suggestions_save_keys(qapp, tmp_path, seed):
    by_hand = run(False, seed, tmp_path)[0]
    helped = run(True, seed, tmp_path)[0]
    assert helped.keys < by_hand.keys
