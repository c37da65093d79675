"""Fixtures shared by the window's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def warned(monkeypatch):
    """The main window's refusals (succession.py: a project that cannot be opened or
    restored), recorded instead of shown: a refusal nobody expected fails the test instead
    of waiting for a click that never comes."""
    from annotator.gui import succession

    texts = []
    monkeypatch.setattr(
        succession.QMessageBox, "warning", lambda parent, title, text: texts.append(text)
    )
    return texts


@pytest.fixture
def held_by_another():
    """A context manager: another program writing to `project` meanwhile (an import, a
    merge), with `project`'s wait for it cut to a blink, so that each write it tries is
    refused as "busy" at once, as it would be after the real timeout."""
    import sqlite3
    from contextlib import contextmanager

    @contextmanager
    def holding(project):
        project.db.conn.execute("PRAGMA busy_timeout = 1")
        other = sqlite3.connect(project.path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            yield
            other.execute("ROLLBACK")
        finally:
            other.close()

    return holding
