"""Every agreement figure for two or more annotators over a set of documents, as one
JSON-ready dictionary (the keys are the README's contract).

Span F1 is measured per pair of annotators, pooled over the documents both annotated:
exact (same start, end and label) and partial (overlapping, same label, matched one to
one). Precision and recall take the pair's first annotator as the reference. The token
coefficients (Cohen's kappa per pair, Fleiss' kappa, Krippendorff's alpha) use the units of
`units.py`. "overall" span F1 and Cohen's kappa are means over the pairs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import combinations, pairwise
from typing import Any

import numpy as np

from annotator.core.agreement.coefficients import (
    cohen_kappa,
    cohen_kappa_by,
    confusion,
    fleiss_kappa,
    krippendorff_alpha_by,
    krippendorff_alpha_nominal,
)
from annotator.core.agreement.matching import MISSED, exact_pairs, overlap_match
from annotator.core.agreement.tables import Compared, SpanTable, Tables, build_tables
from annotator.core.agreement.tally import Tally, tally_of
from annotator.core.agreement.unitizing import label_alpha_u
from annotator.core.agreement.units import units_of


def _figure(value: float) -> float | None:
    """A figure for JSON: None where it is undefined (nan)."""
    return None if np.isnan(value) else float(value)


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return float(np.mean(known)) if known else None


def _ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(bottom > 0, top / np.maximum(bottom, 1), np.nan)


COUNTED = ("a", "b", "exact", "partial")  # spans of a, of b, matched exactly, by overlap
PIECE = 200_000  # spans of a pair matched at a time


def _pieces(a: SpanTable, b: SpanTable, size: int) -> Iterator[tuple[SpanTable, SpanTable]]:
    """Both annotators' spans (each in document order) cut at the same documents into
    pieces of about `size` spans of `a`: spans of different documents never match."""
    cuts = np.unique(a.doc[size::size]) if len(a) > size else a.doc[:0]
    bounds = [None, *cuts.tolist(), None]
    for low, high in pairwise(bounds):
        yield a.between(low, high), b.between(low, high)


class _Pair:
    """Span counts of one pair of annotators, by label and by the documents they share
    (`docs`, in order: a crowd's pair shares a few, and counts the size of every document
    would make the pairs cost pairs times documents)."""

    def __init__(self, tables: Tables, i: int, j: int, labels: int, docs: np.ndarray) -> None:
        self.docs = docs
        self.by_label = {name: np.zeros(labels + 1, dtype=np.int64) for name in COUNTED}
        self.by_document = {name: np.zeros(len(docs), dtype=np.int64) for name in COUNTED}
        self.confusion = np.zeros((labels + 1, labels + 1), dtype=np.int64)
        # A few thousand documents at a time: matching sorts copies of every span it is
        # given, and the counts add up.
        for a, b in _pieces(tables.spans[i], tables.spans[j], PIECE):
            # Only the documents both annotated.
            self._add(a.where(tables.present[a.doc, j]), b.where(tables.present[b.doc, i]))

    def _add(self, a: SpanTable, b: SpanTable) -> None:
        exact_a, _ = exact_pairs(a, b)
        partial_a, partial_b = overlap_match(a, b, same_label=True)
        shared = len(self.docs)
        a_doc, b_doc = np.searchsorted(self.docs, a.doc), np.searchsorted(self.docs, b.doc)
        for name, at in (("a", slice(None)), ("exact", exact_a), ("partial", partial_a)):
            self.by_label[name] += np.bincount(a.label[at], minlength=len(self.by_label[name]))
            self.by_document[name] += np.bincount(a_doc[at], minlength=shared)
        self.by_label["b"] += np.bincount(b.label, minlength=len(self.by_label["b"]))
        self.by_document["b"] += np.bincount(b_doc, minlength=shared)
        self.confusion += _label_confusion(a, b, partial_a, partial_b, len(self.confusion) - 1)

    def figures(self, label: int | None = None) -> dict[str, float | None]:
        """Span F1 exact and partial, precision and recall (a is the reference)."""
        pick = slice(None) if label is None else label
        a, b, exact, partial = (
            int(self.by_label[k][pick].sum()) for k in ("a", "b", "exact", "partial")
        )
        return {
            "span_f1_exact": 2 * exact / (a + b) if a + b else None,
            "span_f1_partial": 2 * partial / (a + b) if a + b else None,
            "precision": exact / b if b else None,
            "recall": exact / a if a else None,
        }

    def f1_by_document(self, kind: str) -> np.ndarray:
        total = self.by_document["a"] + self.by_document["b"]
        return _ratio(2 * self.by_document[kind], total)


def _label_confusion(
    a: SpanTable, b: SpanTable, partial_a: np.ndarray, partial_b: np.ndarray, labels: int
) -> np.ndarray:
    """(label in a, label in b) of spans matched one to one by overlap, the same label
    first; row and column 0 stand for "missed" (the other has nothing there)."""
    matrix = np.zeros((labels + 1, labels + 1), dtype=np.int64)
    np.add.at(matrix, (a.label[partial_a], b.label[partial_b]), 1)
    rest_a = np.ones(len(a), dtype=bool)
    rest_a[partial_a] = False
    rest_b = np.ones(len(b), dtype=bool)
    rest_b[partial_b] = False
    a, b = a.where(rest_a), b.where(rest_b)
    other_a, other_b = overlap_match(a, b, same_label=False)
    np.add.at(matrix, (a.label[other_a], b.label[other_b]), 1)
    missed_a = np.ones(len(a), dtype=bool)
    missed_a[other_a] = False
    missed_b = np.ones(len(b), dtype=bool)
    missed_b[other_b] = False
    np.add.at(matrix, (a.label[missed_a], 0), 1)
    np.add.at(matrix, (0, b.label[missed_b]), 1)
    return matrix


def _token_figures(
    rows: np.ndarray, weights: np.ndarray, tables: list[np.ndarray], annotators: int
) -> dict[str, Any]:
    """Cohen's kappa (the mean over the pairs), Fleiss' kappa and Krippendorff's alpha, from
    each pair's confusion table and the patterns' counts with how many units have each."""
    return {
        "cohen_kappa": _mean([cohen_kappa(table) for table in tables]),
        "fleiss_kappa": fleiss_kappa(rows, annotators, weights),
        "krippendorff_alpha": krippendorff_alpha_nominal(rows, weights),
    }


def _tally(units, tables: Tables, categories: int) -> Tally:
    coders = int(tables.present.sum(axis=1).max()) if len(tables.present) else 0
    return tally_of(units, categories, coders)


def shared_documents(present: np.ndarray) -> dict[tuple[int, int], np.ndarray]:
    """(i, j) -> the documents both annotators i < j annotated, for the pairs that share
    one: a crowd's raters pair up on a few documents each, so this is what the work grows
    with, not every pair of the crowd."""
    documents, annotators = present.shape
    if annotators * (annotators - 1) // 2 * documents <= 50_000_000:  # a team: all at once
        found = {}
        for i, j in combinations(range(annotators), 2):
            docs = np.nonzero(present[:, i] & present[:, j])[0]
            if len(docs):
                found[i, j] = docs
        return found
    by_pair: dict[tuple[int, int], list[int]] = {}
    for doc, row in enumerate(present):
        for pair in combinations(np.nonzero(row)[0].tolist(), 2):
            by_pair.setdefault(pair, []).append(doc)
    return {pair: np.asarray(docs, dtype=np.int64) for pair, docs in sorted(by_pair.items())}


class _PerDocument:
    """Running sums of a figure per document over the pairs, for the mean where defined."""

    def __init__(self, size: int) -> None:
        self.total = np.zeros(size)
        self.count = np.zeros(size)

    def add(self, values: np.ndarray, at: np.ndarray | slice = slice(None)) -> None:
        known = ~np.isnan(values)
        self.total[at] += np.where(known, values, 0.0)
        self.count[at] += known

    def mean(self) -> np.ndarray:
        return _ratio(self.total, self.count)


def measure(
    documents: Sequence[Compared], annotators: Sequence[str], labels: Sequence[str]
) -> dict[str, Any]:
    """The agreement of `annotators` on `documents`, over `labels` (spans of other labels are
    left out: `build_tables`). Pairs of annotators are measured where they share a
    document; a pair that shares none has no figure and no row."""
    if len(annotators) < 2:
        raise ValueError("agreement needs at least two annotators")
    codes = {label: code for code, label in enumerate(labels, 1)}
    categories = len(labels) + 1
    tables = build_tables(documents, annotators, codes)
    size = len(documents)
    shared = shared_documents(tables.present)
    pairs, tables_by_pair, pair_kappas = [], [], []
    exact, partial, kappas = _PerDocument(size), _PerDocument(size), _PerDocument(size)
    # The tokens are found in a thread while the spans are matched and alpha-u computed,
    # which need none: both are mostly numpy, which lets the other thread run meanwhile.
    with ThreadPoolExecutor(1) as tokenizing:
        tokens = tokenizing.submit(tables.tokens)
        for (i, j), docs in shared.items():
            pair = _Pair(tables, i, j, len(labels), docs)
            exact.add(pair.f1_by_document("exact"), docs)
            partial.add(pair.f1_by_document("partial"), docs)
            pair.by_document = {}  # counted: a crowd's pairs keep only their figures
            pairs.append(pair)
        unitizing, joint = label_alpha_u(tables, labels)
        units = units_of(tables, tokens.result())
    for (i, j), docs in shared.items():
        a, b = units.of_documents(i, docs), units.of_documents(j, docs)
        tables_by_pair.append(confusion(a, b, categories))
        pair_kappas.append(cohen_kappa(tables_by_pair[-1]))
        local = (
            units.document  # every document: each unit's own
            if len(docs) == size
            else np.repeat(np.arange(len(docs)), units.first[docs + 1] - units.first[docs])
        )
        kappas.add(cohen_kappa_by(a, b, local, len(docs), categories), docs)
    tally = _tally(units, tables, categories)
    weights = tally.weights()
    pair_rows = [
        {"a": annotators[i], "b": annotators[j], **pair.figures(), "cohen_kappa": kappa}
        for (i, j), pair, kappa in zip(shared, pairs, pair_kappas, strict=True)
    ]
    alphas = _alphas(tally, size)
    return {
        "annotators": list(annotators),
        "labels": list(labels),
        "documents": len(documents),
        "compared": {
            "documents": len(documents),
            "units": len(units.starts),
            "spans": {name: len(t) for name, t in zip(annotators, tables.spans, strict=True)},
        },
        "overall": {
            "span_f1_exact": _mean([p["span_f1_exact"] for p in pair_rows]),
            "span_f1_partial": _mean([p["span_f1_partial"] for p in pair_rows]),
            "cohen_kappa": _mean(pair_kappas),
            "fleiss_kappa": fleiss_kappa(tally.rows, len(annotators), weights),
            "krippendorff_alpha": krippendorff_alpha_nominal(tally.rows, weights),
            "krippendorff_alpha_u": joint,
        },
        "pairs": pair_rows,
        "per_label": _per_label(
            tally.rows, weights, tables_by_pair, labels, pairs, unitizing, len(annotators)
        ),
        "per_document": _per_document(documents, tables, exact, partial, kappas, alphas),
        "confusion": _confusion(pairs, labels),
    }


def _per_label(
    rows: np.ndarray,
    weights: np.ndarray,
    tables: list[np.ndarray],
    labels: Sequence[str],
    pairs: list[_Pair],
    unitizing: dict[str, float | None],
    annotators: int,
) -> dict[str, Any]:
    """For each label: span F1 (mean over pairs), and the token coefficients with that label
    against everything else, which follow from the patterns' counts and the confusion
    tables."""
    out = {}
    coded = rows.sum(axis=1)
    # Units fewer than two annotators coded count for neither kappa nor alpha: drop them once.
    pairable = coded >= 2
    rows, coded, weights = rows[pairable], coded[pairable], weights[pairable]
    for code, label in enumerate(labels, 1):
        binary = np.stack([coded - rows[:, code], rows[:, code]], axis=1)
        figures = [pair.figures(code) for pair in pairs]
        tokens = _token_figures(
            binary, weights, [_binary(table, code) for table in tables], annotators
        )
        out[label] = {
            "span_f1_exact": _mean([f["span_f1_exact"] for f in figures]),
            "span_f1_partial": _mean([f["span_f1_partial"] for f in figures]),
            "cohen_kappa": tokens["cohen_kappa"],
            "fleiss_kappa": tokens["fleiss_kappa"],
            "krippendorff_alpha": tokens["krippendorff_alpha"],
            "krippendorff_alpha_u": unitizing[label],
        }
    return out


def _binary(table: np.ndarray, code: int) -> np.ndarray:
    """A pair's 2 x 2 confusion table of "this label or not", from its full table."""
    both = int(table[code, code])
    only_a = int(table[code].sum()) - both
    only_b = int(table[:, code].sum()) - both
    neither = int(table.sum()) - both - only_a - only_b
    return np.array([[neither, only_b], [only_a, both]])


def _per_document(
    documents: Sequence[Compared],
    tables: Tables,
    exact: _PerDocument,
    partial: _PerDocument,
    kappas: _PerDocument,
    alphas: np.ndarray,
) -> list[dict[str, Any]]:
    size = len(documents)
    exact_f1, partial_f1, kappa = exact.mean(), partial.mean(), kappas.mean()
    spans = sum(np.bincount(t.doc, minlength=size) for t in tables.spans)
    return [
        {
            "id": d.id,
            "spans": int(spans[k]),
            "span_f1_exact": _figure(exact_f1[k]),
            "span_f1_partial": _figure(partial_f1[k]),
            "cohen_kappa": _figure(kappa[k]),
            "krippendorff_alpha": _figure(alphas[k]),
        }
        for k, d in enumerate(documents)
    ]


def _confusion(pairs: list[_Pair], labels: Sequence[str]) -> dict[str, Any]:
    """Matched spans' labels, summed over the pairs: rows the first annotator's label,
    columns the second's, with "missed" for a span the other annotator has nothing for."""
    size = len(labels) + 1
    matrix = sum((pair.confusion for pair in pairs), np.zeros((size, size), dtype=np.int64))
    order = [*range(1, len(labels) + 1), 0]  # "missed" (0 inside) goes last
    return {
        "labels": [*labels, MISSED],
        "matrix": [[int(matrix[r, c]) for c in order] for r in order],
    }


def per_document_alpha(
    documents: Sequence[Compared], annotators: Sequence[str], labels: Sequence[str]
) -> list[float | None]:
    """Krippendorff's alpha of each document's tokens, alone: what ordering documents by
    agreement needs, without the rest of `measure`."""
    codes = {label: code for code, label in enumerate(labels, 1)}
    tables = build_tables(documents, annotators, codes)
    units = units_of(tables)
    alphas = _alphas(_tally(units, tables, len(labels) + 1), len(documents))
    return [_figure(alpha) for alpha in alphas]


def _alphas(tally: Tally, documents: int) -> np.ndarray:
    """Krippendorff's alpha of each document's units."""
    return krippendorff_alpha_by(tally.rows[tally.pattern], tally.doc, documents, tally.units)
