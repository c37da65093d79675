"""A run of documents written at once (formats/conll_runs.py) gives the bytes and the report
the tagger gives a document at a time."""

from bisect import bisect_left
from dataclasses import asdict, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.document import Document
from annotator.formats import conll_runs
from annotator.formats.conll_export import conll_document
from annotator.formats.conll_runs import conll_run, runs_apply
from annotator.formats.layers import columns_of
from annotator.formats.tagging import Tagger
from annotator.formats.tokenization import TOKENIZATION_KEY, document_sentences

WORDS = ["قال", "المرصد", "وحماة", "12", "3.5", "،", ".", "«", "»", '"', "د.", "x", "😀", "\u200f"]
GAPS = [" ", " ", " ", "\n", "\n\n", "", "\t"]
LABELS = ["ACTOR", "LOCATION", "NUMBER", "SOURCE"]


@st.composite
def documents(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
    text = "".join(word + draw(st.sampled_from(GAPS)) for word in words)
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        if len(text) < 2:
            break
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 20)))
        spans.append((start, end, draw(st.sampled_from(LABELS))))
    # Spans come from the project in order of start and end.
    return text, sorted(spans)


@st.composite
def token_spans(draw):
    """A document with spans on token edges, as nearly every layer has them."""
    words = draw(st.lists(st.sampled_from(WORDS[:7]), min_size=1, max_size=25))
    text, edges = "", []
    for word in words:
        edges.append((len(text), len(text) + len(word)))
        text += word + draw(st.sampled_from(GAPS[:5]))
    spans, k = [], 0
    while k < len(edges):
        length = draw(st.integers(0, 3))
        if length and k + length <= len(edges):
            spans.append((edges[k][0], edges[k + length - 1][1], draw(st.sampled_from(LABELS))))
        k += max(length, 1)
    return text, spans


def _both(pairs):
    pairs = [(replace(doc, rowid=k), spans) for k, (doc, spans) in enumerate(pairs)]
    one_by_one, run = Tagger("iob2", "outer", None, 1), Tagger("iob2", "outer", None, 1)
    expected = "".join(conll_document(one_by_one, doc, spans) for doc, spans in pairs)
    by_tagger = []

    def one_document(tagger, doc, spans):
        by_tagger.append(doc.id)
        return conll_document(tagger, doc, spans)

    docs = [doc for doc, _ in pairs]
    assert conll_run(run, docs, columns_of(pairs), one_document) == expected
    assert asdict(run.report) == asdict(one_by_one.report)
    return by_tagger


def _pairs(drawn):
    return [(Document(f"d{k}", text), spans) for k, (text, spans) in enumerate(drawn)]


@settings(max_examples=200, deadline=None)
@given(st.lists(documents(), max_size=6))
def test_a_run_writes_what_the_tagger_writes_document_by_document(drawn):
    _both(_pairs(drawn))


def _across_sentences(doc, spans):
    ends = [sentence[-1][1] for sentence in document_sentences(doc)]
    return any(bisect_left(ends, start + 1) != bisect_left(ends, end) for start, end, _ in spans)


@settings(max_examples=100, deadline=None)
@given(st.lists(token_spans(), min_size=1, max_size=6))
def test_documents_with_plain_spans_are_written_without_the_tagger(drawn):
    pairs = _pairs(drawn)
    # A span across a sentence break is the tagger's to write (it joins the sentences).
    assert _both(pairs) == [doc.id for doc, spans in pairs if _across_sentences(doc, spans)]


def test_what_is_not_plain_goes_to_the_tagger():
    text = "قال المرصد. وحماة «12» قتيلا"
    pairs = [
        (Document("plain", text), [(0, 3, "SOURCE"), (4, 10, "SOURCE")]),
        (Document("inside a token", text), [(13, 17, "LOCATION")]),  # حماة of وحماة
        (Document("overlap", text), [(0, 10, "SOURCE"), (4, 10, "ACTOR")]),
        (Document("across sentences", text), [(4, 17, "ACTOR")]),
        (
            Document(
                "recorded", "قال", {TOKENIZATION_KEY: {"source": "conll", "sentences": [[[0, 3]]]}}
            ),
            [],
        ),
        (Document("no tokens", "\u200f \n"), []),
        (Document("plain again", text), [(19, 21, "NUMBER")]),
    ]
    assert _both(pairs) == ["inside a token", "overlap", "across sentences", "recorded"]


def test_a_long_document_goes_to_the_tagger_and_the_others_stay_plain(monkeypatch):
    monkeypatch.setattr(conll_runs, "WINDOW_CHARS", 40)
    long = "قال المرصد السوري لحقوق الانسان إن الطائرات قصفت حماة"
    short = "قال المرصد"
    pairs = [
        (Document("long", long), [(44, 48, "ACTOR"), (49, len(long), "LOCATION")]),
        (Document("short", short), [(0, 3, "SOURCE")]),
    ]
    assert _both(pairs) == ["long"]


def test_the_runs_are_for_iob2_without_clitics_in_one_column():
    assert runs_apply(Tagger("iob2", "outer", None, 1))
    assert not runs_apply(Tagger("iob1", "outer", None, 1))
    assert not runs_apply(Tagger("bioes", "outer", None, 1))
    assert not runs_apply(Tagger("iob2", "columns", None, 2))
