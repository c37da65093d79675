"""Who works which document: each document to exactly `overlap` annotators, the load
balanced, the same plan for the same seed, and only what is new assigned on a later run."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field


def _rank(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


@dataclass
class Plan:
    new: list[tuple[str, str]] = field(default_factory=list)  # (document hash, annotator)
    short: int = 0  # documents left with fewer than `overlap` annotators (the cap, too few)


def plan(
    documents: Iterable[str],
    existing: dict[str, set[str]],
    annotators: list[str],
    overlap: int,
    per_annotator: int | None = None,
    seed: int = 0,
) -> Plan:
    """New assignments so that each document has `overlap` of `annotators` (those it has
    already count, and stay). Documents are taken in an order fixed by `seed`; each goes
    to the annotators with the fewest documents so far (all their assignments counted),
    ties broken by a seeded draw per document so that pairs vary (agreement is measured
    over many pairs, not a few fixed ones). `per_annotator` caps anyone's total."""
    load = Counter({name: 0 for name in annotators})
    for people in existing.values():
        load.update(name for name in people if name in load)
    result = Plan()
    for doc in sorted(documents, key=lambda d: _rank(seed, d)):
        have = existing.get(doc, set())
        need = overlap - len(have)
        if need <= 0:
            continue
        free = [
            name
            for name in annotators
            if name not in have and (per_annotator is None or load[name] < per_annotator)
        ]
        if len(free) < need:
            result.short += 1
            continue
        for name in sorted(free, key=lambda n: (load[n], _rank(seed, doc, n)))[:need]:
            result.new.append((doc, name))
            load[name] += 1
    return result
