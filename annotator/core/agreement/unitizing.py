"""Krippendorff's unitizing alpha (alpha-u) over characters, per label and jointly.

After Krippendorff (2004), "Measuring the reliability of qualitative text analysis data".
For one label, each annotator cuts the continuum (here: the compared documents' characters,
end to end) into sections: their spans of that label (units) and what lies between them
(gaps). Two annotators' sections that overlap disagree by

    both units:              (difference of starts)^2 + (difference of ends)^2
    a unit inside a gap:     (the unit's length)^2
    otherwise:               0

The observed disagreement sums that over every ordered pair of annotators and every pair of
their sections, divided by m (m - 1) L^2 (m annotators, continuum of length L). The
expected disagreement is what units of the same lengths would give placed at random:

    (2 / L) * sum over units u of [ (N - 1)/3 (2 l^3 - 3 l^2 + l)
                                    + l^2 * sum over gaps g with l_g >= l of (l_g - l + 1) ]
    / ( m L (m L - 1) - sum over units of l (l - 1) )

with l the unit's length, N the number of units (all annotators) and the gaps of all
annotators. alpha-u = 1 - observed / expected; jointly over labels, 1 - sum of observed /
sum of expected. It needs every annotator on every compared character, so only documents all
of them annotated count. An annotator's overlapping spans of one label are one unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np


def sections(units_start: np.ndarray, units_end: np.ndarray, length: int):
    """(starts, ends, is_unit) of the partition of [0, length) by sorted, disjoint units."""
    bounds = np.empty(2 * len(units_start) + 2, dtype=np.int64)
    bounds[0], bounds[-1] = 0, length
    bounds[1:-1:2], bounds[2:-1:2] = units_start, units_end
    starts, ends = bounds[:-1], bounds[1:]
    is_unit = np.zeros(len(starts), dtype=bool)
    is_unit[1::2] = True
    keep = ends > starts  # a unit at the very start or end leaves an empty gap: none
    return starts[keep], ends[keep], is_unit[keep]


def merged(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted spans with overlapping (or touching-inside) ones joined into one unit."""
    if not len(starts):
        return starts, ends
    order = np.lexsort((ends, starts))
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    new = np.ones(len(starts), dtype=bool)
    new[1:] = starts[1:] >= reach[:-1]
    group = np.cumsum(new) - 1
    return starts[new], np.maximum.reduceat(ends, np.nonzero(new)[0])[: group[-1] + 1]


def _observed_pair(a, b) -> float:
    """Sum of the disagreements between two annotators' sections (one direction)."""
    a_start, a_end, a_unit = a
    b_start, b_end, b_unit = b
    # Every pair of sections that share characters: one per piece of the two partitions cut
    # together (consecutive pieces of the same pair are one pair).
    # Both partitions' boundaries are sorted runs: a stable sort merges them in one pass.
    cuts = np.concatenate([a_start, a_end[-1:], b_start, b_end[-1:]])
    cuts.sort(kind="stable")
    distinct = np.ones(len(cuts), dtype=bool)
    distinct[1:] = cuts[1:] != cuts[:-1]
    cuts = cuts[distinct]
    pieces = cuts[:-1]
    i = np.searchsorted(a_start, pieces, side="right") - 1
    j = np.searchsorted(b_start, pieces, side="right") - 1
    change = np.ones(len(pieces), dtype=bool)
    change[1:] = (i[1:] != i[:-1]) | (j[1:] != j[:-1])
    i, j = i[change], j[change]
    both = a_unit[i] & b_unit[j]
    total = float(
        (((a_start[i] - b_start[j]) ** 2 + (a_end[i] - b_end[j]) ** 2)[both]).astype(float).sum()
    )
    a_len = (a_end[i] - a_start[i]).astype(float)
    b_len = (b_end[j] - b_start[j]).astype(float)
    inside_gap = a_unit[i] & ~b_unit[j] & (a_start[i] >= b_start[j]) & (a_end[i] <= b_end[j])
    holds_unit = ~a_unit[i] & b_unit[j] & (b_start[j] >= a_start[i]) & (b_end[j] <= a_end[i])
    return total + float((a_len[inside_gap] ** 2).sum() + (b_len[holds_unit] ** 2).sum())


def disagreements(partitions: Sequence[tuple], length: int) -> tuple[float, float]:
    """(observed, expected) disagreement of one label, given each annotator's sections."""
    m = len(partitions)
    # Each ordered pair of annotators disagrees as much as the reverse pair (a unit inside
    # the other's gap counts from either side): every unordered pair, twice.
    observed = (
        2
        * sum(_observed_pair(partitions[x], partitions[y]) for x, y in combinations(range(m), 2))
        / (m * (m - 1) * float(length) ** 2)
    )
    unit_lengths = np.concatenate([(e - s)[u] for s, e, u in partitions]).astype(float)
    gap_lengths = np.sort(np.concatenate([(e - s)[~u] for s, e, u in partitions]).astype(float))
    count = len(unit_lengths)
    # For each unit, the gaps at least as long: how many, and their total length.
    first = np.searchsorted(gap_lengths, unit_lengths, side="left")
    suffix = np.concatenate([np.cumsum(gap_lengths[::-1])[::-1], [0.0]])
    longer = len(gap_lengths) - first
    fits = suffix[first] - (unit_lengths - 1) * longer
    l = unit_lengths  # noqa: E741 (the paper's name)
    top = ((count - 1) / 3 * (2 * l**3 - 3 * l**2 + l) + l**2 * fits).sum() * 2 / length
    bottom = m * float(length) * (m * float(length) - 1) - (l * (l - 1)).sum()
    return observed, top / bottom


def alpha_u(observed: float, expected: float) -> float | None:
    return None if expected == 0 else 1 - observed / expected


def label_alpha_u(tables, labels: Sequence[str]) -> tuple[dict[str, float | None], float | None]:
    """alpha-u of each label and jointly, over the documents every annotator annotated."""
    everyone = tables.present.all(axis=1)
    lengths = np.where(everyone, tables.lengths, 0)
    if not len(lengths) or lengths.sum() == 0:
        return {label: None for label in labels}, None
    # Where each compared document starts on a continuum of just their characters.
    start_at = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    total = int(lengths.sum())
    per_label: dict[str, float | None] = {}
    observed_sum = expected_sum = 0.0
    for code, label in enumerate(labels, 1):
        partitions = []
        for spans in tables.spans:
            keep = (spans.label == code) & everyone[spans.doc]
            shift = start_at[spans.doc[keep]] - tables.base[spans.doc[keep]]
            partitions.append(
                sections(*merged(spans.start[keep] + shift, spans.end[keep] + shift), total)
            )
        if not any(unit.any() for _, _, unit in partitions):
            per_label[label] = None  # nobody used the label: nothing to agree on
            continue
        observed, expected = disagreements(partitions, total)
        per_label[label] = alpha_u(observed, expected)
        observed_sum += observed
        expected_sum += expected
    return per_label, alpha_u(observed_sum, expected_sum) if expected_sum else None
