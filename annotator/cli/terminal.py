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


FSI, PDI = "\u2068", "\u2069"


def isolate(value: object, width: int = 0) -> str:
    """Mark a value inserted into an English line (a name, a path) as a bidi isolate, so that
    digits after an Arabic name do not join its right-to-left run. Padding to `width` goes
    outside the isolate, so columns line up whatever the value's direction."""
    text = str(value)
    return f"{FSI}{text}{PDI}" + " " * (width - len(text))


def for_terminal(text: str, stream: TextIO) -> str:
    """The text as the stream should get it: visual order on a plain terminal, else logical.

    The isolate marks added by `isolate` do their work in the reordering, then are removed:
    a terminal would show them as boxes, and pipes and files want the bare values.
    """
    if _RTL.search(text) and _wants_visual(stream):
        import arabic_reshaper
        from bidi import get_display

        # Base direction left-to-right: our lines are English sentences with Arabic values in
        # them; guessing from the first strong letter would reverse the whole line.
        text = "\n".join(
            get_display(arabic_reshaper.reshape(line), base_dir="L") for line in text.split("\n")
        )
    return text.replace(FSI, "").replace(PDI, "")


def _wants_visual(stream: TextIO) -> bool:
    setting = os.environ.get("ANNOTATOR_BIDI", "auto")
    return setting == "on" or (setting != "off" and _isatty(stream))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def count(number: int, noun: str) -> str:
    """'1 document', '2,500 documents'."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def say(text: str, stream: TextIO) -> None:
    stream.write(for_terminal(text, stream) + "\n")
