"""CoNLL export: tokens as exported, tags exact, overlaps and what could not be written."""

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import InputError
from annotator.core.arabic import BIDI
from annotator.core.document import Document
from annotator.core.gold import GoldSpan
from annotator.core.spans import Span
from annotator.formats import conll_export
from annotator.formats.conll_export import export_conll
from annotator.formats.export_hf import export_hf
from annotator.formats.export_spacy import export_spacy
from annotator.formats.tagging import ConllReport
from annotator.formats.tokenization import TOKENIZATION_KEY, recorded
from annotator.storage import Project

TEXT = "قال المرصد السوري إن 12 غارة استهدفت وحماة"


def add(project, text, spans=(), annotator="amira", uid=None, meta=None):
    """A document with `spans` given as (part, label) or (start, end, label)."""
    doc = project.add_document(
        Document(uid or f"d{project.document_count() + 1}", text, meta or {})
    )
    for span in spans:
        if len(span) == 2:
            part, label = span
            start = text.index(part)
            span = (start, start + len(part), label)
        project.add_span(doc.rowid, Span(*span, annotator))
    return doc


def read_conll(path):
    """Documents -> sentences -> rows (token, tag, ...), checking the layout on the way."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "", "the file ends with a line break"
    docs, sentence, width = [], [], None
    for line in lines[:-1]:
        if not line:
            if sentence:
                docs[-1].append(sentence)
            sentence = []
            continue
        row = tuple(line.split("\t"))
        width = width or len(row)
        assert len(row) == width, f"every line has {width} columns: {line!r}"
        if row[0] == "-DOCSTART-":
            assert not sentence and set(row[1:]) == {"O"}
            docs.append([])
        else:
            sentence.append(row)
    assert not sentence, "the last sentence is closed by a blank line"
    return docs


def rows(path, column=1):
    return [(row[0], row[column]) for doc in read_conll(path) for s in doc for row in s]


def export(project, tmp_path, **options):
    out = tmp_path / "out.conll"
    report = export_conll(project, out, **options)
    return out, report


# -- tags -------------------------------------------------------------------------------------


def test_iob2_bioes_and_iob1_on_hand_made_cases(project, tmp_path):
    text = "قصفت قوات النظام حماة حلب"
    add(project, text, [("قوات النظام", "ACTOR"), ("حماة", "LOCATION"), ("حلب", "LOCATION")])
    tokens = ["قصفت", "قوات", "النظام", "حماة", "حلب"]
    expected = {
        "iob2": ["O", "B-ACTOR", "I-ACTOR", "B-LOCATION", "B-LOCATION"],
        "bioes": ["O", "B-ACTOR", "E-ACTOR", "S-LOCATION", "S-LOCATION"],
        # IOB1: I- everywhere, B- only where a span directly follows one of the same label.
        "iob1": ["O", "I-ACTOR", "I-ACTOR", "I-LOCATION", "B-LOCATION"],
    }
    for scheme, tags in expected.items():
        out, report = export(project, tmp_path, scheme=scheme)
        assert rows(out) == list(zip(tokens, tags, strict=True)), scheme
        assert report.inexact == []
        assert (report.documents, report.sentences, report.tokens) == (1, 1, 5)


def test_bioes_inside_tags_and_iob1_after_another_label(project, tmp_path):
    text = "قال المرصد السوري لحقوق الانسان حماة"
    add(project, text, [("المرصد السوري لحقوق الانسان", "SOURCE"), ("حماة", "LOCATION")])
    out, _ = export(project, tmp_path, scheme="bioes")
    assert [tag for _, tag in rows(out)] == [
        "O",
        "B-SOURCE",
        "I-SOURCE",
        "I-SOURCE",
        "E-SOURCE",
        "S-LOCATION",
    ]
    out, _ = export(project, tmp_path, scheme="iob1")
    assert [tag for _, tag in rows(out)][-2:] == ["I-SOURCE", "I-LOCATION"]  # other label: I-


def test_a_boundary_inside_a_token_splits_it(project, tmp_path):
    add(project, TEXT, [("حماة", "LOCATION")])
    out, report = export(project, tmp_path)
    assert rows(out)[-2:] == [("و", "O"), ("حماة", "B-LOCATION")]
    assert report.inexact == [] and report.tokens == 9


def test_clitics_split_splits_confident_proclitics_without_a_span(project, tmp_path):
    add(project, "قصفت الطائرات وحماة وبلدة بلدة", [("الطائرات", "ACTOR")])
    out, _ = export(project, tmp_path, clitics="keep")
    assert [t for t, _ in rows(out)] == ["قصفت", "الطائرات", "وحماة", "وبلدة", "بلدة"]
    out, report = export(project, tmp_path, clitics="split")
    # و is split off; بلدة (a word, not ب + لدة) never is.
    assert [t for t, _ in rows(out)] == ["قصفت", "الطائرات", "و", "حماة", "و", "بلدة", "بلدة"]
    assert report.tokens == 7 and report.inexact == []


def test_clitics_split_uses_the_vocabulary_of_the_exported_documents(project, tmp_path):
    add(project, "وصل الوفد إلى واشنطن. واشنطن تقول. واشنطن ترد. وقال مسؤول بواشنطن", [])
    project.set_status(1, "amira", "done")
    out, _ = export(project, tmp_path, clitics="split")
    tokens = [t for t, _ in rows(out)]
    assert tokens[-2:] == ["ب", "واشنطن"]  # confirmed: واشنطن is a word of the collection
    assert tokens[:2] == ["وصل", "الوفد"]  # a word built on a و root stays whole


def test_clitics_split_asks_general_word_frequencies_when_installed(project, tmp_path, monkeypatch):
    add(project, "قال وائل إن الوفد ليقدم عرضا", [])
    project.set_status(1, "amira", "done")
    out, _ = export(project, tmp_path, clitics="split")
    # وائل is ten times as frequent as ائل (a name); يقدم 38 times as frequent as ليقدم.
    assert [t for t, _ in rows(out)] == ["قال", "وائل", "إن", "الوفد", "ل", "يقدم", "عرضا"]
    monkeypatch.setattr(conll_export, "installed_frequencies", lambda: None)  # no wordfreq
    out, _ = export(project, tmp_path, clitics="split")
    assert [t for t, _ in rows(out)] == ["قال", "و", "ائل", "إن", "الوفد", "ليقدم", "عرضا"]


# -- overlaps ---------------------------------------------------------------------------------


@pytest.fixture
def nested(project):
    doc = add(project, TEXT, [("المرصد السوري", "SOURCE"), ("السوري", "ACTOR")])
    return doc


def test_outer_keeps_the_longest_span_and_reports_the_inner(nested, project, tmp_path):
    out, report = export(project, tmp_path, overlaps="outer")
    assert rows(out)[1:3] == [("المرصد", "B-SOURCE"), ("السوري", "I-SOURCE")]
    assert report.inexact == [
        "d1: 11-17 ACTOR 'السوري': left out (overlaps=outer): inside SOURCE 4-17 "
        "'المرصد السوري', which is written"
    ]


def test_inner_keeps_the_innermost_span_and_reports_the_outer(nested, project, tmp_path):
    out, report = export(project, tmp_path, overlaps="inner")
    assert rows(out)[1:3] == [("المرصد", "O"), ("السوري", "B-ACTOR")]
    assert report.inexact == [
        "d1: 4-17 SOURCE 'المرصد السوري': left out (overlaps=inner): contains ACTOR 11-17 "
        "'السوري', which is written"
    ]


def test_columns_write_every_level_and_drop_nothing(nested, project, tmp_path):
    add(project, "قصفت قوات النظام حماة", [("حماة", "LOCATION")], uid="flat")
    out, report = export(project, tmp_path, overlaps="columns")
    assert report.inexact == [] and report.columns == 2
    docs = read_conll(out)
    first = [row for sentence in docs[0] for row in sentence]
    assert first[1:4] == [
        ("المرصد", "B-SOURCE", "O"),
        ("السوري", "I-SOURCE", "B-ACTOR"),
        ("إن", "O", "O"),
    ]
    # A document without nesting still has every column, the inner one all O.
    assert [row for sentence in docs[1] for row in sentence][-1] == ("حماة", "B-LOCATION", "O")


def test_crossing_spans_go_to_separate_columns_or_one_is_reported(project, tmp_path):
    add(project, "قصفت قوات النظام السوري حماة", [(5, 16, "ACTOR"), (10, 23, "ACTOR")])
    out, report = export(project, tmp_path, overlaps="columns")
    assert [r[1:] for d in read_conll(out) for s in d for r in s] == [
        ("O", "O"),
        ("B-ACTOR", "O"),
        ("I-ACTOR", "B-ACTOR"),
        ("O", "I-ACTOR"),
        ("O", "O"),
    ]
    out, report = export(project, tmp_path, overlaps="outer")
    assert len(report.inexact) == 1 and "crosses ACTOR" in report.inexact[0]


def test_docstart_has_the_column_count_of_the_token_lines(nested, project, tmp_path):
    add(project, "قصفت قوات النظام حماة", [("حماة", "LOCATION")], uid="second")
    for overlaps, width in (("outer", 2), ("columns", 3)):
        out, _ = export(project, tmp_path, overlaps=overlaps)
        lines = out.read_text(encoding="utf-8").split("\n")
        assert lines[:2] == ["\t".join(["-DOCSTART-"] + ["O"] * (width - 1)), ""]
        assert sum(line.startswith("-DOCSTART-") for line in lines) == 2
        assert {len(line.split("\t")) for line in lines if line} == {width}
        assert len(read_conll(out)) == 2


# -- text, offsets and recorded tokens --------------------------------------------------------


def test_an_emoji_and_rlm_before_spans_keep_offsets_right(project, tmp_path):
    text = "😀\u200f قصفت 🇸🇾 طائرات حماة"
    add(project, text, [("طائرات", "ACTOR"), ("حماة", "LOCATION")])
    out, report = export(project, tmp_path)
    assert rows(out) == [
        ("😀", "O"),
        ("قصفت", "O"),
        ("🇸", "O"),
        ("🇾", "O"),
        ("طائرات", "B-ACTOR"),
        ("حماة", "B-LOCATION"),
    ]
    assert report.inexact == []


def test_recorded_tokenization_is_written_with_exactly_those_tokens(project, tmp_path):
    text = "قتل و1,971 شخصا\u200f في حماة"
    tokens = [[(0, 3), (4, 5), (5, 6), (6, 7), (7, 10), (11, 16)], [(17, 19), (20, 24)]]
    meta = {TOKENIZATION_KEY: recorded(tokens)}
    add(project, text, [(5, 10, "NUMBER"), ("حماة", "LOCATION")], meta=meta)
    out, report = export(project, tmp_path)
    sentences = read_conll(out)[0]
    assert [[row[0] for row in s] for s in sentences] == [
        ["قتل", "و", "1", ",", "971", "شخصا\u200f"],  # the mark inside a recorded token stays
        ["في", "حماة"],
    ]
    assert [row[1] for row in sentences[0]] == ["O", "O", "B-NUMBER", "I-NUMBER", "I-NUMBER", "O"]
    assert report.inexact == [] and report.sentences == 2


def test_a_span_edge_on_a_character_no_token_holds_is_reported(project, tmp_path):
    text = "قصفت حماة\u200f اليوم"
    add(project, text, [(5, 10, "LOCATION")])
    out, report = export(project, tmp_path)
    assert rows(out)[1] == ("حماة", "B-LOCATION")
    assert report.inexact == [
        "d1: 5-10 LOCATION 'حماة\\u200f': ends on '\\u200f', which no written token holds: "
        "written as 5-9 'حماة'"
    ]


def test_a_span_across_a_sentence_break_joins_the_sentences(project, tmp_path):
    text = "قال مصدر في د.\nمحمد علي إن"
    add(project, text, [("مصدر في د.\nمحمد علي", "SOURCE")])
    out, report = export(project, tmp_path)
    [sentences] = read_conll(out)
    assert len(sentences) == 1 and report.sentences == 1
    assert [tag for _, tag in rows(out)] == ["O", "B-SOURCE"] + ["I-SOURCE"] * 5 + ["O"]
    assert report.inexact == [] and any("sentences joined" in note for note in report.notes)


def test_a_token_with_a_tab_or_line_break_is_never_written(project, tmp_path):
    text = "قصفت\tحماة و\nحلب"
    meta = {TOKENIZATION_KEY: recorded([[(0, 9), (10, 12), (12, 15)]])}
    add(project, text, [("حلب", "LOCATION"), (0, 9, "LOCATION")], meta=meta)
    out, report = export(project, tmp_path)
    assert rows(out) == [("حلب", "B-LOCATION")]
    assert "\t" not in "".join(t for t, _ in rows(out))
    assert report.inexact == [
        "d1: 0-9 LOCATION 'قصفت\\tحماة': covers no token that can be written: not written"
    ]
    assert sum("TAB or a line break" in note for note in report.notes) == 2


def test_a_bad_recorded_tokenization_is_refused(project, tmp_path):
    meta = {TOKENIZATION_KEY: recorded([[(0, 4), (2, 6)]])}
    add(project, "قصفت حماة", [("حماة", "LOCATION")], meta=meta)
    with pytest.raises(InputError, match="recorded tokenization"):
        export(project, tmp_path)


FOREIGN_TOKENIZATIONS = [
    {"source": "spacy", "sentences": [["قصفت", "حماة"]]},  # another tool's words
    {"sentences": [[[0, 4], [5, 9]]]},  # no source: not ours
    {"source": "conll", "sentences": [[["0", "4"]]]},  # offsets as strings
    {"source": "conll", "sentences": [[[0, 4, 9]]]},
    {"source": "conll", "sentences": [[[True, 4]]]},
    {"source": "conll", "sentences": [[0, 4]]},
    "whitespace",
]


@pytest.mark.parametrize("foreign", FOREIGN_TOKENIZATIONS)
@pytest.mark.parametrize("format", ["conll", "hf", "spacy"])
def test_a_tokenization_not_recorded_by_a_conll_import_is_refused(
    project, tmp_path, foreign, format
):
    add(
        project,
        "قصفت حماة",
        [("حماة", "LOCATION")],
        uid="report: 7",
        meta={TOKENIZATION_KEY: foreign},
    )
    exporter = {"conll": export_conll, "hf": export_hf, "spacy": export_spacy}[format]
    with pytest.raises(InputError, match="not a tokenization recorded by a CoNLL") as error:
        exporter(project, tmp_path / "out")
    assert error.value.code == "bad_tokenization"
    assert str(error.value).startswith("document 'report: 7': meta['tokenization']")
    assert "\n" not in str(error.value)


# -- layers, documents and the file ------------------------------------------------------------


def test_the_layer_is_chosen_or_asked_for(project, tmp_path):
    with pytest.raises(InputError, match="no annotator"):
        export(project, tmp_path)
    doc = add(project, TEXT, [("حماة", "LOCATION")])
    add(project, "قصفت طائرات حلب", [("حلب", "LOCATION")], annotator="omar")
    with pytest.raises(InputError, match="several annotators: choose --annotator NAME or --gold"):
        export(project, tmp_path)
    with pytest.raises(InputError, match="no annotator 'zaid'"):
        export(project, tmp_path, annotator="zaid")
    with pytest.raises(InputError, match="scheme must be one of"):
        export(project, tmp_path, annotator="amira", scheme="bilou")
    out, report = export(project, tmp_path, annotator="amira")
    assert report.documents == 1 and rows(out)[-1] == ("حماة", "B-LOCATION")
    assert any("1 document(s) amira has not worked on" in note for note in report.notes)
    hama = TEXT.index("حماة")
    project.add_gold_span(doc.rowid, GoldSpan(hama, hama + 4, "LOCATION", agreed_by=("amira",)))
    out, report = export(project, tmp_path, gold=True)
    assert report.documents == 1 and rows(out)[-1] == ("حماة", "B-LOCATION")


def test_the_only_annotator_is_the_default_and_done_documents_without_spans_count(
    project, tmp_path
):
    add(project, TEXT, [("حماة", "LOCATION")])
    empty = add(project, "لا شيء هنا")
    add(project, "نص لم يفتح")
    project.set_status(empty.rowid, "amira", "done")
    out, report = export(project, tmp_path)
    assert report.documents == 2 and len(read_conll(out)) == 2
    assert rows(out)[-3:] == [("لا", "O"), ("شيء", "O"), ("هنا", "O")]


def test_the_old_file_stays_when_the_export_fails(project, tmp_path):
    add(project, TEXT, [("حماة", "LOCATION")])
    bad = {TOKENIZATION_KEY: recorded([[(0, 9), (3, 12)]])}
    add(project, "قصفت طائرات حلب", [("حلب", "LOCATION")], meta=bad)
    out = tmp_path / "out.conll"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(InputError):
        export_conll(project, out)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir() if "out.conll" in p.name) == ["out.conll"]


# -- independent checks -----------------------------------------------------------------------


def token_offsets(text, tokens):
    """Where each written token is in the text: tokens are exact substrings, in order."""
    found, at = [], 0
    for token in tokens:
        at = text.index(token, at)
        found.append((at, at + len(token)))
        at += len(token)
    return found


def entities(project, out, get_entities):
    """(doc rowid, start, end, label) of every entity `get_entities` reads from the file."""
    read = set()
    docs = list(project.documents())
    for doc, sentences in zip(docs, read_conll(out), strict=True):
        offsets = token_offsets(doc.text, [row[0] for s in sentences for row in s])
        first = 0
        for sentence in sentences:
            for label, i, j in get_entities([row[1] for row in sentence]):
                start, end = offsets[first + i][0], offsets[first + j][1]  # j is inclusive
                read.add((doc.rowid, start, end, label))
            first += len(sentence)
    return read


def test_seqeval_reads_exactly_the_exported_spans(project, tmp_path):
    seqeval = pytest.importorskip("seqeval.metrics.sequence_labeling")
    add(project, TEXT, [("المرصد السوري", "SOURCE"), ("12 غارة", "NUMBER"), ("حماة", "LOCATION")])
    add(
        project,
        "وقصفت قوات النظام حماة.\nوقال مصدر إن 😀 طائرات حلب",
        [("قوات النظام", "ACTOR"), ("حماة", "LOCATION"), ("طائرات", "ACTOR"), ("حلب", "LOCATION")],
    )
    out, report = export(project, tmp_path)
    assert report.inexact == []
    stored = {
        (doc.rowid, s.start, s.end, s.label)
        for doc in project.documents()
        for s in project.spans(doc.rowid, "amira")
    }
    assert entities(project, out, seqeval.get_entities) == stored


def own_entities(tags):
    """IOB2 spans as (label, first, last) token indices, last inclusive (as seqeval)."""
    found, current = [], None
    for index, tag in enumerate([*tags, "O"]):
        if current and not (tag.startswith("I-") and tag[2:] == current[0]):
            found.append((current[0], current[1], index - 1))
            current = None
        if tag.startswith("B-") or (tag.startswith("I-") and current is None):
            current = (tag[2:], index)
    return found


NON_TOKEN_EDGES = re.compile(f"^[\\s{BIDI}]+|[\\s{BIDI}]+$")
WORDS = st.text(
    st.one_of(
        st.sampled_from(list("ابتحدرسعقلمنهويةءأو\u064e\u0651\u0640،.؟😀١٢3")),
        st.characters(codec="utf-8"),
    ),
    min_size=1,
    max_size=6,
)
# What separates words, with marks that belong to no token: spans may start or end on them.
GAPS = st.sampled_from([" ", " ", "  ", "\n", "\r\n", "\t", "\u200f", " \u200f", "\u200e ", ""])


@st.composite
def documents_with_spans(draw):
    pieces = draw(st.lists(st.tuples(WORDS, GAPS), min_size=1, max_size=12))
    text = "".join(word + gap for word, gap in pieces)
    if not text.strip():
        text += "حماة"
    points = sorted(set(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=10))))
    spans = []
    for start, end in zip(points[::2], points[1::2], strict=False):
        if text[start:end].strip():
            spans.append((start, end, draw(st.sampled_from(["ACTOR", "LOCATION", "SOURCE"]))))
    return text, spans


@settings(max_examples=80, deadline=None)
@given(documents_with_spans())
def test_exported_tags_read_back_as_the_spans(case):
    text, spans = case
    with tempfile.TemporaryDirectory() as tmp, Project.open(Path(tmp) / "p.db", True) as project:
        doc = project.add_document(Document("d", text))
        project.set_status(doc.rowid, "amira", "in_progress")
        for span in spans:
            project.add_span(doc.rowid, Span(*span, "amira"))
        out = Path(tmp) / "out.conll"
        report = export_conll(project, out)
        read = entities(project, out, own_entities)
        assert isinstance(report, ConllReport)
        expected, inexact = set(), set()
        for start, end, label in spans:
            inner = NON_TOKEN_EDGES.sub("", text[start:end])
            if inner:
                trimmed = start + text[start:end].index(inner)
                expected.add((doc.rowid, trimmed, trimmed + len(inner), label))
            if inner != text[start:end]:
                inexact.add(f"d: {start}-{end} {label} {text[start:end]!r}")
        assert read == expected
        for _, start, end, _ in read:
            written = text[start:end]
            assert written == NON_TOKEN_EDGES.sub("", written)
        # A report line for exactly the spans not written exactly.
        assert len(report.inexact) == len(inexact)
        assert all(any(line.startswith(f"{p}: ") for line in report.inexact) for p in inexact)
