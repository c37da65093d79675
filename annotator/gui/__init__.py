"""Everything that imports PySide6 lives here (except display.py, which must not)."""
