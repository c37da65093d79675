"""Agreement coefficients, pinned to hand-worked examples and to independent
implementations (scikit-learn, NLTK, the krippendorff package)."""

import itertools
import random
import re

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement import Compared, measure
from annotator.core.agreement.coefficients import (
    MISSING,
    category_counts,
    cohen_kappa,
    confusion,
    fleiss_kappa,
    krippendorff_alpha_nominal,
)
from annotator.core.agreement.matching import MISSED, max_matching, overlap_match, overlap_pairs
from annotator.core.agreement.tables import build_tables
from annotator.core.agreement.unitizing import alpha_u, disagreements, merged, sections
from annotator.core.agreement.units import build_units
from annotator.core.tokenize import bounds

LABELS = ["ACTOR", "LOCATION", "NUMBER", "SOURCE"]
CODES = {label: code for code, label in enumerate(LABELS, 1)}

# -- hand-worked examples -------------------------------------------------------------------


def test_cohen_kappa_by_hand():
    # 50 units: agree on 20 "yes" and 15 "no"; p_o = 0.7, p_e = (25*30 + 25*20) / 50^2 = 0.5.
    assert cohen_kappa(np.array([[20, 5], [10, 15]])) == pytest.approx(0.4)
    assert cohen_kappa(np.array([[7, 0], [0, 0]])) is None  # one category: chance is total
    assert cohen_kappa(np.zeros((2, 2), dtype=int)) is None


def test_fleiss_kappa_on_fleiss_example():
    """Wikipedia's worked example: 10 subjects, 14 raters, 5 categories, kappa 0.210."""
    table = np.array(
        [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ]
    )
    assert fleiss_kappa(table) == pytest.approx(0.20993, abs=1e-5)


# Krippendorff's own example (4 coders, 12 units, missing values): nominal alpha 0.743.
KRIPPENDORFF = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_krippendorff_alpha_on_krippendorffs_example():
    values = np.array([[MISSING if v is None else v for v in row] for row in KRIPPENDORFF]).T
    counts = category_counts(values, 6)
    assert krippendorff_alpha_nominal(counts) == pytest.approx(0.743, abs=5e-4)


# -- against independent implementations ----------------------------------------------------

codes_2d = st.integers(2, 4).flatmap(
    lambda annotators: st.lists(
        st.lists(st.integers(0, 3), min_size=annotators, max_size=annotators),
        min_size=2,
        max_size=40,
    )
)


def _naive_fleiss(rows: list[list[int]], categories: int) -> float:
    """Fleiss (1971) as written in the paper, one unit at a time."""
    n, units = len(rows[0]), len(rows)
    counts = [[row.count(c) for c in range(categories)] for row in rows]
    p_j = [sum(c[j] for c in counts) / (units * n) for j in range(categories)]
    p_i = [(sum(x * x for x in c) - n) / (n * (n - 1)) for c in counts]
    p_bar, p_e = sum(p_i) / units, sum(p * p for p in p_j)
    return (p_bar - p_e) / (1 - p_e)


@settings(max_examples=150, deadline=None)
@given(codes_2d)
def test_coefficients_agree_with_sklearn_nltk_and_krippendorff(rows):
    values = np.array(rows)
    annotators = values.shape[1]
    counts = category_counts(values, 4)
    for i, j in itertools.combinations(range(annotators), 2):
        ours = cohen_kappa(confusion(values[:, i], values[:, j], 4))
        if ours is None:
            continue  # sklearn answers nan (with a warning) where chance agreement is total
        assert ours == pytest.approx(cohen_kappa_score(values[:, i], values[:, j]), abs=1e-9)
    if len(np.unique(values)) < 2:
        assert krippendorff_alpha_nominal(counts) is None
        return
    theirs = krippendorff.alpha(reliability_data=values.T, level_of_measurement="nominal")
    assert krippendorff_alpha_nominal(counts) == pytest.approx(theirs, abs=1e-9)
    task = AnnotationTask(
        [(f"c{c}", f"u{u}", int(v)) for u, row in enumerate(rows) for c, v in enumerate(row)]
    )
    assert krippendorff_alpha_nominal(counts) == pytest.approx(task.alpha(), abs=1e-9)
    assert fleiss_kappa(counts) == pytest.approx(_naive_fleiss(rows, 4), abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(codes_2d, st.data())
def test_alpha_with_missing_values_agrees_with_krippendorff(rows, data):
    values = np.array(rows)
    holes = data.draw(st.lists(st.booleans(), min_size=values.size, max_size=values.size))
    values = np.where(np.array(holes).reshape(values.shape), MISSING, values)
    counts = category_counts(values, 4)
    ours = krippendorff_alpha_nominal(counts)
    pairable = counts[counts.sum(axis=1) >= 2]
    if ours is None:
        assert pairable.shape[0] == 0 or (pairable.sum(axis=0) > 0).sum() < 2
        return
    reliability = np.where(values.T == MISSING, np.nan, values.T).astype(float)
    theirs = krippendorff.alpha(reliability_data=reliability, level_of_measurement="nominal")
    assert ours == pytest.approx(theirs, abs=1e-9)


def _fleiss_or_none(rows: list[list[int]], categories: int) -> float | None:
    """`_naive_fleiss`, None where it is undefined (no units, or a single category)."""
    if not rows or len({v for row in rows for v in row}) < 2:
        return None
    return _naive_fleiss(rows, categories)


def test_fleiss_kappa_by_hand_counts_only_the_units_every_annotator_coded():
    # Complete: (O O X) (X X X) (O O O). 3 units x 3 raters, O 5 times and X 4:
    # P = (1/3 + 1 + 1) / 3 = 7/9, P_e = (25 + 16) / 81, kappa = (63 - 41) / (81 - 41).
    complete = [[0, 0, 1], [1, 1, 1], [0, 0, 0]]
    partial = [[1, MISSING, 0], [MISSING, 1, 1], [0, MISSING, MISSING]]
    values = np.array(complete[:2] + partial[:2] + complete[2:] + partial[2:])
    assert fleiss_kappa(category_counts(values, 2)) == pytest.approx(22 / 40)
    assert _naive_fleiss(complete, 2) == pytest.approx(22 / 40)


@settings(max_examples=120, deadline=None)
@given(codes_2d, st.data())
def test_fleiss_kappa_with_missing_values_is_fleiss_over_the_complete_units(rows, data):
    values = np.array(rows)
    holes = np.array(data.draw(st.lists(st.booleans(), min_size=values.size, max_size=values.size)))
    holes = holes.reshape(values.shape)
    holes[0] = False  # at least one unit every annotator coded
    values = np.where(holes, MISSING, values)
    complete = [row for row, hole in zip(rows, holes, strict=True) if not hole.any()]
    expected = _fleiss_or_none(complete, 4)
    ours = fleiss_kappa(category_counts(values, 4))
    if expected is None:
        assert ours is None
    else:
        assert ours == pytest.approx(expected, abs=1e-9)


# -- units ----------------------------------------------------------------------------------

TEXT = "قصفت قوات النظام بلدة كفرنبل وحماة"


def units_of(spans_by_annotator, annotators=("a", "b")):
    units = build_units([Compared("d", TEXT, spans_by_annotator)], annotators, CODES)
    return units.values, [TEXT[s:e] for s, e in zip(units.starts, units.ends, strict=True)]


def at(part, label):
    start = TEXT.index(part)
    return (start, start + len(part), label)


def test_a_span_inside_a_token_splits_it_into_units():
    values, texts = units_of({"a": [at("حماة", "LOCATION")], "b": [at("وحماة", "LOCATION")]})
    assert texts == ["قصفت", "قوات", "النظام", "بلدة", "كفرنبل", "و", "حماة"]
    loc = CODES["LOCATION"]
    assert values.tolist() == [[0, 0]] * 5 + [[0, loc], [loc, loc]]


def test_nested_spans_give_the_outer_label_and_missing_annotators_are_missing():
    a = [at("بلدة كفرنبل", "LOCATION"), at("كفرنبل", "ACTOR"), at("قوات النظام", "ACTOR")]
    values, _ = units_of({"a": a, "b": None})
    actor, loc = CODES["ACTOR"], CODES["LOCATION"]
    assert values[:, 0].tolist() == [0, actor, actor, loc, loc, 0]
    assert values[:, 1].tolist() == [MISSING] * 6


def test_crossing_spans_fill_what_the_first_leaves():
    a = [at("قوات النظام", "ACTOR"), at("النظام بلدة", "LOCATION")]
    values, _ = units_of({"a": a, "b": []})
    actor, loc = CODES["ACTOR"], CODES["LOCATION"]
    assert values[:, 0].tolist() == [0, actor, actor, loc, 0, 0]


# -- span matching --------------------------------------------------------------------------


def partial_matches(a, b):
    docs = [Compared("d", TEXT, {"a": a, "b": b})]
    tables = build_tables(docs, ["a", "b"], CODES)
    found_a, found_b = overlap_match(*tables.spans, same_label=True)
    assert len(found_a) == len(set(found_a)) and len(found_b) == len(set(found_b))
    return len(found_a)


def test_partial_matching_is_one_to_one():
    whole = [at("قوات النظام", "ACTOR")]
    halves = [at("قوات", "ACTOR"), at("النظام", "ACTOR")]
    assert partial_matches(whole, halves) == 1
    assert partial_matches(halves, whole) == 1
    assert partial_matches(whole, [at("قوات", "LOCATION")]) == 0  # labels must agree
    assert partial_matches([*halves, at("بلدة", "ACTOR")], [*whole, at("بلدة", "ACTOR")]) == 2


def test_the_confusion_matrix_counts_relabels_and_misses():
    a = [at("قوات النظام", "ACTOR"), at("كفرنبل", "LOCATION"), at("حماة", "LOCATION")]
    b = [at("قوات النظام", "ACTOR"), at("كفرنبل", "ACTOR"), at("بلدة", "SOURCE")]
    report = measure([Compared("d", TEXT, {"a": a, "b": b})], ["a", "b"], LABELS)
    names = report["confusion"]["labels"]
    assert names == [*LABELS, MISSED]
    cells = {
        (names[r], names[c]): n
        for r, row in enumerate(report["confusion"]["matrix"])
        for c, n in enumerate(row)
        if n
    }
    assert cells == {
        ("ACTOR", "ACTOR"): 1,
        ("LOCATION", "ACTOR"): 1,
        ("LOCATION", MISSED): 1,
        (MISSED, "SOURCE"): 1,
    }


def _brute_force_matching(edges, right_nodes):
    best = 0
    lefts = range(len(edges))
    for size in range(min(len(edges), right_nodes), 0, -1):
        for chosen in itertools.combinations(lefts, size):
            for rights in itertools.product(*(edges[k] for k in chosen)):
                if len(set(rights)) == size:
                    return size
    return best


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 20), st.integers(1, 6)), max_size=6),
    st.lists(st.tuples(st.integers(0, 20), st.integers(1, 6)), max_size=6),
)
def test_max_matching_is_maximum_and_one_to_one(a, b):
    a = [(s, s + n, "X") for s, n in a]
    b = [(s, s + n, "X") for s, n in b]
    edges = overlap_pairs(a, b, same_label=True)
    for k, found in enumerate(edges):  # the overlap graph is right
        assert sorted(found) == [
            j for j in range(len(b)) if a[k][0] < b[j][1] and b[j][0] < a[k][1]
        ]
    matched = max_matching(edges)
    rights = [m for m in matched if m is not None]
    assert len(rights) == len(set(rights))
    assert all(m in edges[k] for k, m in enumerate(matched) if m is not None)
    assert len(rights) == _brute_force_matching(edges, len(b))
    # All documents at once, with the spans spread over two documents, gives as many.
    half = len(a) // 2, len(b) // 2
    docs = [
        Compared("d1", "x" * 30, {"a": a[: half[0]], "b": b[: half[1]]}),
        Compared("d2", "y" * 30, {"a": a[half[0] :], "b": b[half[1] :]}),
    ]
    tables = build_tables(docs, ["a", "b"], {"X": 1})
    found_a, found_b = overlap_match(*tables.spans, same_label=True)
    separately = sum(
        _brute_force_matching(overlap_pairs(x, y, same_label=True), len(y))
        for x, y in ((a[: half[0]], b[: half[1]]), (a[half[0] :], b[half[1] :]))
    )
    assert len(found_a) == len(set(found_a.tolist())) == separately
    assert len(found_b) == len(set(found_b.tolist()))
    spans_a, spans_b = tables.spans
    assert all(spans_a.doc[i] == spans_b.doc[j] for i, j in zip(found_a, found_b, strict=True))
    assert all(
        spans_a.start[i] < spans_b.end[j] and spans_b.start[j] < spans_a.end[i]
        for i, j in zip(found_a, found_b, strict=True)
    )


# -- the report -----------------------------------------------------------------------------


def test_report_by_hand():
    a = [at("قوات النظام", "ACTOR"), at("حماة", "LOCATION")]
    b = [at("قوات النظام", "ACTOR"), at("وحماة", "LOCATION"), at("بلدة", "LOCATION")]
    report = measure([Compared("d1", TEXT, {"a": a, "b": b})], ["a", "b"], LABELS)
    pair = report["pairs"][0]
    # Exact: 1 of 2 and 3 spans; partial: حماة and وحماة overlap too.
    assert pair["span_f1_exact"] == pytest.approx(2 * 1 / 5)
    assert pair["span_f1_partial"] == pytest.approx(2 * 2 / 5)
    assert (pair["precision"], pair["recall"]) == (pytest.approx(1 / 3), pytest.approx(1 / 2))
    assert report["per_label"]["ACTOR"]["span_f1_exact"] == 1.0
    assert report["per_label"]["NUMBER"]["span_f1_exact"] is None
    assert report["compared"] == {"documents": 1, "units": 7, "spans": {"a": 2, "b": 3}}
    # Units: O ACTOR ACTOR O/LOC O O/LOC LOC -> kappa from its own confusion table.
    values = np.array([[0, 0], [1, 1], [1, 1], [0, 2], [0, 0], [0, 2], [2, 2]])
    expected = cohen_kappa_score(values[:, 0], values[:, 1])
    assert report["overall"]["cohen_kappa"] == pytest.approx(expected)
    assert report["per_document"][0]["id"] == "d1"
    matrix = dict(zip(report["confusion"]["labels"], report["confusion"]["matrix"], strict=True))
    assert matrix["LOCATION"][1] == 1 and matrix[MISSED][1] == 1  # بلدة: only b has it


def test_three_annotators_mean_over_pairs_and_missing_documents():
    a = [at("قوات النظام", "ACTOR")]
    docs = [
        Compared("d1", TEXT, {"a": a, "b": a, "c": [at("قوات", "ACTOR")]}),
        Compared("d2", TEXT, {"a": a, "b": a, "c": None}),  # c did not finish d2
    ]
    report = measure(docs, ["a", "b", "c"], LABELS)
    by_pair = {(p["a"], p["b"]): p for p in report["pairs"]}
    assert by_pair[("a", "b")]["span_f1_exact"] == 1.0
    assert by_pair[("a", "c")]["span_f1_exact"] == 0.0  # d1 only: c has no d2
    assert by_pair[("a", "c")]["span_f1_partial"] == 1.0
    assert report["overall"]["span_f1_exact"] == pytest.approx(1 / 3)
    # Units (6 tokens a document): a and b give O ACTOR ACTOR O O O in both documents, c
    # O ACTOR O O O O in d1 and nothing in d2. Pairable values: n = 6*3 + 6*2 = 30, of them
    # n_O = 21 and n_ACTOR = 9; the one disagreement (ACTOR, ACTOR, O) puts 2*2/(3-1) = 2 in
    # the coincidence matrix off its diagonal: alpha = 1 - 29 * 2 / (30^2 - 21^2 - 9^2).
    assert report["overall"]["krippendorff_alpha"] == pytest.approx(160 / 189)
    reliability = np.array(
        [[0, 1, 1, 0, 0, 0] * 2, [0, 1, 1, 0, 0, 0] * 2, [0, 1, 0, 0, 0, 0] + [np.nan] * 6]
    )
    theirs = krippendorff.alpha(reliability_data=reliability, level_of_measurement="nominal")
    assert report["overall"]["krippendorff_alpha"] == pytest.approx(theirs)
    # Fleiss: d1's units only (c did not code d2's). 6 units x 3 raters, O 13 times and
    # ACTOR 5: P = (5 + 1/3) / 6 = 8/9, P_e = (13^2 + 5^2) / 18^2 = 97/162, kappa = 47/65.
    assert report["overall"]["fleiss_kappa"] == pytest.approx(47 / 65)
    with pytest.raises(ValueError, match="two annotators"):
        measure(docs, ["a"], LABELS)


_WORDS = st.sampled_from(["قصفت", "وحماة", "بلدة", "12", "،", "غارة", "x", "http://a.b/c", "\n"])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(_WORDS, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=3),
    st.data(),
)
def test_units_are_the_tokens_cut_at_every_span_edge(texts, data):
    docs = []
    for k, text in enumerate(texts):
        spans = {}
        for name in ("a", "b"):
            points = data.draw(st.lists(st.integers(0, len(text)), max_size=6))
            pairs = sorted({(min(p, q), max(p, q)) for p, q in itertools.pairwise(points)})
            spans[name] = [(s, e, "ACTOR") for s, e in pairs if s < e]
        docs.append(Compared(f"d{k}", text, spans))
    tables = build_tables(docs, ["a", "b"], CODES)
    units = build_units(docs, ["a", "b"], CODES)
    starts, ends = units.starts.tolist(), units.ends.tolist()
    token_starts, token_ends = tables.tokens()
    tokens = list(zip(token_starts.tolist(), token_ends.tolist(), strict=True))
    # The documents, tokenized together, have each their own tokens, on the shared line.
    own = [
        (s + int(base), e + int(base))
        for doc, base in zip(docs, tables.base, strict=True)
        for s, e in zip(*bounds(doc.text), strict=True)
    ]
    assert tokens == own
    # Units are in order, inside tokens, and together cover exactly the tokens' characters.
    assert all(s < e for s, e in zip(starts, ends, strict=True))
    assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))
    covered = {x for s, e in zip(starts, ends, strict=True) for x in range(s, e)}
    assert covered == {x for s, e in tokens for x in range(s, e)}
    assert all(
        any(ts <= s and e <= te for ts, te in tokens) for s, e in zip(starts, ends, strict=True)
    )
    # No span edge falls strictly inside a unit.
    edges = {x for t in tables.spans for x in (*t.start.tolist(), *t.end.tolist())}
    assert not any(s < x < e for x in edges for s, e in zip(starts, ends, strict=True))


# -- unitizing alpha ------------------------------------------------------------------------


def _partition(units, length):
    starts = np.array([s for s, _ in units], dtype=np.int64)
    ends = np.array([e for _, e in units], dtype=np.int64)
    return sections(starts, ends, length)


def test_alpha_u_on_krippendorffs_example():
    """Krippendorff (2004): a continuum of 300 (150-450), two observers, categories c and k.
    His figures: observed 0.0144 and expected 0.0532 for c (alpha 0.7285 unrounded), k in
    full agreement (expected 0.0490), and 0.8587 jointly."""

    def part(units):
        return _partition([(start - 150, start - 150 + n) for start, n in units], 300)

    c = [part([(225, 70), (370, 30)]), part([(220, 80), (355, 20), (400, 20)])]
    k = [part([(180, 60), (300, 50)]), part([(180, 60), (300, 50)])]
    observed_c, expected_c = disagreements(c, 300)
    observed_k, expected_k = disagreements(k, 300)
    assert observed_c == pytest.approx(0.0144, abs=5e-5)
    assert expected_c == pytest.approx(0.0532, abs=5e-5)
    assert alpha_u(observed_c, expected_c) == pytest.approx(0.7285, abs=1e-4)
    assert (observed_k, alpha_u(observed_k, expected_k)) == (0.0, 1.0)
    assert expected_k == pytest.approx(0.0490, abs=5e-5)
    joint = alpha_u(observed_c + observed_k, expected_c + expected_k)
    assert joint == pytest.approx(0.8587, abs=1e-4)


def _naive_disagreements(partitions, length):
    """The 2004 paper's sums written out, one pair of sections at a time."""
    m = len(partitions)
    found = [list(zip(*(p.tolist() for p in part), strict=True)) for part in partitions]
    observed = 0.0
    for x in range(m):
        for y in range(m):
            if x == y:
                continue
            for b1, e1, unit1 in found[x]:
                for b2, e2, unit2 in found[y]:
                    l1, l2, diff = e1 - b1, e2 - b2, b1 - b2
                    if unit1 and unit2 and -l1 < diff < l2:
                        observed += diff**2 + (e1 - e2) ** 2
                    elif unit1 and not unit2 and 0 <= diff <= l2 - l1:
                        observed += l1**2
                    elif not unit1 and unit2 and l2 - l1 <= diff <= 0:
                        observed += l2**2
    observed /= m * (m - 1) * length**2
    units = [e - b for part in found for b, e, unit in part if unit]
    gaps = [e - b for part in found for b, e, unit in part if not unit]
    top = sum(
        (len(units) - 1) / 3 * (2 * u**3 - 3 * u**2 + u)
        + u**2 * sum(g - u + 1 for g in gaps if g >= u)
        for u in units
    )
    bottom = m * length * (m * length - 1) - sum(u * (u - 1) for u in units)
    return observed, top * 2 / length / bottom


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 60), st.integers(1, 9)), min_size=1, max_size=5),
        min_size=2,
        max_size=3,
    )
)
def test_alpha_u_agrees_with_the_papers_sums_written_out(annotators):
    length = 80
    partitions = []
    for units in annotators:
        starts = np.array([s for s, _ in units])
        ends = np.array([s + n for s, n in units])
        partitions.append(sections(*merged(starts, ends), length))
    ours = disagreements(partitions, length)
    assert ours == pytest.approx(_naive_disagreements(partitions, length), rel=1e-9, abs=1e-12)


def test_alpha_u_in_the_report():
    a = [at("قوات النظام", "ACTOR"), at("حماة", "LOCATION")]
    same = measure([Compared("d", TEXT, {"a": a, "b": list(a)})], ["a", "b"], LABELS)
    assert same["overall"]["krippendorff_alpha_u"] == 1.0
    assert same["per_label"]["ACTOR"]["krippendorff_alpha_u"] == 1.0
    assert same["per_label"]["NUMBER"]["krippendorff_alpha_u"] is None  # nobody used it
    b = [at("قوات", "ACTOR"), at("وحماة", "LOCATION")]
    differ = measure([Compared("d", TEXT, {"a": a, "b": b})], ["a", "b"], LABELS)
    assert differ["overall"]["krippendorff_alpha_u"] < 1.0
    # A document only one of them annotated does not count: the same figure as without it.
    both = measure(
        [Compared("d", TEXT, {"a": a, "b": b}), Compared("e", TEXT + ".", {"a": a, "b": None})],
        ["a", "b"],
        LABELS,
    )
    assert both["overall"]["krippendorff_alpha_u"] == differ["overall"]["krippendorff_alpha_u"]


# -- the report against independent computations -------------------------------------------

_USED = LABELS[:3]  # SOURCE is never used: its figures are all undefined


@st.composite
def _projects(draw):
    """2-3 annotators over 1-3 documents. Each annotator takes some of a document's shared
    candidate spans (now and then relabelled) and adds a few of their own; after the first
    document, which everybody annotated, any of them may have left a document out."""
    annotators = ["a", "b", "c"][: draw(st.integers(2, 3))]
    docs = []
    for k in range(draw(st.integers(1, 3))):
        # A word first: every document has a unit (so the first, everybody's, has one).
        words = [draw(st.sampled_from(["قصفت", "وحماة", "12", "x"]))]
        text = " ".join(words + draw(st.lists(_WORDS, max_size=7)))

        def spans(size, text=text):
            drawn = st.tuples(st.integers(0, len(text)), st.integers(1, 12), st.sampled_from(_USED))
            found = draw(st.lists(drawn, max_size=size))
            return [(s, min(s + n, len(text)), label) for s, n, label in found if s < len(text)]

        shared = spans(5)
        by_annotator = {}
        for name in annotators:
            if k > 0 and draw(st.integers(0, 3)) == 0:
                by_annotator[name] = None
                continue
            taken = [span for span in shared if draw(st.booleans())]
            relabel = draw(
                st.lists(st.sampled_from(_USED), min_size=len(taken), max_size=len(taken))
            )
            taken = [
                (s, e, new if draw(st.integers(0, 4)) == 0 else label)
                for (s, e, label), new in zip(taken, relabel, strict=True)
            ]
            by_annotator[name] = list(dict.fromkeys(taken + spans(2)))  # unique, as stored
        docs.append(Compared(f"d{k}", text, by_annotator))
    return docs, annotators


def _cohen_or_none(a: np.ndarray, b: np.ndarray) -> float | None:
    """scikit-learn's kappa, None where it is undefined (sklearn warns and gives nan)."""
    if len(a) == 0 or len(set(a.tolist()) | set(b.tolist())) < 2:
        return None
    return float(cohen_kappa_score(a, b))


def _alpha_or_none(values: np.ndarray) -> float | None:
    """The krippendorff package's nominal alpha of units x annotators values (MISSING for
    missing), None where it is undefined (fewer than two values in pairable units)."""
    coded = values != MISSING
    values = values[coded.sum(axis=1) >= 2]
    present = values[values != MISSING]
    if len(np.unique(present)) < 2:
        return None
    reliability = np.where(values == MISSING, np.nan, values).T.astype(float)
    return float(krippendorff.alpha(reliability_data=reliability, level_of_measurement="nominal"))


def _independent_figures(values: np.ndarray, categories: int) -> dict[str, float | None]:
    """Cohen's kappa (mean over pairs, on units both coded), Fleiss' kappa (units every
    annotator coded) and Krippendorff's alpha of units x annotators values."""
    coded = values != MISSING
    kappas = [
        _cohen_or_none(values[both, i], values[both, j])
        for i, j in itertools.combinations(range(values.shape[1]), 2)
        for both in [coded[:, i] & coded[:, j]]
    ]
    known = [k for k in kappas if k is not None]
    complete = values[coded.all(axis=1)].tolist()
    return {
        "cohen_kappa": float(np.mean(known)) if known else None,
        "fleiss_kappa": _fleiss_or_none(complete, categories),
        "krippendorff_alpha": _alpha_or_none(values),
    }


def _same(ours: dict, expected: dict) -> None:
    for key, value in expected.items():
        if value is None:
            assert ours[key] is None, key
        else:
            assert ours[key] == pytest.approx(value, abs=1e-9), key


@settings(max_examples=120, deadline=None)
@given(_projects())
def test_token_coefficients_overall_and_per_label_agree_with_independent_ones(project):
    docs, annotators = project
    report = measure(docs, annotators, LABELS)
    values = build_units(docs, annotators, CODES).values
    _same(report["overall"], _independent_figures(values, len(LABELS) + 1))
    for label, code in CODES.items():
        # This label against everything else: 1 where the unit's category is the label.
        binary = np.where(values == MISSING, MISSING, (values == code).astype(np.int64))
        _same(report["per_label"][label], _independent_figures(binary, 2))
    assert all(
        report["per_label"]["SOURCE"][key] is None
        for key in ("cohen_kappa", "fleiss_kappa", "krippendorff_alpha")
    )


def test_per_label_coefficients_by_hand():
    # Units: O ACTOR ACTOR O/LOC O O/LOC LOC (test_report_by_hand). LOCATION against the rest
    # is 0 0 0 0/1 0 0/1 1: p_o = 5/7, p_e = (6*4 + 1*3) / 49, kappa = (35 - 27) / (49 - 27).
    a = [at("قوات النظام", "ACTOR"), at("حماة", "LOCATION")]
    b = [at("قوات النظام", "ACTOR"), at("وحماة", "LOCATION"), at("بلدة", "LOCATION")]
    report = measure([Compared("d1", TEXT, {"a": a, "b": b})], ["a", "b"], LABELS)
    location = report["per_label"]["LOCATION"]
    assert location["cohen_kappa"] == pytest.approx(8 / 22)
    # ACTOR against the rest: the same two units for both, full agreement.
    assert report["per_label"]["ACTOR"]["cohen_kappa"] == 1.0
    assert report["per_label"]["ACTOR"]["fleiss_kappa"] == 1.0
    assert report["per_label"]["ACTOR"]["krippendorff_alpha"] == 1.0
    # Alpha: n = 14, n_1 = 4, n_0 = 10, two disagreeing units put 4 off the diagonal:
    # 1 - 13 * 4 / (196 - 16 - 100).
    assert location["krippendorff_alpha"] == pytest.approx(1 - 52 / 80)


# Per document: what the document alone gives overall (means over pairs, as there).
_PER_DOCUMENT = ("span_f1_exact", "span_f1_partial", "cohen_kappa", "krippendorff_alpha")


@settings(max_examples=80, deadline=None)
@given(_projects())
def test_per_document_figures_are_each_documents_own(project):
    docs, annotators = project
    report = measure(docs, annotators, LABELS)
    assert [row["id"] for row in report["per_document"]] == [d.id for d in docs]
    for doc, row in zip(docs, report["per_document"], strict=True):
        alone = measure([doc], annotators, LABELS)
        expected = {key: alone["overall"][key] for key in _PER_DOCUMENT}
        _same(row, expected)
        assert row["spans"] == sum(len(s) for s in doc.spans.values() if s)
        values = build_units([doc], annotators, CODES).values
        figures = _independent_figures(values, len(LABELS) + 1)
        _same(row, {k: figures[k] for k in ("cohen_kappa", "krippendorff_alpha")})


def test_per_document_figures_by_hand():
    a = [at("قوات النظام", "ACTOR"), at("حماة", "LOCATION")]
    b = [at("قوات النظام", "ACTOR"), at("وحماة", "LOCATION"), at("بلدة", "LOCATION")]
    docs = [
        Compared("d1", TEXT, {"a": a, "b": b}),
        Compared("d2", TEXT, {"a": a, "b": list(a)}),
        Compared("d3", TEXT, {"a": a, "b": None}),
    ]
    d1, d2, d3 = measure(docs, ["a", "b"], LABELS)["per_document"]
    # d1 is test_report_by_hand's document.
    values = np.array([[0, 0], [1, 1], [1, 1], [0, 2], [0, 0], [0, 2], [2, 2]])
    assert d1["span_f1_exact"] == pytest.approx(2 / 5)
    assert d1["span_f1_partial"] == pytest.approx(4 / 5)
    assert d1["cohen_kappa"] == pytest.approx(cohen_kappa_score(values[:, 0], values[:, 1]))
    assert d1["spans"] == 5
    assert d2 == {
        "id": "d2",
        "spans": 4,
        "span_f1_exact": 1.0,
        "span_f1_partial": 1.0,
        "cohen_kappa": 1.0,
        "krippendorff_alpha": 1.0,
    }
    # Only a annotated d3: nothing to compare.
    assert d3 == {
        "id": "d3",
        "spans": 2,
        "span_f1_exact": None,
        "span_f1_partial": None,
        "cohen_kappa": None,
        "krippendorff_alpha": None,
    }


def test_fleiss_kappa_is_undefined_when_no_unit_was_coded_by_every_annotator():
    """The README: "Fleiss' kappa over the units every annotator coded". With --unfinished,
    three annotators may each have left a different document out: then no unit has all
    three, and there is no Fleiss' kappa to give."""
    a = [at("قوات", "ACTOR")]
    docs = [
        Compared("d1", TEXT, {"a": a, "b": a, "c": None}),
        Compared("d2", TEXT, {"a": None, "b": a, "c": []}),
    ]
    report = measure(docs, ["a", "b", "c"], LABELS)
    assert report["overall"]["fleiss_kappa"] is None
    assert report["per_label"]["ACTOR"]["fleiss_kappa"] is None


def crowd(posts: int = 120, raters: int = 200, per_post: int = 3, seed: int = 5):
    """Posts each labelled by a few raters of a crowd (ToxicSpans' shape, in small)."""
    rng = random.Random(seed)
    names = [f"r{k}" for k in range(raters)]
    words = ["قصف", "حماة", "قوات", "النظام", "ادلب", "المرصد", "قتل", "مدنيين", "في", "امس"]
    docs = []
    for n in range(posts):
        text = " ".join(rng.choice(words) for _ in range(12))
        starts = [m.start() for m in re.finditer(r"\S+", text)]
        layers = {}
        for name in rng.sample(names, per_post):
            chosen = rng.sample(starts, rng.randint(0, 3))
            layers[name] = [(s, text.index(" ", s) if " " in text[s:] else len(text),
                             rng.choice(LABELS[:2])) for s in sorted(chosen)]  # fmt: skip
        docs.append(Compared(f"p{n}", text, layers))
    return docs, names


def test_a_crowd_is_measured_over_the_pairs_that_share_a_post():
    docs, names = crowd()
    report = measure(docs, names, LABELS)
    shared = {
        tuple(sorted(pair, key=names.index))
        for doc in docs
        for pair in itertools.combinations(doc.spans, 2)
    }
    assert {(row["a"], row["b"]) for row in report["pairs"]} == shared  # not 19,900 pairs
    # Cohen's kappa of each pair, on the tokens of the posts the two share, as sklearn has it.
    units = build_units(docs, names, CODES)
    values = units.values
    for row in report["pairs"][:40]:
        i, j = names.index(row["a"]), names.index(row["b"])
        both = (values[:, i] != MISSING) & (values[:, j] != MISSING)
        a, b = values[both, i], values[both, j]
        expected = cohen_kappa_score(a, b) if len(set(a) | set(b)) > 1 else None
        assert row["cohen_kappa"] == pytest.approx(expected, nan_ok=True)
    # Krippendorff's alpha over every unit, as the krippendorff package computes it.
    reliability = np.where(values.T == MISSING, np.nan, values.T).astype(float)
    assert report["overall"]["krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability, level_of_measurement="nominal")
    )
