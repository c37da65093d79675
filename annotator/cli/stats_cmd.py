"""annotator stats DB : what is in a project and how far the annotators are."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from annotator.cli.terminal import isolate, say
from annotator.storage import Project
from annotator.storage.stats import project_stats


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("stats", help="documents, spans per label and annotator, progress")
    p.add_argument("db", metavar="DB", help="project file")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def format_stats(stats: dict[str, Any], path: str) -> str:
    lines = [
        f"{isolate(path)}: {stats['documents']:,} documents, {stats['characters']:,} characters, "
        f"{stats['spans']:,} spans"
    ]
    lines.append("labels:")
    for label in stats["labels"]:
        key = f"[{label['shortcut']}]" if label["shortcut"] else "   "
        retired = "  (retired)" if label["retired"] else ""
        name = isolate(label["name"], 12)
        lines.append(f"  {key} {name} {label['spans']:>9,} spans{retired}")
    if stats["annotators"]:
        lines.append("annotators:")
    for a in stats["annotators"]:
        status = a["status"]
        per_label = (
            ", ".join(f"{isolate(k)} {v:,}" for k, v in a["spans_per_label"].items()) or "no spans"
        )
        lines.append(
            f"  {isolate(a['name'])}: {status['done']:,} done, "
            f"{status['in_progress']:,} in progress, {status['new']:,} new; "
            f"{a['spans']:,} spans ({per_label})"
        )
    gold = stats["gold"]
    if gold["spans"] or gold["documents_done"] or gold["documents_in_progress"]:
        lines.append(
            f"gold: {gold['documents_done']} documents done, "
            f"{gold['documents_in_progress']} in progress, {gold['spans']:,} spans"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    with Project.open(args.db) as project:
        stats = project_stats(project)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        say(format_stats(stats, args.db), sys.stdout)
    return 0
