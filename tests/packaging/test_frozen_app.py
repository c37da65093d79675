"""What ships, started for real: the one-folder app PyInstaller builds from
packaging/annotator.spec, and the wheel that `pip install .` installs.

The app is built once for this module (half a minute to two minutes) into a temporary
folder, then each test runs the built program the way a user's shell would. The tests skip
only when PyInstaller is missing; the test extras install it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import annotator

ROOT = Path(__file__).resolve().parents[2]
BUILD_APP = ROOT / "packaging" / "build_app.py"
# Only so that a hung program ends the run with a failure instead of stalling CI; no test
# here measures how long anything takes.
HANG = 900
REPORT = "وقال المرصد السوري إن 12 غارة استهدفت حماة وإدلب"


def build_app_module():
    """packaging/build_app.py, for where each platform puts the built program."""
    spec = importlib.util.spec_from_file_location("build_app", BUILD_APP)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(program: Path | str, *args: object, cwd: Path, **env: str):
    return subprocess.run(
        [str(program), *map(str, args)],
        cwd=cwd,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=HANG,
    )


def spans(annotator_name: str, *labelled: tuple[str, str]) -> dict:
    found = []
    for text, label in labelled:
        start = REPORT.index(text)
        found.append({"start": start, "end": start + len(text), "label": label})
    return {
        "id": "hama-1",
        "text": REPORT,
        "annotator": annotator_name,
        "status": "done",
        "spans": found,
    }


def write_jsonl(path: Path, *records: dict) -> Path:
    lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path.write_text("".join(lines), encoding="utf-8")
    return path


# The one-folder app -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(the program, the app folder), built once for every test here."""
    pytest.importorskip(
        "PyInstaller", reason='PyInstaller is not installed: pip install -e ".[package]"'
    )
    base = tmp_path_factory.mktemp("frozen")
    dist, work = base / "dist", base / "work"
    result = subprocess.run(
        [sys.executable, str(BUILD_APP), "--dist", str(dist), "--work", str(work)],
        capture_output=True,
        text=True,
        timeout=HANG,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    helpers = build_app_module()
    program = helpers.executable(dist)
    assert str(program) in result.stdout, "the script names the program it built"
    # PyInstaller's intermediate files are not needed any more: keep the temporary folder
    # small while the tests run.
    shutil.rmtree(work)
    return program, helpers.app_folder(dist)


def test_frozen_app_prints_its_version(built, tmp_path):
    program, _ = built
    result = run(program, "--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"annotator {annotator.__version__}\n"


def test_frozen_app_passes_its_self_test_headless(built, tmp_path):
    # Opens the window and the review window offscreen on the demo project and exports by
    # worker processes: in a frozen app each worker starts the executable again.
    program, _ = built
    result = run(program, "--self-test", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert "Traceback" not in result.stderr


def test_frozen_app_imports_and_exports_conll(built, tmp_path):
    program, _ = built
    source = write_jsonl(
        tmp_path / "in.jsonl",
        spans("amira", ("المرصد السوري", "SOURCE"), ("12 غارة", "NUMBER"), ("حماة", "LOCATION")),
    )
    imported = run(program, "import", "project.db", source, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert (tmp_path / "project.db").is_file()
    exported = run(program, "export", "project.db", "out.conll", "--format", "conll", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    rows = [
        tuple(line.split("\t"))
        for line in (tmp_path / "out.conll").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("-DOCSTART-")
    ]
    assert ("المرصد", "B-SOURCE") in rows
    assert ("السوري", "I-SOURCE") in rows
    assert ("12", "B-NUMBER") in rows
    assert ("غارة", "I-NUMBER") in rows
    assert ("حماة", "B-LOCATION") in rows
    assert ("وقال", "O") in rows


def test_frozen_app_draws_the_agreement_charts(built, tmp_path):
    # matplotlib is bundled with its Agg backend only: the report's charts must still draw.
    program, _ = built
    source = write_jsonl(
        tmp_path / "two.jsonl",
        spans("amira", ("المرصد السوري", "SOURCE"), ("حماة", "LOCATION")),
        spans("omar", ("المرصد السوري", "SOURCE"), ("إدلب", "LOCATION")),
    )
    assert run(program, "import", "p.db", source, cwd=tmp_path).returncode == 0
    result = run(program, "agreement", "p.db", "--report", "report", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 2


def test_frozen_app_reports_a_bad_project_in_one_line(built, tmp_path):
    program, _ = built
    (tmp_path / "notes.db").write_text("not a project\n", encoding="utf-8")
    result = run(program, "stats", "notes.db", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "notes.db" in lines[0]


def test_frozen_app_holds_its_data_and_no_more_than_it_needs(built):
    _, folder = built
    names = {path.name for path in folder.rglob("*")}
    # The package's own data, found by walking the package.
    assert {"annotator_ar.qm", "reports.json", "annotator-256.png"} <= names
    assert any("qoffscreen" in name for name in names), "the headless platform plugin"
    if sys.platform.startswith("linux"):
        assert "libqxcb.so" in names, "the X11 platform plugin"
        assert "libqwayland.so" in names
        assert "libqxdgdesktopportal.so" in names, "native file dialogs"
        share = folder / "share"
        assert (share / "applications" / "io.github.annotator.Annotator.desktop").is_file()
        assert (share / "metainfo" / "io.github.annotator.Annotator.metainfo.xml").is_file()
        icon = share / "icons" / "hicolor" / "48x48" / "apps" / "io.github.annotator.Annotator.png"
        assert icon.is_file()
    for unwanted in ("tkinter", "QtWebEngine", "QtQml", "QtQuick", "QtMultimedia", "gtk3"):
        assert not any(unwanted.lower() in name.lower() for name in names), unwanted
    qt_translations = {n for n in names if n.startswith(("qt_", "qtbase_")) and n.endswith(".qm")}
    assert qt_translations and all(n.endswith("_ar.qm") for n in qt_translations)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 350 * 2**20, f"the app folder has grown to {size / 2**20:.0f} MiB"


# The wheel --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the sources, so that nothing is written into the
    checkout and no leftover of an earlier build can slip into it."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "annotator", source / "annotator", ignore=shutil.ignore_patterns("__pycache__")
    )
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    result = subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(base / "out"), str(source)],
        capture_output=True,
        text=True,
        timeout=HANG,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = (base / "out").glob("annotator-*.whl")
    return built


def test_wheel_holds_the_package_data_and_the_command(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = (n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = archive.read(entry_points).decode()
    data = [
        *(ROOT / "annotator" / "gui" / "translations").glob("*.qm"),
        *(ROOT / "annotator" / "gui" / "icons").glob("*.png"),
        *(ROOT / "annotator" / "demo").glob("*.json"),
    ]
    assert len(data) >= 10
    for path in data:
        assert path.relative_to(ROOT).as_posix() in names
    assert "annotator/demo/reports.json" in names
    assert "[console_scripts]\nannotator = annotator.cli.main:main" in scripts


def test_installed_wheel_puts_annotator_on_the_path(wheel, tmp_path):
    environment = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(environment)], check=True)
    scripts = environment / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    # The app's dependencies come from the environment running the tests (a venv made with
    # --system-site-packages would see the base interpreter's packages, not these). Named
    # as a plain folder, so the .pth files in it, among them this checkout's editable
    # install, are not run: only the wheel's copy of annotator can be imported.
    site_packages = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site_packages / "test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "--python", python]
    installed = subprocess.run(
        [*map(str, pip), "install", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=HANG,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    command = shutil.which("annotator", path=str(scripts))
    assert command, "the wheel installs an `annotator` command"
    version = run(command, "--version", cwd=elsewhere, PYTHONPATH="")
    assert version.returncode == 0, version.stderr
    assert version.stdout == f"annotator {annotator.__version__}\n"
    where = run(
        python, "-c", "import annotator; print(annotator.__file__)", cwd=elsewhere, PYTHONPATH=""
    )
    assert Path(where.stdout.strip()).is_relative_to(environment), where.stdout + where.stderr
    # The installed package data (icons, translations, the demo) serves a whole session.
    session = run(command, "--self-test", cwd=elsewhere, PYTHONPATH="")
    assert session.returncode == 0, session.stdout + session.stderr
    assert "self-test passed" in session.stdout
