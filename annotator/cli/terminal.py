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

from annotator.core.bidi import CONTROLS, FSI, LRI, PDI, RLI, balanced, escaped_outside_isolates

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_CONTROL = re.compile(f"[{''.join(sorted(CONTROLS))}]")
_NO_ISOLATES = str.maketrans(dict.fromkeys((LRI, RLI, FSI, PDI)))
_NO_CONTROLS = str.maketrans(dict.fromkeys(CONTROLS))


def isolate(value: object, width: int = 0) -> str:
    """Mark a value inserted into an English line (a name, a path) as a bidi isolate, so that
    digits after an Arabic name do not join its right-to-left run, and an override inside
    a name (U+202E) ends with it instead of reversing the rest of the line: the value is
    balanced (see annotator.core.bidi). Padding to `width` goes outside the isolate, so
    columns line up whatever the value's direction."""
    text = str(value)
    return f"{FSI}{balanced(text)}{PDI}" + " " * (width - len(text))


def for_terminal(text: str, stream: TextIO) -> str:
    """The text as the stream should get it: visual order on a plain terminal, else logical.

    The isolate marks added by `isolate` do their work in the reordering, then are removed:
    a terminal would show them as boxes, and pipes and files want the bare values. Values
    were balanced by `isolate`, so removing the marks lets no override out of its value.
    On a terminal, an override outside every isolate (a value nobody isolated, such as a
    file name in an error message) is written visibly as <U+202E> instead of reversing the
    rest of the line.
    """
    if _isatty(stream):
        text = escaped_outside_isolates(text)
    if (_RTL.search(text) or _CONTROL.search(text)) and _wants_visual(stream):
        import arabic_reshaper
        from bidi import get_display

        # Base direction left-to-right: our lines are English sentences with Arabic values in
        # them; guessing from the first strong letter would reverse the whole line.
        text = "\n".join(
            get_display(arabic_reshaper.reshape(line), base_dir="L") for line in text.split("\n")
        )
        # In visual order every control has done its work; a plain terminal shows boxes.
        return text.translate(_NO_CONTROLS)
    return text.translate(_NO_ISOLATES)


def _wants_visual(stream: TextIO) -> bool:
    setting = os.environ.get("ANNOTATOR_BIDI", "auto")
    return setting == "on" or (setting != "off" and _isatty(stream))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# Every line break of str.splitlines, written as Python writes it in a string literal.
_LINE_BREAKS = str.maketrans(
    {char: repr(char)[1:-1] for char in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
)


def one_line(text: str) -> str:
    """`text` with its line breaks written visibly (\\n): an error message is one line, even
    when a name in it (a file the user named, a value from a file) holds a line break."""
    return text.translate(_LINE_BREAKS)


def count(number: int, noun: str) -> str:
    """'1 document', '2,500 documents'."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def say(text: str, stream: TextIO) -> None:
    stream.write(for_terminal(text, stream) + "\n")
