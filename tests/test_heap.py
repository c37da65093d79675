"""Processes that live for one job keep freed memory for reuse (annotator/heap.py)."""

import subprocess
import sys

import pytest

from annotator.cli import main as cli_main


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_glibc_takes_the_settings():
    # In a child: the settings stay for the rest of a process, and this one runs the tests.
    code = "from annotator.heap import keep_freed_memory; print(keep_freed_memory())"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.stdout.strip() == "True", found.stderr


def test_commands_ask_for_it_and_the_window_does_not(monkeypatch, tmp_path):
    asked = []
    monkeypatch.setattr(cli_main, "keep_freed_memory", lambda: asked.append(True))
    assert cli_main.main(["stats", str(tmp_path / "missing.db")]) == 2  # refused, but asked
    assert asked == [True]
    asked.clear()
    monkeypatch.setattr("annotator.cli.open_cmd.run", lambda args: 0)  # no window here
    assert cli_main.main([str(tmp_path / "missing.db")]) == 0
    assert asked == []
