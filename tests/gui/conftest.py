"""Fixtures shared by the window's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def warned(monkeypatch):
    """The main window's message boxes, recorded instead of shown: a refusal nobody
    expected fails the test instead of waiting for a click that never comes."""
    from annotator.gui import main_window

    texts = []
    monkeypatch.setattr(
        main_window.QMessageBox, "warning", lambda parent, title, text: texts.append(text)
    )
    return texts
