"""Showing Arabic on a terminal.

Most terminals (xterm, tmux, the Windows console, editor terminals) neither join Arabic
letters nor reorder right-to-left runs, so text written to them is reshaped and put in
visual order. Terminals that do bidi themselves (Konsole, recent GNOME Terminal) would
reverse it again: ANNOTATOR_BIDI=off turns this off. Pipes and files always get the text
in logical order, unchanged.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def for_terminal(text: str, stream: TextIO) -> str:
    if not _RTL.search(text) or os.environ.get("ANNOTATOR_BIDI", "auto") == "off":
        return text
    if os.environ.get("ANNOTATOR_BIDI") != "on" and not _isatty(stream):
        return text
    import arabic_reshaper
    from bidi import get_display

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def say(text: str, stream: TextIO) -> None:
    stream.write(for_terminal(text, stream) + "\n")
