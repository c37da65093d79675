"""Codecs between files and the project. Qt-free."""
