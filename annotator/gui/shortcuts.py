"""Every key of the app, in two tables (the annotation window's and the review window's):
F1 shows them and the README repeats them (a test checks they agree)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

# (keys, what they do). Translated where shown; the README's tables are the English text.
KEYS = (
    (
        "1 … 9",
        QT_TRANSLATE_NOOP(
            "shortcuts",
            "Label the selection (snapped to whole words), or relabel the selected span; "
            "in the span list too",
        ),
    ),
    (
        "Alt+1 … Alt+9",
        QT_TRANSLATE_NOOP(
            "shortcuts", "Label exactly the selected characters (no snapping, always by hand)"
        ),
    ),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("shortcuts", "Select the next / previous word")),
    (
        "Ctrl+Shift+← / Ctrl+Shift+→",
        QT_TRANSLATE_NOOP("shortcuts", "Extend or shrink the selection by a whole word"),
    ),
    (
        "Click",
        QT_TRANSLATE_NOOP("shortcuts", "Select the span under the mouse (the innermost one)"),
    ),
    (
        "Drag an edge",
        QT_TRANSLATE_NOOP(
            "shortcuts",
            "Move the selected span's start or end with the mouse (to a word's edge; "
            "with Alt, exactly)",
        ),
    ),
    (
        "Delete",
        QT_TRANSLATE_NOOP("shortcuts", "Delete the selected span (nothing is selected then)"),
    ),
    (
        "Alt+← / Alt+→",
        QT_TRANSLATE_NOOP("shortcuts", "Move the selected span's start by one character"),
    ),
    (
        "Alt+Shift+← / Alt+Shift+→",
        QT_TRANSLATE_NOOP("shortcuts", "Move the selected span's end by one character"),
    ),
    (
        "F8 / Shift+F8, N / Shift+N",
        QT_TRANSLATE_NOOP("shortcuts", "Select the next / previous suggestion, in every paragraph"),
    ),
    (
        "Enter",
        QT_TRANSLATE_NOOP(
            "shortcuts", "Accept the selected suggestion (or the one under the cursor)"
        ),
    ),
    (
        "Backspace",
        QT_TRANSLATE_NOOP("shortcuts", "Reject the selected suggestion (it does not come back)"),
    ),
    (
        "Ctrl+Shift+1 … 9",
        QT_TRANSLATE_NOOP("shortcuts", "Accept every suggestion of that label in the document"),
    ),
    (
        "Ctrl+L",
        QT_TRANSLATE_NOOP(
            "shortcuts", "Label every occurrence of the selected span's text in the document"
        ),
    ),
    (
        "Ctrl+Shift+L",
        QT_TRANSLATE_NOOP(
            "shortcuts", "Label every occurrence of it in every document (asks first)"
        ),
    ),
    ("Esc", QT_TRANSLATE_NOOP("shortcuts", "Clear the selection")),
    (
        "Ctrl+Z / Ctrl+Shift+Z",
        QT_TRANSLATE_NOOP("shortcuts", "Undo / redo (also across documents)"),
    ),
    (
        "Ctrl+F",
        QT_TRANSLATE_NOOP(
            "shortcuts",
            "Find (ignores diacritics, tatweel and hamza/alef/yaa/taa marbuta spellings)",
        ),
    ),
    (
        "Enter / Shift+Enter, Esc",
        QT_TRANSLATE_NOOP("shortcuts", "In the find bar: the next / previous match; close it"),
    ),
    (
        "F2, double-click",
        QT_TRANSLATE_NOOP("shortcuts", "Correct a NUMBER's value in the span list"),
    ),
    (
        "Ctrl+Enter",
        QT_TRANSLATE_NOOP(
            "shortcuts",
            "Mark the document done and open the next unfinished one (from the top "
            "when none is left below)",
        ),
    ),
    (
        "Ctrl+PgDown / Ctrl+PgUp",
        QT_TRANSLATE_NOOP("shortcuts", "Open the next / previous document"),
    ),
    (
        "Ctrl+U",
        QT_TRANSLATE_NOOP(
            "shortcuts",
            "Open the unfinished document the model is least sure of (Document > List the "
            "most uncertain first orders the list so)",
        ),
    ),
    (
        "Ctrl+T",
        QT_TRANSLATE_NOOP(
            "shortcuts",
            "Train the model on the finished documents now, in the background (it also "
            "trains when a document is marked done)",
        ),
    ),
    ("Ctrl+I / Ctrl+E", QT_TRANSLATE_NOOP("shortcuts", "Import files / export my spans")),
    ("Ctrl+= / Ctrl+-", QT_TRANSLATE_NOOP("shortcuts", "Larger / smaller text")),
    ("F1", QT_TRANSLATE_NOOP("shortcuts", "This sheet")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("shortcuts", "Quit (everything is already saved)")),
)

# The review window (Review > Review annotators' work).
REVIEW_KEYS = (
    ("↑ / ↓", QT_TRANSLATE_NOOP("shortcuts", "Select the previous / next proposal")),
    ("Enter", QT_TRANSLATE_NOOP("shortcuts", "Accept the selected proposal into the gold layer")),
    ("Backspace", QT_TRANSLATE_NOOP("shortcuts", "Reject the selected proposal")),
    (
        "Ctrl+Backspace",
        QT_TRANSLATE_NOOP("shortcuts", "Take the selected proposal back out of the gold layer"),
    ),
    (
        "Ctrl+PgDown / Ctrl+PgUp",
        QT_TRANSLATE_NOOP("shortcuts", "Open the next / previous document"),
    ),
    ("Ctrl+Z / Ctrl+Shift+Z", QT_TRANSLATE_NOOP("shortcuts", "Undo / redo a decision")),
    ("F1", QT_TRANSLATE_NOOP("shortcuts", "This sheet")),
    ("Esc", QT_TRANSLATE_NOOP("shortcuts", "Close the review window")),
)


def translated_keys(keys=KEYS) -> list[tuple[str, str]]:
    return [(k, QCoreApplication.translate("shortcuts", text)) for k, text in keys]


def sheet_html(rtl: bool, *tables: tuple[tuple[str, str], ...]) -> str:
    """The F1 sheet: each table of keys then what they do (the annotation window's, and
    the review window's under its own heading, when none is named). In a right-to-left
    interface the cells are given in reverse, so the keys stand on the right: Qt's rich
    text does not mirror table columns itself."""
    if not tables:
        tables = (KEYS, REVIEW_KEYS)
    parts = []
    for table in tables:
        if table is REVIEW_KEYS and len(tables) > 1:
            heading = QCoreApplication.translate("shortcuts", "In the review window")
            parts.append(f"<h4>{heading}</h4>")
        rows = []
        for keys, text in translated_keys(table):
            # Keys isolated left to right (LRI…PDI): "Ctrl+=" stays so in the Arabic sheet;
            # and kept on one line, so that they never run into the description.
            keys = f"<b>\u2066{keys}\u2069</b>"
            if rtl:
                rows.append(
                    f"<tr><td>{text}</td>"
                    f'<td align="right" style="white-space:nowrap; padding-left:24px">{keys}</td>'
                    "</tr>"
                )
            else:
                rows.append(
                    f'<tr><td style="white-space:nowrap; padding-right:24px">{keys}</td>'
                    f"<td>{text}</td></tr>"
                )
        parts.append(f"<table cellspacing=4>{''.join(rows)}</table>")
    return "".join(parts)


def show_sheet(parent: QWidget, *tables: tuple[tuple[str, str], ...]) -> QDialog:
    """F1: the sheet in a dialog of its own, wide enough for the descriptions to read as
    lines (a message box squeezed them into a tall column), scrolling when it must."""
    rtl = parent.layoutDirection() == Qt.LayoutDirection.RightToLeft
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("shortcuts", "Keyboard shortcuts"))
    text = QTextBrowser()
    text.setHtml(sheet_html(rtl, *tables))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(760, 640)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
