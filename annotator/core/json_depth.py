"""How deeply JSON from files may nest: the readers refuse deeper input, and the store
checks every reader's metadata against the same limit before it encodes it."""

from __future__ import annotations

from typing import Any

# Deeper than any export we read (a Label Studio task is 7 levels, a CoNLL tokenization 6)
# and far from Python's recursion limit, which the encoder that stores metadata shares.
MAX_DEPTH = 64


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether objects and arrays nest more than `limit` levels (the value itself is 1)."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False
