"""Hugging Face style JSONL: one sentence per line, tags as indices into a names list.

    {"id": "hama-1-0", "tokens": ["قال", "المرصد", ...], "ner_tags": [0, 7, ...]}

and beside it OUT.labels.json, the names: ["O", "B-ACTOR", "I-ACTOR", ...], index i being
the tag written as i (what `datasets.ClassLabel(names=...)` takes). Loadable with
`datasets.load_dataset("json", data_files=OUT)`. Tokens and tags are exactly the CoNLL
export's (the same tokenization, boundary splits, clitic option and overlap policy).
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from annotator.core.document import Document
from annotator.core.errors import InputError
from annotator.formats.atomic import atomic_text_writer
from annotator.formats.conll_export import Settings, write_layer
from annotator.formats.jsonl import json_line
from annotator.formats.tagging import ConllReport, LabelledRange, Tagger, windows
from annotator.storage import Project

PREFIXES = {"iob2": ("B", "I"), "iob1": ("B", "I"), "bioes": ("B", "I", "E", "S")}


def tag_names(labels: list[str], scheme: str) -> list[str]:
    return ["O"] + [f"{prefix}-{label}" for label in labels for prefix in PREFIXES[scheme]]


def labels_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}.labels.json")


def export_hf(
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
    """Write OUT and OUT.labels.json, each atomically. The names are written (not yet in
    place) before the sentences, and the sentences are put in place first, only when whole
    and on disk, then the names: an export that fails or is cancelled (a names file that
    cannot be written, a full disk) leaves both old files, never new sentences beside old
    names. (Between the two renames nothing but the small names file can fail.)
    `workers`: as export_conll's."""
    if overlaps == "columns":
        raise InputError(
            "the Hugging Face format has one tag per token: choose --overlaps outer or inner",
            "bad_overlaps",
        )
    settings = Settings.chosen(project, annotator, gold, scheme, clitics, overlaps)
    names = tag_names([label.name for label in project.labels()], scheme)
    index = {name: i for i, name in enumerate(names)}
    with atomic_text_writer(labels_path(out)) as labels, atomic_text_writer(out) as handle:
        labels.write(json.dumps(names, ensure_ascii=False, indent=1) + "\n")
        return write_layer(project, settings, partial(_sentences, index), handle, workers)


def _sentences(
    index: dict[str, int], tagger: Tagger, doc: Document, spans: list[LabelledRange]
) -> str:
    """One JSON line per sentence of the document, numbered through it, across the
    stretches it is tagged in (`windows`)."""
    lines = []
    for within, part in windows(doc, spans):
        tagged = tagger.tagged(doc, part, within)
        for a, b in tagged.sentences():
            line = {
                "id": f"{doc.id}-{len(lines)}",
                "tokens": tagged.tokens[a:b],
                "ner_tags": [index[t] for t in tagged.columns[0][a:b]],
            }
            lines.append(json_line(line))
    return "".join(lines)
