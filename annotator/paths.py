"""Where the app keeps its own files. Qt-free, so the CLI can use it too."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def user_data_dir() -> Path:
    """ANNOTATOR_DATA_DIR, else the platform's per-user data folder."""
    override = os.environ.get("ANNOTATOR_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "annotator"


def user_log_dir() -> Path:
    """ANNOTATOR_LOG_DIR; else `logs` in ANNOTATOR_DATA_DIR when that is set (so a test or a
    portable install keeps its logs with its data); else the platform's per-user log folder."""
    override = os.environ.get("ANNOTATOR_LOG_DIR")
    if override:
        return Path(override)
    data = os.environ.get("ANNOTATOR_DATA_DIR")
    if data:
        return Path(data) / "logs"
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        base = Path(local) if local else Path.home() / "AppData" / "Local"
        return base / "annotator" / "Logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "annotator"
    state = os.environ.get("XDG_STATE_HOME")
    # The XDG spec says a relative value is to be ignored.
    base = Path(state) if state and Path(state).is_absolute() else Path.home() / ".local" / "state"
    return base / "annotator" / "log"
