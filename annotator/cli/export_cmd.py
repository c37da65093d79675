"""annotator export DB OUT : write a layer of the project to a file, atomically."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from annotator.cli.progress import Progress
from annotator.cli.terminal import count, isolate, say
from annotator.formats.bundle import export_bundle
from annotator.formats.conll_export import CLITICS, OVERLAPS, SCHEMES
from annotator.formats.export_workers import reporting
from annotator.formats.exports import EXPORT_FORMATS, ExportOptions, export_layer
from annotator.formats.inexact_report import write_inexact
from annotator.formats.nothing_written import why_nothing_written
from annotator.formats.tagging import ConllReport
from annotator.storage import Project

Say = Callable[[str, TextIO], None]  # a line for stdout or stderr
MAX_REPORT_LINES = 20


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "export",
        help="export documents and spans (one annotator, all annotators, or gold)",
        description="Export to our JSONL, CoNLL, Hugging Face JSONL, spaCy JSONL or CSV. Our "
        "JSONL without --annotator or --gold writes every annotator's layer, one line per "
        "document and annotator. CSV (one row per span, for spreadsheets) puts an apostrophe "
        "before any cell that begins with = + - or @, so that no spreadsheet runs it as a "
        "formula: it is the one export that changes text.",
    )
    p.add_argument("db", metavar="DB", help="project file")
    p.add_argument("out", metavar="OUT", help="file to write (replaced atomically)")
    p.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="jsonl",
        help="jsonl: ours (default); conll: a token and its tag a line; "
        "hf: Hugging Face token classification, a sentence a line; spacy: spaCy's JSONL, a "
        "document a line; csv: a row per span, for spreadsheets",
    )
    p.add_argument(
        "--bundle",
        action="store_true",
        help="OUT is a folder: every annotator's JSONL, gold JSONL and CoNLL, the "
        "label schema and a manifest with counts and checksums",
    )
    layer = p.add_mutually_exclusive_group()
    layer.add_argument("--annotator", metavar="NAME", help="only this annotator's spans")
    layer.add_argument("--gold", action="store_true", help="the adjudicated gold layer")
    conll = p.add_argument_group("CoNLL and Hugging Face (hf: one JSON line per sentence)")
    conll.add_argument(
        "--scheme", choices=SCHEMES, default="iob2", help="how tags mark a span (default: iob2)"
    )
    conll.add_argument(
        "--clitics",
        choices=CLITICS,
        default="keep",
        help="split: also split off every proclitic the text engine recognizes",
    )
    conll.add_argument(
        "--overlaps",
        choices=OVERLAPS,
        default="outer",
        help="nested spans: keep the outer or inner one, or one tag column per nesting level",
    )
    p.add_argument(
        "--report",
        metavar="FILE",
        help="write every span not written exactly to FILE, a JSON line each: document, "
        "start, end, label, text and what happened (CoNLL, hf and spacy)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    with Project.open(args.db) as project:
        # A bundle writes several files, each of every document: counted without a total.
        total = None if args.bundle else project.document_count()
        said: list[tuple[str, TextIO]] = []
        with Progress(total, "exporting") as bar, reporting(bar.advance):
            code = _export(project, args, out, lambda text, stream: said.append((text, stream)))
    for text, stream in said:  # once the bar is wiped
        say(text, stream)
    return code


def _export(project: Project, args: argparse.Namespace, out: Path, tell: Say) -> int:
    if args.bundle:
        manifest = export_bundle(project, out)
        tell(
            f"wrote {count(len(manifest['files']) + 1, 'file')} to {isolate(args.out)}",
            sys.stdout,
        )
        return 0
    options = ExportOptions(
        annotator=args.annotator,
        gold=args.gold,
        scheme=args.scheme,
        clitics=args.clitics,
        overlaps=args.overlaps,
    )
    exported = export_layer(project, out, args.format, options)
    if args.report:
        write_inexact(Path(args.report), exported.tagged)
    if exported.tagged is not None:
        return _said(exported.tagged, project, args, tell)
    if exported.table is not None and exported.table.neutralized:
        tell(
            f"note: {count(exported.table.neutralized, 'cell')} began with = + - @, a tab or "
            "a carriage return and got a leading ' so that spreadsheets show them "
            "as text and never run them",
            sys.stderr,
        )
    _why_if_nothing(exported.written, project, args, tell)
    what = "span" if exported.table is not None else "line"
    tell(f"wrote {count(exported.written, what)} to {isolate(args.out)}", sys.stdout)
    return 0


def _why_if_nothing(written: int, project: Project, args: argparse.Namespace, tell: Say) -> None:
    """An export that wrote no document says why, in one line (the file is still written:
    an empty layer is not an error)."""
    if not written:
        why = why_nothing_written(project, args.annotator, args.gold)
        tell(f"note: no document written: {why}", sys.stderr)


def _said(report: ConllReport, project: Project, args: argparse.Namespace, tell: Say) -> int:
    # Nothing is dropped in silence: every span not written exactly is listed. With no
    # document written, the one line saying why stands for the notes about the documents
    # left out (all of them).
    lines = report.inexact + report.notes if report.documents else []
    _why_if_nothing(report.documents, project, args, tell)
    for line in lines[:MAX_REPORT_LINES]:
        tell(f"note: {line}", sys.stderr)
    if len(lines) > MAX_REPORT_LINES:
        tell(f"note: ... and {len(lines) - MAX_REPORT_LINES} more", sys.stderr)
    inexact = len(report.inexact_spans)
    if not inexact:
        where = ""
    elif args.report:
        where = f" (every one in {isolate(args.report)})"
    elif len(lines) <= MAX_REPORT_LINES:
        where = " (listed above)"
    else:
        where = " (the first above; --report FILE lists every one)"
    tell(
        f"wrote {count(report.documents, 'document')}, {count(report.sentences, 'sentence')}, "
        f"{count(report.tokens, 'token')} to {isolate(args.out)}"
        + (f"; {count(inexact, 'span')} not written exactly{where}" if inexact else ""),
        sys.stdout,
    )
    return 0
