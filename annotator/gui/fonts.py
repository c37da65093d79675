"""The article font: fontconfig does not pick the good Arabic faces by itself, so they are
named explicitly, best first, with DejaVu Sans (always present, covers Arabic) last."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

ARTICLE_FONTS = ("Noto Naskh Arabic", "Amiri", "Noto Sans Arabic", "DejaVu Sans")
ARTICLE_POINT_SIZE = 15


def article_font() -> QFont:
    installed = set(QFontDatabase.families())
    families = [name for name in ARTICLE_FONTS if name in installed] or list(ARTICLE_FONTS)
    font = QFont()
    font.setFamilies(families)
    font.setPointSize(ARTICLE_POINT_SIZE)
    return font
