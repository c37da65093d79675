"""Window settings (geometry, splitters, font, zoom, last document, annotator name).

Kept in an ini file in the app's data folder rather than the platform registry, so a test
(or a portable install) points ANNOTATOR_DATA_DIR elsewhere and leaves the user's alone.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from annotator.paths import user_data_dir


def app_settings() -> QSettings:
    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
