"""Exports are atomic and stay in their folder.

- A process killed mid-export, or an error mid-write, leaves the old file exactly as it was;
  the temporary file of a killed export is removed by the next export to the same file.
- File names made from the project's data (annotator names in a bundle, the names a bundle's
  manifest lists) never point outside the folder, whatever the names hold.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.core import Document, InputError, Span
from annotator.core.comparing import agreement_report
from annotator.formats import atomic
from annotator.formats.agreement_html import write_report
from annotator.formats.atomic import WriteStopped, remove_leftovers, stoppable
from annotator.formats.bundle import export_bundle
from annotator.formats.conll_export import export_conll
from annotator.formats.export_csv import export_csv
from annotator.formats.export_hf import export_hf
from annotator.formats.export_jsonl import export_jsonl
from annotator.formats.export_spacy import export_spacy
from annotator.storage import Project
from tests.project_files import named_before_checks

OLD = "the export before this one\n"
SENTENCE = "وقال المرصد السوري إن 12 غارة استهدفت حماة وإدلب. "


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    """2,500 documents with spans by two annotators: enough for worker processes."""
    folder = tmp_path_factory.mktemp("large")
    path = folder / "large.db"
    source = folder / "in.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for n in range(2_500):
            text = f"{n}: " + SENTENCE * 8
            at = text.index("حماة")
            for name in ("amira", "omar"):
                line = {"id": f"d{n}", "text": text, "annotator": name,
                        "spans": [{"start": at, "end": at + 4, "label": "LOCATION"}]}  # fmt: skip
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    from annotator.cli.main import main

    assert main(["import", str(path), str(source)]) == 0
    return path


# The real command in a child process, paused at its Nth write (the temporary file already
# holds part of the export), to be killed there.
PAUSED = textwrap.dedent("""
    import sys
    from annotator.cli.main import main
    from annotator.formats.atomic import stoppable

    pause_at, writes = int(sys.argv[1]), 0

    def pause():
        global writes
        writes += 1
        if writes == pause_at:
            print("writing", flush=True)
            sys.stdin.read()  # until killed
        return False

    with stoppable(pause):
        sys.exit(main(sys.argv[2:]))
""")


@pytest.mark.parametrize(
    ("fmt", "pause_at"),
    [
        # With worker processes: a write per run of 500 documents (the first is CSV's header)
        ("jsonl", 3),
        ("conll", 3),
        ("csv", 4),
    ],
)
def test_an_export_killed_mid_write_leaves_the_old_file(large, tmp_path, fmt, pause_at, cli):
    out = tmp_path / f"out.{fmt}"
    out.write_text(OLD, "utf-8")
    export = ["export", str(large), str(out), "--format", fmt, "--annotator", "amira"]
    child = subprocess.Popen(
        [sys.executable, "-c", PAUSED, str(pause_at), *export],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        start_new_session=True,  # its worker processes die with it
    )  # fmt: skip
    try:
        assert child.stdout.readline() == b"writing\n"
        [partial] = tmp_path.glob(f".{out.name}.*.tmp")
        assert partial.stat().st_size > 0  # really mid-export
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
    assert child.returncode == -signal.SIGKILL
    assert out.read_text("utf-8") == OLD
    # The killed export could not remove its temporary file; the next export does, once it
    # is older than a writer takes to lock its own.
    assert temporaries(tmp_path) == [partial.name]
    old = partial.stat().st_mtime - 2 * atomic.STALE_AFTER_S
    os.utime(partial, (old, old))
    code, _, _ = cli(*export)
    assert code == 0
    assert temporaries(tmp_path) == []
    assert out.read_text("utf-8") != OLD


def failing_at(n: int):
    """A `stoppable` check that fails the Nth write, as a full disk or a bug would."""
    writes = 0

    def check() -> bool:
        nonlocal writes
        writes += 1
        if writes == n:
            raise RuntimeError("the disk caught fire")
        return False

    return check


def agreement_page(project: Project, out: Path) -> None:
    write_report(agreement_report(project), out.parent, "large")


EXPORTS = {
    "jsonl": (lambda p, out: export_jsonl(p, out, workers=1), 3),
    "conll": (lambda p, out: export_conll(p, out, annotator="amira", workers=1), 3),
    "hf": (lambda p, out: export_hf(p, out, annotator="amira", workers=1), 3),
    "spacy": (lambda p, out: export_spacy(p, out, annotator="amira", workers=1), 3),
    "csv": (lambda p, out: export_csv(p, out, workers=1), 4),
    "agreement report": (agreement_page, 1),
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_an_error_mid_write_leaves_the_old_file_and_no_temporary(large, tmp_path, name):
    export, n = EXPORTS[name]
    out = tmp_path / ("index.html" if name == "agreement report" else f"out.{name}")
    out.write_text(OLD, "utf-8")
    with Project.open(large) as project:
        with pytest.raises(RuntimeError, match="caught fire"), stoppable(failing_at(n)):
            export(project, out)
        assert out.read_text("utf-8") == OLD
        assert temporaries(tmp_path) == []
        export(project, out)  # and without the error, the export is written
    assert out.read_text("utf-8") != OLD


def test_a_bundle_interrupted_mid_write_is_never_taken_for_a_whole_one(large, tmp_path):
    folder = tmp_path / "release"
    with Project.open(large) as project:
        export_bundle(project, folder)
        assert (folder / "manifest.json").is_file()
        with pytest.raises(RuntimeError), stoppable(failing_at(4)):
            export_bundle(project, folder)
    # No manifest: merge and readers refuse it as a bundle until an export completes.
    assert not (folder / "manifest.json").exists()
    assert temporaries(folder) == []


def test_a_cancelled_export_stops_at_its_next_write_and_keeps_the_old_file(large, tmp_path):
    """The window's Cancel: the check says stop, and the export ends there."""
    out = tmp_path / "mine.jsonl"
    out.write_text(OLD, "utf-8")
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with Project.open(large) as project, pytest.raises(WriteStopped), stoppable(cancelled):
        export_jsonl(project, out, annotator="amira", workers=1)
    assert len(asked) == 2  # stopped at the second write of five, not after the last
    assert out.read_text("utf-8") == OLD
    assert temporaries(tmp_path) == []


def test_only_leftovers_of_dead_writers_are_removed(tmp_path):
    out = tmp_path / "out.jsonl"
    old = os.stat(tmp_path).st_mtime - 2 * atomic.STALE_AFTER_S

    def made(name: str, stale: bool = True) -> Path:
        path = tmp_path / name
        path.write_text("partial", "utf-8")
        if stale:
            os.utime(path, (old, old))
        return path

    dead = made(".out.jsonl.0123456789ab.tmp")
    fresh = made(".out.jsonl.ba9876543210.tmp", stale=False)  # being created right now
    held = made(".out.jsonl.aaaaaaaaaaaa.tmp")
    others = [
        made(".other.jsonl.0123456789ab.tmp"),
        made(".out.jsonl.0123456789ab.tmp.keep"),
        made("out.jsonl.0123456789ab.tmp"),
        made(".out.jsonl.xyz.tmp"),
    ]
    if sys.platform != "win32":
        import fcntl

        live = os.open(held, os.O_RDONLY)  # a writer still at work holds its file
        fcntl.flock(live, fcntl.LOCK_EX)
    try:
        assert remove_leftovers(out) == [dead]
    finally:
        if sys.platform != "win32":
            os.close(live)
    assert not dead.exists()
    assert fresh.exists() and held.exists() and all(p.exists() for p in others)


# -- file names from data ------------------------------------------------------------------

HOSTILE = [
    "../../etc/x",
    "/abs",
    "a\\b",
    "CON",
    "..",
    ".",
    "a\x00b",
    "\u202eevil.exe",
    "x" * 300,
    "ميرة" * 100,
    "C:\\Windows\\x",
    "~",
    "",
]


def test_bundle_files_named_after_annotators_stay_in_the_folder(project, tmp_path):
    doc = project.add_document(Document("d", SENTENCE))
    at = SENTENCE.index("حماة")
    named = [name for name in HOSTILE if name]  # an empty name is no annotator
    named_before_checks(project, *named)
    for name in named:
        project.add_span(doc.rowid, Span(at, at + 4, "LOCATION", name))
    before = set(tmp_path.rglob("*"))
    folder = tmp_path / "inner" / "release"
    manifest = export_bundle(project, folder)
    layers = {n: e["annotator"] for n, e in manifest["files"].items() if "annotator" in e}
    assert sorted(layers.values()) == sorted(named)  # one file each, none overwritten
    written = {p.name for p in folder.iterdir()}
    assert set(layers) <= written
    for name in written:
        path = folder / name
        assert path.resolve().parent == folder.resolve()
        assert len(name.encode("utf-8")) <= 255
        assert not set(name) & {"/", "\\", "\0", "\u202e"}
    assert {p.name for p in set(tmp_path.rglob("*")) - before} == {"inner", "release", *written}


@pytest.mark.parametrize(
    "listed", ["../x.jsonl", "/abs.jsonl", "a\\b.jsonl", "x\x00.jsonl", "..", "sub/x.jsonl"]
)
def test_a_bundle_naming_files_outside_its_folder_is_refused(cli, tmp_path, listed):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    outside = tmp_path / "x.jsonl"
    outside.write_text('{"text": "secret"}\n', "utf-8")
    manifest = {"files": {listed: {"annotator": "amira", "sha256": "0" * 64}}}
    (bundle / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    code, _, err = cli("merge", tmp_path / "review.db", bundle)
    assert code == 2
    assert err == (
        f"annotator: {bundle / 'manifest.json'}: lists {listed!r}, "
        "which is not a file in this folder\n"
    )
    assert not (tmp_path / "review.db").exists()


def test_the_agreement_report_writes_one_page_whatever_the_names(project, tmp_path):
    doc = project.add_document(Document("../../d", SENTENCE))
    at = SENTENCE.index("حماة")
    named_before_checks(project, "<b>\u202e")
    for name in ("../../etc/a", "<b>\u202e"):
        project.add_span(doc.rowid, Span(at, at + 4, "LOCATION", name))
        project.set_status(doc.rowid, name, "done")
    before = set(tmp_path.rglob("*"))
    folder = tmp_path / "report"
    path = write_report(agreement_report(project), folder, "<script>alert(1)</script>")
    assert path == folder / "index.html"
    assert set(tmp_path.rglob("*")) - before == {folder, path}
    page = path.read_text("utf-8")
    assert "<script>" not in page and "&lt;b&gt;" in page


@pytest.mark.parametrize("name", ["a\\b.jsonl", "\u202egpj.jsonl", "-x.jsonl", "CON.jsonl"])
def test_the_output_is_exactly_the_file_named(cli, project, tmp_path, name, monkeypatch):
    project.add_document(Document("d", SENTENCE))
    before = set(tmp_path.iterdir())
    monkeypatch.chdir(tmp_path)
    code, _, _ = cli("export", project.path, f"./{name}")
    assert code == 0
    assert set(tmp_path.iterdir()) - before == {tmp_path / name}


def test_an_output_in_a_missing_folder_is_a_one_line_error(project, tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        export_csv(project, tmp_path / "missing" / "out.csv")
