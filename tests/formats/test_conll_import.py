import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import InputError
from annotator.core.document import DocStatus
from annotator.core.spans import Origin
from annotator.formats.conll_import import ConllOptions, parse_label_map, read_conll
from annotator.formats.tokenization import document_sentences
from annotator.storage.importing import import_records

LRM, RLM = "\u200e", "\u200f"


def write(tmp_path: Path, text: str, name: str = "sample.conll") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def read(path: Path, **options):
    notes: list[str] = []
    options.setdefault("annotator", "amira")
    records = list(read_conll(path, ConllOptions(**options), notes))
    return records, notes


def spans_of(record) -> list[tuple[str, str]]:
    text = record.document.text
    return [(span.label, text[span.start : span.end]) for span in record.spans]


def tokens_of(record) -> list[list[str]]:
    text = record.document.text
    return [[text[s:e] for s, e in sentence] for sentence in document_sentences(record.document)]


def test_space_separated_file_rebuilds_text_and_spans(tmp_path):
    path = write(
        tmp_path,
        "قصفت O\nطائرات B-ORG\nروسية  I-ORG \nحماة B-LOC\n\n\nقال O\nالمرصد B-ORG\n",
    )
    [record], notes = read(path)
    doc = record.document
    assert doc.text == "قصفت طائرات روسية حماة\nقال المرصد"
    assert doc.id == "sample-1" and doc.meta["title"] == "sample"
    assert doc.meta["file"] == "sample.conll"
    assert doc.meta["tokenization"] == {
        "source": "conll",
        "sentences": [[[0, 4], [5, 11], [12, 17], [18, 22]], [[23, 26], [27, 33]]],
    }
    assert spans_of(record) == [("ORG", "طائرات روسية"), ("LOC", "حماة"), ("ORG", "المرصد")]
    assert all(s.origin == Origin.IMPORTED and s.annotator == "amira" for s in record.spans)
    assert (record.annotator, record.status, record.line) == ("amira", None, 1)
    assert notes == []


def test_tab_separated_file_keeps_spaces_inside_tokens(tmp_path):
    path = write(tmp_path, "الأمم المتحدة\tB-ORG \n قالت \tO\n\t\n12\tB-NUM\n")
    [record], _ = read(path)
    assert record.document.text == "الأمم المتحدة قالت\n12"
    assert tokens_of(record) == [["الأمم المتحدة", "قالت"], ["12"]]
    assert spans_of(record) == [("ORG", "الأمم المتحدة"), ("NUM", "12")]


def test_bom_crlf_and_bidi_marks_keep_offsets_exact(tmp_path):
    lines = [f"{LRM}ب\tO", f"{LRM}الأمم\tB-ORG", f"{LRM}المتحدة\tI-ORG", "\t", f"شم{RLM}ال\tB-LOC"]
    path = tmp_path / "news.txt"
    path.write_bytes(codecs.BOM_UTF8 + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    [record], _ = read(path)
    text = record.document.text
    assert "\ufeff" not in text and "\r" not in text
    assert text == f"{LRM}ب {LRM}الأمم {LRM}المتحدة\nشم{RLM}ال"
    assert spans_of(record) == [("ORG", f"{LRM}الأمم {LRM}المتحدة"), ("LOC", f"شم{RLM}ال")]
    [org, loc] = record.spans
    assert (org.start, org.end, loc.start, loc.end) == (3, 18, 19, 24)  # marks count as 1
    assert tokens_of(record) == [[f"{LRM}ب", f"{LRM}الأمم", f"{LRM}المتحدة"], [f"شم{RLM}ال"]]


def test_tag_columns_are_nesting_levels(tmp_path):
    # Wojood's layout: outer entity first, a line has as many columns as entities cover it.
    path = write(
        tmp_path,
        "المندوب B-OCC\nالدائم I-OCC\nلحكومة I-OCC B-ORG\nفلسطين I-OCC I-ORG B-GPE\n"
        "جامعة B-ORG\nبيرزيت I-ORG B-ORG\nقال O\n",
    )
    [record], notes = read(path)
    assert notes == []
    assert spans_of(record) == [
        ("OCC", "المندوب الدائم لحكومة فلسطين"),
        ("ORG", "لحكومة فلسطين"),
        ("GPE", "فلسطين"),
        ("ORG", "جامعة بيرزيت"),
        ("ORG", "بيرزيت"),
    ]


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        # IOB2: B- starts every chunk.
        ("B-PER I-PER B-PER O B-LOC", [("PER", "a b"), ("PER", "c"), ("LOC", "e")]),
        # IOB1: I- starts chunks, B- only between two adjacent chunks of one type.
        ("I-PER I-PER B-PER O I-LOC", [("PER", "a b"), ("PER", "c"), ("LOC", "e")]),
        ("I-PER O I-PER I-LOC I-LOC", [("PER", "a"), ("PER", "c"), ("LOC", "d e")]),
        # BIOES: E- ends a chunk, S- is a chunk of one token.
        ("B-PER E-PER S-PER O S-LOC", [("PER", "a b"), ("PER", "c"), ("LOC", "e")]),
        ("B-ORG I-ORG I-ORG E-ORG S-LOC", [("ORG", "a b c d"), ("LOC", "e")]),
    ],
)
def test_schemes_are_detected_and_decoded(tmp_path, tags, expected):
    lines = [f"{token} {tag}" for token, tag in zip("abcde", tags.split(), strict=True)]
    [record], notes = read(write(tmp_path, "\n".join(lines)))
    assert spans_of(record) == expected and notes == []


def test_chunks_never_cross_a_sentence_end(tmp_path):
    # IOB1 (no B- after O): c's I-ORG starts a new chunk in the next sentence.
    [record], _ = read(write(tmp_path, "a I-ORG\nb I-ORG\n\nc I-ORG\n"))
    assert spans_of(record) == [("ORG", "a b"), ("ORG", "c")]
    # IOB2: the same I-ORG continues nothing, since the sentence end closed a's chunk.
    with pytest.raises(InputError, match="continues no chunk") as caught:
        read(write(tmp_path, "a B-ORG\nb I-ORG\n\nc I-ORG\n", "iob2.conll"))
    assert caught.value.line == 4


def test_docstart_splits_documents(tmp_path):
    path = write(
        tmp_path,
        "-DOCSTART- -X- O\n\nحماة B-LOC\nقصفت O\n\n-DOCSTART- O\n\nادلب B-LOC\n\nقال O\n",
        "batch.txt",
    )
    first, second = read(path)[0]
    assert (first.document.id, second.document.id) == ("batch-1", "batch-2")
    assert (first.document.meta["title"], second.document.meta["title"]) == (
        "batch #1",
        "batch #2",
    )
    assert (first.line, second.line) == (3, 8)
    assert first.document.text == "حماة قصفت" and second.document.text == "ادلب\nقال"
    assert spans_of(second) == [("LOC", "ادلب")]


def test_wojood_marker_lines_are_kept_as_tokens(tmp_path):
    [record], _ = read(write(tmp_path, "$#$ O\nغزة B-GPE\n$#$ O\n\nقال O\n"))
    assert record.document.text == "$#$ غزة $#$\nقال"
    assert tokens_of(record) == [["$#$", "غزة", "$#$"], ["قال"]]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("الحكومة B-ORG\nالأمريكية I--ORG\n", 2, "invalid tag 'I--ORG' on token 'الأمريكية'"),
        ("عام O\n16 OO\n", 2, "invalid tag 'OO' on token '16'"),
        ("الجزيرة O\nالشمالي IO\n", 2, "invalid tag 'IO' on token 'الشمالي'"),
        ("كرة B-\n", 1, "invalid tag 'B-' on token 'كرة'"),
        ("كرة b-per\n", 1, "invalid tag 'b-per' on token 'كرة'"),
        ("كرة B-MIS1`\n", 1, "invalid tag 'B-MIS1`' on token 'كرة'"),
        ("كرة O\nالقدم\n", 2, "no tag on token 'القدم'"),
        ("x O\ny B-LOC\n\nكرة O\nالقدم I-MIS1\n", 5, "tag 'I-MIS1' on token 'القدم' continues"),
        ("a B-PER\nb E-PER\nc E-LOC\n", 3, "tag 'E-LOC' on token 'c' closes no chunk"),
        ("a B-PER\nb O\nc S-LOC\n", 2, "tag 'O' on token 'b' follows an open PER chunk"),
        ("a S-PER\nb B-LOC\n", 2, "the sentence ends inside a LOC chunk"),
        ("a\tO\n\tO\n", 2, "no token before the tags 'O'"),
    ],
)
def test_strict_errors_name_file_line_token_and_tag(tmp_path, body, line, message):
    path = write(tmp_path, body, "aqmar.txt")
    with pytest.raises(InputError) as caught:
        read(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert str(caught.value).startswith(f"{path}:{line}: {message}")


def test_lenient_repairs_every_problem_and_reports_each(tmp_path):
    path = write(
        tmp_path,
        "الحكومة B-ORG\nالأمريكية I--ORG\n16 OO\nالشمالي IO\nالألعاب B-MIS1`\nالأولمبية I-MIS1\n"
        "\nالقدم I-MIS1\nكرة\n",
        "aqmar.txt",
    )
    [record], notes = read(path, lenient=True)
    assert spans_of(record) == [
        ("ORG", "الحكومة الأمريكية"),
        ("MIS1", "الألعاب الأولمبية"),
        ("MIS1", "القدم"),
    ]
    assert notes == [
        f"{path}:2: invalid tag 'I--ORG' on token 'الأمريكية': read as 'I-ORG' "
        "(stray punctuation removed)",
        f"{path}:3: invalid tag 'OO' on token '16': read as 'O'",
        f"{path}:4: invalid tag 'IO' on token 'الشمالي': read as 'O'",
        f"{path}:5: invalid tag 'B-MIS1`' on token 'الألعاب': read as 'B-MIS1' "
        "(stray punctuation removed)",
        f"{path}:8: tag 'I-MIS1' on token 'القدم' continues no chunk (no B-MIS1 before it): "
        "read as 'B-MIS1'",
        f"{path}:9: no tag on token 'كرة': read as 'O'",
    ]


def test_lenient_bioes_repairs(tmp_path):
    path = write(tmp_path, "a B-PER\nb O\nc E-LOC\nd I-ORG\ne E-ORG\nf B-GPE\n")
    [record], notes = read(path, lenient=True)
    assert spans_of(record) == [("PER", "a"), ("LOC", "c"), ("ORG", "d e"), ("GPE", "f")]
    assert [note.split(": ")[-1] for note in notes] == [
        "the PER chunk ends at the token before",
        "read as 'S-LOC'",
        "read as 'B-ORG'",
        "the GPE chunk ends at token 'f'",
    ]


def test_label_map(tmp_path):
    assert parse_label_map(" PERS=ACTOR, ORG = ACTOR,LOC=LOCATION") == {
        "PERS": "ACTOR",
        "ORG": "ACTOR",
        "LOC": "LOCATION",
    }
    path = write(tmp_path, "الأسد B-PERS\nفي O\nدمشق B-LOC\nو O\nداعش B-ORG\n1 B-CARDINAL\n")
    options = {"label_map": parse_label_map("PERS=ACTOR,ORG=ACTOR,LOC=LOCATION")}
    [record], _ = read(path, **options)
    assert spans_of(record) == [
        ("ACTOR", "الأسد"),
        ("LOCATION", "دمشق"),
        ("ACTOR", "داعش"),
        ("CARDINAL", "1"),  # unmapped labels are kept
    ]


@pytest.mark.parametrize(
    "text", ["", " ", "PER", "PER=", "=ACTOR", "PER=ACTOR,", "A=B C", "P=A,P=B", '"x=A', '""=A']
)
def test_bad_label_maps_are_refused(text):
    with pytest.raises(InputError, match=r"label map|mapped twice"):
        parse_label_map(text)


def test_any_source_label_can_be_mapped_with_spaces_or_in_quotes():
    assert parse_label_map("Identity based Attack=IDENTITY, PER=ACTOR") == {
        "Identity based Attack": "IDENTITY",
        "PER": "ACTOR",
    }
    assert parse_label_map('"a, ""b"" c"=ACTOR," x "=LOCATION,k=v=NUMBER') == {
        'a, "b" c': "ACTOR",
        " x ": "LOCATION",
        "k=v": "NUMBER",  # the target follows the last "="
    }


def test_same_label_twice_is_allowed_in_a_label_map():
    assert parse_label_map("PER=ACTOR,PER=ACTOR") == {"PER": "ACTOR"}


def test_untagged_file_needs_no_annotator(tmp_path):
    [record], _ = read(write(tmp_path, "قال\nالمرصد\n\nحماة\n"), annotator="")
    assert record.document.text == "قال المرصد\nحماة"
    assert record.spans == [] and record.annotator is None


def test_tagged_file_needs_an_annotator(tmp_path):
    with pytest.raises(InputError, match="annotator"):
        read(write(tmp_path, "حماة B-LOC\n"), annotator=" ")


def test_empty_and_undecodable_files_are_refused(tmp_path):
    with pytest.raises(InputError, match="no tokens"):
        read(write(tmp_path, "-DOCSTART- O\n\n\n"))
    bad = tmp_path / "bad.conll"
    bad.write_bytes(b"ok O\n\xff\xfe\xfd O\n")
    with pytest.raises(InputError) as caught:
        read(bad)
    assert (caught.value.path, caught.value.line) == (str(bad), 2)


def test_import_into_a_project(project, tmp_path):
    path = write(tmp_path, "قصفت O\nطائرات B-PER\nروسية I-PER\nحماة B-LOC\n")
    options = ConllOptions("amira", label_map={"PER": "ACTOR", "LOC": "LOCATION"})
    report = import_records(project, read_conll(path, options, []))
    assert report.documents_added == 1 and report.spans_added == 2
    [doc] = list(project.documents())
    spans = project.spans(doc.rowid, "amira")
    assert [(doc.text[s.start : s.end], s.label, s.origin) for s in spans] == [
        ("طائرات روسية", "ACTOR", Origin.IMPORTED),
        ("حماة", "LOCATION", Origin.IMPORTED),
    ]
    assert project.status(doc.rowid, "amira") == DocStatus.DONE
    assert document_sentences(doc) == [[(0, 4), (5, 11), (12, 17), (18, 22)]]


def test_unknown_labels_are_left_to_the_project(project, tmp_path):
    path = write(tmp_path, "حماة B-LOC\n")
    with pytest.raises(InputError, match="unknown label 'LOC'") as caught:
        import_records(project, read_conll(path, ConllOptions("amira"), []))
    assert caught.value.path == str(path)
    assert project.document_count() == 0


# --- round trip ---------------------------------------------------------------------------

_TOKEN = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters="\ufeff"
    ),
    min_size=1,
    max_size=6,
).filter(lambda token: token != "-DOCSTART-")
_LABELS = ("PER", "ORG", "LOC", "MIS-1", "Building-Grounds", "Other_PER", "موقع")


@st.composite
def _sentence(draw) -> list[tuple[str, str]]:
    size = draw(st.integers(1, 8))
    rows: list[tuple[str, str]] = []
    open_label = None
    for _ in range(size):
        kind = draw(st.sampled_from("OBI"))
        if kind == "I" and open_label is not None:
            tag = f"I-{open_label}"
        elif kind == "O":
            tag, open_label = "O", None
        else:
            open_label = draw(st.sampled_from(_LABELS))
            tag = f"B-{open_label}"
        rows.append((draw(_TOKEN), tag))
    return rows


def _tags_from_spans(record) -> list[list[str]]:
    sentences = document_sentences(record.document)
    tags = [["O"] * len(sentence) for sentence in sentences]
    where = {}
    for n, sentence in enumerate(sentences):
        for i, (start, end) in enumerate(sentence):
            where[start] = where[end] = (n, i)
    for span in record.spans:
        (n, first), (_, last) = where[span.start], where[span.end]
        tags[n][first] = f"B-{span.label}"
        for i in range(first + 1, last + 1):
            tags[n][i] = f"I-{span.label}"
    return tags


@settings(max_examples=150, deadline=None)
@given(
    sentences=st.lists(_sentence(), min_size=1, max_size=5),
    separator=st.sampled_from(["\t", " ", "  "]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_iob2_files_round_trip(sentences, separator, newline):
    body = (newline * 2).join(
        newline.join(f"{token}{separator}{tag}" for token, tag in sentence)
        for sentence in sentences
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.conll"
        path.write_bytes(body.encode("utf-8"))
        [record], notes = read(path)
    assert notes == []
    assert tokens_of(record) == [[token for token, _ in sentence] for sentence in sentences]
    assert _tags_from_spans(record) == [[tag for _, tag in sentence] for sentence in sentences]
