"""Atomic writes: all or nothing, with the permissions a file written in place would have."""

import os
import stat

import pytest

from annotator.formats.atomic import atomic_text_writer


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_what_the_umask_gives(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_text_writer(tmp_path / "out.txt") as out:
            out.write("نص\n")
    finally:
        os.umask(old)
    assert mode(tmp_path / "out.txt") == 0o644
    assert (tmp_path / "out.txt").read_text("utf-8") == "نص\n"


def test_a_replaced_file_keeps_its_permissions_and_a_failure_keeps_the_file(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old\n", "utf-8")
    path.chmod(0o640)
    with atomic_text_writer(path) as out:
        out.write("new\n")
    assert mode(path) == 0o640 and path.read_text("utf-8") == "new\n"
    with pytest.raises(RuntimeError), atomic_text_writer(path) as out:
        out.write("half")
        raise RuntimeError("disk full")
    assert path.read_text("utf-8") == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
