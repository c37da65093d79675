"""Code points <-> Qt positions, and where paragraphs start, checked against a real
QTextDocument."""

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from annotator.gui.offsets import OffsetMap
from annotator.gui.span_highlighter import Mark, paragraph_starts, pieces_of, split_mark

TRICKY = st.text(st.sampled_from(list("ab حم\r\n\u200f😀𝐀\u2028\t")), max_size=30)


def qt_document(text):
    doc = QTextDocument()
    doc.setPlainText(text)
    return doc


def qt_text_between(doc, start, end):
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    # Qt gives paragraph separators as U+2029: compare with line ends folded the same way.
    return cursor.selectedText().replace("\u2029", "\n")


def folded(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize(
    ("text", "index", "qt"),
    [
        ("😀حماة", 1, 2),
        ("😀حماة", 5, 6),
        ("a\r\nحماة", 3, 2),
        ("a\r\nحماة", 7, 6),
        ("a\r\nb", 2, 2),
        ("\u200fحماة", 1, 1),
        ("abc", 3, 3),
    ],
)
def test_known_positions(qapp, text, index, qt):
    mapping = OffsetMap.of(text)
    assert mapping.to_qt(index) == qt
    assert mapping.qt_length == qt_document(text).characterCount() - 1


@settings(max_examples=300)
@given(TRICKY, st.data())
def test_a_span_covers_the_same_characters_in_qt(qapp, text, data):
    mapping = OffsetMap.of(text)
    doc = qt_document(text)
    assert mapping.qt_length == doc.characterCount() - 1
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    qt_start, qt_end = mapping.to_qt(start), mapping.to_qt(end)

    def after_pair(i):  # a boundary between \r and \n means "after the separator"
        return i + 1 if text[i - 1 : i + 1] == "\r\n" and i > 0 else i

    expected = folded(text[after_pair(start) : max(after_pair(start), after_pair(end))])
    assert qt_text_between(doc, qt_start, qt_end) == expected


@given(TRICKY)
def test_round_trip_and_monotone(text):
    mapping = OffsetMap.of(text)
    qts = [mapping.to_qt(i) for i in range(len(text) + 1)]
    assert qts == sorted(qts)
    for i, qt in enumerate(qts):
        back = mapping.from_qt(qt)
        assert mapping.to_qt(back) == qt
        if text[i - 1 : i + 1] != "\r\n":
            assert back == i


def test_out_of_range_is_refused():
    mapping = OffsetMap.of("😀")
    with pytest.raises(ValueError):
        mapping.to_qt(2)
    with pytest.raises(ValueError):
        mapping.from_qt(3)
    assert mapping.from_qt(1) == 0  # inside the surrogate pair: the character's start


@given(TRICKY)
def test_each_qt_paragraph_maps_to_its_text(qapp, text):
    mapping = OffsetMap.of(text)
    doc = qt_document(text)  # held: its blocks die with it
    block = doc.firstBlock()
    while block.isValid():
        start, end = mapping.paragraph(block.position(), block.length())
        assert text[start:end] == block.text()
        assert "\n" not in text[start:end] and "\r" not in text[start:end]
        block = block.next()


# -- paragraphs, where marks are placed (in a worker thread for a long document) -----------

BREAKS = st.text(st.sampled_from(list("ab حم\r\n\u2029\ufdd0\ufdd1\u2028😀\t")), max_size=40)


@settings(max_examples=200, deadline=None)
@given(BREAKS, st.data())
def test_marks_are_placed_in_the_paragraphs_qt_makes(qapp, text, data):
    document = QTextDocument()
    document.setPlainText(text)
    offsets = OffsetMap.of(text)
    starts = paragraph_starts(text, offsets)
    block, qt_starts = document.firstBlock(), []
    while block.isValid():
        qt_starts.append(block.position())
        block = block.next()
    assert starts == qt_starts
    marks = []
    for _ in range(data.draw(st.integers(0, 6))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        marks.append(Mark(start, end, data.draw(st.sampled_from(["ACTOR", "LOCATION"]))))
    one_by_one = defaultdict(list)
    for mark in marks:
        for number, first, stop in split_mark(mark, offsets, starts):
            one_by_one[number].append((first, stop, mark))
    assert pieces_of(marks, offsets, starts) == one_by_one
