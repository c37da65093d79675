"""`annotator --self-test`: passes on a working install without touching the user's data,
and says in one line which step failed when something does not work."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures.process import BrokenProcessPool

import pytest

from annotator.paths import user_data_dir


def test_passes_in_one_line_and_leaves_the_user_data_alone(cli, qapp):
    before = dict(os.environ)
    code, out, err = cli("--self-test")
    assert code == 0, err
    assert out.count("\n") == 1
    assert out.startswith("annotator: self-test passed (demo: 7 documents, 2 annotators;")
    assert "export: 2 worker processes" in out
    assert not user_data_dir().exists() or not any(user_data_dir().iterdir())
    assert dict(os.environ) == before  # the temporary data folder was only borrowed


def test_a_document_shown_without_highlights_fails_naming_the_step(cli, qapp, monkeypatch):
    monkeypatch.setattr("annotator.gui.self_test.highlighted", lambda editor: 0)
    code, out, err = cli("--self-test")
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert err.startswith("annotator: self-test failed: window: document ")
    assert err.rstrip().endswith("is shown without highlights")


def test_export_workers_that_cannot_start_fail_the_self_test(cli, qapp, monkeypatch):
    class NoWorkers:
        def __init__(self, *args, **kwargs):
            raise BrokenProcessPool("a child process terminated abruptly")

    monkeypatch.setattr("annotator.formats.export_workers.ProcessPoolExecutor", NoWorkers)
    code, _, err = cli("--self-test")
    assert code == 1
    assert err == (
        "annotator: self-test failed: export: "
        "BrokenProcessPool: a child process terminated abruptly\n"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="runs without a display")
def test_runs_headless_as_a_program_without_writing_to_the_home_folder(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ANNOTATOR_", "XDG_", "QT_"))
        and k not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    env["HOME"] = str(home)
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("annotator: self-test passed (")
    assert result.stderr == ""
    assert [p for p in home.rglob("*") if "annotator" in p.name] == []
