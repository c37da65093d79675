"""Every export of a layer, chosen by its format's name: what the command line and the
window both call, so that a format and its options mean the same in both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.conll_export import export_conll
from annotator.formats.export_csv import CsvReport, export_csv
from annotator.formats.export_hf import export_hf
from annotator.formats.export_jsonl import export_jsonl
from annotator.formats.export_spacy import export_spacy
from annotator.formats.tagging import ConllReport
from annotator.storage import Project


@dataclass(frozen=True)
class ExportOptions:
    annotator: str | None = None  # with neither this nor gold: every annotator (our JSONL)
    gold: bool = False
    scheme: str = "iob2"  # CoNLL and Hugging Face
    clitics: str = "keep"  # CoNLL, Hugging Face and spaCy
    overlaps: str = "outer"  # CoNLL and Hugging Face


@dataclass(frozen=True)
class Exported:
    """What an export wrote, for its caller to say."""

    written: int  # lines (our JSONL), spans (CSV) or documents (the tagged formats)
    table: CsvReport | None = None  # CSV
    tagged: ConllReport | None = None  # CoNLL, Hugging Face and spaCy


Export = Callable[[Project, Path, ExportOptions], Exported]


def _jsonl(project: Project, out: Path, options: ExportOptions) -> Exported:
    return Exported(export_jsonl(project, out, options.annotator, options.gold))


def _csv(project: Project, out: Path, options: ExportOptions) -> Exported:
    table = export_csv(project, out, options.annotator, options.gold)
    return Exported(table.rows, table=table)


def _tags(export: Callable[..., ConllReport]) -> Export:
    """CoNLL's or Hugging Face's export: the same options, a tag per token."""

    def written(project: Project, out: Path, options: ExportOptions) -> Exported:
        report = export(
            project,
            out,
            annotator=options.annotator,
            gold=options.gold,
            scheme=options.scheme,
            clitics=options.clitics,
            overlaps=options.overlaps,
        )
        return Exported(report.documents, tagged=report)

    return written


def _spacy(project: Project, out: Path, options: ExportOptions) -> Exported:
    report = export_spacy(
        project, out, annotator=options.annotator, gold=options.gold, clitics=options.clitics
    )
    return Exported(report.documents, tagged=report)


# Every export format, in the order the command line lists them.
EXPORTERS: dict[str, Export] = {
    "jsonl": _jsonl,
    "conll": _tags(export_conll),
    "hf": _tags(export_hf),
    "spacy": _spacy,
    "csv": _csv,
}
EXPORT_FORMATS = tuple(EXPORTERS)


def export_layer(project: Project, out: Path, fmt: str, options: ExportOptions) -> Exported:
    """Write `out` in format `fmt` (one of EXPORT_FORMATS), atomically."""
    export = EXPORTERS.get(fmt)
    if export is None:
        raise InputError(f"unknown export format {fmt!r}", "bad_format")
    return export(project, out, options)
