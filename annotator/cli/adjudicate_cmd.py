"""annotator adjudicate DB : accept what the annotators agree on into the gold layer."""

from __future__ import annotations

import argparse
import sys

from annotator.cli.options import annotator_names
from annotator.cli.terminal import count, isolate, say
from annotator.core.comparing import chosen_annotators
from annotator.core.review import accept_everywhere
from annotator.storage import Project


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "adjudicate",
        help="accept agreed (or majority) spans into the gold layer",
        description="In every document the annotators have all finished, accept into the "
        "gold layer the spans every one of them made identically (--agreed: recorded as "
        "agreed, with no adjudicator) or more than half of them made (--majority: recorded "
        "as decided by --as NAME). Spans already in the gold layer stay as they are; running "
        "it again adds nothing. Everything else is left for the review window.",
    )
    p.add_argument("db", metavar="DB", help="project file")
    rule = p.add_mutually_exclusive_group(required=True)
    rule.add_argument(
        "--agreed",
        action="store_const",
        dest="rule",
        const="agreed",
        help="the spans every annotator made identically (recorded as agreed, no adjudicator)",
    )
    rule.add_argument(
        "--majority",
        action="store_const",
        dest="rule",
        const="majority",
        help="the spans more than half of the annotators made (recorded as decided by --as)",
    )
    p.add_argument(
        "--annotators",
        metavar="A,B,...",
        help="the annotators (default: every one with spans or a document done)",
    )
    p.add_argument("--as", dest="adjudicator", metavar="NAME", required=True,
                   help="who is adjudicating")  # fmt: skip
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Project.open(args.db) as project:
        annotators = chosen_annotators(project, annotator_names(args.annotators))
        documents, spans = accept_everywhere(project, annotators, args.rule, args.adjudicator)
    say(
        f"{count(spans, 'gold span')} accepted ({args.rule}) in "
        f"{count(documents, 'document')} of {isolate(args.db)}",
        sys.stdout,
    )
    return 0
