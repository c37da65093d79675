"""Units tallied by the categories their annotators gave them.

Fleiss' kappa and Krippendorff's alpha are sums over units of what depends only on a unit's
counts (how many annotators gave it each category). Units with the same counts, the same
pattern, are therefore taken together: a few dozen patterns stand for millions of units,
and a document's figures need only how many of its units have each pattern. This stands
for a units x categories matrix (50 MB for 2.5 million units), and the temporaries of its
size that every coefficient took from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotator.core.agreement.units import Units

DENSE = 1 << 24  # pattern codes below this are numbered with a lookup table, not a sort


@dataclass
class Tally:
    rows: np.ndarray  # patterns x categories: each pattern's counts
    doc: np.ndarray  # for each (document, pattern) present: the document,
    pattern: np.ndarray  # the pattern,
    units: np.ndarray  # and how many of the document's units have it

    def weights(self) -> np.ndarray:
        """How many units have each pattern, over every document."""
        found = np.zeros(len(self.rows), dtype=np.int64)
        np.add.at(found, self.pattern, self.units)
        return found


def tally_of(units: Units, categories: int, coders: int) -> Tally:
    """The tally of `units` over `categories` (0 = O), no unit coded by more than `coders`
    annotators."""
    size = len(units.starts)
    # A unit's pattern as a number: the sum over its annotators of base ** category, with
    # base above any count, so that no two patterns share a number. Categories are taken a
    # few at a time where base ** categories would not fit in 31 bits (many labels and
    # many annotators on a unit), the patterns so far renumbered before each next few.
    # (A step's numbers are below base ** per_step, at most 2 ** 31: 32-bit integers, as
    # everything of every unit's size here.)
    base = max(coders, 1) + 1
    per_step = max(1, int(31 // np.log2(base)))
    code = None
    for first in range(0, categories, per_step):
        last = min(first + per_step, categories)
        power = np.zeros(categories, dtype=np.int32)
        power[first:last] = base ** np.arange(last - first, dtype=np.int64)
        part = np.zeros(size, dtype=np.int32)
        for layer in units.layers:
            at = slice(None) if layer.positions is None else layer.positions
            part[at] += power[layer.codes]  # one value per unit for an annotator: no repeats
        if code is not None:
            part = _numbered(code).astype(np.int64) * base ** (last - first) + part
        code = part
    pattern = _numbered(code) if code is not None else np.zeros(size, dtype=np.int32)
    patterns = int(pattern.max()) + 1 if size else 0
    # Any unit of each pattern stands for it: its counts are the pattern's. (A million
    # units at a time: no count of every unit.)
    example = np.zeros(patterns, dtype=np.int64)
    for at in range(0, size, 1 << 20):
        example[pattern[at : at + (1 << 20)]] = np.arange(at, min(at + (1 << 20), size))
    rows = _counts_at(units, example, categories)
    documents = len(units.first) - 1
    wide = np.int64 if documents * patterns >= 2**31 else np.int32
    key = units.document.astype(wide, copy=False) * patterns + pattern
    if documents * patterns <= 4 * size:
        found = np.bincount(key, minlength=documents * patterns)
        key = np.flatnonzero(found)
        many = found[key]
    else:
        key, many = np.unique(key, return_counts=True)
    return Tally(rows, key // max(patterns, 1), key % max(patterns, 1), many)


def _numbered(code: np.ndarray) -> np.ndarray:
    """Each value's place among the distinct values of `code` (non-negative)."""
    if not len(code):
        return code
    if int(code.max()) < DENSE:
        seen = np.zeros(int(code.max()) + 1, dtype=bool)
        seen[code] = True
        return (np.cumsum(seen) - 1).astype(np.int32)[code]
    return np.unique(code, return_inverse=True)[1].reshape(-1).astype(np.int32)


def _counts_at(units: Units, at: np.ndarray, categories: int) -> np.ndarray:
    """len(at) x categories: how many annotators gave each of the units `at` each category."""
    counts = np.zeros((len(at), categories), dtype=np.int64)
    for layer in units.layers:
        if layer.positions is None:
            counts[np.arange(len(at)), layer.codes[at]] += 1
            continue
        if not len(layer.positions):
            continue
        place = np.minimum(np.searchsorted(layer.positions, at), len(layer.positions) - 1)
        theirs = np.flatnonzero(layer.positions[place] == at)
        counts[theirs, layer.codes[place[theirs]]] += 1
    return counts
