import pytest

from annotator.core.errors import InputError
from annotator.core.suggest import (
    Lexicon,
    Source,
    lexicon_from_spans,
    load_gazetteer,
    occurrences,
    suggest,
)

TEXT = (
    "قال المرصد السوري لحقوق الانسان إن طائرات روسية قصفت بحماة وريف حمــاةُ، "
    "وأكد للمرصد السوري لحقوق الإنسان مصدر في جبهة النصرة أن البلدة وكتائب المعارضة بخير."
)


def found(text, lexicon):
    return [(text[s.start : s.end], s.label) for s in lexicon.find(text)]


def lexicon(*entries):
    lex = Lexicon()
    for term, label in entries:
        lex.add(term, label)
    return lex


def test_matches_are_clitic_aware_and_cover_the_term_only():
    lex = lexicon(("حماة", "LOCATION"))
    assert found(TEXT, lex) == [("حماة", "LOCATION"), ("حمــاةُ", "LOCATION")]
    assert found("وبحماة ولحماة فحماة", lex) == [("حماة", "LOCATION")] * 3


def test_multiword_entries_and_the_article_after_lam():
    lex = lexicon(("المرصد السوري لحقوق الانسان", "SOURCE"))
    assert found(TEXT, lex) == [
        ("المرصد السوري لحقوق الانسان", "SOURCE"),
        ("لمرصد السوري لحقوق الإنسان", "SOURCE"),
    ]  # ل + (ا)لمرصد


def test_longest_entry_wins():
    lex = lexicon(("جبهة", "LOCATION"), ("جبهة النصرة", "ACTOR"))
    assert found(TEXT, lex) == [("جبهة النصرة", "ACTOR")]


def test_words_that_only_look_prefixed_are_not_cut():
    lex = lexicon(("حماة", "LOCATION"), ("المعارضة", "ACTOR"))
    # بلدة is not ب+لدة, and nothing in the lexicon asks for it; كتائب is left whole too.
    assert found("البلدة وكتائب بلدة", lex) == []
    assert found(TEXT, lex)[-1] == ("المعارضة", "ACTOR")


def test_no_match_across_punctuation():
    assert found("المرصد، السوري", lexicon(("المرصد السوري", "SOURCE"))) == []


def test_the_most_frequent_label_wins():
    lex = lexicon_from_spans(
        [("حماة", "LOCATION", 3), ("حماة", "ACTOR", 1), ("ادلب", "LOCATION", 1)]
    )
    assert found("حماة وإدلب", lex) == [("حماة", "LOCATION"), ("إدلب", "LOCATION")]
    assert len(lex) == 2


def test_occurrences_and_skipping():
    hits = occurrences(TEXT, "حَماة", "LOCATION")
    assert [(TEXT[s.start : s.end], s.source) for s in hits] == [
        ("حماة", Source.OCCURRENCE),
        ("حمــاةُ", Source.OCCURRENCE),
    ]
    first = hits[0]
    left = suggest(TEXT, lexicon(("حماة", "LOCATION")), numbers=False, skip=[first.key()])
    assert [s.key() for s in left] == [hits[1].key()]


def test_gazetteer_file(tmp_path):
    path = tmp_path / "places.tsv"
    path.write_text("\ufeff# governorates\nحماة\tLOCATION\n\nجبهة النصرة\tACTOR\n", "utf-8")
    lex = load_gazetteer(path, {"LOCATION", "ACTOR"})
    assert [(t, lab) for t, lab in found(TEXT, lex)] == [
        ("حماة", "LOCATION"),
        ("حمــاةُ", "LOCATION"),
        ("جبهة النصرة", "ACTOR"),
    ]
    assert {s.source for s in lex.find(TEXT)} == {Source.GAZETTEER}


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("حماة LOCATION\n", "term<TAB>LABEL", 1),
        ("#x\nحماة\tPLACE\n", "unknown label 'PLACE'", 2),
        ("حماة\tbad label\n", "label name", 1),
        ("\tACTOR\n", "term<TAB>LABEL", 1),
    ],
)
def test_bad_gazetteer_lines_name_file_and_line(tmp_path, content, message, line):
    path = tmp_path / "g.tsv"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=message) as exc:
        load_gazetteer(path, {"LOCATION", "ACTOR"})
    assert (exc.value.path, exc.value.line) == (str(path), line)


def test_occurrences_across_the_project_without_those_labelled_already():
    from annotator.core.document import Document
    from annotator.core.label_all import find_everywhere
    from annotator.core.spans import Span

    docs = [
        Document("a", "قصف على حماة", rowid=1),
        Document("b", "لا شيء هنا", rowid=2),
        Document("c", "وحماة وحماه", rowid=3),
    ]
    labelled = {3: [Span(1, 5, "LOCATION", "amira")]}  # the first حماة of c

    class Store:
        def spans(self, rowid, annotator=None):
            return labelled.get(rowid, [])

    found = find_everywhere(Store(), docs, "حماة", "LOCATION", "amira")
    hits = [(rowid, [docs[rowid - 1].text[s.start : s.end] for s in new])
            for rowid, new in found.by_document]  # fmt: skip
    assert hits == [(1, ["حماة"]), (3, ["حماه"])]
    assert (found.count, found.already) == (2, 1)
    assert find_everywhere(Store(), docs, "حماة", "LOCATION", "amira", lambda: True) is None


def test_suggestions_stay_inside_a_paragraph():
    lex = lexicon(("ريف حماة", "LOCATION"))
    text = "قصف ريف حماة.\nوفي ريف\nحماة نزح 12 شخصا"
    assert [(text[s.start : s.end], s.label) for s in suggest(text, lex)] == [
        ("ريف حماة", "LOCATION"),
        ("12", "NUMBER"),
    ]


def test_suggestions_of_a_stretch_are_those_of_the_whole_text_there():
    text = "\n".join([TEXT, "وقصفت 12 طائرة ريف حماة", "", TEXT.replace("حماة", "إدلب")])
    lex = lexicon(("حماة", "LOCATION"), ("جبهة النصرة", "ACTOR"), ("إدلب", "LOCATION"))
    everything = suggest(text, lex)
    assert len(everything) > 6
    start = text.index("وقصفت")
    end = len(text) - 10  # mid-paragraph: the stretch is cut there
    assert suggest(text, lex, start=start, end=end) == [
        s for s in everything if start <= s.start and s.end <= end
    ]


def test_label_all_leaves_out_what_is_labelled_already_and_gives_numbers_values():
    from annotator.core.spans import Span

    text = "قصف ريف حماة.\nوفي حماة نزح 12 شخصا\nو12 غارة"
    inside = Span(4, 12, "LOCATION", "a")  # ريف حماة: its حماة is part of that place
    hits = occurrences(text, "حماة", "LOCATION", [inside])
    assert [text[s.start : s.end] for s in hits] == ["حماة"]
    assert hits[0].start == text.index("حماة", 14)
    numbers = occurrences(text, "12", "NUMBER")
    assert [(text[s.start : s.end], s.attrs) for s in numbers] == [
        ("12", {"value": 12}),
        ("12", {"value": 12}),
    ]


def test_a_lexicon_forgets_what_it_was_told_back():
    lexicon = Lexicon()
    lexicon.add("حماة", "ACTOR")
    assert [s.label for s in lexicon.find("في حماة")] == ["ACTOR"]  # its index is built
    assert lexicon.forget("حماة", "ACTOR") is True  # nothing suggested any more
    assert lexicon.find("في حماة") == []
    lexicon.add("حماة", "LOCATION", votes=2)
    lexicon.add("حماة", "ACTOR")
    assert lexicon.forget("حماة", "ACTOR") is False  # LOCATION won already
    assert lexicon.forget("حماة", "SOURCE") is False  # never told
    assert [s.label for s in lexicon.find("في حماة")] == ["LOCATION"]
    gazetteer = Lexicon()
    gazetteer.add("إدلب", "LOCATION", Source.GAZETTEER)
    assert gazetteer.forget("إدلب", "LOCATION") is False  # loaded on purpose: stays
