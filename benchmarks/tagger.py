"""The sequence tagger (annotator/core/tagger) on real Arabic corpora: how well it finds
ACTOR and LOCATION spans, what it costs to train and run, and how many keys its suggestions
would save an annotator.

    python benchmarks/tagger.py [--data FOLDER] [--quick]

The corpora are read from ../shared/data beside the repository (or --data) with the project's
own CoNLL reader, lenient (AQMAR's broken tags are repaired). PER, PERS and ORG become
ACTOR, LOC and GPE become LOCATION; every other label is dropped (counted); of nested spans
the outer one is kept, as the tagger is flat. Predictions use the lexicon of the documents
trained on, as the window's do. The split:

- training: AQMAR articles (Arabic Wikipedia, CC BY-SA 3.0; sorted by file name) whose index
  is not a multiple of 5, and Wojood sample train and val (MIT);
- held out: AQMAR articles 0, 5, 10, ... and Wojood sample test.

NewsFANE is not used at all: it splits proclitics into tokens of their own, and its fine
classes do not map cleanly (its Group class, العرب and المسلمين, is a person class in its
ACE-style taxonomy but NORP in Wojood, which is dropped here).

Prints, one figure a line:

1. exact-span F1 on the held-out split (ACTOR, LOCATION, both micro-averaged), overall and
   for its AQMAR and Wojood parts, and with the spans moved after a proclitic as the app's
   annotators mark them; the size of the training split; the 3-fold cross-validated F1 a
   model stores (model.info.f1);
2. training time, the tagging time of a 1,000-token held-out document (median of 7), the
   model's size, the peak memory of a training in a child process;
3. a learning curve: held-out F1 after training on the first 100, 300, 1,000 and 3,000
   training sentences (a sentence is a line of these corpora);
4. a simulated annotator labelling documents of 15 training sentences in turn, the model
   retrained every 10 documents and its predictions offered as suggestions: key presses
   per gold span with no model, in document order, and uncertainty first (and with what
   the window suggests: the names labelled before, from the lexicon, and the model's spans
   scored DEFAULT_MIN_SCORE or more).

--quick simulates only the first 1,500 sentences and skips the cross-validation. Exits with
status 2 and a one-line message when the data folder is not there. Takes about 6 minutes on
the development machine (2 shared cores).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import accumulate
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.suggest import Lexicon
from annotator.core.tagger import Model, Scores, TrainingDocument, span_scores, train
from annotator.core.tagger.model import DEFAULT_MIN_SCORE, lexicon_of
from annotator.core.tagger.pieces import after_proclitics
from annotator.core.tokenize import NOT_WORDS, tokenize
from annotator.formats.sources import ImportOptions, Source, read_source
from benchmarks.peak_memory import measured, peak_kib

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LABELS = ("ACTOR", "LOCATION")
# The corpora's labels that are the project's; the rest (AQMAR's MIS0-MIS3, Wojood's NORP,
# FAC, DATE ...) is dropped: no clear ACTOR or LOCATION.
CORPUS_LABELS = {
    "PER": "ACTOR",
    "PERS": "ACTOR",
    "ORG": "ACTOR",
    "LOC": "LOCATION",
    "GPE": "LOCATION",
}
# Keys per span labelled by hand, in the scripted keyboard session of
# benchmarks/keys_per_span.py (quoted under "Keyboard" in the main README). That script
# drives the real window and prints the figure; it exposes no constant to import.
KEYS_BY_HAND = 7.1
SENTENCES_PER_DOCUMENT = 15  # the simulated annotator's documents
RETRAIN_EVERY = 10  # documents
CURVE = (100, 300, 1_000, 3_000)  # training sentences
AIM_AT = 1_000  # labelled sentences: the aim is half the keys per span from here on
BUCKET = 500  # sentences: keys per span are shown per stretch of this many
SEED = 7
INNER = "inner"


@dataclass
class Split:
    train: list[TrainingDocument]
    test: list[TrainingDocument]  # names start with the corpus: "aqmar/..." or "wojood/..."
    # Spans left out, by (corpus, label); label INNER for an ACTOR or LOCATION inside another.
    dropped: Counter = field(default_factory=Counter)


# Reading the corpora


def outer(spans: list[tuple[int, int, str]]) -> tuple[tuple[int, int, str], ...]:
    """The outer layer of nested spans (the longest first at each start). Spans are mapped
    before this, so an ACTOR inside a dropped DATE or EVENT span is kept."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return tuple(kept)


def read_corpus(path: Path, corpus: str, dropped: Counter) -> list[TrainingDocument]:
    """The documents of one CoNLL file (one per file in these corpora), their spans mapped
    to ACTOR and LOCATION; what is dropped is counted in `dropped`."""
    options = ImportOptions(format="conll", annotator="corpus", lenient=True)
    documents = []
    for record in read_source(Source(path, PurePosixPath(path.name), "conll"), options):
        spans = []
        for span in record.spans:
            if span.label in CORPUS_LABELS:
                spans.append((span.start, span.end, CORPUS_LABELS[span.label]))
            else:
                dropped[corpus, span.label] += 1
        kept = outer(spans)
        dropped[corpus, INNER] += len(spans) - len(kept)
        name = f"{corpus}/{path.name}"
        documents.append(TrainingDocument(record.document.text, kept, name))
    return documents


def load_split(data: Path) -> Split:
    split = Split([], [])
    for index, path in enumerate(sorted((data / "aqmar").glob("*.txt"))):
        held_out = index % 5 == 0
        (split.test if held_out else split.train).extend(read_corpus(path, "aqmar", split.dropped))
    for part in ("train", "val", "test"):
        documents = read_corpus(data / "wojood_sample" / f"{part}.txt", "wojood", split.dropped)
        (split.test if part == "test" else split.train).extend(documents)
    return split


def app_convention(documents: list[TrainingDocument]) -> list[TrainingDocument]:
    """The documents with their spans starting after a proclitic the clitic engine is sure
    of (وحماة -> حماة), as the project's annotators mark them; the corpora tag whole tokens.
    packaging/starter_model.py measures the shipped model this way."""
    return [replace(d, spans=after_proclitics(d.text, d.spans)) for d in documents]


def sentence_count(documents: list[TrainingDocument]) -> int:
    return sum(d.text.count("\n") + 1 for d in documents)


def cut(document: TrainingDocument, size: int) -> list[TrainingDocument]:
    """The document as documents of `size` consecutive lines (sentences), spans shifted. No
    span crosses a line in these corpora: the reader joins sentences with a line break."""
    lines = document.text.split("\n")
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    pieces = []
    for first in range(0, len(lines), size):
        begin, end = starts[first], starts[min(first + size, len(lines))] - 1
        spans = tuple(
            (s - begin, e - begin, label) for s, e, label in document.spans if begin <= s < end
        )
        name = f"{document.name}#{first + 1}"
        pieces.append(TrainingDocument(document.text[begin:end], spans, name))
    return pieces


def annotator_documents(training: list[TrainingDocument]) -> list[TrainingDocument]:
    """The training split as documents of 15 sentences, in a shuffled but fixed order: the
    order the learning curve takes sentences in and the simulated annotator labels them."""
    documents = [piece for d in training for piece in cut(d, SENTENCES_PER_DOCUMENT)]
    random.Random(SEED).shuffle(documents)
    return documents


def first_sentences(documents: list[TrainingDocument], count: int) -> list[TrainingDocument]:
    taken: list[TrainingDocument] = []
    for document in documents:
        left = count - sentence_count(taken)
        if left <= 0:
            break
        taken.append(cut(document, left)[0])
    return taken


# Scoring


def score(
    model: Model, documents: list[TrainingDocument], lexicon: Lexicon, corpus: str = ""
) -> Scores:
    """Exact-span scores of the model's predictions (with the lexicon, as the window makes
    them) on the documents whose name starts with `corpus`."""
    reference, predicted = [], []
    for n, document in enumerate(documents):
        if not document.name.startswith(corpus):
            continue
        reference += [(n, *span) for span in document.spans]
        predictions = model.predict(document.text, lexicon=lexicon)
        predicted += [(n, p.start, p.end, p.label) for p in predictions]
    return span_scores(reference, predicted)


def print_f1(scores: Scores, where: str) -> None:
    for label in LABELS:
        print(f"  {label} F1, {where}: {scores.f1(label):.3f}")
    print(f"  ACTOR+LOCATION F1 (micro), {where}: {scores.f1_of(LABELS):.3f}")


# 1. Accuracy


def accuracy(split: Split, model: Model, quick: bool) -> None:
    print("1. Exact-span F1 on the held-out split, trained on the whole training split")
    print(f"  training split: {sentence_count(split.train):,} sentences (lines)")
    print(f"  training split: {model.info.tokens:,} tokens (the tagger's pieces)")
    print(f"  training split: {model.info.sentences:,} sentences (the tagger's sequences)")
    print(f"  training split: {sum(model.info.spans.values()):,} spans")
    gold = sum(len(d.spans) for d in split.test)
    print(f"  held-out split: {sentence_count(split.test):,} sentences (lines)")
    print(f"  held-out split: {gold:,} spans")
    lexicon = lexicon_of(split.train)
    scores = score(model, split.test, lexicon)
    print_f1(scores, "held out")
    print(f"  precision, held out: {scores.precision():.3f}")
    print(f"  recall, held out: {scores.recall():.3f}")
    print_f1(score(model, split.test, lexicon, "aqmar/"), "AQMAR part (Wikipedia)")
    print_f1(score(model, split.test, lexicon, "wojood/"), "Wojood part (mostly news)")
    learnt, held_out = app_convention(split.train), app_convention(split.test)
    scores = score(train(learnt, folds=0), held_out, lexicon_of(learnt))
    print_f1(scores, "held out, spans after a sure proclitic (the app's way)")
    if quick:
        print("  cross-validated F1: skipped (--quick)")
        return
    # train() deals the documents into 3 folds: the large Wojood train document is a fold's
    # bulk, so the folds are unequal; this is the figure a user sees in the app.
    folded = train(split.train, folds=3)
    for label in LABELS:
        print(f"  {label} F1, 3-fold cross-validated (model.info.f1): {folded.info.f1[label]:.3f}")
    print(f"  all labels F1, 3-fold cross-validated: {folded.info.f1['all']:.3f}")
    print(f"  training with 3-fold cross-validation: {folded.info.seconds:.1f} s")


# 2. Cost


def thousand_tokens(test: list[TrainingDocument]) -> str:
    """About 1,000 tokens of held-out running news text: whole lines of Wojood test."""
    text = next(d.text for d in test if d.name.startswith("wojood/"))
    lines, tokens = [], 0
    for line in text.split("\n"):
        if tokens >= 1_000:
            break
        lines.append(line)
        tokens += len(line.split())
    return "\n".join(lines)


def tagging_ms(model: Model, text: str, lexicon: Lexicon, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        model.predict(text, lexicon=lexicon)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def training_peak(data: Path) -> tuple[int, int]:
    """Peak resident memory in KiB of a child process that reads the corpora and trains
    once (peak_memory.py's go-between, so the parent's pages are not counted), and the
    child's own peak before training, which it prints."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "peak"
        command = [sys.executable, __file__, "--data", str(data), "--train-only"]
        done = subprocess.run(measured(command, report), capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"the training child failed: {done.stderr.strip()}")
        return peak_kib(report), int(done.stdout.split()[-1])


def cost(split: Split, model: Model, seconds: float, data: Path) -> None:
    print("2. Cost of the tagger")
    print(f"  training on the training split: {seconds:.1f} s")
    text = thousand_tokens(split.test)
    lexicon = lexicon_of(split.train)
    words, ms = len(text.split()), tagging_ms(model, text, lexicon)
    print(f"  tagging a {words:,}-token held-out document (median of 7): {ms:.0f} ms")
    print(f"  model size: {len(model.data) / 1024:,.0f} KiB")
    peak, before = training_peak(data)
    print(f"  peak memory of a training (child process): {peak / 1024:.0f} MiB")
    print(f"  of which before training starts (corpora read): {before / 1024:.0f} MiB")


# 3. Learning curve


def learning_curve(split: Split, documents: list[TrainingDocument]) -> None:
    print("3. Learning curve: held-out F1 after the first N training sentences (fixed order)")
    for count in CURVE:
        taken = first_sentences(documents, count)
        model = train(taken, folds=0)
        scores = score(model, split.test, lexicon_of(taken))
        print(f"  {count:,} sentences: {model.info.tokens:,} tokens")
        for label in LABELS:
            print(f"  {count:,} sentences: {label} F1 {scores.f1(label):.3f}")
        print(f"  {count:,} sentences: ACTOR+LOCATION F1 {scores.f1_of(LABELS):.3f}")


# 4. Simulated annotation effort


@dataclass
class Labelled:
    """One document the simulated annotator went through."""

    before: int  # sentences labelled before it
    keys: float  # the most probable tagging's spans suggested, every one
    keys_shown: float  # what the window suggests: the lexicon, the model down to DEFAULT_MIN_SCORE
    spans: int  # gold spans


@dataclass
class Run:
    """What a simulated annotator's run cost, and the model it had at 1,000 sentences."""

    costs: list[Labelled] = field(default_factory=list)
    f1_at_aim: float = 0.0  # held-out ACTOR+LOCATION F1
    sentences_at_aim: int = 0  # the sentences that model learnt from (lines)
    tokens_at_aim: int = 0  # and their tokens


def word_ends(text: str) -> list[int]:
    """Where the words end (punctuation and symbols are no words): the stops of Ctrl+Shift+
    arrow, which moves a selection's end a word at a time."""
    return [t.end for t in tokenize(text) if t.kind not in NOT_WORDS]


def keys_for(document: TrainingDocument, suggestions: set[tuple[int, int, str]]) -> float:
    """Every suggestion costs one key: a right one is accepted, a wrong one rejected, and
    one over exactly a gold span's letters with the wrong label is taken with the right
    label's number, as in the window (benchmarks/keys_per_span.py does the same). A gold
    span that a suggestion starts but ends a word or more off costs that suggestion's key
    (it is rejected) and, from the suggestion, a Ctrl+Shift+arrow per word to the right
    end and the label's number, when that is fewer than by hand. Any other gold span is
    labelled by hand."""
    offered = {(start, end) for start, end, _ in suggestions}
    ends_from: dict[int, list[int]] = {}
    for start, end in offered:
        ends_from.setdefault(start, []).append(end)
    stops = word_ends(document.text)
    keys = float(len(suggestions))
    for start, end, _ in document.spans:
        if (start, end) in offered:
            continue
        cost = KEYS_BY_HAND
        at = bisect_left(stops, end)
        if at < len(stops) and stops[at] == end:
            for other in ends_from.get(start, ()):
                low, high = sorted((other, end))
                presses = bisect_right(stops, high) - bisect_right(stops, low)
                cost = min(cost, presses + 1)
        keys += cost
    return keys


def simulate(
    documents: list[TrainingDocument], test: list[TrainingDocument], uncertain_first: bool
) -> Run:
    """Label `documents` in turn, retraining every 10 documents on all labelled so far and,
    if `uncertain_first`, reordering those left by model.uncertainty (most uncertain first).
    The suggestions use the lexicon of every document labelled so far, as the window's
    does. The figures at 1,000 sentences are those of the first model trained on at least
    that many."""
    left = list(documents)
    done: list[TrainingDocument] = []
    lexicon = Lexicon()
    model: Model | None = None
    run = Run()
    while left:
        document = left.pop(0)
        found = model.predict(document.text, lexicon=lexicon) if model else []
        every = {(p.start, p.end, p.label) for p in found}
        # The window's suggestions: the lexicon's (names labelled before) and the model's.
        offered = lexicon.find(document.text)
        if model:
            offered += model.suggestions(document.text, lexicon=lexicon)
        shown = {s.key() for s in offered}
        keys, keys_shown = keys_for(document, every), keys_for(document, shown)
        run.costs.append(Labelled(sentence_count(done), keys, keys_shown, len(document.spans)))
        done.append(document)
        lexicon.merge(lexicon_of([document]))
        if len(done) % RETRAIN_EVERY or not left:
            continue
        model = train(done, folds=0)
        if not run.tokens_at_aim and sentence_count(done) >= AIM_AT:
            run.f1_at_aim = score(model, test, lexicon).f1_of(LABELS)
            run.sentences_at_aim = sentence_count(done)
            run.tokens_at_aim = model.info.tokens
        if uncertain_first:
            left.sort(key=lambda d: -model.uncertainty(d.text, lexicon))
    return run


def per_span(costs: list[Labelled], shown_only: bool = False) -> float:
    spans = sum(c.spans for c in costs)
    keys = sum(c.keys_shown if shown_only else c.keys for c in costs)
    return keys / spans if spans else 0.0


def effort(split: Split, documents: list[TrainingDocument], quick: bool) -> None:
    if quick:
        documents = first_sentences(documents, 1_500)
    sentences = sentence_count(documents)
    spans = sum(len(d.spans) for d in documents)
    print("4. Simulated annotation: key presses per gold span")
    print(f"  simulated: {len(documents):,} documents of up to {SENTENCES_PER_DOCUMENT} sentences")
    print(f"  simulated: {sentences:,} sentences")
    print(f"  simulated: {spans:,} gold spans")
    print(f"  no model, every span by hand: {KEYS_BY_HAND:.1f} keys per span")
    for name, uncertain_first in (("document order", False), ("uncertainty first", True)):
        started = time.perf_counter()
        run = simulate(documents, split.test, uncertain_first)
        costs = run.costs
        print(f"  {name}, whole run: {per_span(costs):.2f} keys per span")
        last = costs[-1].before
        for low in range(0, last + 1, BUCKET):
            stretch = [c for c in costs if low <= c.before < low + BUCKET]
            high = min(low + BUCKET, last + 1) - 1
            print(
                f"  {name}, documents begun after {low:,}-{high:,} labelled sentences: "
                f"{per_span(stretch):.2f} keys per span"
            )
        after = [c for c in costs if AIM_AT <= c.before < AIM_AT + BUCKET]
        ratio = per_span(after) / KEYS_BY_HAND
        print(
            f"  {name}, after {AIM_AT:,} labelled sentences (the next {BUCKET}): "
            f"{per_span(after):.2f} keys per span ({ratio:.0%} of by hand; the aim is 50%)"
        )
        shown = per_span(after, shown_only=True)
        print(
            f"  {name}, after {AIM_AT:,} labelled sentences, what the window suggests (the "
            f"lexicon, the model down to {DEFAULT_MIN_SCORE}): {shown:.2f} keys per span "
            f"({shown / KEYS_BY_HAND:.0%} of by hand)"
        )
        # The first model trained on 1,000 sentences or more (its tokens: documents of long
        # sentences may come first in uncertainty order).
        print(f"  {name}, the model at {AIM_AT:,}: {run.sentences_at_aim:,} sentences learnt")
        print(f"  {name}, the model at {AIM_AT:,}: {run.tokens_at_aim:,} tokens learnt")
        print(f"  {name}, the model at {AIM_AT:,}: held-out ACTOR+LOCATION F1 {run.f1_at_aim:.3f}")
        print(f"  {name}, simulation time: {time.perf_counter() - started:.0f} s")


def train_only(data: Path) -> None:
    """What the memory child does: read the corpora, print its peak so far, train once."""
    split = load_split(data)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    train(split.train, folds=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--quick", action="store_true", help="a smaller simulation, no CV")
    parser.add_argument("--train-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (args.data / "aqmar").is_dir() or not (args.data / "wojood_sample").is_dir():
        print(f"the corpora are not there: {args.data} (give --data)", file=sys.stderr)
        return 2
    if args.train_only:
        train_only(args.data)
        return 0
    began = time.perf_counter()
    split = load_split(args.data)
    print(f"data: {args.data}")
    for corpus in ("aqmar", "wojood"):
        dropped = [
            (label, n)
            for (source, label), n in split.dropped.most_common()
            if source == corpus and label != INNER
        ]
        labels = ", ".join(label for label, _ in dropped)
        total = sum(n for _, n in dropped)
        print(f"  {corpus} spans dropped for their label: {total:,} ({labels}, most first)")
        inner = split.dropped[corpus, INNER]
        print(f"  {corpus} spans dropped inside another ACTOR or LOCATION span: {inner:,}")
    started = time.perf_counter()
    model = train(split.train, folds=0)
    seconds = time.perf_counter() - started
    accuracy(split, model, args.quick)
    cost(split, model, seconds, args.data)
    documents = annotator_documents(split.train)
    learning_curve(split, documents)
    effort(split, documents, args.quick)
    print(f"whole benchmark: {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
