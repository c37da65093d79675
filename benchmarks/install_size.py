"""What the set-up installs: the Qt wheel's download, its installed size, and the virtual
environments it makes, in MiB.

    python benchmarks/install_size.py [--no-download] [--no-app-only]

Run with the test set-up's `.venv/bin/python`: that environment (test extras included) is
measured as it is. The app's own environment (`bootstrap.sh run`, no test extras) is built
in a temporary folder with `pip install .` and measured, unless --no-app-only. The Qt wheel
is downloaded again (pip's cache helps) to measure its size, unless --no-download.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 2**20


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-download", action="store_true")
    parser.add_argument("--no-app-only", action="store_true")
    args = parser.parse_args()
    import PySide6

    qt = Path(PySide6.__file__).parent
    version = metadata.version("PySide6-Essentials")
    print(f"PySide6-Essentials {version} installed: {size(qt) / MIB:.0f} MiB")
    print(f"this environment, test extras included: {size(Path(sys.prefix)) / MIB:.0f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_download:
            wheels = Path(tmp) / "wheels"
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(wheels),
                 f"PySide6-Essentials=={version}"],
                check=True,
            )  # fmt: skip
            [wheel] = wheels.glob("*.whl")
            print(f"its wheel, as downloaded: {wheel.stat().st_size / MIB:.0f} MiB")
        if not args.no_app_only:
            venv = Path(tmp) / "app"
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run(
                [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(ROOT)],
                check=True,
            )
            print(f"the app's environment (no test extras): {size(venv) / MIB:.0f} MiB")


if __name__ == "__main__":
    main()
