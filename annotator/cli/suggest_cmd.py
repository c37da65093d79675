"""annotator suggest DB : pre-annotation suggestions, printed or (with --apply) stored."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotator.cli.options import fraction
from annotator.cli.terminal import count, isolate, say
from annotator.core.errors import InputError
from annotator.core.spans import Origin, Span
from annotator.core.suggest import (
    NUMBER_LABEL,
    Lexicon,
    Suggestion,
    lexicon_from_spans,
    load_gazetteer,
    suggest,
)
from annotator.core.tagger import Model
from annotator.core.tagger.model import DEFAULT_MIN_SCORE
from annotator.storage import Project


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "suggest",
        help="suggest spans: numbers, the project lexicon, gazetteers, the project's tagger",
        description="Print suggestions without changing the project; with --apply, store them "
        "as the annotator's spans (origin 'suggested'). Spans the annotator already has and "
        "suggestions they rejected are left out. When the project has a tagger model "
        "(`annotator train`), its predictions scored at least --min-score come too, with "
        'source "model" and their score.',
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
        "--min-score",
        metavar="X",
        default=str(DEFAULT_MIN_SCORE),
        help=f"the least score of the model's suggestions, 0 to 1 (default {DEFAULT_MIN_SCORE})",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help='JSON lines: {"doc", "start", "end", "label", "text", "attrs", "source"}, and '
        '"score" for the model\'s',
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    min_score = fraction(args.min_score, "--min-score", "a score")
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
        model = project.model()
        docs = [project.document_by_id(args.doc)] if args.doc else list(project.documents())
        found = []
        for doc in docs:
            skip = set()
            if args.annotator:
                skip = {s.key() for s in project.spans(doc.rowid, args.annotator)}
                skip |= project.rejected_suggestions(doc.rowid, args.annotator)
            found += [
                (doc, s) for s in _for_document(doc.text, lexicon, active, skip, model, min_score)
            ]
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
        if s.score is not None:
            line["score"] = s.score
        if args.json:
            print(json.dumps(line, ensure_ascii=False))
        else:
            attrs = f" {json.dumps(s.attrs, ensure_ascii=False)}" if s.attrs else ""
            say(
                f"{isolate(doc.id)} {s.start}-{s.end} {s.label:<9} {isolate(line['text'])}"
                f"  ({s.source}{'' if s.score is None else f' {s.score:.2f}'}){attrs}",
                sys.stdout,
            )
    if args.apply:
        say(
            f"stored {count(len(found), 'suggested span')} for {isolate(args.annotator)}",
            sys.stderr,
        )
    return 0


def _for_document(
    text: str,
    lexicon: Lexicon,
    active: set[str],
    skip: set,
    model: Model | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
) -> list[Suggestion]:
    """The rules' and the lexicon's suggestions, and the model's where they found nothing
    of the same span and label (a rule-found number keeps its value)."""
    found = {s.key(): s for s in suggest(text, lexicon, numbers=NUMBER_LABEL in active, skip=skip)}
    if model is not None:
        for s in model.suggestions(text, lexicon=lexicon, min_score=min_score):
            if s.key() not in skip:
                found.setdefault(s.key(), s)
    return [s for key, s in sorted(found.items()) if s.label in active]
