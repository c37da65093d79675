"""Which files an import reads, in which format, and the reader of each format."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Protocol

from annotator.core.errors import InputError
from annotator.core.records import ImportRecord
from annotator.formats.brat import read_brat
from annotator.formats.conll_import import ConllOptions, read_conll
from annotator.formats.csv_table import read_csv
from annotator.formats.doccano import read_doccano
from annotator.formats.jsonl import read_jsonl
from annotator.formats.label_studio import read_label_studio
from annotator.formats.text import read_text_file

# doccano's .jsonl would read as ours: it needs --format doccano.
EXTENSIONS = {
    ".txt": "txt",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".conll": "conll",
    ".json": "labelstudio",
}
# Folder names in an import that mean "one document per file" for these formats only.
FILE_FORMATS = {"doccano": ".jsonl"}


@dataclass(frozen=True)
class Source:
    path: Path
    name: PurePosixPath  # relative to the folder named on the command line
    format: str


OFFSETS = ("codepoints", "utf16")  # what --offsets takes


@dataclass
class ImportOptions:
    format: str = "auto"
    encoding: str | None = None
    annotator: str | None = None
    text_column: str = "text"
    lenient: bool = False  # CoNLL: repair broken tags (and say so) instead of refusing
    label_map: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # doccano: how its offsets count ("codepoints" or "utf16"); None: refuse a text where
    # the two differ (characters outside the BMP), since doccano writes either.
    offsets: str | None = None


class Reader(Protocol):
    """What every format's reader is to an import: the records of one source (a file, or a
    brat folder), read with the import's options; notes go into `options.notes`."""

    def __call__(self, source: Source, options: ImportOptions, /) -> Iterator[ImportRecord]: ...


def _read_text(source: Source, options: ImportOptions) -> Iterator[ImportRecord]:
    return read_text_file(source.path, source.name, options.encoding, options.notes)


def _read_jsonl(source: Source, options: ImportOptions) -> Iterator[ImportRecord]:
    records = read_jsonl(source.path, options.encoding, options.annotator, options.notes)
    return _mapped(records, options.label_map) if options.label_map else records


def _read_csv(source: Source, options: ImportOptions) -> Iterator[ImportRecord]:
    return read_csv(source.path, options.encoding, options.text_column, options.notes)


def _read_conll(source: Source, options: ImportOptions) -> Iterator[ImportRecord]:
    conll = ConllOptions(
        options.annotator or "", options.lenient, options.label_map, options.encoding
    )
    return read_conll(source.path, conll, options.notes)


def _read_doccano(source: Source, options: ImportOptions) -> Iterator[ImportRecord]:
    return read_doccano(
        source.path,
        options.annotator,
        options.label_map,
        options.notes,
        encoding=options.encoding,
        offsets=options.offsets,
    )


def _read_label_studio(source: Source, options: ImportOptions) -> Iterator[ImportRecord]:
    # --text-column names Label Studio's data key; left at its default, the reader finds it.
    text_key = options.text_column if options.text_column != "text" else None
    return read_label_studio(
        source.path,
        options.annotator,
        options.label_map,
        options.notes,
        encoding=options.encoding,
        text_key=text_key,
    )


def _read_brat(source: Source, options: ImportOptions) -> Iterator[ImportRecord]:
    return read_brat(
        source.path, options.annotator, options.label_map, options.notes, encoding=options.encoding
    )


# Every import format's reader, in the order the command line lists the formats.
READERS: dict[str, Reader] = {
    "txt": _read_text,
    "jsonl": _read_jsonl,
    "csv": _read_csv,
    "conll": _read_conll,
    "doccano": _read_doccano,
    "labelstudio": _read_label_studio,
    "brat": _read_brat,
}
IMPORT_FORMATS = ("auto", *READERS)
FORMAT_NAMES = ", ".join(READERS)  # for messages and help


def _format_of(path: Path, wanted: str) -> str | None:
    return EXTENSIONS.get(path.suffix.lower()) if wanted == "auto" else wanted


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def find_sources(paths: list[Path], wanted: str = "auto") -> list[Source]:
    """Expand files and folders (recursively, in name order, hidden entries skipped)."""
    if wanted not in IMPORT_FORMATS:
        raise InputError(f"unknown import format {wanted!r}", "bad_format")
    sources: list[Source] = []
    for path in paths:
        if wanted == "brat":  # a brat collection is a folder: its reader walks it
            if not path.is_dir():
                raise InputError(
                    "a brat import needs a folder (.txt + .ann files)", "no_input", str(path)
                )
            sources.append(Source(path, PurePosixPath(path.name), "brat"))
            continue
        if path.is_dir():
            found = []
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = child.relative_to(path)
                fmt = EXTENSIONS.get(child.suffix.lower())
                if wanted in FILE_FORMATS and child.suffix.lower() == FILE_FORMATS[wanted]:
                    fmt = wanted
                # In a folder only known extensions count (not notes, images, .DS_Store...).
                if fmt is None or _hidden(relative) or wanted not in ("auto", fmt):
                    continue
                found.append(Source(child, PurePosixPath(relative.as_posix()), fmt))
            if not found:
                kinds = ", ".join(sorted(EXTENSIONS)) if wanted == "auto" else f"{wanted} files"
                raise InputError(
                    f"no files to import in this folder ({kinds})", "no_input", str(path)
                )
            sources.extend(found)
        elif path.is_file():
            fmt = _format_of(path, wanted)
            if fmt is None:
                raise InputError(
                    f"cannot tell the format from the file name: give --format ({FORMAT_NAMES})",
                    "bad_format",
                    str(path),
                )
            sources.append(Source(path, PurePosixPath(path.name), fmt))
        elif path.exists():
            # A FIFO, a socket or a device: reading one could wait for ever or never end.
            raise InputError(
                "not a regular file or a folder (a pipe, socket or device cannot be imported)",
                "no_input",
                str(path),
            )
        else:
            raise InputError("no such file or folder", "no_input", str(path))
    return sources


def read_source(source: Source, options: ImportOptions) -> Iterator[ImportRecord]:
    return READERS[source.format](source, options)


def _mapped(records: Iterator[ImportRecord], label_map: dict[str, str]) -> Iterator[ImportRecord]:
    for record in records:
        record.spans = [replace(s, label=label_map.get(s.label, s.label)) for s in record.spans]
        yield record


def read_sources(sources: list[Source], options: ImportOptions) -> Iterator[ImportRecord]:
    for source in sources:
        yield from read_source(source, options)
