"""Every key of the app, in one table: the F1 sheet shows it and the README repeats it (a
test checks they agree)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# (keys, what they do). Translated where shown; the README's table is the English text.
KEYS = (
    ("1 … 9", "Label the selection (snapped to whole words), or relabel the selected span"),
    ("Alt+1 … Alt+9", "Label exactly the selected characters (no snapping)"),
    ("Tab / Shift+Tab", "Select the next / previous word"),
    ("Click", "Select the span under the mouse (the innermost one)"),
    ("Delete", "Delete the selected span"),
    ("Alt+← / Alt+→", "Move the selected span's start by one character"),
    ("Alt+Shift+← / Alt+Shift+→", "Move the selected span's end by one character"),
    ("Enter", "Accept the suggestion under the cursor"),
    ("Backspace", "Reject the suggestion under the cursor (it does not come back)"),
    ("Ctrl+Shift+1 … 9", "Accept every suggestion of that label in the document"),
    ("Esc", "Clear the selection"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo (also across documents)"),
    ("Ctrl+F", "Find (ignores diacritics, tatweel and hamza/alef/yaa/taa marbuta spellings)"),
    ("Ctrl+Enter", "Mark the document done and open the next unfinished one"),
    ("Ctrl+PgDown / Ctrl+PgUp", "Open the next / previous document"),
    ("Ctrl+= / Ctrl+-", "Larger / smaller text"),
    ("F1", "This sheet"),
    ("Ctrl+Q", "Quit (everything is already saved)"),
)


def translated_keys() -> list[tuple[str, str]]:
    return [(keys, QCoreApplication.translate("shortcuts", text)) for keys, text in KEYS]
