"""annotator: label Arabic conflict reporting (actors, locations, numbers, sources)."""

__version__ = "0.1.0"
