"""Can a window open here? Answered without Qt, because Qt's own answer is an abort with a
misleading hint about xcb-cursor."""

from __future__ import annotations

import ctypes.util
import os
import shlex
import sys

# Libraries Qt's xcb platform plugin loads, with the Debian/Ubuntu package of each.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-render": "libxcb-render0",
    "xcb-shape": "libxcb-shape0",
    "xcb-util": "libxcb-util1",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")


def _command() -> str:
    """How the user started us, so the xvfb-run hint can be pasted as it is."""
    argv0 = sys.argv[0] if sys.argv and sys.argv[0] else "annotator"
    if argv0.endswith("__main__.py") or argv0 in ("-m", "-c"):
        return "python3 -m annotator"
    return shlex.quote(argv0)


def display_problem(
    environ: dict[str, str] | None = None, find_library=ctypes.util.find_library
) -> str | None:
    """One sentence saying why no window can open, or None when it can."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform.startswith(HEADLESS_PLATFORMS):
        return None
    if platform.startswith("wayland") or (env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY")):
        return None
    if not env.get("DISPLAY"):
        return (
            "no display to open a window on (DISPLAY is not set); "
            f"on a machine without a screen run it under Xvfb: xvfb-run -a {_command()}"
        )
    missing = [pkg for lib, pkg in XCB_LIBRARIES.items() if find_library(lib) is None]
    if missing:
        return (
            "the window needs system libraries that are missing; install them with: "
            f"sudo apt-get install -y {' '.join(missing)}"
        )
    return None
