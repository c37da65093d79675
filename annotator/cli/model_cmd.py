"""annotator model DB : what the project's tagger learnt from, or (--drop) delete it."""

from __future__ import annotations

import argparse
import json
import sys

from annotator.cli.options import fraction
from annotator.cli.terminal import count, isolate, say
from annotator.storage import Project


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "model",
        help="show the project's tagger model (what it learnt from, its F1), or drop it",
        description="Show when the project's tagger was trained, on what, and its "
        "cross-validated F1 per label; --drop deletes it (suggestions then come from rules "
        "and the lexicon only).",
    )
    p.add_argument("db", metavar="DB", help="project file")
    p.add_argument("--json", action="store_true", help="one JSON object (null: no model)")
    p.add_argument("--drop", action="store_true", help="delete the model from the project")
    p.add_argument(
        "--starter",
        action="store_true",
        help="make the starter model shipped with annotator the project's (trained on "
        "public Arabic NER data), until a training replaces it",
    )
    p.add_argument(
        "--control-share",
        metavar="X",
        help="the share of documents worked without any suggestion, 0 to 1 (default 0.1)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Project.open(args.db) as project:
        if args.control_share is not None:
            project.set_control_share(fraction(args.control_share, "--control-share", "a share"))
        share = project.control_share()
        if args.starter:
            project.use_starter()
        if args.drop:
            dropped = project.drop_model()
            say("model dropped" if dropped else "there was no model to drop", sys.stdout)
            return 0
        info = project.model_info()
    if args.json:
        found = {**info.to_json(), "control_share": share} if info else None
        print(json.dumps(found, ensure_ascii=False))
        return 0
    if info is None:
        say(f"no model in {isolate(args.db)}: train one with `annotator train DB`", sys.stdout)
        say(_control_line(share), sys.stdout)
        return 0
    if info.starter:
        say("the starter model shipped with annotator (annotator model DB --starter)", sys.stdout)
    say(f"trained {info.trained_at} in {info.seconds:.1f} s", sys.stdout)
    say(
        f"learnt from {count(info.documents, 'document')}, {count(info.sentences, 'sentence')}, "
        f"{count(info.tokens, 'token')} ({'; '.join(info.sources) or 'the project'})",
        sys.stdout,
    )
    for label in info.labels:
        f1 = f", F1 {info.f1[label]:.3f}" if label in info.f1 else ""
        say(f"  {label:<9} {count(info.spans.get(label, 0), 'span')}{f1}", sys.stdout)
    if "all" in info.f1:
        say(f"F1 over all labels {info.f1['all']:.3f} ({info.f1_measured_on})", sys.stdout)
    say(_control_line(share), sys.stdout)
    return 0


def _control_line(share: float) -> str:
    return f"control documents, worked without suggestions: {share:.0%} of the documents"
