"""Adjudication: what several annotators proposed for a document, and what becomes gold.

A proposal is one span (range and label) with the annotators who made exactly it. Spans
every compared annotator made identically are agreed; those more than half of them made
have a majority. A disagreement is a region of overlapping proposals that are not all
agreed: what a reviewer has to look at. The gold layer keeps, for each accepted span, the
annotators who proposed it, who adjudicated it (none when accepted on agreement) and when.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.gold import GoldSpan

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Proposal:
    start: int
    end: int
    label: str
    annotators: tuple[str, ...]  # who made exactly this span, sorted

    def gold(self, adjudicator: str | None = None) -> GoldSpan:
        """The gold span this proposal becomes when accepted."""
        return GoldSpan(
            self.start, self.end, self.label, agreed_by=self.annotators, adjudicator=adjudicator
        )


def proposals(spans: dict[str, Iterable[Span]]) -> list[Proposal]:
    """Every distinct span the annotators made, in reading order."""
    makers: dict[Span, list[str]] = defaultdict(list)
    for name, found in spans.items():
        for start, end, label in found:
            makers[(start, end, label)].append(name)
    return [
        Proposal(start, end, label, tuple(sorted(names)))
        for (start, end, label), names in sorted(makers.items())
    ]


def agreed(found: Sequence[Proposal], annotators: Sequence[str]) -> list[Proposal]:
    """Proposals every one of `annotators` made (two or more annotators)."""
    if len(annotators) < 2:
        return []
    wanted = set(annotators)
    return [p for p in found if wanted <= set(p.annotators)]


def majority(found: Sequence[Proposal], annotators: Sequence[str]) -> list[Proposal]:
    """Proposals more than half of `annotators` made. Two majority proposals never
    conflict on the same range: at most one label can have more than half."""
    wanted = set(annotators)
    return [p for p in found if 2 * len(wanted & set(p.annotators)) > len(wanted)]


@dataclass(frozen=True)
class Region:
    """Overlapping proposals that are not all agreed: where a reviewer must decide."""

    start: int
    end: int
    proposals: tuple[Proposal, ...]


def disagreements(found: Sequence[Proposal], annotators: Sequence[str]) -> list[Region]:
    """Regions of overlapping proposals, those where not every proposal is agreed (a span
    some annotator left out, or two annotators' different ranges or labels)."""
    everyone = set(annotators)
    regions: list[Region] = []
    group: list[Proposal] = []
    reach = -1
    for proposal in sorted(found, key=lambda p: (p.start, -p.end)):
        if group and proposal.start >= reach:
            regions.append(_region(group))
            group = []
        group.append(proposal)
        reach = max(reach, proposal.end) if len(group) > 1 else proposal.end
    if group:
        regions.append(_region(group))
    return [r for r in regions if not all(everyone <= set(p.annotators) for p in r.proposals)]


def _region(group: list[Proposal]) -> Region:
    return Region(min(p.start for p in group), max(p.end for p in group), tuple(group))
