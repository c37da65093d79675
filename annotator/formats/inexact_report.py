"""`export --report FILE`: every span a tagged export (CoNLL, Hugging Face, spaCy) could not
write exactly, one JSON line per span with everything that happened to it. The command line
shows the first few; this file holds them all, and a bundle carries it beside gold.conll."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.formats.atomic import atomic_text_writer
from annotator.formats.tagging import ConllReport


def write_inexact(path: Path, report: ConllReport | None) -> int:
    """Write the report (atomically; empty when every span was written exactly, or the
    export was not a tagged one); how many spans it lists."""
    spans = report.inexact_by_span() if report is not None else []
    with atomic_text_writer(path) as handle:
        for span in spans:
            handle.write(json.dumps(span, ensure_ascii=False) + "\n")
    return len(spans)
