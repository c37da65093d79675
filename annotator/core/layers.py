"""One owner's work on one document, as the hub holds it: what a sync compares and sends.

A layer is compared by its digest, so that a sync sends only the layers that changed since
the last one it completed, and sending the same layer twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

# An annotator's span: (start, end, label, attrs as JSON, origin); a gold span: (start, end,
# label, attrs as JSON, adjudicator or "" when accepted on agreement, the annotators who
# agreed as a JSON list).
SpanRow = tuple[Any, ...]
# An annotator's rejected suggestion: (start, end, label); the gold layer's rejected
# proposal: (start, end, label, adjudicator).
RejectionRow = tuple[Any, ...]


def attrs_json(attrs: dict[str, Any]) -> str:
    """Attributes as the hub stores them: JSON with sorted keys, so equal attributes are
    equal strings (and a NUL inside is written \\u0000, which PostgreSQL's text takes)."""
    return json.dumps(attrs, ensure_ascii=False, sort_keys=True, allow_nan=False)


@dataclass(frozen=True)
class Layer:
    """An annotator's spans, status and rejected suggestions on a document, and whether they
    worked it with suggestions (None: not recorded); or the gold layer's spans, status
    ("new": not begun) and rejected proposals, and who set that status."""

    spans: tuple[SpanRow, ...] = ()
    status: str = "new"
    rejections: tuple[RejectionRow, ...] = ()
    assisted: bool | None = None
    # The gold layer's: who set its status ("" when unknown). Not compared and not in the
    # digest: the same decisions are the same layer, whoever syncs them.
    decided_by: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "spans", tuple(sorted(self.spans)))
        object.__setattr__(self, "rejections", tuple(sorted(self.rejections)))

    @property
    def empty(self) -> bool:
        return not self.spans and not self.rejections and self.status == "new"

    def digest(self) -> str:
        body = [list(self.spans), self.status, list(self.rejections), self.assisted]
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()
