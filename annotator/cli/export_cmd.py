"""annotator export DB OUT : write a layer of the project to a file, atomically."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.cli.terminal import count, isolate, say
from annotator.formats.export_jsonl import export_jsonl
from annotator.storage import Project

EXPORT_FORMATS = ("jsonl",)


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "export",
        help="export documents and spans (one annotator, all annotators, or gold)",
        description="Export to our JSONL. Without --annotator or --gold every annotator's "
        "layer is written, one line per document and annotator.",
    )
    p.add_argument("db", metavar="DB", help="project file")
    p.add_argument("out", metavar="OUT", help="file to write (replaced atomically)")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="jsonl")
    layer = p.add_mutually_exclusive_group()
    layer.add_argument("--annotator", metavar="NAME", help="only this annotator's spans")
    layer.add_argument("--gold", action="store_true", help="the adjudicated gold layer")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Project.open(args.db) as project:
        lines = export_jsonl(project, Path(args.out), args.annotator, args.gold)
    say(f"wrote {count(lines, 'line')} to {isolate(args.out)}", sys.stdout)
    return 0
