"""Hugging Face style JSONL: one sentence per line, tags as indices into a names list.

    {"id": "hama-1-0", "tokens": ["قال", "المرصد", ...], "ner_tags": [0, 7, ...]}

and beside it OUT.labels.json, the names: ["O", "B-ACTOR", "I-ACTOR", ...], index i being
the tag written as i (what `datasets.ClassLabel(names=...)` takes). Loadable with
`datasets.load_dataset("json", data_files=OUT)`. Tokens and tags are exactly the CoNLL
export's (the same tokenization, boundary splits, clitic option and overlap policy).
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.atomic import atomic_text_writer
from annotator.formats.conll_export import ConllReport, prepare, windows
from annotator.formats.jsonl import write_line
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
) -> ConllReport:
    if overlaps == "columns":
        raise InputError(
            "the Hugging Face format has one tag per token: choose --overlaps outer or inner",
            "bad_overlaps",
        )
    layer, exporter = prepare(project, annotator, gold, scheme, clitics, overlaps)
    names = tag_names([label.name for label in project.labels()], scheme)
    index = {name: i for i, name in enumerate(names)}
    with atomic_text_writer(out) as handle:
        for doc, spans in layer:
            k = 0  # sentences are numbered through the document, across its stretches
            for within, part in windows(doc, spans):
                tagged = exporter.tagged(doc, part, within)
                for a, b in tagged.sentences():
                    write_line(
                        handle,
                        {
                            "id": f"{doc.id}-{k}",
                            "tokens": tagged.tokens[a:b],
                            "ner_tags": [index[t] for t in tagged.columns[0][a:b]],
                        },
                    )
                    k += 1
    with atomic_text_writer(labels_path(out)) as handle:
        handle.write(json.dumps(names, ensure_ascii=False, indent=1) + "\n")
    exporter.report.notes[:0] = layer.notes()
    return exporter.report
