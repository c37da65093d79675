"""A menu entry with its keys: what the main window's and the review window's menus add."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


def add_action(
    menu: QMenu,
    owner: QWidget,
    text: str,
    keys: str | QKeySequence.StandardKey | list[str] | None,
    slot: Callable[..., object],
    checkable: bool = False,
) -> QAction:
    """An action in `menu`, owned by `owner` (its shortcuts work in that window)."""
    action = QAction(text, owner)
    if keys:
        one = not isinstance(keys, list)  # a key, or a platform's standard key (Quit)
        action.setShortcuts([QKeySequence(k) for k in ([keys] if one else keys)])
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action
