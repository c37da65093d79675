from annotator.core.sentences import split_sentences


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
