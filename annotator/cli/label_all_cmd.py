"""annotator label-all DB : label every occurrence of a text as one annotator's spans.

The occurrences are the text engine's (`core.suggest.occurrences`, what the window's
"label all occurrences" finds) and they are stored through the annotation session, so
every edit of spans takes one path: origin "suggested" (found by the engine, accepted in
bulk), a new document moved to "in progress", and across the project one transaction.
"""

from __future__ import annotations

import argparse
import sys

from annotator.cli.terminal import count, isolate, say
from annotator.core.errors import InputError
from annotator.core.label_all import find_everywhere
from annotator.core.session import Session
from annotator.storage import Project


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "label-all",
        help="label every occurrence of a text, in one document or all, as an annotator's",
        description="Label every occurrence of TEXT in one document (--doc) or in every "
        "document as NAME's spans of LABEL, with origin 'suggested'. Occurrences are found as "
        "suggestions are: alef, hamza, ta marbuta and ya forms, digits, diacritics and tatweel "
        "do not matter, and a proclitic (wa-, bi-, li-, al-...) before the word stays out of "
        "the span; none runs across a line break. What NAME has labelled LABEL already, and "
        "occurrences inside it, are left as they are, so running it again adds nothing. All "
        "or nothing: one transaction.",
        usage="%(prog)s DB --annotator NAME --text TEXT --label LABEL [--doc ID]",
    )
    p.add_argument("db", metavar="DB", help="project file")
    p.add_argument("--annotator", metavar="NAME", help="whose spans they become (required)")
    p.add_argument("--text", metavar="TEXT", help="the word or words to find (required)")
    p.add_argument("--label", metavar="LABEL", help="their label (required)")
    p.add_argument("--doc", metavar="ID", help="only this document (default: every document)")
    p.set_defaults(func=run)


def _checked(args: argparse.Namespace) -> None:
    """Refuse missing or empty options in one line each (argparse's own refusal of a
    missing required option is two)."""
    for option, metavar, why in (
        ("annotator", "NAME", "whose spans they become"),
        ("text", "TEXT", "the words to find"),
        ("label", "LABEL", "what to label them"),
    ):
        value = getattr(args, option)
        if value is None:
            raise InputError(f"label-all needs --{option} {metavar}: {why}", "usage")
        if not value.strip():
            raise InputError(f"--{option} is empty: give {why}", "usage")
    if not any(char.isalnum() for char in args.text):
        raise InputError(
            f"--text {args.text!r} has no letter or digit: it is no name to label", "usage"
        )


def _label(project: Project, name: str) -> str:
    label = project.labels()[name]  # refuses an unknown label, naming the project's
    if label.retired:
        raise InputError(
            f"label {name!r} is retired (restore it first: annotator labels DB restore {name})",
            "retired_label",
        )
    return label.name


def run(args: argparse.Namespace) -> int:
    _checked(args)
    name, term = args.annotator, args.text
    with Project.open(args.db) as project:
        try:
            label = _label(project, args.label)
            docs = [project.document_by_id(args.doc)] if args.doc is not None else None
        except InputError as exc:
            raise exc.located(args.db) from None
        result = find_everywhere(
            project, project.documents() if docs is None else docs, term, label, name
        )
        assert result is not None  # never stopped
        found, already = result.by_document, result.already
        session = Session(project, name)
        if args.doc is not None and found:
            session.accept(*found[0])
        elif found:
            session.accept_across(found)  # one transaction: every document or none
    labelled = sum(len(new) for _, new in found)
    where = f" in {isolate(args.doc)}" if args.doc is not None else ""
    if labelled:
        line = (
            f"labelled {count(labelled, 'occurrence')} of {isolate(term)} as {label} in "
            f"{count(len(found), 'document')} for {isolate(name)}"
        )
        if already:
            line += f" ({already:,} labelled so already)"
    elif already:
        line = (
            f"no occurrence of {isolate(term)}{where} left to label as {label} for "
            f"{isolate(name)}: all {already:,} are labelled so already"
        )
    else:
        line = f"no occurrence of {isolate(term)}{where}: nothing labelled"
    say(line, sys.stdout)
    return 0
