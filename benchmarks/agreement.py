"""Agreement of 3 annotators over 10,000 generated documents (about 2.5 million tokens).

    python benchmarks/agreement.py [--documents N] [--no-others]

The documents are conll_export.py's (two or three generated articles each, about 60 spans).
Annotator a has the generated spans; b and c each differ from a: about 10% of the spans
dropped, 10% with a boundary moved by a word, 5% relabelled, and 5% added. The project is
stored, then timed (best of two runs): reading the compared documents from it, and
`measure`, which computes every figure of `annotator agreement --json`.

Then, on the same token units, NLTK's `AnnotationTask` (alpha and Cohen's kappa averaged
over pairs) and the `krippendorff` package (alpha) are timed and their values printed beside
ours. NLTK is pure Python and slow on millions of units: it runs on the first
`--nltk-documents` documents (default 500) and its time is scaled up, which is said.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from conll_export import records
from peak_memory import measured, peak_kib

from annotator.core.agreement import measure
from annotator.core.agreement.coefficients import MISSING
from annotator.core.agreement.units import build_units
from annotator.core.comparing import compared_documents
from annotator.core.document import DocStatus, Document
from annotator.core.records import ImportRecord
from annotator.core.spans import Span
from annotator.storage import Project
from annotator.storage.importing import import_records

LABELS = ["ACTOR", "LOCATION", "NUMBER", "SOURCE"]
ANNOTATORS = ["a", "b", "c"]


def variant(rng: random.Random, text: str, spans: list[dict]) -> list[tuple[int, int, str]]:
    """Another annotator's version of the spans."""
    out = set()
    for s in spans:
        start, end, label = s["start"], s["end"], s["label"]
        roll = rng.random()
        if roll < 0.10:
            continue  # missed
        if roll < 0.20:  # a boundary moved to the next space
            following = text.find(" ", end + 1)
            end = following if following > end else end
        elif roll < 0.25:
            label = rng.choice([x for x in LABELS if x != label])
        out.add((start, end, label))
    for _ in range(max(1, len(spans) // 20)):  # added where the other saw nothing
        start = rng.randrange(0, max(1, len(text) - 6))
        start = text.find(" ", start) + 1
        end = text.find(" ", start)
        if 0 < start < end:
            out.add((start, end, rng.choice(LABELS)))
    # No two spans of one annotator with the same range and label (the project's rule).
    return sorted(out)


def fill(project: Project, count: int) -> None:
    rng = random.Random(11)

    def generate():
        for number, (uid, text, spans) in enumerate(records(count), 1):
            versions = {"a": sorted({(s["start"], s["end"], s["label"]) for s in spans})}
            versions["b"] = variant(rng, text, spans)
            versions["c"] = variant(rng, text, spans)
            for name, version in versions.items():
                yield ImportRecord(
                    Document(uid, text),
                    "generated",
                    number,
                    [Span(s, e, label, name) for s, e, label in version],
                    name,
                    DocStatus.DONE,
                )

    import_records(project, generate())


def best_of(run, repeat: int = 2):
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def whole_command(db: Path, names: list[str], folder: Path) -> tuple[float, int]:
    """(seconds, peak KiB) of the command in a process of its own, as a user runs it."""
    report = folder / "peak.txt"
    command = [sys.executable, "-m", "annotator", "agreement", str(db), "--json",
               "--annotators", ",".join(names)]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(measured(command, report), check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, peak_kib(report)


CROWD_POSTS, CROWD_RATERS, CROWD_PER_POST = 5_000, 3_179, 3


def crowd(project: Project) -> int:
    """A crowd in ToxicSpans' shape: 5,000 short posts, each labelled by three of 3,179
    raters (a few raters do many posts, most a handful), about one span per rater and post.
    Returns the spans stored."""
    rng = random.Random(17)
    raters = [f"rater{k:04d}" for k in range(CROWD_RATERS)]
    weights = [1 / (k + 1) ** 0.8 for k in range(CROWD_RATERS)]
    stored = 0

    def generate():
        nonlocal stored
        for number in range(CROWD_POSTS):
            words = [rng.choice(WORDS) for _ in range(rng.randint(15, 60))]
            text = " ".join(words)
            starts = [0]
            for word in words[:-1]:
                starts.append(starts[-1] + len(word) + 1)
            chosen: set[str] = set()
            while len(chosen) < CROWD_PER_POST:
                chosen.add(rng.choices(raters, weights)[0])
            for name in sorted(chosen):
                spans = set()
                for _ in range(rng.choice((0, 1, 1, 1, 2))):
                    at = rng.randrange(len(words))
                    size = rng.randint(1, 3)
                    last = min(at + size, len(words)) - 1
                    spans.add((starts[at], starts[last] + len(words[last]), rng.choice(LABELS)))
                stored += len(spans)
                yield ImportRecord(
                    Document(f"post-{number}", text),
                    "generated",
                    number + 1,
                    [Span(s, e, label, name) for s, e, label in sorted(spans)],
                    name,
                    DocStatus.IN_PROGRESS,
                )

    import_records(project, generate())
    return stored


WORDS = [
    "قصف",
    "قوات",
    "النظام",
    "حماة",
    "ادلب",
    "المرصد",
    "السوري",
    "قتل",
    "مدنيين",
    "في",
    "امس",
    "الطائرات",
    "الحربية",
    "الروسية",
    "مدينة",
    "ريف",
    "الشمالي",
    "غارة",
    "استهدفت",
    "مصدر",
    "عسكري",
]


def crowd_run(folder: Path) -> None:
    with Project.open(folder / "crowd.db", True) as project:
        started = time.perf_counter()
        spans = crowd(project)
        print(
            f"crowd: {CROWD_POSTS:,} posts, {CROWD_RATERS:,} raters, {CROWD_PER_POST} per post, "
            f"{spans:,} spans (stored in {time.perf_counter() - started:.1f} s)"
        )
        path = project.path
    report = folder / "peak.txt"
    out = folder / "crowd.json"
    command = [sys.executable, "-m", "annotator", "agreement", str(path), "--json",
               "--include-unfinished"]  # fmt: skip
    started = time.perf_counter()
    with out.open("w") as handle:
        subprocess.run(measured(command, report), check=True, stdout=handle)
    seconds = time.perf_counter() - started
    result = json.loads(out.read_text("utf-8"))
    print(
        f"crowd: `annotator agreement DB --json --include-unfinished`, whole process: "
        f"{seconds:.2f} s, peak memory {peak_kib(report) / 1024:.0f} MiB"
    )
    print(
        f"crowd: {len(result['annotators']):,} raters compared, "
        f"{len(result['pairs']):,} pairs that share a post (of "
        f"{CROWD_RATERS * (CROWD_RATERS - 1) // 2:,}), {result['compared']['units']:,} units; "
        f"alpha {result['overall']['krippendorff_alpha']:.4f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--nltk-documents", type=int, default=500)
    parser.add_argument("--no-others", action="store_true", help="skip NLTK and krippendorff")
    parser.add_argument("--crowd", action="store_true", help="only the crowd of raters")
    args = parser.parse_args()
    if args.crowd:
        with tempfile.TemporaryDirectory() as tmp:
            crowd_run(Path(tmp))
        return
    with tempfile.TemporaryDirectory() as tmp, Project.open(Path(tmp) / "a.db", True) as project:
        started = time.perf_counter()
        fill(project, args.documents)
        print(
            f"{args.documents:,} documents, 3 annotators "
            f"(stored in {time.perf_counter() - started:.1f} s)"
        )
        reading, (documents, _) = best_of(lambda: compared_documents(project, ANNOTATORS))
        measuring, report = best_of(lambda: measure(documents, ANNOTATORS, LABELS))
        units = report["compared"]["units"]
        print(
            f"read the compared documents: {reading:.2f} s; measure: {measuring:.2f} s "
            f"({units:,} token units, {sum(report['compared']['spans'].values()):,} spans); "
            f"together {reading + measuring:.2f} s"
        )
        overall = report["overall"]
        print("ours: " + ", ".join(f"{k} {v:.4f}" for k, v in overall.items() if v is not None))
        for names in (ANNOTATORS[:2], ANNOTATORS):
            seconds, peak = whole_command(project.path, names, Path(tmp))
            print(
                f"`annotator agreement DB --json`, {len(names)} annotators, whole process: "
                f"{seconds:.2f} s, peak memory {peak / 1024:.0f} MiB"
            )
        if args.no_others:
            return
        codes = {label: code for code, label in enumerate(LABELS, 1)}
        values = build_units(documents, ANNOTATORS, codes).values
        try:
            import krippendorff
        except ImportError as exc:
            print(f"krippendorff not available: {exc}")
        else:
            reliability = np.where(values.T == MISSING, np.nan, values.T).astype(float)
            seconds, alpha = best_of(
                lambda: krippendorff.alpha(reliability, level_of_measurement="nominal"), 1
            )
            print(f"krippendorff package: alpha {alpha:.4f} in {seconds:.2f} s (units given)")
        try:
            from nltk.metrics.agreement import AnnotationTask
        except ImportError as exc:
            print(f"NLTK not available: {exc}")
            return
        few = measure(documents[: args.nltk_documents], ANNOTATORS, LABELS)
        sub = build_units(documents[: args.nltk_documents], ANNOTATORS, codes).values
        triples = [
            (c, str(u), int(v))
            for u, row in enumerate(sub)
            for c, v in zip(ANNOTATORS, row, strict=True)
        ]

        def nltk_figures():
            task = AnnotationTask(triples)
            return task.alpha(), task.kappa()

        seconds, (alpha, kappa) = best_of(nltk_figures, 1)
        scaled = seconds * len(values) / len(sub)
        print(
            f"NLTK AnnotationTask on the first {args.nltk_documents:,} documents ({len(sub):,} "
            f"units): alpha {alpha:.4f} (ours {few['overall']['krippendorff_alpha']:.4f}), "
            f"Cohen's kappa {kappa:.4f} (ours {few['overall']['cohen_kappa']:.4f}) in "
            f"{seconds:.2f} s: about {scaled:.0f} s for all {len(values):,} units"
        )


if __name__ == "__main__":
    main()
