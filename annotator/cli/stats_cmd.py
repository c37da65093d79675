"""annotator stats DB : what is in a project and how far the annotators are."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from annotator.cli.terminal import say
from annotator.storage import Project
from annotator.storage.stats import project_stats


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("stats", help="documents, spans per label and annotator, progress")
    p.add_argument("db", metavar="DB", help="project file")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def format_stats(stats: dict[str, Any], path: str) -> str:
    lines = [
        f"{path}: {stats['documents']} documents, {stats['characters']:,} characters, "
        f"{stats['spans']} spans"
    ]
    lines.append("labels:")
    for label in stats["labels"]:
        key = f"[{label['shortcut']}]" if label["shortcut"] else "   "
        retired = "  (retired)" if label["retired"] else ""
        lines.append(f"  {key} {label['name']:<12} {label['spans']:>7} spans{retired}")
    if stats["annotators"]:
        lines.append("annotators:")
    for a in stats["annotators"]:
        status = a["status"]
        per_label = ", ".join(f"{k} {v}" for k, v in a["spans_per_label"].items()) or "no spans"
        lines.append(
            f"  {a['name']}: {status['done']} done, {status['in_progress']} in progress, "
            f"{status['new']} new; {a['spans']} spans ({per_label})"
        )
    gold = stats["gold"]
    if gold["spans"] or gold["documents_done"] or gold["documents_in_progress"]:
        lines.append(
            f"gold: {gold['documents_done']} documents done, "
            f"{gold['documents_in_progress']} in progress, {gold['spans']} spans"
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
