"""The control documents: a share of the project's documents that every annotator works
without any suggestion, so that agreement with suggestions can be compared with agreement
without them. People who correct machine output drift toward it (Berzak et al., EMNLP
2016); the control documents show by how much.

Which documents are controls depends only on the text and the share: the same documents
for every annotator and on every machine, and a document stays a control when others are
added.
"""

from __future__ import annotations

import hashlib

DEFAULT_CONTROL_SHARE = 0.10
_SCALE = 2**32


def is_control(text_hash: str, share: float) -> bool:
    """Whether the document whose text has this SHA-256 hash is a control document."""
    if share <= 0.0:
        return False
    digest = hashlib.sha256(f"control:{text_hash}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / _SCALE < share
