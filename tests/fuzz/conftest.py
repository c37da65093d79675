"""The seed project every fuzz case imports into (a fresh copy each time)."""

from __future__ import annotations

import pytest

from tests.fuzz.oracle import build_seed


@pytest.fixture(scope="session")
def seed(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz-seed") / "seed.db"
    build_seed(path)
    return path
