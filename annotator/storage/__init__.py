"""The only package that talks to SQLite. One project = one SQLite file."""

from annotator.storage.project import Project

__all__ = ["Project"]
