"""Names and messages from files and users, shown as text: never as markup, never
reordering the line they are in.

Qt takes a label's or a message box's text for HTML when it merely looks like HTML (a tag
on its first line): an annotator named "<b>x</b>" or a file named "<img src=…>.db" would
be rendered, not shown. Labels that show names are set to plain text; a message box (whose
static functions cannot be told) gets such text converted to HTML that shows it as it is.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel

from annotator.core.bidi import escaped_outside_isolates, isolated


def plain_label(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def message_text(text: str) -> str:
    """`text` for a QMessageBox: an override no isolate holds written visibly (a file name
    in an error), and text Qt would take for HTML escaped so that it shows literally."""
    text = escaped_outside_isolates(text)
    if GuiQt.mightBeRichText(text):
        return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
    return text


def ltr(text: str) -> str:
    """A time (or a path) as one left-to-right run (LRI…PDI), whatever the interface's
    direction: "2026-05-09 07:35:25" keeps its order in an Arabic line."""
    return isolated(text, rtl=False)


def shown_path(path: Path) -> str:
    """A path for people: its parts in order, left to right, each part (an Arabic folder or
    file name) in its own direction (FSI…PDI). Isolating the whole path alone would let an
    Arabic name pull its neighbours' digits and dashes into its run."""
    parts = [isolated(part) for part in path.parts]  # balanced: see annotator.core.bidi
    text = parts[0] + os.sep.join(parts[1:]) if path.anchor else os.sep.join(parts)
    return ltr(text)
