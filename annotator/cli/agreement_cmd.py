"""annotator agreement DB : how far the annotators agree (span F1, kappas, alpha)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from annotator.cli.options import annotator_names
from annotator.cli.terminal import count, isolate, say
from annotator.core.comparing import agreement_report
from annotator.storage import Project


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "agreement", help="inter-annotator agreement: span F1, Cohen's and Fleiss' kappa, alpha"
    )
    p.add_argument("db", metavar="DB", help="project file")
    p.add_argument(
        "--annotators",
        metavar="A,B,...",
        help="the annotators to compare (default: every one with spans or a document done)",
    )
    p.add_argument("--label", metavar="L", action="append", help="only this label (repeatable)")
    p.add_argument(
        "--include-unfinished",
        action="store_true",
        help="also documents not every annotator has finished (missing where not touched)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--report", metavar="DIR", help="also write DIR/index.html with tables and charts"
    )
    p.set_defaults(func=run)


ASSISTANCE_KEYS = ["span_f1_exact", "krippendorff_alpha"]


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _table(title: str, columns: list[str], rows: list[tuple[str, list[float | None]]]) -> list[str]:
    """A table with a left column of names (isolated: they may be Arabic) and figures."""
    width = max([len(title), *(len(name) for name, _ in rows)]) + 2
    lines = [title.ljust(width) + "".join(c.rjust(11) for c in columns)]
    for name, figures in rows:
        lines.append(isolate(name, width) + "".join(_figure(f).rjust(11) for f in figures))
    return lines


OVERALL = ["F1 exact", "F1 partial", "Cohen κ", "Fleiss κ", "Kripp. α"]
KEYS = ["span_f1_exact", "span_f1_partial", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha"]


def _assistance(found: dict[str, Any]) -> list[str]:
    """Agreement with suggestions shown and on the control documents, shown without."""
    rows = [
        (f"{kind} ({found[kind]['documents']:,})", [found[kind][k] for k in ASSISTANCE_KEYS])
        for kind in ("assisted", "control")
    ]
    lines = _table("documents", ["F1 exact", "Kripp. α"], rows)
    if found["unrecorded"]:
        lines.append(
            f"  ({count(found['unrecorded'], 'document')} worked before this was recorded)"
        )
    return lines


def format_report(report: dict[str, Any]) -> str:
    compared, left_out = report["compared"], report["left_out"]
    spans = ", ".join(f"{isolate(n)} {c:,}" for n, c in compared["spans"].items())
    lines = [
        f"{count(report['documents'], 'document')} compared ({compared['units']:,} tokens; spans: "
        f"{spans}); {len(left_out):,} left out"
    ]
    for item in left_out[:5]:
        lines.append(f"  left out {isolate(item['id'])}: {item['why']}")
    if len(left_out) > 5:
        lines.append(f"  ... and {len(left_out) - 5:,} more (--json lists them all)")
    overall = report["overall"]
    lines += ["", *_table("overall", OVERALL, [("", [overall[k] for k in KEYS])])]
    pair_keys = ["span_f1_exact", "span_f1_partial", "precision", "recall", "cohen_kappa"]
    pairs = [
        (f"{pair['a']} / {pair['b']}", [pair[k] for k in pair_keys]) for pair in report["pairs"]
    ]
    columns = ["F1 exact", "F1 partial", "precision", "recall", "Cohen κ"]
    lines += ["", *_table("pair", columns, pairs)]
    labels = [(label, [f[k] for k in KEYS]) for label, f in report["per_label"].items()]
    lines += ["", *_table("label", OVERALL, labels)]
    lines += ["", *_assistance(report["assistance"])]
    worst = sorted(
        (d for d in report["per_document"] if d["krippendorff_alpha"] is not None),
        key=lambda d: d["krippendorff_alpha"],
    )[:5]
    if worst:
        lines += ["", "least agreement (Krippendorff α by document):"]
        lines += [f"  {_figure(d['krippendorff_alpha'])}  {isolate(d['id'])}" for d in worst]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    with Project.open(args.db) as project:
        names = annotator_names(args.annotators)
        report = agreement_report(project, names, args.label, args.include_unfinished)
    if args.report:
        from annotator.formats.agreement_html import write_report

        path = write_report(report, Path(args.report), Path(args.db).name)
        say(f"report written to {isolate(path)}", sys.stderr)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        say(format_report(report), sys.stdout)
    return 0
