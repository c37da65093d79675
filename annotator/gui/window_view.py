"""The main window's parts in place, and its view: the article's type, the sizes of its
parts, remembered between runs (settings "geometry", "splitter", "font")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QFontDialog, QLabel, QSplitter, QVBoxLayout, QWidget

from annotator.gui.plain_text import plain_label

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

MIN_POINT_SIZE, MAX_POINT_SIZE = 8, 48


def lay_out(window: MainWindow) -> None:
    """The document list, the article under its find bar, and the palette over the span
    list, side by side; the annotator, the document, the model and "Saved" in the status
    bar."""
    centre = QWidget()
    centre_layout = QVBoxLayout(centre)
    centre_layout.setContentsMargins(0, 0, 0, 0)
    centre_layout.addWidget(window.find_bar)
    centre_layout.addWidget(window.article)
    side = QSplitter(Qt.Orientation.Vertical)
    side.addWidget(window.palette_)
    side.addWidget(window.span_list)
    side.setStretchFactor(1, 1)
    window.splitter = QSplitter()
    window.splitter.addWidget(window.documents)
    window.splitter.addWidget(centre)
    window.splitter.addWidget(side)
    window.splitter.setStretchFactor(1, 1)
    window.splitter.setSizes([350, 540, 390])
    window.setCentralWidget(window.splitter)
    window.status_annotator = QLabel()
    window.status_position = QLabel()
    window.status_saved = QLabel()
    parts = (
        window.status_annotator,
        window.status_position,
        window.tagger.status,
        window.hub_sync.status,
        window.status_saved,
    )
    for widget in parts:
        window.statusBar().addPermanentWidget(plain_label(widget))  # names are never HTML


def restore_view(window: MainWindow) -> None:
    """The geometry, the parts' sizes and the article's font as they were left."""
    geometry = window.settings.value("geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(1280, 800)
    splitter = window.settings.value("splitter")
    if isinstance(splitter, QByteArray):
        window.splitter.restoreState(splitter)
    font = window.settings.value("font")
    if isinstance(font, str) and font:
        restored = window.article.font()
        if restored.fromString(font):
            window.article.setFont(restored)


def save_view(window: MainWindow) -> None:
    window.settings.setValue("geometry", window.saveGeometry())
    window.settings.setValue("splitter", window.splitter.saveState())
    window.settings.setValue("font", window.article.font().toString())


def zoom(window: MainWindow, step: int) -> None:
    """Larger (step > 0) or smaller article text, and remember it."""
    font = window.article.font()
    font.setPointSize(min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, font.pointSize() + step)))
    window.article.setFont(font)
    window.settings.setValue("font", font.toString())


def choose_font(window: MainWindow) -> None:
    ok, font = QFontDialog.getFont(window.article.font(), window)
    if ok:
        window.article.setFont(font)
        window.settings.setValue("font", font.toString())
