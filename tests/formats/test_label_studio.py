import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core import InputError, Origin
from annotator.formats.label_studio import read_label_studio
from annotator.storage.importing import import_records

# An emoji and a mathematical bold A (both astral) before the spans: UTF-16 offsets are 2 more.
TEXT = "🔥 قالت وكالة 𝐀 إن الطيران قصفَ حماةَ بـ 12 غارة"


def units(text):
    return len(text.encode("utf-16-le")) // 2


def result(part, *labels, text=TEXT, code_points=False, shown=None, kind="labels"):
    start = text.index(part)
    if not code_points:
        start = units(text[:start])
    end = start + (len(part) if code_points else units(part))
    value = {"start": start, "end": end, "text": part if shown is None else shown}
    value["labels"] = list(labels)
    return {"type": kind, "from_name": "label", "to_name": "text", "value": value}


def task(task_id, *annotations, text=TEXT, **extra):
    return {"id": task_id, "data": {"text": text}, "annotations": list(annotations), **extra}


def annotation(who, *results, **extra):
    return {"id": 1, "completed_by": who, "result": list(results), **extra}


def write(tmp_path, tasks, name="export.json"):
    path = tmp_path / name
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def read(path, annotator=None, label_map=None, notes=None, **options):
    notes = [] if notes is None else notes
    return list(read_label_studio(path, annotator, label_map or {}, notes, **options))


def keys(record):
    return [(s.start, s.end, s.label) for s in record.spans]


def test_utf16_offsets_are_converted_to_code_points(tmp_path):
    path = write(
        tmp_path, [task(17, annotation(3, result("حماةَ", "LOC"), result("الطيران", "ACT")))]
    )
    notes = []
    [record] = read(path, notes=notes)
    start = TEXT.index("حماةَ")
    raw = units(TEXT[:start])
    assert raw == start + 2  # the emoji and the math letter count two units each
    assert keys(record) == [
        (start, start + len("حماةَ"), "LOC"),
        (TEXT.index("الطيران"), TEXT.index("الطيران") + len("الطيران"), "ACT"),
    ]
    assert [s.text_in(TEXT) for s in record.spans] == ["حماةَ", "الطيران"]
    assert record.document.id == "17" and record.document.text == TEXT
    assert record.annotator == "3" and record.line == 1  # the task's line
    assert all(s.origin is Origin.IMPORTED and s.annotator == "3" for s in record.spans)
    assert not any("code-point offsets" in note for note in notes)
    assert any("completed_by" in note and "3" in note for note in notes)


def test_offsets_already_in_code_points_are_accepted_with_a_note(tmp_path):
    path = write(tmp_path, [task(5, annotation(3, result("حماةَ", "LOC", code_points=True)))])
    notes = []
    [record] = read(path, notes=notes)
    start = TEXT.index("حماةَ")
    assert keys(record) == [(start, start + len("حماةَ"), "LOC")]
    [note] = [n for n in notes if "code-point offsets" in n]
    assert "task 5" in note and f"span {start}-{start + 5}" in note


def test_a_text_that_matches_neither_reading_names_task_and_span(tmp_path):
    bad = result("حماةَ", "LOC", shown="دمشق")
    path = write(tmp_path, [task(1, annotation(3)), task(17, annotation(3, bad))])
    with pytest.raises(InputError) as caught:
        read(path)
    error = caught.value
    assert error.code == "span_text_mismatch" and error.path == str(path)
    start = bad["value"]["start"]
    assert str(error).startswith(f"{path}:1: task 17: span {start}-{start + 5} (LOC)")
    assert "'دمشق'" in str(error) and "'حماةَ'" in str(error)


def test_a_span_past_the_end_or_splitting_a_pair(tmp_path):
    past = {"type": "labels", "value": {"start": 0, "end": 999, "labels": ["LOC"]}}
    path = write(tmp_path, [task(9, annotation(3, past))])
    with pytest.raises(InputError, match=r"task 9: span 0-999 \(LOC\) is out of range"):
        read(path)
    split = {"type": "labels", "value": {"start": 1, "end": 4, "labels": ["LOC"]}}
    path = write(tmp_path, [task(9, annotation(3, split))])
    with pytest.raises(InputError, match="splits a character"):
        read(path)


def test_several_annotators_per_task_share_one_document(tmp_path, project):
    tasks = [
        task(
            1,
            annotation(3, result("حماةَ", "LOCATION")),
            annotation("omar@example.org", result("الطيران", "ACTOR")),
            annotation({"id": 9, "email": "huda@example.org"}, result("حماةَ", "LOCATION")),
        )
    ]
    path = write(tmp_path, tasks)
    notes = []
    records = read(path, notes=notes)
    assert [r.annotator for r in records] == ["3", "omar@example.org", "huda@example.org"]
    assert len({r.document.hash for r in records}) == 1
    assert any("completed_by" in n and "huda@example.org" in n for n in notes)
    report = import_records(project, iter(records), add_labels=True)
    assert (report.documents_added, report.spans_added) == (1, 3)
    [doc] = project.documents()
    assert sorted((s.annotator, s.text_in(doc.text)) for s in project.spans(doc.rowid)) == [
        ("3", "حماةَ"),
        ("huda@example.org", "حماةَ"),
        ("omar@example.org", "الطيران"),
    ]


def test_annotator_option_overrides_completed_by_with_a_note(tmp_path):
    tasks = [task(1, annotation(3, result("حماةَ", "LOC")), annotation(4, result("حماةَ", "LOC")))]
    notes = []
    records = read(write(tmp_path, tasks), annotator="amira", notes=notes)
    assert [r.annotator for r in records] == ["amira", "amira"]
    assert all(s.annotator == "amira" for r in records for s in r.spans)
    assert any("amira (--annotator)" in n for n in notes)


def test_no_annotator_anywhere_is_an_error(tmp_path):
    tasks = [task(4, {"result": [result("حماةَ", "LOC")]})]
    with pytest.raises(InputError, match=r"task 4: annotation 1 names no annotator.*--annotator"):
        read(write(tmp_path, tasks))


def test_cancelled_annotations_are_skipped_with_a_note(tmp_path):
    tasks = [
        task(
            1,
            annotation(3, result("حماةَ", "LOC"), was_cancelled=True),
            annotation(4, result("الطيران", "ACT")),
        ),
        task(2, annotation(3, was_cancelled=True), text="نص آخر"),
    ]
    notes = []
    first, second = read(write(tmp_path, tasks), notes=notes)
    assert first.annotator == "4" and [s.label for s in first.spans] == ["ACT"]
    # a task with nothing left still brings its text in
    assert (second.document.text, second.annotator, second.spans) == ("نص آخر", None, [])
    assert any("2 cancelled annotations were skipped" in n for n in notes)


def test_predictions_and_other_results_are_noted_not_imported(tmp_path):
    choice = {"type": "choices", "value": {"choices": ["strike"]}}
    relation = {"type": "relation", "from_id": "a", "to_id": "b"}
    prediction = {"model_version": "v1", "result": [result("حماةَ", "LOC")]}
    tasks = [
        task(
            1,
            annotation(3, result("حماةَ", "LOC"), choice, relation, choice),
            predictions=[prediction, prediction],
        ),
        task(2, annotation(3, {"type": "textarea", "value": {"text": ["x"]}}), text="نص آخر"),
    ]
    notes = []
    first, second = read(write(tmp_path, tasks), notes=notes)
    assert keys(first) == [(TEXT.index("حماةَ"), TEXT.index("حماةَ") + 5, "LOC")]
    assert second.spans == []
    assert any("2 predictions" in n and "1 tasks" in n and "not imported" in n for n in notes)
    assert any("2 'choices' results are not imported" in n for n in notes)
    assert any("1 'relation' results are not imported" in n for n in notes)
    assert any("1 'textarea' results are not imported" in n for n in notes)


def test_a_result_with_several_labels_gives_several_spans(tmp_path):
    tasks = [task(1, annotation(3, result("الطيران", "ORG", "ACTOR")))]
    [record] = read(write(tmp_path, tasks), label_map={"ORG": "ACTOR"})
    start = TEXT.index("الطيران")
    # ORG maps onto ACTOR: one span per distinct label after mapping would be a duplicate,
    # and the store ignores duplicates; the reader keeps one per label given.
    assert [(s.start, s.end) for s in record.spans] == [(start, start + 7)] * 2
    [record] = read(write(tmp_path, tasks))
    assert keys(record) == [(start, start + 7, "ORG"), (start, start + 7, "ACTOR")]


def test_custom_data_key_and_the_only_string(tmp_path):
    other = {"id": 2, "data": {"body": TEXT, "n": 3}, "annotations": []}
    path = write(tmp_path, [other])
    notes = []
    [record] = read(path, notes=notes)
    assert record.document.text == TEXT and record.document.meta == {"n": 3}
    assert any("data['body']" in n for n in notes)
    named = {"id": 3, "data": {"article": TEXT, "title": "عنوان"}, "annotations": []}
    path = write(tmp_path, [named])
    with pytest.raises(InputError, match=r"task 3: data has no 'text'.*'article', 'title'"):
        read(path)
    [record] = read(path, text_key="article")
    assert record.document.text == TEXT and record.document.meta == {"title": "عنوان"}
    with pytest.raises(InputError, match="task 3: data has no 'body'"):
        read(path, text_key="body")


@pytest.mark.parametrize(
    "content, words",
    [
        ('{"id": 1}', "expected a JSON array of tasks"),
        ("[]", "empty file"),
        ('[{"id": 1, "data": ', "not valid JSON"),
        ("[" * 100000 + "]" * 100000, "nested too deeply"),
        ('[{"id": 8}]', "task 8 has no 'data'"),
        ('[{"id": 8, "data": {"text": "  "}}]', "task 8: empty document"),
    ],
)
def test_bad_files_name_the_file_and_task(tmp_path, content, words):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    assert words in str(caught.value) and caught.value.path == str(path)


def test_byte_order_mark_is_removed(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps([task(1)]).encode("utf-8"))
    [record] = read(path)
    assert record.document.text == TEXT


_CHARS = st.sampled_from(
    ["ا", "ل", "ح", "َ", "ـ", "\u200f", " ", "\n", "\r", "a", "🔥", "𝐀", "𞸀", "😀", "x"]
)


@st.composite
def text_and_spans(draw):
    text = "".join(draw(st.lists(_CHARS, min_size=1, max_size=40)))
    spans = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        if text[start:end].strip():
            spans.append((start, end))
    return text, spans


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text_and_spans())
def test_utf16_spans_come_back_covering_the_same_text(tmp_path, case):
    text, spans = case
    if not text.strip():
        return
    results = [
        {
            "type": "labels",
            "value": {
                "start": units(text[:start]),
                "end": units(text[:end]),
                "text": text[start:end],
                "labels": ["LOC"],
            },
        }
        for start, end in spans
    ]
    path = write(tmp_path, [task(1, annotation(3, *results), text=text)], name="h.json")
    [record] = read(path)
    assert record.document.text == text
    assert [s.text_in(text) for s in record.spans] == [text[s:e] for s, e in spans]
    assert [(s.start, s.end) for s in record.spans] == spans
