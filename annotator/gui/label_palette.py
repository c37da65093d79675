"""The label palette: one button per active label, with its colour and key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from annotator.core.labels import LabelSet

SWATCH = 14


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(SWATCH, SWATCH)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class LabelPalette(QWidget):
    label_chosen = Signal(str)

    def __init__(self, labels: LabelSet) -> None:
        super().__init__()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.buttons: dict[str, QToolButton] = {}
        self.set_labels(labels)

    def set_labels(self, labels: LabelSet) -> None:
        while self.layout_.count():  # buttons and the stretch from last time
            item = self.layout_.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = {}
        for label in labels.active():
            button = QToolButton()
            key = f"  [{label.shortcut}]" if label.shortcut else ""
            button.setText(f"{label.name}{key}")
            button.setIcon(swatch(label.colour))
            button.setToolTip(label.description)
            button.setAutoRaise(True)
            button.setToolButtonStyle(button.toolButtonStyle().ToolButtonTextBesideIcon)
            button.clicked.connect(lambda _=False, name=label.name: self.label_chosen.emit(name))
            self.layout_.addWidget(button)
            self.buttons[label.name] = button
        self.layout_.addStretch(1)
