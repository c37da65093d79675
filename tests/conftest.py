"""Shared fixtures. Qt runs offscreen; the app's user data goes to a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ANNOTATOR_BIDI"] = "off"  # tests read messages in logical order

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(autouse=True)
def _user_data(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path_factory.mktemp("user-data")))


@pytest.fixture
def project(tmp_path):
    from annotator.storage import Project

    with Project.open(tmp_path / "project.db", create=True) as opened:
        yield opened


@pytest.fixture
def cli(capsys):
    """Run the command line in-process: returns (exit code, stdout, stderr)."""
    from annotator.cli.main import main

    def run(*args: str | os.PathLike) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def shared_data(relative: str) -> Path:
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"real corpus not available: {relative}")
    return path
