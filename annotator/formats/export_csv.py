"""Spans as a CSV table, for reading in a spreadsheet: one row per span.

    document,annotator,start,end,label,text,attrs,origin

`attrs` is the span's attributes as a JSON object. With `gold` the rows are the gold layer's:
`annotator` is who decided (empty when the span was accepted on agreement) and `origin` is
"adjudicated". Documents without spans have no row.

This is the one export that changes text. A spreadsheet runs a cell that begins with = + - @
(or a tab or carriage return, which some read past) as a formula, and a formula can fetch
from the network or start programs, so every such cell gets a leading apostrophe: `=1+1`
is written `'=1+1`, and so is a span whose text is `-2`. Spreadsheets show the apostrophe's
cell as text. Our JSONL and the other exports are exact; train on those.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from annotator.formats.atomic import atomic_text_writer
from annotator.formats.export_jsonl import layer_names
from annotator.formats.export_workers import write_runs
from annotator.storage import Project

COLUMNS = ("document", "annotator", "start", "end", "label", "text", "attrs", "origin")
# OWASP's list for CSV injection, and the full-width forms, which some spreadsheets in East
# Asian locales take for the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Excel and LibreOffice read a UTF-8 file without a byte-order mark in the system's legacy
# code page (cp1256 on Arabic Windows, cp1252 elsewhere), which turns Arabic into mojibake;
# with the mark they read it as UTF-8. Python's csv module and pandas accept it with
# encoding="utf-8-sig".
BOM = "\ufeff"


@dataclass
class CsvReport:
    rows: int = 0
    neutralized: int = 0  # cells given a leading apostrophe


def neutralized(cell: str) -> str:
    """The cell as a spreadsheet will show it as text and never run it."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _layer_rows(project: Project, names: list[str], run: range) -> Iterator[tuple]:
    spans = {name: project.span_rows_by_document(name, run) for name in names}
    for doc in project.documents(run):
        for name in names:
            for start, end, label, attrs, origin in spans[name].get(doc.rowid, ()):
                yield doc.id, name, start, end, label, doc.text[start:end], attrs, origin


def _gold_rows(project: Project, run: range) -> Iterator[tuple]:
    for doc in project.documents(run):
        for g in project.gold_spans(doc.rowid):
            attrs = json.dumps(g.attrs, ensure_ascii=False, sort_keys=True) if g.attrs else "{}"
            text = doc.text[g.start : g.end]
            yield doc.id, g.adjudicator or "", g.start, g.end, g.label, text, attrs, "adjudicated"


def export_csv(
    project: Project,
    out: Path,
    annotator: str | None = None,
    gold: bool = False,
    workers: int | None = None,
) -> CsvReport:
    """Write the rows atomically (the old file stays if anything fails), a run of documents
    at a time as every export does (`export_workers.write_runs`)."""
    names = [] if gold else layer_names(project, annotator)
    report = CsvReport()
    with atomic_text_writer(out) as handle:
        handle.write(BOM)
        csv.writer(handle).writerow(COLUMNS)
        job = partial(_run_text, names, gold)
        for rows, changed in write_runs(project, job, handle, workers):
            report.rows += rows
            report.neutralized += changed
    return report


def _run_text(
    names: list[str], gold: bool, project: Project, run: range
) -> tuple[str, tuple[int, int]]:
    """The CSV rows of one run of documents (RFC 4180: CRLF, quotes doubled, quoted when
    needed), and how many rows and neutralized cells they hold."""
    text = io.StringIO()
    writer = csv.writer(text)
    rows = changed = 0
    for row in _gold_rows(project, run) if gold else _layer_rows(project, names, run):
        cells: list[Any] = list(row)
        for k, value in enumerate(cells):
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                cells[k] = neutralized(value)
                changed += 1
        writer.writerow(cells)
        rows += 1
    return text.getvalue(), (rows, changed)
