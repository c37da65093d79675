import json

import pytest

from annotator.core import InputError, Origin
from annotator.formats.jsonl import read_jsonl
from annotator.storage.importing import import_records

TEXT = "قال مصدر عسكري سوري إن 12 غارة استهدفت حماة"


def span_of(part, label="LOCATION", **extra):
    start = TEXT.index(part)
    return {"start": start, "end": start + len(part), "label": label, "text": part, **extra}


def write(tmp_path, *lines, raw=None):
    path = tmp_path / "docs.jsonl"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(
            "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)
            + "\n",
            encoding="utf-8",
        )
    return path


def read(path, annotator=None):
    return list(read_jsonl(path, None, annotator, []))


def test_reads_documents_spans_and_defaults(tmp_path):
    path = write(
        tmp_path,
        {
            "id": "a",
            "text": TEXT,
            "meta": {"source": "SANA"},
            "annotator": "amira",
            "spans": [span_of("حماة"), span_of("12 غارة", "NUMBER", attrs={"value": 12})],
        },
        "",
        {"text": "نص بلا معرف"},
    )
    first, second = read(path)
    assert first.document.id == "a" and first.document.meta == {"source": "SANA"}
    assert [(s.label, s.origin, s.annotator) for s in first.spans] == [
        ("LOCATION", Origin.IMPORTED, "amira"),
        ("NUMBER", Origin.IMPORTED, "amira"),
    ]
    assert first.spans[1].attrs == {"value": 12}
    assert (second.document.id, second.line, second.spans) == ("docs-3", 3, [])


def test_annotator_option_overrides_the_file(tmp_path):
    path = write(tmp_path, {"text": TEXT, "annotator": "amira", "spans": [span_of("حماة")]})
    [record] = read(path, annotator="omar")
    assert record.annotator == "omar" and record.spans[0].annotator == "omar"


def test_bom_and_crlf_are_accepted(tmp_path):
    line = json.dumps({"id": "x", "text": TEXT}, ensure_ascii=False)
    path = write(tmp_path, raw=b"\xef\xbb\xbf" + line.encode() + b"\r\n")
    assert read(path)[0].document.text == TEXT


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "نص", ', "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"id": "x"}', "no 'text' field"),
        ('{"text": "  "}', "empty document"),
        ('{"text": "نص", "label": [[0, 2, "LOC"]]}', "unknown field 'label'"),
        (
            '{"text": "نص", "spans": [{"start": 0, "end": 2, "label": "ACTOR"}]}',
            "spans need an annotator",
        ),
        (
            '{"text": "نص", "annotator": "a", "spans": [{"start": 0, "end": 9, "label": "ACTOR"}]}',
            "out of range",
        ),
        (
            '{"text": "نص", "annotator": "a", "spans": [{"start": 2, "end": 0, "label": "ACTOR"}]}',
            "greater than its start",
        ),
        (
            '{"text": "نص", "annotator": "a", '
            '"spans": [{"start": -1, "end": 1, "label": "ACTOR"}]}',
            "negative",
        ),
        (
            '{"text": "نص", "annotator": "a", '
            '"spans": [{"start": 0, "end": 2, "label": "ACTOR", "text": "xy"}]}',
            "says its text is 'xy'",
        ),
        (
            '{"text": "نص", "annotator": "a", "spans": [{"start": 0, "label": "ACTOR"}]}',
            "has no 'end'",
        ),
        ('{"text": "نص", "status": "finished"}', "status must be"),
        ('{"text": "نص", "meta": "x"}', "meta must be an object"),
        ('{"text": "نص", "spans": {"a": 1}}', "'spans' must be a list"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path, project, line, message):
    path = write(tmp_path, {"id": "ok", "text": "سطر صحيح"}, line)
    with pytest.raises(InputError, match=message) as exc:
        import_records(project, read_jsonl(path, None, None, []))
    assert project.document_count() == 0
    assert exc.value.path == str(path) and exc.value.line == 2
    assert str(exc.value).startswith(f"{path}:2: ")


def test_invalid_utf8_names_the_line(tmp_path):
    path = write(tmp_path, raw=b'{"text": "ok"}\n{"text": "\xff"}\n')
    with pytest.raises(InputError, match="not valid UTF-8") as exc:
        read(path)
    assert exc.value.line == 2


def test_empty_file_is_an_error(tmp_path):
    with pytest.raises(InputError, match="empty file"):
        read(write(tmp_path, raw=b"\n\n"))


def test_unicode_line_breaks_are_escaped_so_a_record_is_one_line(tmp_path):
    import io

    from annotator.core import Document
    from annotator.formats.jsonl import document_line, write_line

    out = io.StringIO()
    text = "سطر\x85سطر\u2028سطر\u2029سطر\r\n"
    write_line(out, document_line(Document("x", text), None, None, []))
    assert len(out.getvalue().splitlines()) == 1
    assert json.loads(out.getvalue())["text"] == text
