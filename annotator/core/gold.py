"""The gold layer: adjudicated spans and who they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.core.spans import check_attrs, check_range


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)
    agreed_by: tuple[str, ...] = ()  # annotators whose span this was
    adjudicator: str | None = None  # None: accepted because the annotators agreed
    decided_at: str = ""
    rowid: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        check_range(self.start, self.end)
        check_attrs(self.attrs)
