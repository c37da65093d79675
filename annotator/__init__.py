"""annotator: label Arabic conflict reporting (actors, locations, numbers, sources)."""

__version__ = "0.1.0"
# The reverse-DNS id: the desktop entry's and metainfo's file names, the icon's name, and
# the window's app id on Wayland. One spelling, read by the window and the packaging.
APP_ID = "io.github.annotator.Annotator"
