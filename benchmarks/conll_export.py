"""Export 10,000 generated Arabic documents with their spans as CoNLL (IOB2) and as JSONL.

    python benchmarks/conll_export.py [--documents N] [--label-studio-python PYTHON]

The documents are made of `article()` from import_speed.py (two or three articles each, about
250 tokens and 60 spans), stored in a temporary project as one annotator's finished work. Both
exports run as the CLI runs them (one worker process per processor), and again in this
process alone. Time is the best of two runs without tracing; peak memory is
tracemalloc's peak during a third, traced run (Python allocations made by this process: the
workers' own are not traced).

Then `annotator export --format conll` runs as a whole process (interpreter start to exit),
and, given a Python that has label-studio-sdk (`--label-studio-python`; install it in an
environment of its own: it is never a dependency of the annotator), Label Studio's CoNLL 2003
converter on the same spans as a Label Studio JSON export, also a whole process.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from import_speed import article

from annotator.core.document import DocStatus, Document
from annotator.core.records import ImportRecord
from annotator.core.sentence_runs import run_sentence_starts
from annotator.core.spans import Span
from annotator.core.tokenize import bounds_array
from annotator.formats.conll_export import export_conll
from annotator.formats.export_jsonl import export_jsonl
from annotator.formats.export_workers import default_workers
from annotator.storage import Project
from annotator.storage.importing import import_records

ANNOTATOR = "bench"


def document(rng: random.Random, n: int) -> tuple[str, list[dict]]:
    """Two or three generated articles in one document: about 250 tokens."""
    text, spans = "", []
    for _ in range(rng.choice((2, 3))):
        part, part_spans = article(rng, n)
        spans += [
            {**s, "start": s["start"] + len(text), "end": s["end"] + len(text)} for s in part_spans
        ]
        text += part
    return text, spans


def records(count: int) -> list[tuple[str, str, list[dict]]]:
    rng = random.Random(7)
    return [(str(n), *document(rng, n)) for n in range(count)]


def fill(project: Project, docs: list[tuple[str, str, list[dict]]]) -> None:
    def generate():
        for number, (uid, text, spans) in enumerate(docs, 1):
            yield ImportRecord(
                Document(uid, text),
                "generated",
                number,
                [Span(s["start"], s["end"], s["label"], ANNOTATOR) for s in spans],
                ANNOTATOR,
                DocStatus.DONE,
            )

    import_records(project, generate())


def timed(
    run: Callable[[], object], repeat: int = 2, trace: bool = True
) -> tuple[float, object, int]:
    """Best wall time of `repeat` runs, the last result, and tracemalloc's peak of one more."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    if not trace:
        return best, result, 0
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return best, result, peak


# What the comparison runs in the Python that has label-studio-sdk: its CoNLL 2003 converter
# on a Label Studio JSON export, as its `label-studio-converter` command would.
_LABEL_STUDIO = """
import sys
from label_studio_sdk.converter import Converter
labels = "".join(f'<Label value="{name}"/>' for name in ("ACTOR", "LOCATION", "NUMBER", "SOURCE"))
config = (
    f'<View><Labels name="label" toName="text">{labels}</Labels>'
    '<Text name="text" value="$text"/></View>'
)
Converter(config, sys.argv[2]).convert_to_conll2003(sys.argv[1], sys.argv[2], is_dir=False)
"""


def whole_process(command: list[str], repeat: int = 3) -> float:
    """Best wall time of `repeat` runs of a command, from start to exit."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - started)
    return best


def label_studio_tasks(docs: list[tuple[str, str, list[dict]]], path: Path) -> None:
    """The documents and spans as a Label Studio JSON export."""
    with path.open("w", encoding="utf-8") as out:
        json.dump(
            [
                {
                    "id": number,
                    "data": {"text": text},
                    "annotations": [
                        {
                            "id": number,
                            "result": [
                                {
                                    "from_name": "label",
                                    "to_name": "text",
                                    "type": "labels",
                                    "value": {
                                        "start": s["start"],
                                        "end": s["end"],
                                        "text": text[s["start"] : s["end"]],
                                        "labels": [s["label"]],
                                    },
                                }
                                for s in spans
                            ],
                        }
                    ],
                }
                for number, (_, text, spans) in enumerate(docs, 1)
            ],
            out,
            ensure_ascii=False,
        )


def compare_whole_processes(
    docs: list[tuple[str, str, list[dict]]], folder: Path, python: str | None
) -> None:
    """`annotator export --format conll` and Label Studio's converter, each a whole process
    (interpreter start, imports, reading, writing), on the same documents and spans."""
    ours = whole_process(
        [sys.executable, "-m", "annotator", "export", str(folder / "bench.db"),
         str(folder / "cli.conll"), "--format", "conll", "--annotator", ANNOTATOR]
    )  # fmt: skip
    print(f"{'annotator export, whole process':>36}: {ours:6.2f} s")
    if python is None:
        return
    probe = subprocess.run([python, "-c", "import label_studio_sdk.converter"], check=False)
    if probe.returncode:
        print(f"label-studio-sdk is not importable by {python}: no comparison")
        return
    tasks = folder / "label-studio.json"
    label_studio_tasks(docs, tasks)
    theirs = whole_process([python, "-c", _LABEL_STUDIO, str(tasks), str(folder / "ls")])
    written = sum(
        1
        for line in (folder / "ls" / "result.conll").open(encoding="utf-8")
        if line.strip() and not line.startswith("-DOCSTART-")
    )
    print(
        f"{'label-studio-sdk converter, whole process':>36}: {theirs:6.2f} s ({written:,} of "
        f"its own tokens: NLTK Treebank words, no sentences, whole tokens only)\n"
        f"{'ours is faster by':>36}: {theirs / ours:.1f}x"
    )


def worker_memory(path: Path) -> float:
    """Peak resident memory (MiB) of a fresh process writing both exports of every run of
    documents, as a worker does for its share. (tracemalloc does not see other processes,
    and getrusage's figure for children includes the parent's memory at fork time.)"""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_export_alone, str(path)).result()


def _export_alone(path: str) -> float:
    with tempfile.TemporaryDirectory() as tmp, Project.open(path) as project:
        export_conll(project, Path(tmp) / "out.conll", annotator=ANNOTATOR, workers=1)
        export_jsonl(project, Path(tmp) / "out.jsonl", annotator=ANNOTATOR, workers=1)
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 2**10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument(
        "--label-studio-python",
        metavar="PYTHON",
        help="a Python with label-studio-sdk installed (kept apart from the project's "
        "environment), to compare with its CoNLL converter",
    )
    args = parser.parse_args()
    docs = records(args.documents)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Project.open(folder / "bench.db", create=True) as project:
            started = time.perf_counter()
            fill(project, docs)
            spans = sum(len(s) for _, _, s in docs)
            chars = sum(len(t) for _, t, _ in docs)
            print(
                f"{args.documents:,} documents, {chars:,} characters, {spans:,} spans "
                f"(stored in {time.perf_counter() - started:.1f} s)"
            )
            conll, jsonl = folder / "out.conll", folder / "out.jsonl"
            workers = default_workers(args.documents)
            tokens = 0
            for count in (workers, 1):
                processes = f"{count} process{'es' if count > 1 else ''}"
                seconds, report, peak = timed(
                    lambda count=count: export_conll(
                        project, conll, annotator=ANNOTATOR, workers=count
                    )
                )
                tokens = report.tokens
                print(
                    f"{'CoNLL (IOB2)':>14}, {processes}: {seconds:5.2f} s, "
                    f"{tokens / seconds:9,.0f} tokens/s ({tokens:,} tokens, "
                    f"{report.sentences:,} sentences, {len(report.inexact)} inexact spans), "
                    f"peak traced memory {peak / 2**20:.0f} MiB, "
                    f"{conll.stat().st_size / 2**20:.0f} MiB written"
                )
                seconds, lines, peak = timed(
                    lambda count=count: export_jsonl(
                        project, jsonl, annotator=ANNOTATOR, workers=count
                    )
                )
                print(
                    f"{'JSONL':>14}, {processes}: {seconds:5.2f} s, "
                    f"{tokens / seconds:9,.0f} tokens/s ({lines:,} lines), "
                    f"peak traced memory {peak / 2**20:.0f} MiB, "
                    f"{jsonl.stat().st_size / 2**20:.0f} MiB written"
                )
            print(
                f"{'':>26}a worker process's peak resident memory: "
                f"{worker_memory(folder / 'bench.db'):.0f} MiB"
            )
            # What every CoNLL export pays, a run of 500 documents at a time: reading the
            # spans as columns, and the tokens and sentences of the run's joined texts.
            runs = project.document_runs()
            reading, _, _ = timed(
                lambda: [project.span_columns(run, [ANNOTATOR]) for run in runs], trace=False
            )

            def tokens_and_sentences() -> None:
                for run in runs:
                    texts = [doc.text for doc in project.documents(run)]
                    joined = "\n".join(texts)
                    edges = bounds_array(joined)
                    starts, ends = edges[0::2], edges[1::2]
                    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
                    bases = np.concatenate(([0], np.cumsum(lengths[:-1] + 1)))
                    first = np.append(np.searchsorted(starts, bases), len(starts))
                    run_sentence_starts(joined, starts, ends, first)

            tokenizing, _, _ = timed(tokens_and_sentences, trace=False)
            print(
                f"{'in one process':>26}: reading the spans {reading:.2f} s, tokens and "
                f"sentences {tokenizing:.2f} s ({tokens / tokenizing:,.0f} tokens/s)"
            )
            compare_whole_processes(docs, folder, args.label_studio_python)


if __name__ == "__main__":
    main()
