"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest

from annotator.core.session import Session
from annotator.demo import build_demo
from annotator.storage import Project


@pytest.fixture
def demo(tmp_path):
    """A fresh demo project: salma's and omar's work on seven reports, no gold layer."""
    path = tmp_path / "demo.db"
    build_demo(path)
    return path


@pytest.fixture
def demo_with_lina(demo):
    """The demo project, where lina labelled a word in the first document and deleted it
    again, as someone trying the app does: that document is in progress for her, and she
    has no span."""
    with Project.open(demo) as project:
        doc = next(project.documents())
        session = Session(project, "lina")
        session.delete(doc.rowid, session.add(doc.rowid, 0, 4, "ACTOR").added[0])
    return demo
