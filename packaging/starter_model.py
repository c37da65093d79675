"""Build the starter model shipped in the package (annotator/core/tagger/starter/): the
tagger trained on openly licensed Arabic NER data, for projects with no spans yet.

    python packaging/starter_model.py [--data FOLDER]

FOLDER holds the public corpora (default: ../shared/data beside the repository): AQMAR
(CC BY-SA 3.0) and the Wojood sample (MIT). PER/PERS/ORG become ACTOR, LOC/GPE LOCATION;
other labels are left out, and so is the inner span of nested ones (the tagger is flat).
Spans start after a proclitic the clitic engine is sure of (وحماة -> حماة), as this
project's annotators mark them. The F1 stored with the model is measured on a held-out
split (AQMAR's articles 0, 5, 10... and Wojood's test part) by a model trained on the rest;
the model shipped is then trained on everything.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.tagger import TrainingDocument, span_scores, train  # noqa: E402
from annotator.core.tagger.model import lexicon_of  # noqa: E402
from annotator.core.tagger.pieces import after_proclitics  # noqa: E402
from annotator.core.tagger.starter import INFO, LICENCE, MODEL  # noqa: E402
from annotator.formats.sources import ImportOptions, Source, read_source  # noqa: E402

LABELS = {"PER": "ACTOR", "PERS": "ACTOR", "ORG": "ACTOR", "LOC": "LOCATION", "GPE": "LOCATION"}
HELD_OUT_EVERY = 5  # AQMAR articles 0, 5, 10...: the held-out part, with Wojood's test part


def _outer(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def read(path: Path) -> list[TrainingDocument]:
    options = ImportOptions(format="conll", annotator="corpus", lenient=True)
    found = []
    for record in read_source(Source(path, PurePosixPath(path.name), "conll"), options):
        text = record.document.text
        spans = [(s.start, s.end, LABELS[s.label]) for s in record.spans if s.label in LABELS]
        found.append(TrainingDocument(text, after_proclitics(text, _outer(spans)), path.name))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    aqmar = sorted((args.data / "aqmar").glob("*.txt"))
    wojood = args.data / "wojood_sample"
    if not aqmar or not wojood.is_dir():
        print(f"starter_model: no corpora in {args.data} (AQMAR and the Wojood sample)")
        return 2
    articles = [doc for path in aqmar for doc in read(path)]
    parts = {name: read(wojood / f"{name}.txt") for name in ("train", "val", "test")}
    held_out = articles[::HELD_OUT_EVERY] + parts["test"]
    learnt = [d for i, d in enumerate(articles) if i % HELD_OUT_EVERY] + parts["train"]
    learnt += parts["val"]
    model = train(learnt, folds=0)
    lexicon = lexicon_of(learnt)
    reference, predicted = [], []
    for n, doc in enumerate(held_out):
        reference += [(n, *span) for span in doc.spans]
        predicted += [
            (n, p.start, p.end, p.label) for p in model.predict(doc.text, lexicon=lexicon)
        ]
    scores = span_scores(reference, predicted)
    everything = articles + parts["train"] + parts["val"] + parts["test"]
    shipped = train(
        everything,
        folds=0,
        sources=[
            f"AQMAR Arabic Wikipedia NER corpus, {len(articles)} articles (CC BY-SA 3.0)",
            "Wojood nested Arabic NER, public sample (MIT)",
        ],
    )
    info = shipped.info
    info.f1 = scores.per_label()
    info.folds = 0
    MODEL.write_bytes(shipped.data)
    INFO.write_text(json.dumps(info.to_json(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"starter model: {len(shipped.data) // 1024:,} KiB, {info.tokens:,} tokens, {info.spans}")
    print(f"held-out exact-span F1 (trained without the held-out part): {info.f1}")
    print(f"written to {MODEL.parent.relative_to(ROOT)} (licence in {LICENCE.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
