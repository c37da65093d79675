"""The spans of a long document, read in a worker thread while its text is shown.

Reading half a million spans and placing them in their paragraphs takes seconds of Python;
the text shows first and the window stays responsive meanwhile. Until the spans are in,
the document takes no edit: the article refuses each and says why, because an edit made
against part of the spans could not be checked against the rest (a duplicate, a
neighbour), and the list it changed would then be replaced by the one read before it. The
status bar says how far the reading is.

A document with fewer spans than `BACKGROUND_ABOVE` (the usual case) is read at once on the
GUI thread, as before: no flicker, no delay. Opening another document, or the same one
again, leaves a load under way to finish unheard.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from annotator.core.document import Document
from annotator.core.errors import AnnotatorError
from annotator.core.spans import Span, SpanKey
from annotator.core.suggest import Lexicon
from annotator.gui.article_view import mark_of
from annotator.gui.offsets import OffsetMap
from annotator.gui.span_highlighter import Pieces, pieces_of
from annotator.gui.span_table import Listing, Order, listing
from annotator.gui.suggestions import read_lexicon
from annotator.storage import Project

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

# Spans of one document above which they are read in the background: a document with
# 10,000 opens in a fifth of a second on the GUI thread, one with 473,000 took ten there.
BACKGROUND_ABOVE = 10_000
STEP = 10_000  # spans between two looks at the clock: progress, or a request to stop
UNSEEN_MS = 200  # a load begins when the text is painted, or after this if it is not


@dataclass(frozen=True)
class LoadedSpans:
    """What the window needs of a document's spans, made off the GUI thread."""

    doc_rowid: int
    spans: dict[SpanKey, Span]  # the article's
    listed: dict[SpanKey, Span]  # the span list's own (each changes its own as edits come)
    listing: Listing  # the span list's rows, in the order it had when the load began
    pieces: Pieces  # the marks, placed in the paragraphs of the text shown
    skip: set  # the spans' keys and the rejected suggestions': never suggested
    lexicon: Lexicon | None  # the project's, when the window had none yet


class SpanLoadWorker(QThread):
    """Reads one annotator's spans of a document with its own connection, and makes
    everything the article and the span list need of them."""

    progressed = Signal(int)  # percent
    loaded = Signal(object)  # LoadedSpans
    failed = Signal(str)

    def __init__(
        self,
        project_path: Path,
        doc: Document,
        annotator: str,
        expected: int,
        offsets: OffsetMap,
        block_starts: list[int],
        order: Order,
        lexicon: bool,
    ) -> None:
        """`expected`: how many spans the document list says it has; `offsets` and
        `block_starts`: the text's as shown; `order`: the span list's; `lexicon`: read the
        project lexicon too."""
        super().__init__()
        self.project_path, self.doc, self.annotator = project_path, doc, annotator
        self.expected = max(expected, 1)
        self.offsets, self.block_starts, self.order = offsets, block_starts, order
        self.lexicon = lexicon

    def run(self) -> None:
        try:
            loaded = self._load()
        except AnnotatorError as exc:  # the file gone or unreadable since the window opened
            self.failed.emit(str(exc))
            return
        except Exception:  # a bug: logged, and the window hears the load ended unanswered
            log.exception("reading the spans of document %r failed", self.doc.id)
            return
        if loaded is not None:  # None: stopped, nobody waits for it
            self.loaded.emit(loaded)

    def _load(self) -> LoadedSpans | None:
        # Shares of the work, as measured on 473,460 spans: reading them 45%, the rejected
        # suggestions and the lexicon 10%, placing the marks 30%, listing them the rest.
        with Project.open(self.project_path) as project:
            spans: dict[SpanKey, Span] = {}
            for span in project.iter_spans(self.doc.rowid, self.annotator):
                spans[span.key()] = span
                if len(spans) % STEP == 0 and not self._advanced(0.45 * len(spans) / self.expected):
                    return None
            rejected = project.rejected_suggestions(self.doc.rowid, self.annotator)
            lexicon = read_lexicon(project) if self.lexicon else None
        marks = [mark_of(s) for s in spans.values()]
        pieces: Pieces = defaultdict(list)
        for first in range(0, len(marks), STEP):
            if not self._advanced(0.55 + 0.3 * first / len(marks)):
                return None
            pieces_of(marks[first : first + STEP], self.offsets, self.block_starts, pieces)
        if not self._advanced(0.85):
            return None
        listed = dict(spans)
        made = listing(listed.values(), self.order, self.doc)
        skip = spans.keys() | rejected
        return LoadedSpans(self.doc.rowid, spans, listed, made, pieces, skip, lexicon)

    def _advanced(self, share: float) -> bool:
        """Say how far the work is (`share` of it done); False when asked to stop."""
        self.progressed.emit(min(99, int(100 * share)))
        return not self.isInterruptionRequested()


class SpanLoading(QObject):
    """The window's loads: at most one heard at a time, the others let finish unheard (Qt
    aborts the program if a running thread is destroyed)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.current: SpanLoadWorker | None = None  # the load heard, begun or not
        self.percent = 0
        self._running: set[SpanLoadWorker] = set()
        window.article.painted.connect(self._begin)

    @property
    def busy(self) -> bool:
        """A load is under way for the open document."""
        return self.current is not None

    def wanted(self, expected: int) -> bool:
        """Whether a document with `expected` spans has them read in the background."""
        return expected > BACKGROUND_ABOVE

    def start(self, doc: Document, expected: int) -> SpanLoadWorker:
        """Read `doc`'s spans in the background; the article shows its text meanwhile."""
        self.forget()
        window = self.window
        worker = SpanLoadWorker(
            Path(window.project.path),
            doc,
            window.session.annotator,
            expected,
            window.article.offsets,
            window.article.highlighter.block_starts,
            window.spans_model.order,
            not window.suggestions.has_lexicon,
        )
        self.current, self.percent = worker, 0
        worker.progressed.connect(lambda percent: self._progressed(worker, percent))
        worker.loaded.connect(lambda loaded: self._loaded(worker, loaded))
        worker.failed.connect(lambda text: self._failed(worker, text))
        # Begun once the text is on screen: until then its Python would take turns with the
        # window's, and the text would show later. A window not shown begins it anyway.
        QTimer.singleShot(UNSEEN_MS, self._begin)
        return worker

    def _begin(self) -> None:
        worker = self.current
        if worker is not None and worker not in self._running:
            self._running.add(worker)
            worker.finished.connect(lambda: self._ended(worker))
            worker.start()

    def _ended(self, worker: SpanLoadWorker) -> None:
        """A load's thread has ended (after its answer, if it gave one)."""
        self._running.discard(worker)
        # Its signals' lambdas hold it and Qt holds them: without this, every load (and the
        # text it read) would stay for as long as the window.
        worker.deleteLater()
        if worker is self.current:  # ended without an answer: an error, logged
            self.current = None
            self.window.spans_failed(
                self.tr("The spans could not be read (the log says why): open the document again.")
            )

    def forget(self) -> None:
        """Stop hearing the load under way (another document is opened): it is asked to
        stop, and whatever it still sends is ignored."""
        if self.current is not None:
            self.current.requestInterruption()
            if self.current not in self._running:  # never begun: nothing will end it
                self.current.deleteLater()
            self.current = None

    def stop(self) -> None:
        """The window closes: stop every load and wait for it."""
        self.forget()
        for worker in list(self._running):
            worker.requestInterruption()
            worker.wait()

    def _progressed(self, worker: SpanLoadWorker, percent: int) -> None:
        if worker is self.current:
            self.percent = percent
            self.window.spans_progressed()

    def _loaded(self, worker: SpanLoadWorker, loaded: LoadedSpans) -> None:
        if worker is self.current:
            self.current = None
            self.window.spans_loaded(loaded)

    def _failed(self, worker: SpanLoadWorker, text: str) -> None:
        if worker is self.current:
            self.current = None
            self.window.spans_failed(text)
