from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.sentences import sentence_starts, split_sentences
from annotator.core.tokenize import bounds, tokenize
from tests.core import sentences_reference as reference


def sentences(text):
    return [s.text_in(text) for s in split_sentences(text)]


def test_splits_at_terminators_and_line_breaks():
    text = "شنت الطائرات 12 غارة. هل انتهى؟ نعم!\nعنوان بلا نقطة\n\nفقرة جديدة."
    assert sentences(text) == [
        "شنت الطائرات 12 غارة.",
        "هل انتهى؟",
        "نعم!",
        "عنوان بلا نقطة",
        "فقرة جديدة.",
    ]


def test_not_inside_numbers_or_after_abbreviations():
    text = "قال د. رامي إن الحصيلة 3.5 الف. وقال Mr. Smith إن U.S. forces left."
    assert sentences(text) == [
        "قال د. رامي إن الحصيلة 3.5 الف.",
        "وقال Mr. Smith إن U.S. forces left.",
    ]


def test_quotes_that_continue_the_sentence():
    text = 'وقال "شنت طائرات 12 غارة." وأضاف أن «الهجوم بدأ! ثم توقف» مساء. انتهى.'
    assert sentences(text) == [
        'وقال "شنت طائرات 12 غارة." وأضاف أن «الهجوم بدأ! ثم توقف» مساء.',
        "انتهى.",
    ]


def test_a_quote_closing_the_line_ends_the_sentence_with_it():
    text = 'وقال: "انتهى الهجوم."\nسطر ثان'
    assert sentences(text) == ['وقال: "انتهى الهجوم."', "سطر ثان"]


def test_offsets_are_exact():
    text = "\u200fأولى.  ثانية؟"
    spans = split_sentences(text)
    assert [(s.start, s.end) for s in spans] == [(1, 6), (8, 14)]


# Text made of what the splitter decides on: terminators, quotes, closers, line breaks,
# abbreviations, numbers with a decimal point, and ordinary Arabic and Latin words.
_WORDS = "قال غارة د م Mr U S e g forces Smith 3 3.5 . ! ? ؟ … « » “ ” \" ' ) ] : ،"
_PIECES = st.sampled_from(
    [*_WORDS.split(" "), " ", " ", " ", "\n", "\n\n", "\u200f", "https://x.org/a.b"]
)


@settings(max_examples=400)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_agrees_with_the_token_by_token_splitter(text):
    assert split_sentences(text) == reference.split_sentences(text)


def test_sentence_starts_are_token_indices():
    text = "أولى. ثانية؟\nثالثة"
    tokens = tokenize(text)
    starts, ends = bounds(text)
    assert sentence_starts(text, starts, ends) == [0, 2, 4]
    assert [tokens[i].text_in(text) for i in (0, 2, 4)] == ["أولى", "ثانية", "ثالثة"]
    assert sentence_starts("", [], []) == []
