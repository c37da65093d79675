"""Names people give themselves (an annotator's, which every span records): refused at the
door when they hold a control character or an invisible direction mark. Such a name would
read differently in every place it is shown (a bidi override reorders what follows it in
the span list, the status bar, a report) and could pass for someone else's."""

from __future__ import annotations

import unicodedata

from annotator.core.errors import InputError
from annotator.core.quoting import for_message

# Marks and embeddings that change the order of what follows them, all invisible.
DIRECTION_MARKS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def check_annotator_name(name: object) -> str:
    """The name, or an InputError saying what is wrong with it."""
    if not isinstance(name, str) or not name.strip():
        raise InputError("annotator name must not be empty", "bad_annotator")
    for char in name:
        if char in DIRECTION_MARKS or unicodedata.category(char) == "Cc":
            raise InputError(
                f"annotator name {for_message(name)} holds U+{ord(char):04X}, a control or "
                "direction character: a name must read the same wherever it is shown",
                "name_control",
            )
    return name
