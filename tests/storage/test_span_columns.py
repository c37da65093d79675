"""Spans read as numpy columns are the spans read as tuples, in the same order."""

import random

import pytest

import annotator.storage.span_columns as span_columns
from annotator.core import Document, Span

TEXT = "قصفت قوات النظام بلدة كفرنبل وحماة امس " * 3
LABELS = ["ACTOR", "LOCATION", "NUMBER", "SOURCE"]


def as_tuples(columns):
    return {
        name: [
            (int(d), (s, e, label))
            for d, s, e, label in zip(
                found.doc.tolist(),
                found.start.tolist(),
                found.end.tolist(),
                found.label.tolist(),
                strict=True,
            )
        ]
        for name, found in columns.items()
    }


def as_tuples_read(project, run, names):
    """What the spans read as tuples give, by annotator."""
    return {
        name: [
            (d, span)
            for d, spans in sorted(project.span_ranges_by_document(name, run).items())
            for span in spans
        ]
        for name in names
    }


# 63 bits: one integer a row; 20: too few for that here, two integers a row.
@pytest.mark.parametrize("bits", [63, 20])
def test_columns_hold_every_span_in_the_order_tuples_come(project, monkeypatch, bits):
    monkeypatch.setattr(span_columns, "BITS", bits)
    rng = random.Random(5)
    names = ["amira", "omar", "zaid"]
    rowids = []
    for n in range(12):
        doc = project.add_document(Document(f"d{n}", TEXT + str(n)))
        rowids.append(doc.rowid)
        for name in names[: 1 + n % 3]:
            spans = set()
            for _ in range(rng.randint(0, 6)):
                start = rng.randrange(len(TEXT) - 8)
                if not TEXT[start].isspace():
                    spans.add((start, start + rng.randint(1, 8), rng.choice(LABELS)))
            # Same range with two labels: their order is the labels' order.
            spans.add((3, 9, "SOURCE"))
            spans.add((3, 9, "ACTOR"))
            for start, end, label in spans:
                project.add_span(doc.rowid, Span(start, end, label, name))
    run = range(rowids[2], rowids[9])
    expected = as_tuples_read(project, run, names)
    found = project.span_columns(run, ["omar", "zaid", "amira"])
    assert as_tuples(found) == expected
    assert found["omar"].start.dtype.itemsize == 4  # compact offsets
    # One shared object per label name, not one per span.
    assert len({id(label) for label in found["amira"].label}) <= len(LABELS)
    # Only the names asked for; everyone when none are given.
    assert as_tuples(project.span_columns(run, ["zaid"])) == {"zaid": expected["zaid"]}
    many = ["zaid", *(f"rater{k}" for k in range(600))]  # past SQLite's parameters: no IN
    assert as_tuples(project.span_columns(run, many)) == {"zaid": expected["zaid"]}
    assert set(project.span_columns(None, None)) == set(names)
    assert project.span_columns(run, ["nobody"]) == {}


def test_spans_stored_in_order_or_not_come_out_in_order(project):
    doc = project.add_document(Document("ordered", TEXT))
    for start in (0, 5, 10):  # as an import stores them: nothing to sort
        project.add_span(doc.rowid, Span(start, start + 4, "ACTOR", "omar"))
    run = range(doc.rowid, doc.rowid + 1)
    expected = [(0, 4, "ACTOR"), (5, 9, "ACTOR"), (10, 14, "ACTOR")]
    assert as_tuples(project.span_columns(run)) == {"omar": [(doc.rowid, s) for s in expected]}
    project.add_span(doc.rowid, Span(0, 4, "SOURCE", "omar"))  # stored last, read second
    expected.insert(1, (0, 4, "SOURCE"))
    assert as_tuples(project.span_columns(run)) == {"omar": [(doc.rowid, s) for s in expected]}


@pytest.mark.parametrize("reversed_labels", [False, True])
def test_spans_read_by_document_come_out_by_annotator(project, reversed_labels):
    """Most of the annotators are read from the index by document: their rows come
    document after document and are put back in order of annotator, then of the labels'
    positions (which need not follow their ids)."""
    names = ["amira", "omar", "zaid"]
    rowids = []
    for n in range(5):
        doc = project.add_document(Document(f"d{n}", TEXT + str(n)))
        rowids.append(doc.rowid)
        for name in reversed(names):
            for start, label in ((9, "ACTOR"), (0, "SOURCE"), (0, "ACTOR"), (n, "NUMBER")):
                project.add_span(doc.rowid, Span(start, start + 4, label, name))
    if reversed_labels:
        count = len(project.labels())
        project.db.execute("UPDATE labels SET position = ? - position", [count - 1])
    run = range(rowids[0], rowids[-1] + 1)
    expected = as_tuples_read(project, run, names)
    assert as_tuples(project.span_columns(run, names)) == expected
    assert as_tuples(project.span_columns(run, ["omar", "zaid"])) == {
        name: expected[name] for name in ("omar", "zaid")
    }
