"""JSONL -> CoNLL -> import -> JSONL keeps every span the tokens can express, in order, with
its label and characters, and the export's report lists every span it could not keep. The
re-import joins tokens with single spaces, and bidi marks belong to no token, so white space
and bidi marks are the only things that may differ."""

import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotator.core import Document, Span
from annotator.core.records import ImportRecord
from annotator.formats.conll_export import export_conll
from annotator.formats.conll_import import ConllOptions, read_conll
from annotator.storage import Project
from annotator.storage.importing import import_records

WORDS = [
    "قصفت",
    "وحماة",
    "المرصد",
    "١٢",
    "3.5",
    "F16",
    "غارة",
    "،",
    "؟",
    "«",
    "»",
    "بالمدينة",
    "😀",
    "\u200fادلب",
    "قتيلاً",
]
BIDI_MARKS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
GAPS = [" ", " ", " ", "\n", "  ", "\r\n"]


@st.composite
def documents(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
    gaps = [draw(st.sampled_from(GAPS)) for _ in words]
    text = "".join(w + g for w, g in zip(words, gaps, strict=True)).rstrip() or "نص"
    spans, position = [], 0
    while position < len(text) - 1 and len(spans) < 4:
        start = draw(st.integers(position, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 12)))
        if text[start:end].strip() and not text[start].isspace() and not text[end - 1].isspace():
            spans.append((start, end, draw(st.sampled_from(["ACTOR", "LOCATION", "NUMBER"]))))
        position = end + 1
    return text, spans


def squeezed(text: str) -> str:
    # White space and bidi marks belong to no token, so CoNLL carries neither.
    return BIDI_MARKS.sub("", "".join(text.split()))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(documents())
def test_spans_survive_a_conll_round_trip(tmp_path_factory, document):
    text, spans = document
    assume(spans)  # an annotator with no span has nothing to export (and is refused)
    folder = Path(tmp_path_factory.mktemp("rt"))
    with Project.open(folder / "a.db", create=True) as project:
        record = ImportRecord(
            Document("d", text),
            "test",
            spans=[Span(s, e, label, "amira") for s, e, label in spans],
            annotator="amira",
        )
        import_records(project, [record])
        report = export_conll(project, folder / "out.conll", annotator="amira")
    [back] = read_conll(folder / "out.conll", ConllOptions("amira"), [])
    lost = {(s, e, label) for _, s, e, label in report.inexact_spans}
    assert len(lost) == len(report.inexact)  # every listed line names one of the spans
    # Spans not listed come back exactly, in order; a listed one may come back adjusted
    # (an edge moved off a character no token holds) or not at all.
    back_spans = [(squeezed(back.document.text[s.start : s.end]), s.label) for s in back.spans]
    expected = [(squeezed(text[s:e]), label) for s, e, label in spans if (s, e, label) not in lost]
    assert is_subsequence(expected, back_spans)
    assert len(back_spans) <= len(spans)
    assert squeezed(back.document.text) == squeezed(text)


def is_subsequence(items: list, sequence: list) -> bool:
    remaining = iter(sequence)
    return all(any(item == other for other in remaining) for item in items)
