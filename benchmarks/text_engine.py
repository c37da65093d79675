"""Throughput of the Arabic text engine, and the cost of suggestions on a long document.

    python benchmarks/text_engine.py

1. Tokenization, normalization and sentence splitting in MB/s (UTF-8 bytes) over a 10 MB
   corpus: the real corpora beside the project when present (running text rebuilt from
   AQMAR, NewsFANE and Wojood, plus the seed article), repeated to 10 MB; generated news-style
   text otherwise. Then the clitic vocabulary of 1 MB, and proclitic segmentation of every
   word of 1 MB (no cache by word, unlike an export) with that vocabulary, without and with
   wordfreq's frequencies (when installed; their one-off load is timed too).
2. Suggestions (numbers + lexicon) for a 100,000-character document with a 10,000-entry
   lexicon, in milliseconds.

Each figure is the best of several runs: the machine is shared, and the best run is the one
least disturbed by other work.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from annotator.core import word_frequencies
from annotator.core.arabic import normalize
from annotator.core.clitics import Vocabulary, segment
from annotator.core.sentences import split_sentences
from annotator.core.suggest import Lexicon, suggest
from annotator.core.tokenize import Kind, bounds_array, tokenize

sys.path.insert(0, str(Path(__file__).parent))
from import_speed import ACTORS, PLACES, SOURCES, article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TARGET_BYTES = 10_000_000
RUNS = 3


def corpus_text() -> tuple[str, str]:
    pieces = []
    if (DATA / "seed_article.txt").exists():
        pieces.append((DATA / "seed_article.txt").read_text(encoding="utf-8"))
    for pattern in ("aqmar/*.txt", "newsfane_gold/NewsFANE*.txt", "wojood_sample/*.txt"):
        for path in sorted(DATA.glob(pattern)):
            tokens = []
            for line in path.read_text(encoding="utf-8-sig").splitlines():
                token = line.replace("\t", " ").split(" ")[0]
                if token and token != "$#$":
                    tokens.append(token)
                elif tokens and tokens[-1] != "\n":
                    tokens.append("\n")
            pieces.append(" ".join(tokens))
    source = "the real corpora" if pieces else "generated text"
    if not pieces:
        rng = random.Random(1)
        pieces = [article(rng, n)[0] for n in range(200)]
    base = "\n".join(pieces)
    repeats = TARGET_BYTES // len(base.encode()) + 1
    return (base + "\n") * repeats, source


def best_seconds(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def lexicon_of(size: int, rng: random.Random) -> Lexicon:
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    lexicon = Lexicon()
    for term in ACTORS:
        lexicon.add(term, "ACTOR")
    for term in PLACES:
        lexicon.add(term, "LOCATION")
    for term in SOURCES:
        lexicon.add(term, "SOURCE")
    while len(lexicon) < size:
        words = [
            "".join(rng.choices(letters, k=rng.randint(3, 7))) for _ in range(rng.randint(1, 3))
        ]
        lexicon.add(" ".join(words), rng.choice(["ACTOR", "LOCATION", "SOURCE"]))
    return lexicon


def segmentation(one_megabyte: str) -> None:
    words = [one_megabyte[t.start : t.end] for t in tokenize(one_megabyte) if t.kind is Kind.WORD]
    vocabulary = Vocabulary.from_texts([one_megabyte])
    seconds = best_seconds(lambda: [segment(word, vocabulary) for word in words])
    print(f"{'proclitics, text vocabulary':>28}: {1 / seconds:6.1f} MB/s")
    started = time.perf_counter()
    frequencies = word_frequencies.installed()
    loaded = time.perf_counter() - started
    if frequencies is None:
        print(f"{'proclitics, wordfreq':>28}: not installed (pip install 'annotator[wordfreq]')")
        return
    vocabulary = Vocabulary.from_texts([one_megabyte], frequencies)
    seconds = best_seconds(lambda: [segment(word, vocabulary) for word in words])
    print(
        f"{'proclitics, wordfreq too':>28}: {1 / seconds:6.1f} MB/s, after loading "
        f"{len(frequencies):,} word forms once in {loaded:.1f} s"
    )


def main() -> None:
    text, source = corpus_text()
    megabytes = len(text.encode()) / 1e6
    print(f"corpus: {megabytes:.1f} MB of {source}")
    for name, work in (
        ("tokenize", tokenize),
        ("tokenize, a Token per token", lambda text: list(tokenize(text))),
        ("token offsets (bounds_array)", bounds_array),
        ("normalize", normalize),
        ("sentences (with tokenize)", split_sentences),
    ):
        seconds = best_seconds(lambda work=work: work(text))
        print(f"{name:>28}: {megabytes / seconds:6.1f} MB/s")

    one_megabyte = text[: len(text) * 1_000_000 // len(text.encode())]
    seconds = best_seconds(lambda: Vocabulary.from_texts([one_megabyte]))
    print(f"{'clitic vocabulary (1 MB)':>28}: {1 / seconds:6.1f} MB/s")
    segmentation(one_megabyte)

    rng = random.Random(2)
    document = ""
    while len(document) < 100_000:
        document += article(rng, len(document))[0]
    document = document[:100_000]
    lexicon = lexicon_of(10_000, rng)
    lexicon.find("")  # build the index once, as a session would before the first document
    found = suggest(document, lexicon)
    seconds = best_seconds(lambda: suggest(document, lexicon))
    print(
        f"suggestions: {seconds * 1000:.0f} ms for {len(document):,} characters and a "
        f"{len(lexicon):,}-entry lexicon ({len(found):,} suggestions)"
    )


if __name__ == "__main__":
    main()
