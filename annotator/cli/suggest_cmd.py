"""annotator suggest DB : pre-annotation suggestions, printed or (with --apply) stored."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotator.cli.terminal import count, isolate, say
from annotator.core.errors import InputError
from annotator.core.spans import Origin, Span
from annotator.core.suggest import (
    NUMBER_LABEL,
    Lexicon,
    lexicon_from_spans,
    load_gazetteer,
    suggest,
)
from annotator.storage import Project


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "suggest",
        help="suggest spans: numbers, the project lexicon, gazetteers",
        description="Print suggestions without changing the project; with --apply, store them "
        "as the annotator's spans (origin 'suggested'). Spans the annotator already has and "
        "suggestions they rejected are left out.",
    )
    p.add_argument("db", metavar="DB", help="project file")
    p.add_argument("--doc", metavar="ID", help="only this document (its id)")
    p.add_argument(
        "--gazetteer",
        metavar="FILE",
        action="append",
        default=[],
        help="UTF-8 TSV of term<TAB>LABEL lines (may be repeated)",
    )
    p.add_argument(
        "--annotator",
        metavar="NAME",
        help="leave out this annotator's spans and rejections; required by --apply",
    )
    p.add_argument("--apply", action="store_true", help="store the suggestions as spans")
    p.add_argument(
        "--json",
        action="store_true",
        help='JSON lines: {"doc", "start", "end", "label", "text", "attrs", "source"}',
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.apply and not args.annotator:
        raise InputError(
            "--apply needs --annotator NAME: whose suggested spans they become", "usage"
        )
    with Project.open(args.db) as project:
        labels = project.labels()
        active = {label.name for label in labels.active()}
        lexicon = lexicon_from_spans(project.span_texts(exclude_labels=(NUMBER_LABEL,)))
        for path in args.gazetteer:
            lexicon.merge(load_gazetteer(Path(path), active))
        docs = [project.document_by_id(args.doc)] if args.doc else list(project.documents())
        found = []
        for doc in docs:
            skip = set()
            if args.annotator:
                skip = {s.key() for s in project.spans(doc.rowid, args.annotator)}
                skip |= project.rejected_suggestions(doc.rowid, args.annotator)
            found += [(doc, s) for s in _for_document(doc.text, lexicon, active, skip)]
        if args.apply:
            with project.transaction():
                for doc, s in found:
                    project.add_span(
                        doc.rowid,
                        Span(s.start, s.end, s.label, args.annotator, s.attrs, Origin.SUGGESTED),
                    )
    for doc, s in found:
        line = {
            "doc": doc.id,
            "start": s.start,
            "end": s.end,
            "label": s.label,
            "text": doc.text[s.start : s.end],
            "attrs": s.attrs,
            "source": s.source,
        }
        if args.json:
            print(json.dumps(line, ensure_ascii=False))
        else:
            attrs = f" {json.dumps(s.attrs, ensure_ascii=False)}" if s.attrs else ""
            say(
                f"{isolate(doc.id)} {s.start}-{s.end} {s.label:<9} {isolate(line['text'])}"
                f"  ({s.source}){attrs}",
                sys.stdout,
            )
    if args.apply:
        say(
            f"stored {count(len(found), 'suggested span')} for {isolate(args.annotator)}",
            sys.stderr,
        )
    return 0


def _for_document(text: str, lexicon: Lexicon, active: set[str], skip: set) -> list:
    return [
        s
        for s in suggest(text, lexicon, numbers=NUMBER_LABEL in active, skip=skip)
        if s.label in active
    ]
