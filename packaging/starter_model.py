"""Build the starter model shipped in the package (annotator/core/tagger/starter/): the
tagger trained on openly licensed Arabic NER data, for projects with no spans yet.

    python packaging/starter_model.py [--data FOLDER]

FOLDER holds the public corpora (default: ../shared/data beside the repository): AQMAR
(CC BY-SA 3.0) and the Wojood sample (MIT), read as benchmarks/tagger.py reads them (the
same labels, outer spans and held-out split), with spans starting after a proclitic the
clitic engine is sure of (وحماة -> حماة), as this project's annotators mark them. The F1
stored with the model is measured on the held-out part by a model trained on the rest;
the model shipped is then trained on everything.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.tagger import train  # noqa: E402
from annotator.core.tagger.model import lexicon_of  # noqa: E402
from annotator.core.tagger.starter import INFO, LICENCE, MODEL  # noqa: E402
from benchmarks.tagger import DATA, app_convention, load_split, score  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not (args.data / "aqmar").is_dir() or not (args.data / "wojood_sample").is_dir():
        print(f"starter_model: no corpora in {args.data} (AQMAR and the Wojood sample)")
        return 2
    split = load_split(args.data)
    learnt, held_out = app_convention(split.train), app_convention(split.test)
    scores = score(train(learnt, folds=0), held_out, lexicon_of(learnt))
    articles = sum(1 for d in learnt + held_out if d.name.startswith("aqmar/"))
    shipped = train(
        learnt + held_out,
        folds=0,
        sources=[
            f"AQMAR Arabic Wikipedia NER corpus, {articles} articles (CC BY-SA 3.0)",
            "Wojood nested Arabic NER, public sample (MIT)",
        ],
    )
    info = shipped.info
    info.f1 = scores.per_label()
    info.f1_measured_on = "a held-out part of the corpora (a fifth of AQMAR, Wojood's test)"
    info.starter = True
    MODEL.write_bytes(shipped.data)
    INFO.write_text(json.dumps(info.to_json(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"starter model: {len(shipped.data) // 1024:,} KiB, {info.tokens:,} tokens, {info.spans}")
    print(f"held-out exact-span F1 (trained without the held-out part): {info.f1}")
    print(f"written to {MODEL.parent.relative_to(ROOT)} (licence in {LICENCE.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
