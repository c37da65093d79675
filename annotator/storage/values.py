"""How values are written in a project file: times and JSON attributes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_json(value: dict[str, Any]) -> str:
    if not value:
        return "{}"  # most spans have no attributes: skip the encoder
    # ensure_ascii=False keeps Arabic readable for anyone who opens the file with sqlite3.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
