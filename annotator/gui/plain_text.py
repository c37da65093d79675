"""Names and messages from files and users, shown as text: never as markup, never
reordering the line they are in.

Qt takes a label's or a message box's text for HTML when it merely looks like HTML (a tag
on its first line): an annotator named "<b>x</b>" or a file named "<img src=…>.db" would
be rendered, not shown. Labels that show names are set to plain text; a message box (whose
static functions cannot be told) gets such text converted to HTML that shows it as it is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel

from annotator.core.bidi import escaped_outside_isolates


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
