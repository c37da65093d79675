"""Training and prediction: a linear-chain CRF (python-crfsuite) over the pieces of the
text, with BIO tags. The model is bytes (kept in the project file by storage) and what it
was trained on (`ModelInfo`). Nothing is downloaded: the model learns from the spans it is
given."""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

import pycrfsuite

from annotator.core.errors import InputError
from annotator.core.suggest import (
    NUMBER_LABEL,
    Lexicon,
    Source,
    Suggestion,
    attrs_for,
    lexicon_from_spans,
    term_tokens,
)
from annotator.core.tagger.features import FEATURES_VERSION, features
from annotator.core.tagger.pieces import Sequence, Within, sequences, spans_from_tags, tags_for
from annotator.core.tagger.scoring import span_scores

# L1 keeps the model small (most of the millions of candidate features get no weight), L2
# keeps it stable; 100 L-BFGS passes converge on a few hundred thousand tokens. Against
# c1 = c2 = 0.05, these weights give the same F1 on a development split of the corpora with
# half the model's size (benchmarks/tagger.py).
PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}
FOLDS = 3
# Below this a prediction is not suggested: the least probability of its tags. Low, because
# a missed name costs an annotator about seven keys and a wrong suggestion one: suggesting
# down to 0.15 (spans outside the most probable tagging too) saves keys against 0.5
# (benchmarks/tagger.py).
DEFAULT_MIN_SCORE = 0.15
# Half the training sentences are seen without the lexicon: a model that always had it leans
# on it alone and misses every name nobody has labelled yet (the ones it is there to find).
LEXICON_DROPOUT = 0.5
LEXICON_DROPOUT_SEED = 15  # the same sentences each time: training is reproducible


@dataclass(frozen=True)
class TrainingDocument:
    """A text and the spans to learn from: (start, end, label), code-point offsets."""

    text: str
    spans: tuple[tuple[int, int, str], ...]
    name: str = ""


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    label: str
    score: float  # the least marginal probability among the span's tags, in [0, 1]


@dataclass
class ModelInfo:
    labels: list[str]
    documents: int
    sentences: int
    tokens: int
    spans: dict[str, int]
    widened: int  # spans that did not fall on piece boundaries, learnt as the pieces they touch
    f1: dict[str, float]  # exact-span F1 per label, and "all" (empty: not measured)
    folds: int
    seconds: float
    trained_at: str
    sources: list[str] = field(default_factory=list)  # what it learnt from, in words
    starter: bool = False  # the starter model shipped with annotator, not the project's own
    # How `f1` was measured: "3-fold cross-validation", or on a held-out part of a corpus.
    f1_measured_on: str = ""
    features_version: int = FEATURES_VERSION

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ModelInfo:
        return cls(**data)


class Model:
    """A trained tagger. `predict` is safe to call from one thread at a time."""

    def __init__(self, data: bytes, info: ModelInfo):
        if info.features_version != FEATURES_VERSION:
            raise InputError(
                f"the model was trained with features version {info.features_version}, this "
                f"version computes {FEATURES_VERSION}: train it again",
                "model_version",
            )
        self.data = data  # kept as long as the tagger: it reads these bytes, it copies none
        self.info = info
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(data)
        # The labels it has tags for (a label whose spans all lay inside others has none).
        self._labels = sorted({tag[2:] for tag in self._tagger.labels() if tag[:2] == "B-"})

    def predict(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        lexicon: Lexicon | None = None,
        floor: float | None = None,
    ) -> list[Prediction]:
        """Spans predicted in the paragraphs of text[start:end], in text order: the tagging
        the model finds most probable and, with a `floor` above 0, also every other span
        whose tags are each at least that probable (`_candidates`)."""
        found = []
        for sequence in sequences(text, start, end):
            found += self._predict_sequence(text, sequence, lexicon, floor)[0]
        return found

    def suggestions(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        lexicon: Lexicon | None = None,
        min_score: float = DEFAULT_MIN_SCORE,
    ) -> list[Suggestion]:
        """Predictions scored at least `min_score`, spans outside the most probable tagging
        included, as suggestions (source "model"; a NUMBER's value read as a rule-found
        number's is)."""
        return [
            Suggestion(
                p.start,
                p.end,
                p.label,
                attrs_for(p.label, text[p.start : p.end]),
                Source.MODEL,
                p.score,
            )
            for p in self.predict(text, start, end, lexicon, floor=min_score)
            if p.score >= min_score
        ]

    def uncertainty(self, text: str, lexicon: Lexicon | None = None) -> float:
        """How unsure the model is of the document: the mean, over its tokens, of one minus
        the probability of the tag it chose for each (0 = sure of every token). Per token,
        not per sentence: the probability of a whole sentence's tagging falls with its
        length, and long sentences would come first whatever the model knows."""
        total, pieces = 0.0, 0
        for sequence in sequences(text):
            total += self._predict_sequence(text, sequence, lexicon)[1]
            pieces += len(sequence)
        return total / pieces if pieces else 0.0

    def _predict_sequence(
        self, text: str, sequence: Sequence, lexicon: Lexicon | None, floor: float | None = None
    ) -> tuple[list[Prediction], float]:
        """The sequence's predictions, and the sum over its pieces of one minus the
        probability of the tag chosen for each."""
        tagger = self._tagger
        tagger.set(features(text, sequence, lexicon))
        tags = tagger.tag()
        sure = [tagger.marginal(tag, i) for i, tag in enumerate(tags)]
        found = []
        for start, end, label, first, last in spans_from_tags(sequence, tags):
            found.append(Prediction(start, end, label, round(min(sure[first:last]), 4)))
        if floor is not None and floor > 0:  # at 0 every piece would start a span of each label
            found += self._candidates(sequence, floor, {(p.start, p.end, p.label) for p in found})
            found.sort(key=lambda p: (p.start, p.end, p.label))
        return found, len(sure) - sum(sure)

    def _candidates(
        self, sequence: Sequence, floor: float, known: set[tuple[int, int, str]]
    ) -> list[Prediction]:
        """Spans the most probable tagging left out whose tags each have a probability of
        at least `floor`: a B- of a label, then its I-s while they stay that probable. A
        missed name costs an annotator about seven keys and a wrong suggestion one, so a
        name is worth suggesting long before it is likely (benchmarks/tagger.py)."""
        tagger = self._tagger
        found = []
        for label in self._labels:
            begin, inside = f"B-{label}", f"I-{label}"
            for first in range(len(sequence)):
                score = tagger.marginal(begin, first)
                if score < floor:
                    continue
                last = first + 1
                while last < len(sequence) and tagger.marginal(inside, last) >= floor:
                    score = min(score, tagger.marginal(inside, last))
                    last += 1
                key = (sequence[first].start, sequence[last - 1].end, label)
                if key not in known:
                    known.add(key)
                    found.append(Prediction(*key, round(score, 4)))
        return found


class _Item(NamedTuple):
    """One sequence to learn from."""

    document: int  # its text's number: two annotators' layers of one text share it
    sequence: Sequence
    features: list[list[str]]  # what the model learns from (without the lexicon, for some)
    scored: list[list[str]]  # what it is tested on in cross-validation: always with it
    tags: list[str]


@dataclass
class _Prepared:
    """A document cut into sequences, with their tags."""

    document: TrainingDocument
    sequences: list[Sequence]
    tags: list[list[str]]
    widened: int


def _prepare(document: TrainingDocument) -> _Prepared:
    spans = sorted(document.spans)
    cut = sequences(document.text, keep_together=[s[:2] for s in spans])
    within = Within(spans)
    tagged = [tags_for(sequence, within.of(sequence)) for sequence in cut]
    return _Prepared(document, cut, [t for t, _ in tagged], sum(w for _, w in tagged))


class _OtherDocuments:
    """The project lexicon as one document sees it: every labelled name except those only
    this document has. Training on a lexicon that holds each span's own text would teach
    the model that a lexicon match is always right."""

    def __init__(self, lexicon: Lexicon, totals: Counter, own: Counter):
        self._lexicon, self._totals, self._own = lexicon, totals, own

    def __len__(self) -> int:
        return len(self._lexicon)

    def find(self, text: str) -> list[Suggestion]:
        found = []
        for match in self._lexicon.find(text):
            term = term_tokens(text[match.start : match.end])
            if self._totals[term] > self._own[term]:
                found.append(match)
        return found


def _named(document: TrainingDocument) -> Counter:
    """The names `document` labels (numbers are found by rule, not by name), by term."""
    return Counter(
        term_tokens(document.text[start:end])
        for start, end, label in document.spans
        if label != NUMBER_LABEL
    )


def _lexicon_views(documents: list[TrainingDocument], copies: list[int]) -> list[_OtherDocuments]:
    """Each document's view of the lexicon; `copies[i]` is the text of document i (the same
    for two annotators' layers of one text: neither sees the other's names)."""
    lexicon = lexicon_of(documents)
    owns: dict[int, Counter] = {}
    for document, copy in zip(documents, copies, strict=True):
        owns.setdefault(copy, Counter()).update(_named(document))
    totals: Counter = Counter()
    for own in owns.values():
        totals.update(own)
    return [_OtherDocuments(lexicon, totals, owns[copy]) for copy in copies]


def lexicon_of(documents: Iterable[TrainingDocument]) -> Lexicon:
    """The lexicon predictions use: every labelled name of `documents`."""
    return lexicon_from_spans(
        (document.text[start:end], label, 1)
        for document in documents
        for start, end, label in document.spans
        if label != NUMBER_LABEL
    )


def _fit(items: list[tuple[list[list[str]], list[str]]]) -> bytes:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in items:
        trainer.append(xseq, yseq)
    trainer.set_params(PARAMS)
    handle, path = tempfile.mkstemp(suffix=".crfsuite")
    os.close(handle)
    try:
        trainer.train(path)
        with open(path, "rb") as model_file:
            return model_file.read()
    finally:
        os.unlink(path)


def train(
    documents: Iterable[TrainingDocument], *, folds: int = FOLDS, sources: Iterable[str] = ()
) -> Model:
    """A model trained on every span of `documents`, with its cross-validated F1 (texts
    dealt into `folds` folds, every layer of one text in the same fold; sentences instead
    when there are fewer texts than folds; 0 folds skips it)."""
    began = time.monotonic()
    docs = [d for d in documents if d.text]
    prepared = [_prepare(d) for d in docs]
    spans = Counter(label for d in docs for *_, label in d.spans)
    if not spans:
        raise InputError("there are no spans to learn from", "no_training_spans")
    texts: dict[str, int] = {}
    copies = [texts.setdefault(d.text, len(texts)) for d in docs]
    views = _lexicon_views(docs, copies)
    items: list[_Item] = []
    dropping = random.Random(LEXICON_DROPOUT_SEED)
    for p, view, copy in zip(prepared, views, copies, strict=True):
        for sequence, tags in zip(p.sequences, p.tags, strict=True):
            scored = features(p.document.text, sequence, view)
            learnt = scored
            if dropping.random() < LEXICON_DROPOUT:
                learnt = features(p.document.text, sequence, None)
            items.append(_Item(copy, sequence, learnt, scored, tags))
    f1 = _cross_validate(items, len(texts), folds) if folds > 1 else {}
    data = _fit([(item.features, item.tags) for item in items])
    learnt_labels = sorted({tag[2:] for item in items for tag in item.tags if tag != "O"})
    info = ModelInfo(
        labels=learnt_labels,
        documents=len(docs),
        sentences=len(items),
        tokens=sum(len(item.tags) for item in items),
        spans=dict(sorted(spans.items())),
        widened=sum(p.widened for p in prepared),
        f1=f1,
        folds=folds if f1 else 0,
        seconds=round(time.monotonic() - began, 2),
        trained_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sources=list(sources),
        f1_measured_on=f"{folds}-fold cross-validation" if f1 else "",
    )
    return Model(data, info)


def _folds(items: list[_Item], documents: int, folds: int) -> list[int]:
    """The fold of each item: whole texts (every layer of one), the largest first into the
    fold with the fewest tokens so far, so that one long document does not make one fold
    the rest's size; sentences round-robin when there are fewer texts than folds."""
    if documents < folds:
        return [n % folds for n in range(len(items))]
    sizes = [0] * documents
    for item in items:
        sizes[item.document] += len(item.tags)
    filled = [0] * folds
    fold_of_document = [0] * documents
    for document in sorted(range(documents), key=lambda d: (-sizes[d], d)):
        fold = min(range(folds), key=lambda f: (filled[f], f))
        fold_of_document[document] = fold
        filled[fold] += sizes[document]
    return [fold_of_document[item.document] for item in items]


def _cross_validate(items: list[_Item], documents: int, folds: int) -> dict[str, float]:
    fold_of = _folds(items, documents, folds)
    reference, predicted = [], []
    for fold in range(folds):
        kept = [(i.features, i.tags) for i, f in zip(items, fold_of, strict=True) if f != fold]
        if not kept:
            continue
        data = _fit(kept)  # held here: the tagger reads these bytes, it keeps no copy
        tagger = pycrfsuite.Tagger()
        tagger.open_inmemory(data)
        for n, (item, f) in enumerate(zip(items, fold_of, strict=True)):
            if f != fold:
                continue
            guessed = tagger.tag(item.scored)  # as predictions see it: with the lexicon
            reference += [(n, *chunk[:3]) for chunk in spans_from_tags(item.sequence, item.tags)]
            predicted += [(n, *chunk[:3]) for chunk in spans_from_tags(item.sequence, guessed)]
    return span_scores(reference, predicted).per_label()
