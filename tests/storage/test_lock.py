"""One window per project: the lock refuses a second holder, names the first, and ends with
its process however that process ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.storage.lock import ProjectLock, lock_path

HOLD = """
import sys, time
from annotator.storage.lock import ProjectLock
lock = ProjectLock.acquire(sys.argv[1])
print("held", flush=True)
time.sleep(60)
"""


def _holder(project: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(project)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_holder_in_the_same_process_is_refused(tmp_path):
    project = tmp_path / "p.db"
    with ProjectLock.acquire(project) as first:
        with pytest.raises(ProjectError) as caught:
            ProjectLock.acquire(project)
        assert caught.value.code == "locked"
        assert str(caught.value).startswith(f"{project}: is already open in another")
        assert f"process {os.getpid()}" in str(caught.value)
        assert first.held
    assert not lock_path(project).exists()  # released: the file beside the project is gone
    ProjectLock.acquire(project).release()  # and the project can be locked again


def test_another_process_holding_it_is_named_and_a_killed_one_lets_go(tmp_path):
    project = tmp_path / "p.db"
    proc = _holder(project)
    try:
        with pytest.raises(ProjectError, match=f"process {proc.pid} on "):
            ProjectLock.acquire(project)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    # The holder died without releasing: its lock file is still there, but not its lock.
    assert lock_path(project).exists()
    lock = ProjectLock.acquire(project)
    assert lock_path(project).read_text().split()[0] == str(os.getpid())
    lock.release()


def test_other_projects_in_the_same_folder_are_not_locked(tmp_path):
    with ProjectLock.acquire(tmp_path / "a.db"):
        ProjectLock.acquire(tmp_path / "b.db").release()


def test_a_folder_where_no_lock_can_be_made_is_one_error(tmp_path):
    with pytest.raises(ProjectError, match="cannot lock the project"):
        ProjectLock.acquire(tmp_path / "missing" / "p.db")


def test_release_twice_is_harmless(tmp_path):
    lock = ProjectLock.acquire(tmp_path / "p.db")
    lock.release()
    lock.release()
    assert not lock.held
