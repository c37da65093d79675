"""annotator labels DB [ACTION] : list or change the project's labels."""

from __future__ import annotations

import argparse
import sys

from annotator.cli.terminal import isolate, say
from annotator.core.labels import LabelSet
from annotator.storage import Project


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "labels",
        help="list, add, rename, recolour, retire or restore labels",
        description="Without an action, list the labels. Renaming keeps every span; retiring "
        "stops offering a label but keeps (and still exports) its spans.",
    )
    p.add_argument("db", metavar="DB", help="project file")
    actions = p.add_subparsers(
        dest="action", metavar="ACTION", help="what to change (default: list the labels)"
    )
    add = actions.add_parser("add", help="add a label")
    add.add_argument("name")
    add.add_argument("--colour", help="#RRGGBB (default: next colour-blind-safe colour)")
    add.add_argument("--shortcut", help="key 1-9 (default: next free key)")
    rename = actions.add_parser("rename", help="rename a label (its spans follow)")
    rename.add_argument("name")
    rename.add_argument("new_name")
    recolour = actions.add_parser("recolour", help="change a label's colour")
    recolour.add_argument("name")
    recolour.add_argument("colour", help="#RRGGBB")
    shortcut = actions.add_parser("shortcut", help="change a label's key")
    shortcut.add_argument("name")
    shortcut.add_argument("key", help="1-9, or 'none'")
    for action, text in (
        ("retire", "stop offering a label (spans are kept)"),
        ("restore", "offer a retired label again"),
    ):
        actions.add_parser(action, help=text).add_argument("name")
    p.set_defaults(func=run)


CHANGES = {
    "add": lambda a: lambda s: s.new(a.name, a.colour, a.shortcut),
    "rename": lambda a: lambda s: s.rename(a.name, a.new_name),
    "recolour": lambda a: lambda s: s.recolour(a.name, a.colour),
    "shortcut": lambda a: lambda s: s.set_shortcut(a.name, None if a.key == "none" else a.key),
    "retire": lambda a: lambda s: s.retire(a.name),
    "restore": lambda a: lambda s: s.restore(a.name),
}


def format_labels(labels: LabelSet) -> str:
    return "\n".join(
        f"[{label.shortcut or ' '}] {isolate(label.name, 12)} {label.colour}"
        + ("  (retired)" if label.retired else "")
        for label in labels
    )


def run(args: argparse.Namespace) -> int:
    with Project.open(args.db) as project:
        if args.action:
            project.change_labels(CHANGES[args.action](args))
        say(format_labels(project.labels()), sys.stdout)
    return 0
