"""annotator merge DB OTHER... : bring other annotators' work into a project."""

from __future__ import annotations

import argparse
import sys
from itertools import chain
from pathlib import Path

from annotator.cli.project_file import created_if_missing
from annotator.cli.terminal import count, isolate, say
from annotator.formats.merge_sources import merge_source
from annotator.storage.merging import merge_records


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "merge",
        help="merge annotators' work from other project files or export bundles",
        description="Merge other project files or export bundles into DB (created if "
        "missing). Documents are matched by content; spans keep their annotator; merging "
        "twice adds nothing. An annotator whose spans on a document differ between the "
        "files is a conflict: this project's spans are kept and the conflict is listed. "
        "All or nothing: an error leaves DB unchanged.",
    )
    p.add_argument("db", metavar="DB", help="project file to merge into")
    p.add_argument("others", metavar="OTHER", nargs="+", help="project file or bundle folder")
    p.add_argument("--add-labels", action="store_true", help="add labels DB does not have")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db_path = Path(args.db)
    notes: list[str] = []
    sources = [Path(other) for other in args.others]
    with created_if_missing(db_path) as project:
        report = merge_records(
            project,
            chain.from_iterable(merge_source(source, notes) for source in sources),
            add_labels=args.add_labels,
        )
    for note in notes + report.imported.notes:
        say(f"note: {note}", sys.stderr)
    for conflict in report.conflicts:
        say(f"conflict: {conflict}", sys.stderr)
    imported = report.imported
    say(
        f"merged into {isolate(db_path)}: {count(imported.documents_added, 'document')} and "
        f"{count(imported.spans_added, 'span')} added, "
        f"{count(len(report.conflicts), 'conflict')} (kept this project's spans), "
        f"{report.unchanged:,} annotator's documents already here",
        sys.stdout,
    )
    return 0
