"""Atomic writes: all or nothing, with the permissions a file written in place would have."""

import errno
import os
import stat

import pytest

from annotator.core.errors import InputError
from annotator.formats.atomic import atomic_text_writer, output_folder


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


def test_a_new_file_never_sets_the_process_umask(tmp_path, monkeypatch):
    """Setting the umask to read it would change it for every thread while it is set."""
    old = os.umask(0o027)
    try:

        def refuse(mask):
            raise AssertionError("the process umask was changed")

        monkeypatch.setattr(os, "umask", refuse)
        with atomic_text_writer(tmp_path / "out.txt") as out:
            out.write("نص\n")
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert mode(tmp_path / "out.txt") == 0o640


def test_a_failing_disk_is_a_one_line_error_naming_the_file(tmp_path, monkeypatch):
    path = tmp_path / "out.txt"
    path.write_text("old\n", "utf-8")

    def full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(InputError) as error, atomic_text_writer(path) as out:
        out.write("new\n")
    assert error.value.code == "bad_output" and error.value.path == str(path)
    assert str(error.value) == f"{path}: cannot write: No space left on device"
    assert path.read_text("utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary file left


def test_an_unwritable_folder_is_a_one_line_error(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    denied = pytest.raises(InputError, match="cannot write here: Permission denied")
    with denied as error, atomic_text_writer(tmp_path / "out.txt"):
        pass
    assert error.value.path == str(tmp_path / "out.txt")


def test_an_output_folder_under_a_file_is_a_one_line_error(tmp_path):
    (tmp_path / "file").write_text("x", "utf-8")
    with pytest.raises(InputError, match="cannot make this folder") as error:
        output_folder(tmp_path / "file" / "release", "a bundle needs a folder")
    assert error.value.code == "bad_output" and error.value.path == str(
        tmp_path / "file" / "release"
    )
    with pytest.raises(InputError, match="is a file; a bundle needs a folder"):
        output_folder(tmp_path / "file", "a bundle needs a folder")
