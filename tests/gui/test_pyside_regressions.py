"""Bugs of the Qt binding that would crash the app, pinned so an upgrade cannot bring them in
silently (see the PySide6 constraint in pyproject.toml)."""

import sys

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

CALLS = 1000


class _Counting(QSyntaxHighlighter):
    change = None

    def highlightBlock(self, text):
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#E69F00"))
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            self.setFormat(0, 1, fmt)
        type(self).change = sys.getrefcount(None) - before


def test_set_format_does_not_drop_references_to_none(qapp):
    # PySide6 6.12.0 drops one reference to None per call; on Python 3.11, where None is
    # not immortal, highlighting a long document then frees None and aborts the process.
    document = QTextDocument()
    document.setPlainText("قصفت طائرات حماة")
    highlighter = _Counting(document)
    highlighter.rehighlight()
    assert _Counting.change is not None
    assert _Counting.change > -CALLS // 2
