"""Build annotator as a one-folder app with PyInstaller (packaging/annotator.spec).

    python packaging/build_app.py [--dist DIR] [--work DIR] [--verbose]

Needs PyInstaller in the environment: `python -m pip install -e ".[package]"`. The app lands
in DIR/annotator/ (DIR/Annotator.app on macOS); --dist defaults to dist/ and --work, where
PyInstaller keeps its intermediate files, to build/, both beside this folder. Builds for the
platform it runs on. On Linux the folder also gets share/ with the desktop entry, AppStream
metainfo and icons laid out as under /usr/share, for whoever installs it system-wide.

Exit codes: 0 built (and the built program answered --version), 2 PyInstaller missing or
the build failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import time
from pathlib import Path

# The checkout's annotator, as the spec does: the one that is built.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator import APP_ID

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "annotator.spec"


def say(message: str) -> None:
    print(f"build_app: {message}", file=sys.stderr, flush=True)


def executable(dist: Path) -> Path:
    """The program to run in the built app."""
    if sys.platform == "darwin":
        return dist / "Annotator.app" / "Contents" / "MacOS" / "annotator"
    return dist / "annotator" / ("annotator.exe" if sys.platform == "win32" else "annotator")


def app_folder(dist: Path) -> Path:
    """What a user gets: the folder, or on macOS the .app built from it."""
    return dist / "Annotator.app" if sys.platform == "darwin" else dist / "annotator"


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def add_freedesktop_files(folder: Path) -> None:
    """share/ laid out as under /usr/share. The desktop entry runs `annotator` from PATH, so
    whoever installs the folder (under /opt, say) also links its executable into a folder
    on PATH."""
    share = folder / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(PACKAGING / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy2(PACKAGING / f"{APP_ID}.metainfo.xml", share / "metainfo")
    icons = share / "icons" / "hicolor"
    # Every size make_icons.py rendered, named annotator-<size>.png.
    for png in (ROOT / "annotator" / "gui" / "icons").glob("annotator-*.png"):
        size = png.stem.removeprefix("annotator-")
        target = icons / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, target / f"{APP_ID}.png")
    (icons / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
    shutil.copy2(
        ROOT / "resources" / "icons" / "annotator.svg",
        icons / "scalable" / "apps" / f"{APP_ID}.svg",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's files")
    parser.add_argument("--verbose", action="store_true", help="show PyInstaller's progress")
    args = parser.parse_args(argv)

    if importlib.util.find_spec("PyInstaller") is None:
        say('PyInstaller is not installed; install it with: python -m pip install -e ".[package]"')
        return 2
    dist, work = args.dist.resolve(), args.work.resolve()
    command = [
        sys.executable, "-m", "PyInstaller", str(SPEC),
        "--distpath", str(dist), "--workpath", str(work),
        "--noconfirm", "--log-level", "INFO" if args.verbose else "WARN",
    ]  # fmt: skip
    say(f"building with PyInstaller into {dist} (a minute or two)")
    started = time.monotonic()
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        say("PyInstaller failed; its messages are above")
        return 2
    seconds = time.monotonic() - started
    if sys.platform.startswith("linux"):
        add_freedesktop_files(app_folder(dist))

    program = executable(dist)
    check = subprocess.run([str(program), "--version"], capture_output=True, text=True)
    if check.returncode != 0:
        say(f"the built program does not start: {check.stderr.strip() or check.returncode}")
        return 2
    size = folder_size(app_folder(dist)) / 2**20
    say(f"built {check.stdout.strip()} in {seconds:.0f} s")
    print(f"{program}  ({size:.1f} MiB in {app_folder(dist)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
