"""Chance-corrected agreement coefficients over categorical units, with numpy.

Units are tokens; a value is a category code (0 is `O`, no span) or `MISSING` where an
annotator did not annotate the document. Every function returns None when the coefficient
is undefined (no units, or a single category so that chance agreement is total), never a
made-up number.
"""

from __future__ import annotations

import numpy as np

MISSING = -1


def confusion(a: np.ndarray, b: np.ndarray, categories: int) -> np.ndarray:
    """categories x categories counts of (a's value, b's value) over units both coded."""
    a, b = _both_coded(a, b)
    pairs = a.astype(np.int32) * categories + b
    return np.bincount(pairs, minlength=categories * categories).reshape(categories, categories)


def _both_coded(a: np.ndarray, b: np.ndarray, *more: np.ndarray) -> list[np.ndarray]:
    """a, b (and `more`, alike) over the units both a and b coded: as they are, not
    copied, where both coded every unit (a pair's units always are)."""
    both = (a != MISSING) & (b != MISSING)
    return [a, b, *more] if both.all() else [x[both] for x in (a, b, *more)]


def cohen_kappa(table: np.ndarray) -> float | None:
    """Cohen's kappa from a confusion table (rows: one annotator, columns: the other)."""
    n = table.sum()
    if n == 0:
        return None
    observed = np.trace(table) / n
    expected = float(table.sum(axis=1) @ table.sum(axis=0)) / (n * n)
    if expected == 1.0:
        return None
    return float((observed - expected) / (1 - expected))


def category_counts(values: np.ndarray, categories: int) -> np.ndarray:
    """units x categories: how many annotators gave each unit each category, from a units x
    annotators table (MISSING not counted). What the tally (tally.py) stands for, in small."""
    # int32: a unit's count is at most the number of annotators. Sums over units are taken
    # as int64 or float64 (the einsums below say which).
    counts = np.zeros((values.shape[0], categories), dtype=np.int32)
    for column in values.T:
        at = np.nonzero(column != MISSING)[0]
        counts[at, column[at]] += 1  # one value per unit for an annotator: no repeats
    return counts


def fleiss_kappa(
    counts: np.ndarray, annotators: int | None = None, weights: np.ndarray | None = None
) -> float | None:
    """Fleiss' kappa over the units all `annotators` coded (equal raters per unit, as the
    coefficient needs). Without `annotators`, every unit is taken to be fully coded by the
    most raters any unit has (a table with no missing values). `weights`: how many units
    each row of counts stands for (one each when None; `tally.py`)."""
    if counts.shape[0] == 0:
        return None
    weights = _ones(counts) if weights is None else weights
    raters = np.einsum("uc->u", counts)  # row sums: einsum is several times faster here
    n = int(raters.max()) if annotators is None else annotators
    if not (raters == n).all():
        counts, weights = counts[raters == n], weights[raters == n]
    units = int(weights.sum())
    if n < 2 or units == 0:
        return None
    totals = np.einsum("uc,u->c", counts, weights, dtype=np.int64)
    p_category = totals / (units * n)
    # Mean over units of the agreeing pairs: sum of c(c-1) = sum of c^2 - units * n.
    squares = float(np.einsum("uc,uc,u->", counts, counts, weights, dtype=np.float64))
    observed = (squares - units * n) / (units * n * (n - 1))
    expected = float((p_category**2).sum())
    if expected == 1.0:
        return None
    return float((observed - expected) / (1 - expected))


def krippendorff_alpha_nominal(
    counts: np.ndarray, weights: np.ndarray | None = None
) -> float | None:
    """Krippendorff's alpha, nominal, from units x categories counts (`weights` as for
    fleiss_kappa). Units coded by fewer than two annotators are not pairable and drop out,
    as the coefficient defines."""
    (alpha,) = krippendorff_alpha_by(counts, None, 1, weights)
    return None if np.isnan(alpha) else float(alpha)


def _ones(counts: np.ndarray) -> np.ndarray:
    return np.ones(counts.shape[0], dtype=np.int64)


# -- the same, for many groups of units at once (one per document) ---------------------------


def cohen_kappa_by(
    a: np.ndarray, b: np.ndarray, group: np.ndarray, groups: int, categories: int
) -> np.ndarray:
    """Cohen's kappa of each group of units; nan where undefined."""
    a, b, group = _both_coded(a, b, group)
    wide = np.int64 if groups * categories * categories >= 2**31 else np.int32
    index = (group.astype(wide, copy=False) * categories + a) * categories + b
    tables = np.bincount(index, minlength=groups * categories * categories).reshape(
        groups, categories, categories
    )
    n = tables.sum(axis=(1, 2)).astype(np.float64)
    observed = np.trace(tables, axis1=1, axis2=2)
    chance = np.einsum("gi,gi->g", tables.sum(axis=2), tables.sum(axis=1))
    with np.errstate(divide="ignore", invalid="ignore"):
        p_o, p_e = observed / n, chance / (n * n)
        return np.where((n > 0) & (p_e < 1), (p_o - p_e) / (1 - p_e), np.nan)


def krippendorff_alpha_by(
    counts: np.ndarray,
    group: np.ndarray | None,
    groups: int,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Krippendorff's nominal alpha of each group of units; nan where undefined.

    alpha = 1 - (n - 1) * (n - trace(o)) / (n^2 - sum of n_c^2), with o the coincidence
    matrix: its row sums n_c are each category's pairable values and its trace the pairs
    that match, so a group needs only sums over its units, not a matrix of its own. `group`
    may be None when `groups` is 1; `weights` as for fleiss_kappa. (Where at most three
    annotators code each unit, every sum below is of whole numbers: exact in floating
    point, whether taken over units or over rows standing for many.)"""
    weights = _ones(counts) if weights is None else weights
    m = np.einsum("uc->u", counts)  # row sums: einsum is several times faster here
    pairable = m >= 2
    if not pairable.all():
        counts, m, weights = counts[pairable], m[pairable], weights[pairable]
        group = group[pairable] if group is not None else None
    matching = (np.einsum("uc,uc->u", counts, counts, dtype=np.int64) - m) / (m - 1.0)
    if groups == 1:  # one group: plain sums
        n_c = np.einsum("uc,u->c", counts, weights, dtype=np.float64)[None, :]
        trace = np.array([(matching * weights).sum()])
    else:
        n_c = np.stack(
            [
                np.bincount(group, counts[:, c] * weights, minlength=groups)
                for c in range(counts.shape[1])
            ],
            axis=1,
        )
        trace = np.bincount(group, matching * weights, minlength=groups)
    n = n_c.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = (n * n - (n_c * n_c).sum(axis=1)) / (n - 1)
        return np.where((n > 1) & (expected > 0), 1 - (n - trace) / expected, np.nan)
