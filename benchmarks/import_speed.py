"""Import 10,000 generated Arabic news-style documents and print documents/second and peak memory.

    python benchmarks/import_speed.py [--documents N]

Runs the real command (`python -m annotator import`) in a child process, twice: from a folder
of .txt files and from one JSONL file with spans. Wall time includes the interpreter's start;
peak memory is the child's maximum resident set size (benchmarks/peak_memory.py).
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.peak_memory import measured, peak_kib

ACTORS = ["طائرات حربية روسية", "قوات النظام", "جيش الفتح", "جبهة النصرة", "فصائل المعارضة"]
PLACES = ["حماة", "ادلب", "حلب", "لطمين", "مورك", "كفر زيتا", "دارة عزة", "ريف حماة الشمالي"]
SOURCES = ["المرصد السوري لحقوق الانسان", "مصدر عسكري سوري", "التلفزيون الرسمي السوري", "رويترز"]
NUMBERS = ["12", "١٢", "عشرين", "240 الف", "3.5", "١٬٢٣٤"]


def article(rng: random.Random, n: int) -> tuple[str, list[dict]]:
    parts, spans = [], []
    for _ in range(rng.randint(4, 8)):
        sentence = [
            ("وقال ", None),
            (rng.choice(SOURCES), "SOURCE"),
            (" إن ", None),
            (rng.choice(ACTORS), "ACTOR"),
            (" شنت ", None),
            (rng.choice(NUMBERS), "NUMBER"),
            (" غارة على ", None),
            (rng.choice(PLACES), "LOCATION"),
            (f" في اليوم {n}.\n", None),
        ]
        for piece, label in sentence:
            start = sum(len(p) for p in parts)
            parts.append(piece)
            if label:
                spans.append({"start": start, "end": start + len(piece), "label": label})
    return "".join(parts), spans


def run_import(db: Path, source: Path) -> tuple[float, int]:
    """Wall seconds and the peak resident memory in KiB of the import's process."""
    report = db.with_suffix(".peak")
    started = time.perf_counter()
    code = subprocess.call(
        measured([sys.executable, "-m", "annotator", "import", str(db), str(source)], report),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"import of {source} failed with exit code {code}")
    return seconds, peak_kib(report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        plain, annotated = Path(tmp) / "plain.jsonl", Path(tmp) / "annotated.jsonl"
        folder.mkdir()
        chars = spans_total = 0
        with plain.open("w", encoding="utf-8") as out, annotated.open("w", encoding="utf-8") as ann:
            for n in range(args.documents):
                text, spans = article(rng, n)
                chars += len(text)
                spans_total += len(spans)
                (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")
                line = {"id": str(n), "text": text}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                line.update(annotator="bench", spans=spans)
                ann.write(json.dumps(line, ensure_ascii=False) + "\n")
        print(
            f"{args.documents:,} documents, {chars / args.documents:,.0f} characters and "
            f"{spans_total / args.documents:.0f} spans each on average ({spans_total:,} spans)"
        )
        cases = (
            ("txt folder", folder),
            ("jsonl, text only", plain),
            ("jsonl with spans", annotated),
        )
        for number, (name, source) in enumerate(cases):
            seconds, peak_kib = run_import(Path(tmp) / f"{number}.db", source)
            rate = f", {spans_total / seconds:,.0f} spans/s" if source == annotated else ""
            print(
                f"{name:>17}: {args.documents / seconds:8,.0f} documents/s{rate} "
                f"({seconds:.2f} s), peak memory {peak_kib / 1024:.0f} MiB"
            )


if __name__ == "__main__":
    main()
