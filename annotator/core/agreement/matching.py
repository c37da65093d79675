"""Matching two annotators' spans in one document: exactly, and by overlap, one to one."""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

import numpy as np

from annotator.core.agreement.tables import SpanTable

Span = tuple[int, int, str]
MISSED = "missed"  # the confusion matrix's name for "the other annotator has nothing"


def overlap_pairs(a: list[Span], b: list[Span], same_label: bool) -> list[list[int]]:
    """For each span of `a`, the indices of the spans of `b` it overlaps (sharing at least
    one character), with the same label when `same_label`."""
    order = sorted(range(len(b)), key=lambda k: b[k][0])
    starts = [b[k][0] for k in order]
    reach = list(accumulate((b[k][1] for k in order), max))  # furthest end so far
    edges: list[list[int]] = []
    for start, end, label in a:
        found = []
        # Back from the last span of b starting before this one ends, while some span at or
        # before that point still reaches past this one's start.
        position = bisect_left(starts, end) - 1
        while position >= 0 and reach[position] > start:
            k = order[position]
            if b[k][1] > start and (not same_label or b[k][2] == label):
                found.append(k)
            position -= 1
        edges.append(found)
    return edges


def max_matching(edges: list[list[int]]) -> list[int | None]:
    """A maximum one-to-one matching (Kuhn's augmenting paths): for each left node, its
    right node or None. Nearly every node has one edge, so this is close to linear."""
    owner: dict[int, int] = {}  # right node -> left node
    matched: list[int | None] = [None] * len(edges)
    for root in range(len(edges)):
        if not edges[root]:
            continue
        # Iterative depth-first search for an augmenting path from `root`.
        seen: set[int] = set()
        parent: dict[int, tuple[int, int | None]] = {}  # right node -> (left, previous right)
        stack = [(root, None)]
        found = None
        while stack and found is None:
            left, via = stack.pop()
            for right in edges[left]:
                if right in seen:
                    continue
                seen.add(right)
                parent[right] = (left, via)
                if right not in owner:
                    found = right
                    break
                stack.append((owner[right], right))
        if found is None:
            continue
        right: int | None = found
        while right is not None:
            left, previous = parent[right]
            owner[right] = left
            matched[left] = right
            right = previous
    return matched


# -- all documents at once --------------------------------------------------------------------


def exact_pairs(a: SpanTable, b: SpanTable) -> tuple[np.ndarray, np.ndarray]:
    """Indices (into a, into b) of spans with the same range and label in both."""
    keys_a, keys_b = _keys(a), _keys(b)
    _, in_a, in_b = np.intersect1d(keys_a, keys_b, assume_unique=True, return_indices=True)
    return in_a, in_b


def _keys(spans: SpanTable) -> np.ndarray:
    """Each span as one integer: (start, length, label), which are unique per annotator."""
    length = spans.end - spans.start
    if len(spans) and (spans.start.max() >= 2**31 or length.max() >= 2**24):
        raise ValueError("documents too long to compare (over 2 billion characters)")
    if len(spans) and spans.label.max() >= 2**8:
        raise ValueError("too many labels to compare (over 255)")
    return ((spans.start << 24) | length) << 8 | spans.label


def overlap_match(a: SpanTable, b: SpanTable, same_label: bool) -> tuple[np.ndarray, np.ndarray]:
    """A maximum one-to-one matching of a's and b's spans by overlap (and label, when
    `same_label`): indices into a and into b of the matched pairs.

    The spans of both fall into groups that overlap one another in a chain (found with one
    sort); a group of one span of each is a match, a group of one annotator's spans alone
    is none, and only the rare larger groups are matched in Python (`max_matching`)."""
    if not len(a) or not len(b):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    # Each label on a stretch of the line of its own: only spans of one label can overlap.
    stretch = int(max(a.end.max(), b.end.max())) + 1 if same_label else 0
    starts = np.concatenate([a.start + a.label * stretch, b.start + b.label * stretch])
    ends = np.concatenate([a.end + a.label * stretch, b.end + b.label * stretch])
    side = np.concatenate([np.zeros(len(a), np.int64), np.ones(len(b), np.int64)])
    index = np.concatenate([np.arange(len(a)), np.arange(len(b))])
    order = np.lexsort((-ends, starts))
    starts, ends, side, index = starts[order], ends[order], side[order], index[order]
    reach = np.maximum.accumulate(ends)
    new = np.ones(len(starts), dtype=bool)
    new[1:] = starts[1:] >= reach[:-1]
    first = np.nonzero(new)[0]
    group = np.cumsum(new) - 1
    size = np.bincount(group)
    of_b = np.bincount(group, side)
    of_a = size - of_b
    pairs = first[(of_a == 1) & (of_b == 1)]
    a_at = np.where(side[pairs] == 0, pairs, pairs + 1)
    b_at = np.where(side[pairs] == 0, pairs + 1, pairs)
    found_a, found_b = [index[a_at]], [index[b_at]]
    for g in np.nonzero((of_a >= 1) & (of_b >= 1) & (size > 2))[0]:
        members = range(first[g], first[g] + size[g])
        left = [k for k in members if side[k] == 0]
        right = [k for k in members if side[k] == 1]
        edges = overlap_pairs(
            [(starts[k], ends[k], "") for k in left],
            [(starts[k], ends[k], "") for k in right],
            same_label=False,
        )
        matched = [(left[i], right[j]) for i, j in enumerate(max_matching(edges)) if j is not None]
        found_a.append(index[[i for i, _ in matched]].astype(np.int64))
        found_b.append(index[[j for _, j in matched]].astype(np.int64))
    return np.concatenate(found_a), np.concatenate(found_b)
