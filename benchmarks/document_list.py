"""The document list on 100,000 documents: summaries, first paint and filtering, in ms.

    python benchmarks/document_list.py [--documents N] [--project PATH]

Generates a temporary project of short Arabic news-style documents (half with a title in
`meta`, a third annotated by "amira" with spans and a status), then measures:

- `document_summaries` for that annotator (the one SQL query behind the list);
- building the model and showing the list offscreen until its first rows are painted;
- applying a filter string over every row, and clearing it again.

Each figure is the best of three runs. `--project PATH` keeps the generated project at PATH
(and reuses it when it exists), which saves the import on a second run.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from annotator.core.document import DocStatus, Document
from annotator.core.records import ImportRecord
from annotator.core.spans import Span
from annotator.storage import Project
from annotator.storage.importing import import_records
from annotator.storage.summaries import document_summaries

ACTORS = ["طائرات حربية روسية", "قوات النظام", "جيش الفتح", "جبهة النصرة", "فصائل المعارضة"]
PLACES = ["حماة", "إدلب", "حلب", "لطمين", "مورك", "كفر زيتا", "دارة عزة", "ريف حماة الشمالي"]
SOURCES = ["المرصد السوري لحقوق الإنسان", "مصدر عسكري سوري", "التلفزيون الرسمي السوري", "رويترز"]
NUMBERS = ["12", "١٢", "عشرين", "240 ألف", "3.5", "١٬٢٣٤"]
ANNOTATOR = "amira"
RUNS = 3


def record(rng: random.Random, n: int) -> ImportRecord:
    place, actor, source = rng.choice(PLACES), rng.choice(ACTORS), rng.choice(SOURCES)
    headline = f"{actor} تقصف {place} في اليوم {n}"
    body = f"وقال {source} إن {actor} شنت {rng.choice(NUMBERS)} غارة على {place}.\r\n"
    text = headline + "\n" + body * rng.randint(1, 4)
    meta = {"title": f"غارات على {place} ({n})"} if n % 2 else {}
    spans: list[Span] = []
    annotator = status = None
    if n % 3 == 0:
        annotator = ANNOTATOR
        start = text.index(place)
        spans = [Span(start, start + len(place), "LOCATION", ANNOTATOR)]
        status = DocStatus.DONE if n % 2 else DocStatus.IN_PROGRESS
    return ImportRecord(
        Document(f"doc-{n:06d}", text, meta), "generated", n + 1, spans, annotator, status
    )


def build(path: Path, documents: int) -> None:
    rng = random.Random(7)
    started = time.perf_counter()
    with Project.open(path, create=True) as project:
        import_records(project, (record(rng, n) for n in range(documents)))
    seconds = time.perf_counter() - started
    print(f"generated and imported {documents:,} documents in {seconds:.1f} s")


def best(measure) -> float:
    """Best of RUNS calls of `measure`, which returns milliseconds."""
    return min(measure() for _ in range(RUNS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--project", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.project or Path(tmp) / "bench.db"
        if not path.exists():
            build(path, args.documents)
        with Project.open(path) as project:
            run(project)


def run(project: Project) -> None:
    from PySide6.QtWidgets import QApplication

    from annotator.gui.document_list import DocumentList, DocumentListModel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    count = project.document_count()

    def summaries() -> float:
        started = time.perf_counter()
        document_summaries(project, ANNOTATOR)
        return (time.perf_counter() - started) * 1000

    def summaries_all() -> float:
        started = time.perf_counter()
        document_summaries(project, None)
        return (time.perf_counter() - started) * 1000

    print(f"{count:,} documents")
    print(f"document_summaries(project, {ANNOTATOR!r}): {best(summaries):7.0f} ms")
    print(f"document_summaries(project, None):     {best(summaries_all):7.0f} ms")
    rows = document_summaries(project, ANNOTATOR)

    widgets: list[DocumentList] = []

    def first_paint() -> float:
        started = time.perf_counter()
        widget = DocumentList(DocumentListModel(rows))
        widget.resize(420, 700)
        widget.show()
        app.processEvents()
        widget.grab()
        elapsed = (time.perf_counter() - started) * 1000
        widgets.append(widget)
        return elapsed

    print(f"model + widget shown, first rows painted: {best(first_paint):7.0f} ms")
    widget = widgets[-1]
    widget.filter_edit.setText("حماه")
    started = time.perf_counter()
    widget.apply_filter()  # the first filter also normalizes every title and id, once
    cold = (time.perf_counter() - started) * 1000
    print(f"first filter (normalizes {count:,} titles and ids): {cold:7.0f} ms")

    def apply(text: str) -> float:
        widget.filter_edit.setText("")
        widget.apply_filter()
        widget.filter_edit.setText(text)
        started = time.perf_counter()
        widget.apply_filter()
        elapsed = (time.perf_counter() - started) * 1000
        return elapsed

    for text in ("حماه", "ادلب 12", "doc-0999"):
        shown = []

        def measure(text: str = text, shown: list[int] = shown) -> float:
            elapsed = apply(text)
            shown.append(widget.proxy.rowCount())
            return elapsed

        print(f"filter {text!r} over {count:,} rows: {best(measure):7.0f} ms ({shown[-1]:,} shown)")

    def clear() -> float:
        widget.filter_edit.setText("حماه")
        widget.apply_filter()
        widget.filter_edit.setText("")
        started = time.perf_counter()
        widget.apply_filter()
        return (time.perf_counter() - started) * 1000

    print(f"clearing the filter again:  {best(clear):7.0f} ms")

    def repaint_after_filter() -> float:
        widget.filter_edit.setText("")
        widget.apply_filter()
        started = time.perf_counter()
        widget.filter_edit.setText("حلب")
        widget.apply_filter()
        app.processEvents()
        widget.grab()
        return (time.perf_counter() - started) * 1000

    print(f"filter 'حلب' and repaint:   {best(repaint_after_filter):7.0f} ms")
    for each in widgets:
        each.close()
        each.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    main()
