import json

import pytest

from annotator.core import InputError, Origin
from annotator.formats.doccano import read_doccano
from annotator.storage.importing import import_records

# Diacritics, tatweel, an RLM and an emoji before the last span: code points, not UTF-16.
TEXT = "قالَ المرصدُ السوريُّ \u200f🔥 إن 12 غـارة استهدفت حماةَ"


def at(part, label, text=TEXT):
    start = text.index(part)
    return [start, start + len(part), label]


def write(tmp_path, *lines, name="doccano.jsonl"):
    path = tmp_path / name
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)
        + "\n",
        encoding="utf-8",
    )
    return path


def read(path, annotator="amira", label_map=None, notes=None, offsets="codepoints"):
    """The records; `offsets` as --offsets (TEXT has an emoji: doccano's two ways differ)."""
    notes = [] if notes is None else notes
    return list(read_doccano(path, annotator, label_map or {}, notes, offsets=offsets))


def test_offsets_are_code_points_and_taken_exactly(tmp_path):
    spans = [at("المرصدُ السوريُّ", "SOURCE"), at("12 غـارة", "NUMBER"), at("حماةَ", "LOCATION")]
    path = write(tmp_path, {"id": 7, "text": TEXT, "label": spans})
    [record] = read(path)
    assert record.document.id == "7" and record.document.text == TEXT
    assert record.line == 1 and record.annotator == "amira"
    assert [(s.start, s.end, s.label) for s in record.spans] == [tuple(s) for s in spans]
    assert [s.text_in(TEXT) for s in record.spans] == ["المرصدُ السوريُّ", "12 غـارة", "حماةَ"]
    assert all(s.origin is Origin.IMPORTED and s.annotator == "amira" for s in record.spans)
    # the emoji counts one: in UTF-16 the last span would start one later
    assert record.spans[2].start == TEXT.index("حماةَ")
    assert len(TEXT[: record.spans[2].start].encode("utf-16-le")) // 2 == record.spans[2].start + 1


def test_utf16_offsets_are_taken_when_said_and_refused_when_not(tmp_path):
    hama = TEXT.index("حماةَ")
    utf16 = len(TEXT[:hama].encode("utf-16-le")) // 2
    path = write(tmp_path, {"id": 7, "text": TEXT, "label": [[utf16, utf16 + 5, "LOCATION"]]})
    [record] = read(path, offsets="utf16")
    assert [s.text_in(TEXT) for s in record.spans] == ["حماةَ"]
    with pytest.raises(InputError, match="--offsets utf16 or --offsets codepoints") as caught:
        read(path, offsets=None)
    assert caught.value.line == 1
    plain = write(tmp_path, {"text": "قصفت حماة", "label": [[5, 9, "LOCATION"]]}, name="p.jsonl")
    assert [s.start for s in read(plain, offsets=None)[0].spans] == [5]  # no emoji: no doubt


@pytest.mark.parametrize(
    "key, value",
    [
        ("label", [[5, 12, "SOURCE"]]),
        ("labels", [[5, 12, "SOURCE"]]),
        ("entities", [{"id": 3, "start_offset": 5, "end_offset": 12, "label": "SOURCE"}]),
    ],
)
def test_every_span_key_of_doccano_versions(tmp_path, key, value):
    path = write(tmp_path, {"text": TEXT, key: value})
    [record] = read(path)
    assert [(s.start, s.end, s.label) for s in record.spans] == [(5, 12, "SOURCE")]
    assert record.spans[0].text_in(TEXT) == "المرصدُ"
    assert record.document.id == "doccano-1" and record.document.meta == {}


def test_other_keys_go_to_meta_and_meta_is_merged(tmp_path):
    path = write(
        tmp_path,
        {
            "id": "a",
            "text": TEXT,
            "label": [],
            "Comments": ["check"],
            "meta": {"agency": "SANA"},
            "relations": [{"from_id": 1, "to_id": 2, "type": "in"}],
        },
    )
    notes = []
    [record] = read(path, notes=notes)
    assert record.document.meta == {
        "agency": "SANA",
        "Comments": ["check"],
        "relations": [{"from_id": 1, "to_id": 2, "type": "in"}],
    }
    assert record.spans == []
    assert any("relations" in note and "not imported" in note for note in notes)


def test_label_map_renames_and_keeps_unmapped(tmp_path):
    spans = [at("المرصدُ السوريُّ", "ORG"), at("حماةَ", "LOC"), at("12 غـارة", "NUMBER")]
    path = write(tmp_path, {"text": TEXT, "label": spans})
    [record] = read(path, label_map={"ORG": "SOURCE", "LOC": "LOCATION"})
    assert [s.label for s in record.spans] == ["SOURCE", "LOCATION", "NUMBER"]


def test_annotator_from_the_line_or_the_option(tmp_path):
    path = write(
        tmp_path,
        {"text": TEXT, "annotator": "omar", "label": [at("حماةَ", "LOCATION")]},
        {"text": "نص آخر", "annotator": 4, "label": [[0, 2, "LOCATION"]]},
    )
    first, second = read(path, annotator=None)
    assert first.annotator == "omar" and first.spans[0].annotator == "omar"
    assert second.annotator == "4"
    assert "annotator" not in first.document.meta
    [first, _] = read(path, annotator="amira")
    assert first.annotator == first.spans[0].annotator == "amira"


def test_missing_annotator_names_file_and_line(tmp_path):
    path = write(
        tmp_path, {"text": "بلا تعليم", "label": []}, {"text": TEXT, "label": [[0, 3, "X"]]}
    )
    with pytest.raises(InputError) as caught:
        read(path, annotator=None)
    assert caught.value.code == "no_annotator"
    assert (caught.value.path, caught.value.line) == (str(path), 2)
    assert "give --annotator NAME" in str(caught.value)
    assert str(caught.value).startswith(f"{path}:2: ")


def test_a_line_without_spans_needs_no_annotator(tmp_path):
    path = write(tmp_path, {"text": TEXT})
    [record] = read(path, annotator=None)
    assert record.annotator is None and record.spans == []


def test_out_of_range_span_names_file_and_line(tmp_path):
    path = write(tmp_path, {"text": "نص"}, "", {"text": TEXT, "label": [[40, len(TEXT) + 1, "X"]]})
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.code == "span_out_of_range"
    assert (caught.value.path, caught.value.line) == (str(path), 3)
    assert f"the text has {len(TEXT)} characters" in str(caught.value)


def test_blank_span_names_file_and_line(tmp_path):
    start = TEXT.index(" ")
    path = write(tmp_path, {"text": TEXT, "label": [[start, start + 1, "X"]]})
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.code == "span_blank"
    assert str(caught.value).startswith(f"{path}:1: span {start}-{start + 1} (X)")


@pytest.mark.parametrize(
    "line, words",
    [
        ({"text": TEXT, "label": [[3, 1, "X"]]}, "greater than its start"),
        ({"text": TEXT, "label": [[0, 3]]}, "must be [start, end, label]"),
        ({"text": TEXT, "label": ["positive"]}, "text-classification"),
        ({"text": TEXT, "label": [[0, 3, 5]]}, "label must be a string"),
        ({"text": TEXT, "entities": [{"start_offset": 0, "label": "X"}]}, "end_offset"),
        ({"text": TEXT, "label": [], "entities": []}, "both 'label' and 'entities'"),
        ({"label": []}, "no 'text'"),
        ({"text": TEXT, "annotations": [{"start_offset": 0, "end_offset": 3}]}, "per-user"),
        ("[1, 2]", "must be a JSON object"),
        ('{"text": "x"', "not valid JSON"),
    ],
)
def test_bad_lines_are_refused_with_file_and_line(tmp_path, line, words):
    path = write(tmp_path, {"text": "سطر أول"}, line)
    with pytest.raises(InputError) as caught:
        read(path)
    assert words in str(caught.value)
    assert (caught.value.path, caught.value.line) == (str(path), 2)


def test_byte_order_mark_and_empty_file(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": TEXT}).encode() + b"\n")
    [record] = read(path)
    assert record.document.text == TEXT
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n\n")
    with pytest.raises(InputError, match="empty file"):
        read(empty)


def test_imports_into_a_project(tmp_path, project):
    path = write(tmp_path, {"id": "d", "text": TEXT, "label": [at("حماةَ", "LOCATION")]})
    report = import_records(project, read_doccano(path, "amira", {}, [], offsets="codepoints"))
    assert (report.documents_added, report.spans_added) == (1, 1)
    [doc] = project.documents()
    [span] = project.spans(doc.rowid)
    assert (span.text_in(doc.text), span.annotator, span.origin) == (
        "حماةَ",
        "amira",
        Origin.IMPORTED,
    )
