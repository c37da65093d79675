"""The seam: every module outside gui imports, and the command line works, with PySide6
unavailable; and the layers between the packages hold (import-linter)."""

import pkgutil
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import annotator

ROOT = Path(__file__).resolve().parents[1]


def non_gui_modules() -> list[str]:
    """Every module of the package outside annotator.gui, found by walking it (a new
    module is checked without anyone adding it to a list)."""
    found = ["annotator"]
    for module in pkgutil.walk_packages(annotator.__path__, "annotator."):
        # __main__ is `python -m annotator`: importing it runs the program.
        if not module.name.startswith("annotator.gui") and module.name != "annotator.__main__":
            found.append(module.name)
    return found


def test_every_module_outside_gui_imports_without_pyside6():
    modules = non_gui_modules()
    assert {"annotator.storage.summaries", "annotator.core.session"} <= set(modules)
    script = textwrap.dedent(f"""
        import importlib, sys
        sys.modules["PySide6"] = None  # any import of Qt now raises ImportError
        for name in {modules!r}:
            importlib.import_module(name)
        assert not any(m.startswith("PySide6.") for m in sys.modules)
        print("QT-FREE-OK")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "QT-FREE-OK" in result.stdout


def test_the_layers_hold():
    """import-linter's contracts in pyproject.toml: imports run one way, only gui reaches Qt,
    only storage talks to SQLite."""
    linter = Path(sys.executable).with_name("lint-imports")
    command = str(linter) if linter.exists() else shutil.which("lint-imports")
    assert command, "import-linter is not installed (it is in the test extras)"
    result = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_storage_formats_and_cli_import_and_run_without_pyside6(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        sys.modules["PySide6"] = None  # any import of Qt now raises ImportError
        import annotator.core, annotator.storage, annotator.formats, annotator.cli.main
        import annotator.formats.sources, annotator.formats.export_jsonl, annotator.storage.stats
        from annotator.cli.main import main
        db = {str(tmp_path / "p.db")!r}
        src = {str(tmp_path / "a.txt")!r}
        open(src, "w", encoding="utf-8").write("قصفت طائرات حماة")
        assert main(["import", db, src]) == 0
        assert main(["stats", db, "--json"]) == 0
        assert main(["export", db, db + ".jsonl"]) == 0
        assert main(["labels", db]) == 0
        assert main(["label-all", db, "--annotator", "amira", "--text", "حماة",
                     "--label", "LOCATION"]) == 0
        assert main(["help"]) == 0
        assert main(["agreement", db]) == 2  # one annotator: nothing to compare
        assert not any(m.startswith("PySide6.") for m in sys.modules)
        print("QT-FREE-OK")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "QT-FREE-OK" in result.stdout


def test_the_check_itself_catches_a_qt_import():
    script = 'import sys; sys.modules["PySide6"] = None; import annotator.gui.app'
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode != 0 and "PySide6" in result.stderr


def test_opening_the_window_without_pyside6_says_what_to_install(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        sys.modules["PySide6"] = None
        from annotator.cli.main import main
        sys.exit(main([{str(tmp_path / "p.db")!r}]))
    """)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "pip install PySide6-Essentials" in result.stderr


def test_every_module_imports_and_the_command_line_works_without_psycopg(tmp_path):
    """The hub is an optional extra: without psycopg everything else works, and a hub
    command says in one line what to install."""
    article = tmp_path / "article.txt"
    article.write_text("قصفت الطائرات مدينة حماة.", encoding="utf-8")
    script = textwrap.dedent(f"""
        import importlib, sys
        sys.modules["psycopg"] = None  # any import of psycopg now raises ImportError
        for name in {non_gui_modules()!r}:
            importlib.import_module(name)
        from annotator.cli.main import main
        db = {str(tmp_path / "p.db")!r}
        assert main(["import", db, {str(article)!r}]) == 0
        assert main(["export", db, {str(tmp_path / "out.conll")!r}]) == 0
        print("CODE", main(["hub", "status", "host=/nowhere"]))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "CODE 2" in result.stdout
    assert result.stderr.strip() == (
        "annotator: the team hub needs psycopg: pip install 'annotator[hub]'"
    )
