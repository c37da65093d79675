"""A progress bar on stderr, drawn only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

_REDRAW_SECONDS = 0.1
_WIDTH = 30


class Progress:
    def __init__(self, total: int | None, what: str, stream: TextIO | None = None) -> None:
        self.total = total
        self.what = what
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self._drawn_at = 0.0
        try:
            self.enabled = self.stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def __enter__(self) -> Progress:
        # Drawn at once: reading one very large file (a 50 MB document) takes a while before
        # the first record, and a terminal with nothing on it looks stuck.
        if self.enabled:
            self._drawn_at = time.monotonic()
            self.stream.write("\r" + self.line(self._drawn_at))
            self.stream.flush()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled and self._drawn_at:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.enabled and now - self._drawn_at >= _REDRAW_SECONDS:
            self._drawn_at = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float) -> str:
        rate = self.done / max(now - self.started, 1e-6)
        if self.total:
            filled = min(_WIDTH, _WIDTH * self.done // self.total)
            bar = "#" * filled + "-" * (_WIDTH - filled)
            return f"{self.what} [{bar}] {self.done:,}/{self.total:,} ({rate:,.0f}/s)"
        return f"{self.what} {self.done:,} ({rate:,.0f}/s)"
