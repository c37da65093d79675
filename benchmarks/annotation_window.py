"""How fast the annotation window is on a long document.

    python benchmarks/annotation_window.py

A 100,000-character Arabic news-style document with 5,000 spans (some nested), in a
temporary project, opened in the real main window (offscreen). Prints:

- opening the document: reading it and its spans, indexing every span, laying out the
  text, the span list, and highlighting, finding the suggestions of and painting the
  paragraphs in view (median of 5);
- adding, relabelling and deleting one span on screen, each from the key press's session
  call to the repainted view, the span list and the suggestions the lexicon learnt from it
  included (median of 30);
- scrolling one page and painting it (median of 30).

Times are medians: the machine is shared, and one slow run says nothing about the code.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).parent))
from import_speed import article

from annotator.core.document import Document
from annotator.core.records import ImportRecord
from annotator.core.spans import Span
from annotator.gui.main_window import MainWindow
from annotator.storage import Project
from annotator.storage.importing import import_records

CHARACTERS = 100_000
SPANS = 5_000
ANNOTATOR = "bench"


def build(path: Path) -> int:
    rng = random.Random(4)
    text, spans = "", []
    while len(text) < CHARACTERS:
        piece, piece_spans = article(rng, len(text))
        spans += [
            dict(s, start=s["start"] + len(text), end=s["end"] + len(text)) for s in piece_spans
        ]
        text += piece + "\n"
    spans = [s for s in spans if s["end"] <= len(text)]
    chosen = rng.sample(spans, min(SPANS, len(spans)))
    records = [Span(s["start"], s["end"], s["label"], ANNOTATOR) for s in chosen]
    # Nest an ACTOR inside some SOURCE spans ("المرصد" in "المرصد السوري ..."), as annotators do.
    nested = [
        Span(s.start, s.start + 6, "ACTOR", ANNOTATOR)
        for s in records
        if s.label == "SOURCE" and text[s.start : s.start + 6] == "المرصد"
    ][:200]
    with Project.open(path, create=True) as project:
        import_records(
            project,
            [
                ImportRecord(
                    Document("long", text), "bench", spans=records + nested, annotator=ANNOTATOR
                )
            ],
        )
        return len(records) + len(nested)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ANNOTATOR_DATA_DIR"] = tmp
        path = Path(tmp) / "long.db"
        count = build(path)
        project = Project.open(path)
        rowid = project.document_by_id("long").rowid
        window = MainWindow(project, ANNOTATOR)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        view = window.article

        opening = []
        for _ in range(5):
            window.current = None
            started = time.perf_counter()
            window.open_document(rowid)
            view.viewport().repaint()
            opening.append(time.perf_counter() - started)
        print(
            f"document: {len(window.current.text):,} characters, {count:,} spans, "
            f"{len(view.suggestions):,} suggestions in the paragraphs shown"
        )
        print(f"open and paint: {median_ms(opening):.0f} ms")

        text = window.current.text
        free = [
            i
            for i in range(0, len(text) - 10, 997)
            if not view.items_at(i) and text[i : i + 4].strip() == text[i : i + 4]
        ]
        add, relabel, delete = [], [], []
        for start in free[:30]:
            # On screen, as an annotator labels what they read: the scroll is not timed.
            view.select_range(start, start)
            view.viewport().repaint()
            t0 = time.perf_counter()
            span = window.session.add(rowid, start, start + 4, "ACTOR").added[0]
            view.viewport().repaint()
            t1 = time.perf_counter()
            span = window.session.relabel(rowid, span, "LOCATION").added[0]
            view.viewport().repaint()
            t2 = time.perf_counter()
            window.session.delete(rowid, span)
            view.viewport().repaint()
            t3 = time.perf_counter()
            add.append(t1 - t0)
            relabel.append(t2 - t1)
            delete.append(t3 - t2)
        print(
            f"add a span: {median_ms(add):.1f} ms, relabel: {median_ms(relabel):.1f} ms, "
            f"delete: {median_ms(delete):.1f} ms (medians of {len(add)})"
        )

        scrolling = []
        bar = view.verticalScrollBar()
        for step in range(30):
            started = time.perf_counter()
            bar.setValue(step * bar.pageStep())
            view.viewport().repaint()
            scrolling.append(time.perf_counter() - started)
        print(f"scroll a page and paint: {median_ms(scrolling):.1f} ms")
        window.close()


if __name__ == "__main__":
    main()
