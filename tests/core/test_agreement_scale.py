"""What keeps agreement small on large projects gives the figures of the plain way: pairs
matched a piece of the documents at a time, units tallied by pattern."""

import random

import numpy as np
import pytest

import annotator.core.agreement.report as report
from annotator.core.agreement import Compared, measure
from annotator.core.agreement.coefficients import (
    category_counts,
    fleiss_kappa,
    krippendorff_alpha_nominal,
)
from annotator.core.agreement.tally import tally_of
from annotator.core.agreement.units import build_units

WORDS = ["قصف", "قوات", "النظام", "حماة", "ادلب", "المرصد", "وحماة", "غارة"]


def documents(rng, count, names, labels):
    docs = []
    for n in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(5, 30))]
        text = " ".join(words)
        spans = {}
        for name in names:
            found = set()
            for _ in range(rng.randint(0, 5)):
                start = rng.randrange(len(text) - 1)
                if not text[start].isspace():
                    end = min(len(text), start + rng.randint(1, 12))
                    found.add((start, end, rng.choice(labels)))
            spans[name] = sorted(found)
        docs.append(Compared(f"d{n}", text, spans))
    return docs


def test_pairs_matched_in_pieces_count_what_all_at_once_counts(monkeypatch):
    rng = random.Random(7)
    labels = ["ACTOR", "LOCATION", "NUMBER"]
    docs = documents(rng, 60, ["a", "b", "c"], labels)
    whole = measure(docs, ["a", "b", "c"], labels)
    monkeypatch.setattr(report, "PIECE", 7)  # a few documents a piece
    assert measure(docs, ["a", "b", "c"], labels) == whole
    assert whole["confusion"]["matrix"][0][0] > 0  # spans were matched


def test_a_tally_of_many_labels_and_annotators_holds_every_units_counts():
    # Eight annotators on each unit and 40 labels: the patterns take several steps (9 ** 41
    # is far past 64 bits) and are numbered by sorting.
    rng = random.Random(3)
    labels = [f"L{k}" for k in range(40)]
    names = [f"r{k}" for k in range(8)]
    docs = documents(rng, 20, names, labels)
    units = build_units(docs, names, {label: k for k, label in enumerate(labels, 1)})
    counts = category_counts(units.values, len(labels) + 1)
    tally = tally_of(units, len(labels) + 1, len(names))
    # Each document's units' counts, rebuilt from its patterns.
    rebuilt = np.repeat(tally.rows[tally.pattern], tally.units, axis=0)
    per_document = [
        sorted(map(tuple, rebuilt[tally.doc.repeat(tally.units) == d].tolist())) for d in range(20)
    ]
    assert per_document == [
        sorted(map(tuple, counts[units.document == d].tolist())) for d in range(20)
    ]
    weights = tally.weights()
    assert weights.sum() == len(counts)
    assert krippendorff_alpha_nominal(tally.rows, weights) == pytest.approx(
        krippendorff_alpha_nominal(counts), abs=1e-12
    )
    assert fleiss_kappa(tally.rows, len(names), weights) == pytest.approx(
        fleiss_kappa(counts, len(names)), abs=1e-12
    )
