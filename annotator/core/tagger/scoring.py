"""Exact-span precision, recall and F1 per label: a predicted span counts only when its
start, end and label all match a reference span."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

ALL = "all"


@dataclass(frozen=True)
class Scores:
    true_positives: dict[str, int]
    predicted: dict[str, int]
    reference: dict[str, int]

    def labels(self) -> list[str]:
        return sorted(set(self.predicted) | set(self.reference))

    def precision(self, label: str = ALL) -> float:
        return _ratio(self._count(self.true_positives, label), self._count(self.predicted, label))

    def recall(self, label: str = ALL) -> float:
        return _ratio(self._count(self.true_positives, label), self._count(self.reference, label))

    def f1(self, label: str = ALL) -> float:
        p, r = self.precision(label), self.recall(label)
        return 2 * p * r / (p + r) if p + r else 0.0

    def f1_of(self, labels: Iterable[str]) -> float:
        """Micro-averaged F1 over several labels (ACTOR and LOCATION together, say)."""
        wanted = set(labels)
        return Scores(
            {k: v for k, v in self.true_positives.items() if k in wanted},
            {k: v for k, v in self.predicted.items() if k in wanted},
            {k: v for k, v in self.reference.items() if k in wanted},
        ).f1()

    def per_label(self) -> dict[str, float]:
        """F1 of each label, and of all labels together under "all"."""
        return {
            **{label: round(self.f1(label), 4) for label in self.labels()},
            ALL: round(self.f1(), 4),
        }

    @staticmethod
    def _count(counts: dict[str, int], label: str) -> int:
        return sum(counts.values()) if label == ALL else counts.get(label, 0)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def span_scores(
    reference: Iterable[tuple[object, int, int, str]],
    predicted: Iterable[tuple[object, int, int, str]],
) -> Scores:
    """Scores of `predicted` against `reference`; items are (document, start, end, label)."""
    gold = set(reference)
    guessed = set(predicted)
    return Scores(
        dict(Counter(item[3] for item in gold & guessed)),
        dict(Counter(item[3] for item in guessed)),
        dict(Counter(item[3] for item in gold)),
    )
