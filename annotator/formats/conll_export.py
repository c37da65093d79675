"""Export one layer of a project as CoNLL: one token per line, `token<TAB>tag`.

    -DOCSTART-<TAB>O
    <blank line>
    قال<TAB>O
    المرصد<TAB>B-SOURCE
    السوري<TAB>I-SOURCE
    ...
    <blank line after each sentence>

The tokens and their tags are the tagging engine's (`tagging.py`): a token a span boundary
falls inside is split there, and with `clitics="split"` every proclitic the text engine is
confident about is split off too, confirmed by the vocabulary of all exported documents
and, when the optional wordfreq package is installed, by general word frequencies.
Nothing CoNLL cannot hold is dropped silently: the report lists every span not written
exactly and every other change. The documents are those the layer has worked on
(`layers.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO

from annotator.core.clitics import Vocabulary
from annotator.core.document import Document
from annotator.core.errors import InputError
from annotator.core.word_frequencies import installed as installed_frequencies
from annotator.formats.atomic import atomic_text_writer
from annotator.formats.conll_runs import conll_run, runs_apply
from annotator.formats.export_workers import write_runs
from annotator.formats.layers import Layer, choose_layer, layer_notes
from annotator.formats.tagging import (
    DOCSTART,
    ConllReport,
    LabelledRange,
    Tagger,
    line_pieces,
    max_columns,
    windows,
)
from annotator.storage import Project

SCHEMES = ("iob2", "iob1", "bioes")
CLITICS = ("keep", "split")
OVERLAPS = ("outer", "inner", "columns")


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise InputError(
            f"{name} must be one of {', '.join(choices)}, not {value!r}", f"bad_{name}"
        )


def export_conll(
    project: Project,
    out: Path,
    *,
    annotator: str | None = None,
    gold: bool = False,
    scheme: str = "iob2",
    clitics: str = "keep",
    overlaps: str = "outer",
    workers: int | None = None,
) -> ConllReport:
    """Write one layer as CoNLL atomically (the old file stays if anything fails).

    `workers`: processes writing a large layer (`export_workers.write_runs`)."""
    settings = Settings.chosen(project, annotator, gold, scheme, clitics, overlaps)
    with atomic_text_writer(Path(out)) as handle:
        return write_layer(project, settings, conll_document, handle, workers)


# What one document of a layer becomes in a file: its text, made with the tagger's tags.
DocumentText = Callable[[Tagger, Document, list[LabelledRange]], str]


def write_layer(
    project: Project,
    settings: Settings,
    document: DocumentText,
    out: IO[str],
    workers: int | None = None,
) -> ConllReport:
    """Write `document`'s text of each document of the layer to `out`, a run of documents at
    a time (`export_workers.write_runs`: by worker processes when the layer is large, so
    `document` must be picklable); return the report of the whole layer. What CoNLL,
    Hugging Face and spaCy exports share."""
    said = write_runs(project, partial(_layer_run, settings, document), out, workers)
    report = ConllReport(columns=settings.columns)
    untouched = in_progress = 0
    for part, left, unfinished in said:
        report.add(part)
        untouched += left
        in_progress += unfinished
    report.notes[:0] = layer_notes(settings.annotator, untouched, in_progress)
    return report


def _layer_run(
    settings: Settings, document: DocumentText, project: Project, run: range
) -> tuple[str, tuple[ConllReport, int, int]]:
    """The text of one run of documents, its report, and the layer's counts for the notes."""
    layer = Layer(project, settings.annotator, [run])
    tagger = settings.tagger()
    if document is conll_document and runs_apply(tagger):
        text = conll_run(tagger, *layer.run_columns(run), conll_document)
    else:
        text = "".join([document(tagger, doc, spans) for doc, spans in layer])
    return text, (tagger.report, layer.untouched, layer.in_progress)


@dataclass(frozen=True)
class Settings:
    """Everything that decides how each document is written: checked, with the layer
    chosen, and the clitic vocabulary and column count, which need the whole layer."""

    annotator: str | None  # None: the gold layer
    scheme: str
    overlaps: str
    vocabulary: Vocabulary | None
    columns: int

    @classmethod
    def chosen(
        cls,
        project: Project,
        annotator: str | None,
        gold: bool,
        scheme: str,
        clitics: str,
        overlaps: str,
    ) -> Settings:
        _check_choice("scheme", scheme, SCHEMES)
        _check_choice("clitics", clitics, CLITICS)
        _check_choice("overlaps", overlaps, OVERLAPS)
        name = choose_layer(project, annotator, gold)
        vocabulary, columns = None, 1
        if clitics == "split" or overlaps == "columns":
            layer = Layer(project, name)
            if clitics == "split":
                vocabulary = Vocabulary.from_texts(
                    (piece for doc, _ in layer for piece in line_pieces(doc.text)),
                    installed_frequencies(),
                )
            if overlaps == "columns":
                columns = max_columns(layer)
        return cls(name, scheme, overlaps, vocabulary, columns)

    def tagger(self) -> Tagger:
        return Tagger(self.scheme, self.overlaps, self.vocabulary, self.columns)


def conll_document(tagger: Tagger, doc: Document, spans: list[LabelledRange]) -> str:
    """The document in CoNLL: a -DOCSTART- line, then a token and its tags a line, a blank
    line after each sentence."""
    parts = ["\t".join([DOCSTART] + ["O"] * tagger.columns) + "\n\n"]
    for within, part in windows(doc, spans):
        tagged = tagger.tagged(doc, part, within)
        if tagged.tokens:
            rows = list(map("\t".join, zip(tagged.tokens, *tagged.columns, strict=True)))
            parts.append("\n\n".join(["\n".join(rows[a:b]) for a, b in tagged.sentences()]))
            parts.append("\n\n")
    return "".join(parts)


__all__ = [
    "CLITICS",
    "OVERLAPS",
    "SCHEMES",
    "Settings",
    "conll_document",
    "export_conll",
    "write_layer",
]
