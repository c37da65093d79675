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
from annotator.formats.conll_export import CLITICS, OVERLAPS, SCHEMES, export_conll
from annotator.formats.export_csv import export_csv
from annotator.formats.export_hf import export_hf
from annotator.formats.export_jsonl import export_jsonl
from annotator.formats.export_spacy import export_spacy
from annotator.formats.export_workers import reporting
from annotator.formats.nothing_written import why_nothing_written
from annotator.formats.tagging import ConllReport
from annotator.storage import Project

EXPORT_FORMATS = ("jsonl", "conll", "hf", "spacy", "csv")
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
    if args.format == "jsonl":
        lines = export_jsonl(project, out, args.annotator, args.gold)
        _why_if_nothing(lines, project, args, tell)
        tell(f"wrote {count(lines, 'line')} to {isolate(args.out)}", sys.stdout)
        return 0
    if args.format == "csv":
        report = export_csv(project, out, args.annotator, args.gold)
        if report.neutralized:
            tell(
                f"note: {count(report.neutralized, 'cell')} began with = + - @, a tab or "
                "a carriage return and got a leading ' so that spreadsheets show them "
                "as text and never run them",
                sys.stderr,
            )
        _why_if_nothing(report.rows, project, args, tell)
        tell(f"wrote {count(report.rows, 'span')} to {isolate(args.out)}", sys.stdout)
        return 0
    if args.format == "spacy":
        report = export_spacy(
            project, out, annotator=args.annotator, gold=args.gold, clitics=args.clitics
        )
        return _said(report, project, args, tell)
    export = export_conll if args.format == "conll" else export_hf
    report = export(
        project,
        out,
        annotator=args.annotator,
        gold=args.gold,
        scheme=args.scheme,
        clitics=args.clitics,
        overlaps=args.overlaps,
    )
    return _said(report, project, args, tell)


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
    tell(
        f"wrote {count(report.documents, 'document')}, {count(report.sentences, 'sentence')}, "
        f"{count(report.tokens, 'token')} to {isolate(args.out)}"
        + (
            f"; {count(len(report.inexact), 'span')} not written exactly (listed above)"
            if report.inexact
            else ""
        ),
        sys.stdout,
    )
    return 0
