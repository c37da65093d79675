import codecs
from collections import Counter
from pathlib import Path

import pytest

from annotator.core import InputError
from annotator.core.spans import Origin
from annotator.formats.brat import read_brat

BRATIAA = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "eval"
    / "bratiaa_example"
    / "example-files"
    / "example-project"
)

# Diacritics, a tatweel and an emoji before the spans: code points, not UTF-16 units or bytes.
TEXT = "🔴 عاجِلٌ: قصفـت طائراتٌ حربية روسية مدينةَ حماة\r\nوقال المرصد إن 12 مدنياً قتلوا"


def ann_line(ident, label, text, phrase, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return f"{ident}\t{label} {start} {start + len(phrase)}\t{phrase}\n"


def write(folder, name, text, ann=None, *, bom=False):
    folder.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    (folder / f"{name}.txt").write_bytes(codecs.BOM_UTF8 + data if bom else data)
    if ann is not None:
        (folder / f"{name}.ann").write_bytes(ann.encode("utf-8"))


def read(path, annotator="amal", label_map=None):
    notes = []
    return list(read_brat(path, annotator, label_map or {}, notes)), notes


def covered(record):
    return [(s.label, record.document.text[s.start : s.end]) for s in record.spans]


def test_flat_folder_arabic_emoji_and_crlf_offsets(tmp_path):
    ann = (
        ann_line("T1", "ACTOR", TEXT, "طائراتٌ حربية روسية")
        + ann_line("T2", "LOCATION", TEXT, "حماة")
        + ann_line("T3", "SOURCE", TEXT, "المرصد")  # after the CRLF, which brat counts as 2
        + ann_line("T4", "NUMBER", TEXT, "12 مدنياً")
    )
    write(tmp_path, "report", TEXT, ann)
    [record], notes = read(tmp_path)
    assert record.document.text == TEXT  # CRLF, diacritics, tatweel and emoji kept exactly
    assert record.document.id == "report"
    assert record.document.meta == {"title": "report", "file": "report.txt"}
    assert record.annotator == "amal" and notes == []
    assert covered(record) == [
        ("ACTOR", "طائراتٌ حربية روسية"),
        ("LOCATION", "حماة"),
        ("SOURCE", "المرصد"),
        ("NUMBER", "12 مدنياً"),
    ]
    assert record.spans[2].start == TEXT.index("المرصد")
    assert {s.origin for s in record.spans} == {Origin.IMPORTED}
    assert {s.annotator for s in record.spans} == {"amal"}


def test_flat_folder_needs_an_annotator(tmp_path):
    write(tmp_path, "report", TEXT, ann_line("T1", "LOCATION", TEXT, "حماة"))
    with pytest.raises(InputError, match="--annotator NAME") as err:
        read(tmp_path, annotator=None)
    assert err.value.path == str(tmp_path)


def test_nested_collection_ids_and_txt_without_ann(tmp_path):
    write(tmp_path, "a", TEXT, "")
    write(tmp_path / "2015" / "oct", "b", TEXT + " ثانٍ", ann_line("T1", "LOCATION", TEXT, "حماة"))
    write(tmp_path, "c", TEXT + " بلا تعليقات")  # no .ann: a document with no spans
    (tmp_path / "annotation.conf").write_text("[entities]\nLOCATION\n", encoding="utf-8")
    records, _ = read(tmp_path)
    assert [(r.document.id, len(r.spans), r.annotator) for r in records] == [
        ("2015/oct/b", 1, "amal"),
        ("a", 0, "amal"),
        ("c", 0, "amal"),
    ]
    assert records[0].document.meta["file"] == "2015/oct/b.txt"


def test_annotator_sub_folders_share_documents(tmp_path):
    second = "نزح آلاف السكان من إدلب"
    write(tmp_path / "amal", "doc1", TEXT, ann_line("T1", "LOCATION", TEXT, "حماة"))
    write(tmp_path / "amal", "doc2", second, ann_line("T1", "LOCATION", second, "إدلب"))
    write(
        tmp_path / "omar",
        "doc1",
        TEXT,
        ann_line("T1", "LOCATION", TEXT, "حماة") + ann_line("T2", "SOURCE", TEXT, "المرصد"),
    )
    write(tmp_path / "omar", "doc2", second)  # omar has not annotated doc2
    (tmp_path / "annotation.conf").write_text("[entities]\n", encoding="utf-8")
    records, notes = read(tmp_path, annotator=None)
    assert [(r.annotator, r.document.id, len(r.spans)) for r in records] == [
        ("amal", "doc1", 1),
        ("amal", "doc2", 1),
        ("omar", "doc1", 2),
        ("omar", "doc2", 0),
    ]
    assert records[0].document.hash == records[2].document.hash  # one document, two layers
    assert {s.annotator for s in records[2].spans} == {"omar"}
    assert notes == []


def test_annotator_option_with_annotator_folders_is_refused(tmp_path):
    write(tmp_path / "amal", "doc1", TEXT, ann_line("T1", "LOCATION", TEXT, "حماة"))
    with pytest.raises(InputError, match="already names the annotators \\(amal\\)"):
        read(tmp_path, annotator="omar")


def test_annotator_folders_with_different_texts_are_reported(tmp_path):
    write(tmp_path / "amal", "doc1", TEXT, "")
    write(tmp_path / "omar", "doc1", TEXT + ".", "")
    write(tmp_path, "stray", TEXT)
    (tmp_path / "images").mkdir()
    records, notes = read(tmp_path, annotator=None)
    assert len(records) == 2
    assert any("stray.txt: not in an annotator's sub-folder" in n for n in notes)
    assert any("images: no .ann files" in n for n in notes)
    assert any("text of 'doc1' differs" in n for n in notes)


def test_discontinuous_annotation_becomes_one_span_per_fragment(tmp_path):
    a, b = TEXT.index("طائراتٌ"), TEXT.index("روسية")
    ann = f"T1\tACTOR {a} {a + 7};{b} {b + 5}\tطائراتٌ روسية\n"
    write(tmp_path, "report", TEXT, ann)
    [record], notes = read(tmp_path)
    assert covered(record) == [("ACTOR", "طائراتٌ"), ("ACTOR", "روسية")]
    assert notes == [
        f"{tmp_path / 'report.ann'}: 1 discontinuous annotation (T1) imported as one span "
        "per fragment"
    ]


def test_relations_events_and_attributes(tmp_path):
    ann = (
        ann_line("T1", "ACTOR", TEXT, "طائراتٌ حربية روسية")
        + ann_line("T2", "LOCATION", TEXT, "حماة")
        + ann_line("T3", "Attack", TEXT, "قصفـت")
        + "R1\tTargets Arg1:T1 Arg2:T2\n"
        + "R2\tIn Arg1:T3 Arg2:T2\n"
        + "E1\tAttack:T3 Agent:T1 Place:T2\n"
        + "A1\tNegated T2\n"
        + "A2\tConfidence T1 High\n"
        + "M3\tSpeculation E1\n"
        + "#1\tAnnotatorNotes T1\tRussian jets\n"
        + "*\tEquiv T1 T1\n"
        + "N1\tReference T2 Wikidata:Q80150\tحماة\n"
    )
    write(tmp_path, "report", TEXT, ann)
    [record], notes = read(tmp_path)
    assert [(s.label, s.attrs) for s in record.spans] == [
        ("ACTOR", {"Confidence": "High"}),
        ("LOCATION", {"Negated": True}),
        ("Attack", {}),
    ]
    where = tmp_path / "report.ann"
    assert sorted(notes) == sorted(
        f"{where}: {n} not imported"
        for n in (
            "2 relations",
            "1 event",
            "1 attribute",
            "1 note",
            "1 equivalence",
            "1 normalization",
        )
    )


def test_attribute_on_unknown_annotation_is_an_error(tmp_path):
    write(tmp_path, "report", TEXT, ann_line("T1", "LOCATION", TEXT, "حماة") + "A1\tNegated T7\n")
    with pytest.raises(InputError, match="T7") as err:
        read(tmp_path)
    assert (err.value.path, err.value.line) == (str(tmp_path / "report.ann"), 2)


@pytest.mark.parametrize(
    "bad",
    [
        "T2\tLOCATION 4\tحماة",
        "T2\tLOCATION four 8\tحماة",
        "T2 LOCATION 4 8 حماة",
        "X2\tsomething",
        "T2\tLOCATION 8 4\tحماة",
        "T1\tLOCATION 0 1\t🔴",  # the id is taken
        "A2\tNegated",
        "R1",
    ],
)
def test_malformed_ann_line_names_file_and_line(tmp_path, bad):
    ann = ann_line("T1", "LOCATION", TEXT, "حماة") + "\n" + bad + "\n"
    write(tmp_path, "report", TEXT, ann)
    with pytest.raises(InputError) as err:
        read(tmp_path)
    assert (err.value.path, err.value.line) == (str(tmp_path / "report.ann"), 3)
    assert str(err.value).startswith(f"{tmp_path / 'report.ann'}:3: ")


def test_text_mismatch_and_out_of_range_are_errors(tmp_path):
    start = TEXT.index("حماة")
    write(tmp_path, "report", TEXT, f"T1\tLOCATION {start + 1} {start + 5}\tحماة\n")
    with pytest.raises(InputError, match="says its text is 'حماة'") as err:
        read(tmp_path)
    assert (err.value.path, err.value.line) == (str(tmp_path / "report.ann"), 1)
    write(tmp_path, "report", TEXT, f"T1\tLOCATION 10 {len(TEXT) + 3}\tحماة\n")
    with pytest.raises(InputError, match="out of range"):
        read(tmp_path)


def test_bom_counted_by_brat_is_shifted_with_a_note(tmp_path):
    # brat reads the file as UTF-8 without removing the BOM, so its offsets are one higher.
    start = TEXT.index("حماة") + 1
    write(tmp_path, "report", TEXT, f"T1\tLOCATION {start} {start + 4}\tحماة\n", bom=True)
    [record], notes = read(tmp_path)
    assert not record.document.text.startswith("\ufeff")
    assert covered(record) == [("LOCATION", "حماة")]
    assert "byte-order mark" in notes[0]


def test_bom_offsets_already_without_it_are_kept(tmp_path):
    write(tmp_path, "report", TEXT, ann_line("T1", "LOCATION", TEXT, "حماة"), bom=True)
    [record], notes = read(tmp_path)
    assert covered(record) == [("LOCATION", "حماة")] and notes == []


def test_shift_without_a_bom_is_not_guessed(tmp_path):
    start = TEXT.index("حماة") + 1
    write(tmp_path, "report", TEXT, f"T1\tLOCATION {start} {start + 4}\tحماة\n")
    with pytest.raises(InputError, match="says its text"):
        read(tmp_path)


def test_ann_without_txt_is_an_error(tmp_path):
    write(tmp_path, "report", TEXT, "")
    (tmp_path / "orphan.ann").write_text("T1\tLOCATION 0 4\tحماة\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"orphan\.txt") as err:
        read(tmp_path)
    assert err.value.path == str(tmp_path / "orphan.ann")


def test_label_map_and_crlf_ann_file(tmp_path):
    ann = ann_line("T1", "LOC", TEXT, "حماة") + ann_line("T2", "ORG", TEXT, "المرصد")
    write(tmp_path, "report", TEXT, ann.replace("\n", "\r\n"))
    [record], _ = read(tmp_path, label_map={"LOC": "LOCATION", "ORG": "SOURCE"})
    assert covered(record) == [("LOCATION", "حماة"), ("SOURCE", "المرصد")]


def test_not_a_brat_folder(tmp_path):
    write(tmp_path, "report", TEXT)
    with pytest.raises(InputError, match=r"no \.ann files"):
        read(tmp_path)
    with pytest.raises(InputError, match="needs a folder"):
        read(tmp_path / "report.txt")


def test_imports_into_a_project_as_one_document_per_text(tmp_path, project):
    from annotator.storage.importing import import_records

    for name in ("amal", "omar"):
        write(tmp_path / name, "doc1", TEXT, ann_line("T1", "LOCATION", TEXT, "حماة"))
    records, _ = read(tmp_path, annotator=None)
    report = import_records(project, records)
    assert report.documents_added == 1 and report.spans_added == 2
    assert report.annotators == {"amal", "omar"}


def bratiaa_counts():
    """Text-bound annotations per annotator, counted from the .ann files themselves."""
    counts = Counter()
    for ann in BRATIAA.glob("*/*.ann"):
        lines = ann.read_text(encoding="utf-8").splitlines()
        counts[ann.parent.name] += sum(line.startswith("T") for line in lines)
    return counts


def test_bratiaa_example_project():
    if not BRATIAA.is_dir():
        pytest.skip(f"{BRATIAA} is not here")
    records, notes = read(BRATIAA, annotator=None)
    spans = Counter()
    for record in records:
        spans[record.annotator] += len(record.spans)
        for span in record.spans:
            assert record.document.text[span.start : span.end].strip()
    # Counted by hand with grep: Lisa 404, Maria 404, Peter 401, Max 358 T lines.
    assert spans == {"Lisa": 404, "Maria": 404, "Peter": 401, "Max": 358} == bratiaa_counts()
    assert len(records) == 28 and notes == []
    assert len({r.document.hash for r in records}) == 7  # the same seven texts for everyone
    assert {r.document.id for r in records} == {
        f"esp.train-doc-{n}" for n in (29, 46, 100, 423, 503, 896, 1400)
    }
    first = next(r for r in records if r.annotator == "Lisa" and r.document.id.endswith("-29"))
    assert first.spans[0].label == "PER"
    assert first.document.text[first.spans[0].start : first.spans[0].end] == "Caius Apicius"


def test_text_encodings_name_the_file(tmp_path):
    text = "قصفت طائرات حربية مدينة حماة"
    (tmp_path / "w.txt").write_bytes(text.encode("cp1256"))
    (tmp_path / "w.ann").write_text(ann_line("T1", "LOCATION", text, "حماة"), encoding="utf-8")
    [record], notes = read(tmp_path)
    assert covered(record) == [("LOCATION", "حماة")]
    assert notes == [f"{tmp_path / 'w.txt'}: not UTF-8: decoded as Windows Arabic (cp1256)"]
    (tmp_path / "w.txt").write_bytes(b"abc\n\xff\xfe\xfd\x80 x")
    with pytest.raises(InputError, match="not valid UTF-8") as err:
        read(tmp_path)
    assert (err.value.path, err.value.line) == (str(tmp_path / "w.txt"), 2)


def test_empty_text_without_annotations_is_skipped(tmp_path):
    write(tmp_path, "empty", "", "")
    write(tmp_path, "report", TEXT, "")
    records, notes = read(tmp_path)
    assert [r.document.id for r in records] == ["report"]
    assert notes == [f"{tmp_path / 'empty.txt'}: empty text: skipped"]


def test_the_encoding_given_reads_text_and_annotations(tmp_path):
    text = "قصفت طائرات حربية مدينة حماة"
    (tmp_path / "w.txt").write_bytes(text.encode("iso-8859-6"))
    ann = ann_line("T1", "LOCATION", text, "حماة")
    (tmp_path / "w.ann").write_bytes(ann.encode("iso-8859-6"))
    notes = []
    [record] = read_brat(tmp_path, "amal", {}, notes, encoding="iso-8859-6")
    assert record.document.text == text and covered(record) == [("LOCATION", "حماة")]
    assert notes == []  # given, not detected
    with pytest.raises(InputError, match="unknown encoding 'arabic-7'") as err:
        list(read_brat(tmp_path, "amal", {}, [], encoding="arabic-7"))
    assert err.value.path is not None
