"""annotator train DB : train the project's tagger on its spans and/or on files, and keep the
model in the project file (core/tagger; storage/model_rows.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from annotator.cli.options import annotator_names
from annotator.cli.terminal import count, isolate, say
from annotator.core.errors import InputError
from annotator.core.tagger import TrainingDocument
from annotator.core.tagger.model import FOLDS
from annotator.core.tagger.pieces import after_proclitics
from annotator.formats.conll_import import parse_label_map
from annotator.formats.sources import (
    FORMAT_NAMES,
    IMPORT_FORMATS,
    OFFSETS,
    ImportOptions,
    find_sources,
    read_sources,
)
from annotator.storage import Project

# Whose spans the readers say the file's spans are: only their labels and offsets are used.
_FILE_ANNOTATOR = "training-file"


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "train",
        help="train the project's tagger on its spans (and on files), kept in the project",
        description="Train the tagger that suggests spans (a CRF, on this machine) and keep "
        "it in the project file, replacing the one before. It learns from the gold layer of "
        "every document whose adjudication is done and, for the other documents, from the "
        "spans of each annotator who marked them done (--annotator: only theirs; --gold: "
        "the gold layer only), and from the files given with --from (any import format; "
        "with --label-map, labels the map does not name are left out and counted). Prints "
        "what it learnt from, the time, and a cross-validated exact-span F1 per label.",
    )
    p.add_argument("db", metavar="DB", help="project file")
    p.add_argument(
        "--from",
        dest="files",
        metavar="FILE",
        nargs="+",
        action="extend",
        default=[],
        help=f"also learn from these files or folders ({FORMAT_NAMES})",
    )
    p.add_argument("--format", choices=IMPORT_FORMATS, default="auto", help="format of --from")
    p.add_argument(
        "--label-map",
        metavar="MAP",
        help="labels of --from as the project's, e.g. PER=ACTOR,ORG=ACTOR,LOC=LOCATION",
    )
    p.add_argument("--lenient", action="store_true", help="CoNLL: repair broken tags")
    p.add_argument(
        "--offsets", choices=OFFSETS, help="doccano: how --from counts offsets (see import)"
    )
    p.add_argument(
        "--clitics",
        choices=("keep", "split"),
        default="keep",
        help="split: the spans of --from start after a leading proclitic (وحماة -> حماة), as "
        "this project marks them, for files that tag whole tokens (default: keep)",
    )
    who = p.add_mutually_exclusive_group()
    who.add_argument("--annotator", metavar="NAME", help="learn from these annotators (A,B)")
    who.add_argument("--gold", action="store_true", help="learn from the gold layer only")
    p.add_argument(
        "--folds",
        type=int,
        default=FOLDS,
        help=f"cross-validation folds (default {FOLDS}; 0: none)",
    )
    p.add_argument("--json", action="store_true", help="print what was learnt as one JSON object")
    p.set_defaults(func=run)


def _from_files(
    args: argparse.Namespace, labels: set[str]
) -> tuple[list[TrainingDocument], Counter]:
    """The documents of --from with their spans in the project's labels, and the count of
    spans each unmapped label had (left out)."""
    label_map = parse_label_map(args.label_map) if args.label_map else None
    options = ImportOptions(
        args.format, annotator=_FILE_ANNOTATOR, lenient=args.lenient, offsets=args.offsets
    )
    dropped: Counter = Counter()
    found = []
    for record in read_sources(find_sources([Path(p) for p in args.files], args.format), options):
        spans = []
        for index, span in enumerate(record.spans):
            label = span.label if label_map is None else label_map.get(span.label)
            if label is None:
                dropped[span.label] += 1
                continue
            if label not in labels:
                line = record.line_of(index) or record.line
                where = f"{record.source}:{line}" if line else record.source
                raise InputError(
                    f"{where}: label {label!r} is not one of the project's "
                    f"({', '.join(sorted(labels))}); map it with --label-map",
                    "unknown_label",
                )
            spans.append((span.start, span.end, label))
        text = record.document.text
        if args.clitics == "split":
            spans = list(after_proclitics(text, spans))
        found.append(TrainingDocument(text, tuple(spans), record.source))
    for note in options.notes:
        say(f"note: {note}", sys.stderr)
    return found, dropped


def run(args: argparse.Namespace) -> int:
    if args.folds < 0 or args.folds == 1:
        raise InputError("--folds must be 0 (no cross-validation) or at least 2", "usage")
    if (args.label_map or args.format != "auto") and not args.files:
        raise InputError("--label-map and --format describe files given with --from", "usage")
    with Project.open(args.db) as project:
        labels = {label.name for label in project.labels().active()}
        dropped: Counter = Counter()
        from_files: list[TrainingDocument] = []
        if args.files:
            from_files, dropped = _from_files(args, labels)
        model = project.train_model(
            annotator_names(args.annotator),
            args.gold,
            from_files,
            ", ".join(args.files),
            args.folds,
        )
    info = model.info
    if dropped:
        labels_left = ", ".join(f"{isolate(label)} {n:,}" for label, n in dropped.most_common())
        say(
            f"left out {count(sum(dropped.values()), 'span')} of labels --label-map does not "
            f"name: {labels_left}",
            sys.stderr,
        )
    if args.json:
        print(
            json.dumps(
                {**info.to_json(), "dropped": dict(dropped), "size": len(model.data)},
                ensure_ascii=False,
            )
        )
        return 0
    spans = ", ".join(f"{label} {n:,}" for label, n in info.spans.items())
    say(
        f"learnt from {count(info.documents, 'document')}, {count(info.sentences, 'sentence')}, "
        f"{count(info.tokens, 'token')}: {spans} ({'; '.join(info.sources)})",
        sys.stdout,
    )
    if info.f1:
        scores = ", ".join(f"{label} {f1:.3f}" for label, f1 in info.f1.items())
        say(f"exact-span F1, {info.folds}-fold cross-validated: {scores}", sys.stdout)
    say(
        f"trained in {info.seconds:.1f} s; model kept in {isolate(args.db)} "
        f"({len(model.data) // 1024:,} KiB)",
        sys.stdout,
    )
    return 0
