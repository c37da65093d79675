"""Sentence starts of many documents at once (core/sentence_runs.py) are those found a
document at a time."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.sentence_runs import run_sentence_starts
from annotator.core.sentences import sentence_starts
from annotator.core.tokenize import bounds

PIECES = [
    "قال", "المرصد", "e.g", "U.S", "forces", "Dr", "د", "J", "the", "𝐚bc", "3.5",
    ".", "..", "؟", "!", "…", "»", "«", '"', ")", "(", "”", "'", "،",
]  # fmt: skip
GAPS = [" ", " ", "", "\n", " \n", "\n\n", "\t"]


@st.composite
def document(draw):
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
    return "".join(piece + draw(st.sampled_from(GAPS)) for piece in pieces)


def _compare(texts, joiner="\n"):
    joined = joiner.join(texts)
    expected, doc_first, total, base = [], [], 0, 0
    all_starts, all_ends = [], []
    for text in texts:
        starts, ends = bounds(text)
        expected += [total + k for k in sentence_starts(text, starts, ends)]
        doc_first.append(total)
        all_starts += [base + s for s in starts]
        all_ends += [base + e for e in ends]
        total += len(starts)
        base += len(text) + len(joiner)
    doc_first.append(total)
    marks = run_sentence_starts(
        joined, np.array(all_starts, np.int64), np.array(all_ends, np.int64), np.array(doc_first)
    )
    assert np.flatnonzero(marks[:-1]).tolist() == expected
    assert marks[-1]


@settings(max_examples=300, deadline=None)
@given(st.lists(document(), min_size=1, max_size=5))
def test_a_run_has_the_sentences_of_its_documents(texts):
    _compare(texts)


@pytest.mark.parametrize(
    "texts",
    [
        ["قال المرصد. وحماة"],
        ["انتهى.", "» قال"],  # a closer opening the next document is not taken in
        ["انتهى.", "»\n» قال"],  # nor are its lines
        ["انتهى.\n» قال. ثم"],  # within a document it is
        ["قال د. محمد . e.g. the U.S. forces", "the end."],
        ["Dr.", "the"],  # an abbreviation's full stop at the end of a document
        ["قال «انتهى.» ثم", "قال. ثم"],  # quotes: a document at a time
        ["\u200f", "قال.\n\nثم", "\u200f"],  # documents without tokens
    ],
)
def test_sentences_at_the_edges_of_documents(texts):
    _compare(texts)
