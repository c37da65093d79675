"""annotator import DB PATH... : documents (and spans) in, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.cli.progress import Progress
from annotator.cli.project_file import created_if_missing
from annotator.cli.terminal import count, isolate, say
from annotator.core.errors import InputError
from annotator.formats.conll_import import parse_label_map
from annotator.formats.decoding import check_encoding
from annotator.formats.sources import (
    FORMAT_NAMES,
    IMPORT_FORMATS,
    OFFSETS,
    ImportOptions,
    Source,
    find_sources,
    read_sources,
)
from annotator.storage.importing import import_records

MAX_NOTES_SHOWN = 20


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "import",
        help=f"import documents (and spans) from files and folders: {FORMAT_NAMES}",
        description="Import documents into a project (created if missing). All or nothing: "
        "on any error the project is left as it was.",
    )
    p.add_argument("db", metavar="DB", help="project file")
    p.add_argument("paths", metavar="PATH", nargs="+", help="files or folders to import")
    p.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        default="auto",
        help="input format (default: from each file's extension: .txt, .jsonl, .csv or "
        ".tsv, .conll, .json for Label Studio; doccano and brat need --format)",
    )
    p.add_argument(
        "--annotator",
        metavar="NAME",
        help="annotator the imported spans belong to (overrides the file's)",
    )
    p.add_argument(
        "--encoding",
        metavar="ENC",
        help="text encoding, e.g. cp1256 (default: UTF-8, Windows Arabic detected)",
    )
    p.add_argument(
        "--text-column",
        metavar="NAME",
        default="text",
        help="CSV column holding the text (default: text); for Label Studio, the data key",
    )
    p.add_argument(
        "--add-labels",
        action="store_true",
        help="add labels the project does not have yet instead of refusing them",
    )
    p.add_argument(
        "--label-map",
        metavar="MAP",
        help="rename labels on the way in, e.g. PERS=ACTOR,ORG=ACTOR,LOC=LOCATION",
    )
    p.add_argument(
        "--lenient",
        action="store_true",
        help="CoNLL: repair broken tags (an orphan I- becomes B-, a malformed tag O) and "
        "print every repair, instead of stopping at the first",
    )
    p.add_argument(
        "--offsets",
        choices=OFFSETS,
        help="doccano: how the file counts offsets in texts with emoji (doccano writes UTF-16 "
        "offsets there unless its grapheme mode is on); without it such a file is refused",
    )
    p.set_defaults(func=run)


def _expected_records(sources: list[Source]) -> int | None:
    """How many documents to expect, for the progress bar (None when unknown: CSV rows)."""
    total = 0
    for source in sources:
        if source.format == "txt":
            total += 1
        elif source.format == "jsonl":
            total += _filled_lines(source.path)
        elif source.format == "conll":  # one document, or one per -DOCSTART- line
            with source.path.open("rb") as handle:
                total += max(
                    1,
                    sum(
                        1
                        for line in handle
                        if line.lstrip(b"\xef\xbb\xbf").startswith(b"-DOCSTART-")
                    ),
                )
        else:
            return None
    return total


# Read a megabyte at a time: one line of a JSONL file may be a whole book.
_COUNT_CHUNK = 2**20


def _filled_lines(path: Path) -> int:
    """Lines that are not blank (the JSONL reader's records), counted without holding a
    line in memory."""
    lines = 0
    filled = False  # the line being read so far has something other than white space
    with path.open("rb") as handle:
        while chunk := handle.read(_COUNT_CHUNK):
            *ended, rest = chunk.split(b"\n")
            for line in ended:
                lines += filled or bool(line.strip())
                filled = False
            filled = filled or bool(rest.strip())
    return lines + filled


def run(args: argparse.Namespace) -> int:
    if args.encoding:
        check_encoding(args.encoding)
    if args.annotator is not None and not args.annotator.strip():
        raise InputError("--annotator needs a name", "bad_annotator")
    sources = find_sources([Path(p) for p in args.paths], args.format)
    db_path = Path(args.db)
    label_map = parse_label_map(args.label_map) if args.label_map else {}
    options = ImportOptions(
        args.format, args.encoding, args.annotator, args.text_column, args.lenient, label_map,
        offsets=args.offsets,
    )  # fmt: skip
    with (
        created_if_missing(db_path) as project,
        Progress(_expected_records(sources), "importing") as bar,
    ):
        report = import_records(
            project,
            read_sources(sources, options),
            add_labels=args.add_labels,
            on_record=lambda _: bar.advance(),
        )
    notes = options.notes + report.notes
    for note in notes[:MAX_NOTES_SHOWN]:
        say(f"note: {note}", sys.stderr)
    if len(notes) > MAX_NOTES_SHOWN:
        say(f"note: ... and {len(notes) - MAX_NOTES_SHOWN} more notes like these", sys.stderr)
    for label in report.labels_added:
        say(f"added label {label}", sys.stderr)
    spans = f", {count(report.spans_added, 'span')}" if report.spans_added else ""
    present = report.spans_already_present
    already = f" ({count(present, 'span')} already there)" if present else ""
    documents = count(report.documents_added, "document")
    say(f"imported {documents}{spans} into {isolate(db_path)}{already}", sys.stdout)
    return 0
