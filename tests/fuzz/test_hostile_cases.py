"""The hostile inputs the fuzzers draw at random, each written out once: nesting deeper than
Python's recursion limit, numbers no offset can be, NaN, lone surrogates, NUL bytes, empty
files, a 10 MB line that must import and an absurd one that must be refused, a folder that
links back to itself. Each is refused in one line naming the file and line, or imported."""

from __future__ import annotations

import json
import shutil

import pytest

from annotator.formats import decoding
from tests.fuzz.oracle import run_cli, snapshot

TEXT = "قصفت طائرات حربية مدينة حماة"
HAMA = [TEXT.index("حماة"), len(TEXT)]


@pytest.fixture
def db(seed, tmp_path):
    path = tmp_path / "project.db"
    shutil.copyfile(seed, path)
    return path


def refused(db, *args):
    """Run an import that must be refused; return its one stderr line."""
    before = snapshot(db)
    code, _, err = run_cli(["import", str(db), *map(str, args)])
    assert code == 2, err
    assert len(err.splitlines()) == 1 and err.startswith("annotator: "), err
    assert snapshot(db).raw == before.raw
    return err.rstrip("\n")


def imported(db, *args):
    code, out, err = run_cli(["import", str(db), *map(str, args)])
    assert code == 0, err
    return out


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    return path


def line(obj):
    return json.dumps(obj, ensure_ascii=False) + "\n"


NESTED = "[" * 10_000 + "]" * 10_000


@pytest.mark.parametrize(
    ("name", "content", "extra"),
    [
        ("a.jsonl", line({"text": TEXT}) + NESTED + "\n", []),
        ("a.jsonl", line({"text": TEXT}) + '{"text": "x", "meta": ' + NESTED + "}\n", []),
        ("a.jsonl", line({"text": TEXT}) + "[" * 10_000 + "\n", []),
        ("d.jsonl", line({"text": TEXT}) + NESTED + "\n", ["--format", "doccano"]),
        ("ls.json", '[{"data": {"text": "x"}},\n' + NESTED + "]", []),
    ],
)
def test_json_nested_past_the_recursion_limit_is_refused_with_its_line(
    db, tmp_path, name, content, extra
):
    path = write(tmp_path / name, content)
    message = refused(db, path, *extra)
    assert message.startswith(f"annotator: {path}:2: not valid JSON: nested too deeply")


def test_metadata_nested_deeper_than_any_export_is_refused_before_it_is_stored(db, tmp_path):
    deep = "[" * 70 + "1" + "]" * 70  # parses, but no reader writes anything like it
    path = write(
        tmp_path / "a.jsonl", line({"text": TEXT}) + f'{{"text": "x", "meta": {{"a": {deep}}}}}\n'
    )
    assert "a.jsonl:2: not valid JSON: nested more than 64 levels deep" in refused(db, path)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("9" * 5000, "a number too long to read (more than 4,300 digits)"),
        ("NaN", "NaN is not a JSON number"),
        ("-Infinity", "-Infinity is not a JSON number"),
        ("1e999", "must be an integer"),
        ("2.5", "must be an integer"),
        ('"3"', "must be an integer"),
        ("-1", "negative"),
        ("true", "must be an integer"),
        (str(10**30), "out of range"),
    ],
)
def test_an_offset_that_is_no_offset_is_refused_naming_the_line(db, tmp_path, value, why):
    span = f'{{"start": {HAMA[0]}, "end": {value}, "label": "LOCATION"}}'
    if why == "negative":
        span = f'{{"start": {value}, "end": 3, "label": "LOCATION"}}'
    content = line({"text": "نص أول"}) + (
        f'{{"text": "{TEXT}", "annotator": "amira", "spans": [{span}]}}\n'
    )
    path = write(tmp_path / "a.jsonl", content)
    message = refused(db, path)
    assert message.startswith(f"annotator: {path}:2: ") and why in message


def test_reversed_offsets_are_refused_in_every_format_that_has_offsets(db, tmp_path):
    start, end = HAMA
    doccano = write(tmp_path / "d.jsonl", line({"text": TEXT, "label": [[end, start, "LOCATION"]]}))
    assert f"{doccano}:1: " in refused(db, doccano, "--format", "doccano", "--annotator", "a")
    value = {"start": end, "end": start, "labels": ["LOCATION"]}
    task = {"data": {"text": TEXT}, "annotations": [{"completed_by": 1, "result": [
        {"type": "labels", "value": value}]}]}  # fmt: skip
    studio = write(tmp_path / "ls.json", "[\n" + json.dumps(task) + "\n]")
    assert f"{studio}:2: task #1 (no id): span end" in refused(db, studio)
    brat = tmp_path / "brat"
    brat.mkdir()
    write(brat / "a.txt", TEXT)
    write(brat / "a.ann", f"T1\tACTOR 0 5\t{TEXT[:5]}\nT2\tLOCATION {end} {start}\tx\n")
    message = refused(db, brat, "--format", "brat", "--annotator", "a")
    assert f"{brat / 'a.ann'}:2: T2: fragment {end}-{start} ends before it starts" in message


SPAN = {"start": HAMA[0], "end": HAMA[1]}
# json.dumps escapes a lone surrogate as \ud800, as JavaScript and other tools write it.
SURROGATES = {
    "id": {"id": "\ud800", "text": TEXT},
    "text": {"text": f"{TEXT} \ud800"},
    "annotator": {"text": TEXT, "annotator": "x\udfff", "spans": [{**SPAN, "label": "ACTOR"}]},
    "annotator without spans": {"text": TEXT, "annotator": "\udfff", "status": "new"},
    "meta": {"text": TEXT, "meta": {"title": "\ud83d"}},
    "label": {"text": TEXT, "annotator": "a", "spans": [{**SPAN, "label": "\ud800"}]},
    "attrs": {"text": TEXT, "annotator": "a",
              "spans": [{**SPAN, "label": "ACTOR", "attrs": {"v": "\udc00"}}]},
}  # fmt: skip


@pytest.mark.parametrize("where", SURROGATES)
def test_a_lone_surrogate_in_a_name_or_metadata_is_refused_not_a_crash(db, tmp_path, where):
    path = write(
        tmp_path / "a.jsonl", line({"text": "نص أول"}) + json.dumps(SURROGATES[where]) + "\n"
    )
    message = refused(db, path, "--add-labels")
    assert message.startswith(f"annotator: {path}:2: ") and "surrogate" in message


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf", b"\n\n"])
@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("a.txt", []),
        ("a.csv", []),
        ("a.jsonl", []),
        ("a.jsonl", ["--format", "doccano"]),
        ("a.json", []),
        ("a.conll", ["--annotator", "a"]),
    ],
)
def test_empty_and_blank_files_are_refused_naming_them(db, tmp_path, name, extra, data):
    path = write(tmp_path / name, data)
    message = refused(db, path, *extra)
    assert message.startswith(f"annotator: {path}") and "empty" in message


def test_a_nul_byte_is_refused_naming_its_line(db, tmp_path):
    for name in ("a.txt", "a.csv", "a.conll"):
        path = write(tmp_path / name, "text,id\nحماة,1\nقصف\x00,2\n")
        message = refused(db, path, "--annotator", "a")
        assert message.startswith(f"annotator: {path}:3: binary file (contains NUL bytes)")


def test_invalid_utf16_names_the_line_it_is_on(db, tmp_path):
    data = "سطر أول\nسطر ثان\n".encode("utf-16") + b"\x00\xd8"  # a lone high surrogate
    path = write(tmp_path / "a.txt", data)
    assert refused(db, path).startswith(f"annotator: {path}:3: not valid utf-16")


def test_a_ten_megabyte_line_imports_in_every_line_format(db, tmp_path):
    text = ("قصفت طائرات حربية مدينة حماة <b>x</b> \u202e " * 200_000)[:6_300_000] + " حماة"
    assert len(text.encode("utf-8")) > 10_000_000
    span = {"start": len(text) - 4, "end": len(text), "label": "LOCATION"}
    write(tmp_path / "a.jsonl", line({"text": text, "annotator": "amira", "spans": [span]}))
    write(tmp_path / "a.csv", f'id,text\nbig,"{text}"\n')
    write(tmp_path / "a.txt", text + " (txt)")
    out = imported(db, tmp_path / "a.jsonl", tmp_path / "a.csv", tmp_path / "a.txt")
    assert "imported 2 documents, 1 span" in out  # the CSV holds the JSONL's text
    after = snapshot(db)
    assert text in after.docs and text + " (txt)" in after.docs
    assert after.spans[(text, "amira")] == {(len(text) - 4, len(text), "LOCATION")}


def test_an_absurdly_long_line_or_file_is_refused_not_read_into_memory(db, tmp_path, monkeypatch):
    monkeypatch.setattr(decoding, "MAX_INPUT_BYTES", 4096)
    long_line = line({"text": "حماة " * 1000})
    path = write(tmp_path / "a.jsonl", line({"text": TEXT}) + long_line)
    assert (
        refused(db, path)
        == f"annotator: {path}:2: a line too large to import (more than 0 MiB): split it"
    )
    for name in ("a.txt", "a.csv", "a.json", "a.conll"):
        big = write(tmp_path / name, "حماة " * 1000)
        assert f"annotator: {big}: file too large to import" in refused(db, big, "--annotator", "a")


def test_a_brat_folder_that_links_back_to_itself_is_read_once(db, tmp_path):
    folder = tmp_path / "brat" / "amira"
    folder.mkdir(parents=True)
    write(folder / "a.txt", TEXT)
    write(folder / "a.ann", f"T1\tLOCATION {HAMA[0]} {HAMA[1]}\tحماة\n")
    (folder / "loop").symlink_to(folder.parent, target_is_directory=True)
    out = imported(db, tmp_path / "brat", "--format", "brat")
    assert out == f"imported 1 document, 1 span into {db}\n"  # not "(40 spans already there)"
    assert snapshot(db).docs[TEXT][1] == "a"


@pytest.mark.parametrize("rest", ["\tLOCATION 0 999\tx", "\tLOCATION 0 3", "\tLOCATION 5 3\tx"])
@pytest.mark.parametrize("name", ["T1\x0bx", "T\u20281", "T1\x1c", "T1\x85"])
def test_a_line_break_inside_a_brat_id_cannot_split_the_error_line(db, tmp_path, name, rest):
    folder = tmp_path / "brat"
    folder.mkdir()
    write(folder / "a.txt", TEXT)
    write(folder / "a.ann", f"{name}{rest}\n")
    message = refused(db, folder, "--format", "brat", "--annotator", "a")
    assert message.startswith(f"annotator: {folder / 'a.ann'}:1: ") and repr(name)[1:-1] in message


def test_a_label_studio_error_names_the_line_its_task_starts_on(db, tmp_path):
    tasks = [{"id": n, "data": {"text": f"{TEXT} {n}"}} for n in range(3)]
    tasks[2]["data"] = {"text": ""}
    path = write(tmp_path / "ls.json", json.dumps(tasks, ensure_ascii=False, indent=2))
    lines = path.read_text("utf-8").splitlines()
    third = [number for number, text in enumerate(lines, 1) if text == "  {"][2]
    assert refused(db, path).startswith(f"annotator: {path}:{third}: task 2: empty document")


@pytest.mark.parametrize(
    "obj",
    [
        {"text": TEXT, "meta": []},
        {"text": TEXT, "meta": ""},
        {"text": TEXT, "spans": {}},
        {"text": TEXT, "spans": ""},
        {"text": TEXT, "annotator": "a", "spans": [{**SPAN, "label": "ACTOR", "attrs": []}]},
        {"text": TEXT, "annotator": "a", "spans": [{**SPAN, "label": "ACTOR", "attrs": 0}]},
    ],
)
def test_an_empty_value_of_the_wrong_kind_is_refused_not_taken_for_nothing(db, tmp_path, obj):
    path = write(tmp_path / "a.jsonl", line({"text": "نص أول"}) + line(obj))
    message = refused(db, path)
    assert message.startswith(f"annotator: {path}:2: ") and "must be" in message


LABEL_WITH_BREAK = "LOC\nATION"


@pytest.mark.parametrize(
    ("name", "content", "extra"),
    [
        ("a.jsonl", line({"text": TEXT, "annotator": "a", "spans": [
            {"start": 0, "end": 999, "label": LABEL_WITH_BREAK}]}), []),
        ("a.jsonl", line({"text": TEXT, "label": [[0, 999, LABEL_WITH_BREAK]]}),
         ["--format", "doccano", "--annotator", "a"]),
        ("a.json", json.dumps([{"data": {"text": TEXT}, "annotations": [{"completed_by": 1,
            "result": [{"type": "labels", "value": {"start": 0, "end": 999,
                                                    "labels": [LABEL_WITH_BREAK]}}]}]}]), []),
        ("a.csv", "id,\x1etitle,body\n1,x,y\n", []),
    ],
)  # fmt: skip
def test_a_line_break_in_a_label_or_a_column_name_cannot_split_the_error_line(
    db, tmp_path, name, content, extra
):
    path = write(tmp_path / name, content)
    message = refused(db, path, *extra)
    assert message.startswith(f"annotator: {path}:1: ")
    assert repr(LABEL_WITH_BREAK) in message or repr("\x1etitle") in message


def test_a_line_break_in_a_brat_label_cannot_split_the_error_line(db, tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    write(folder / "a.txt", TEXT)
    write(folder / "a.ann", "T1\tACTOR 0 4\tقصفت\nT2\tLOC\x85ATION 0 999\tx\n")
    message = refused(db, folder, "--format", "brat", "--annotator", "a")
    assert message.startswith(f"annotator: {folder / 'a.ann'}:2: ") and "'LOC\\x85ATION'" in message


@pytest.mark.parametrize("listed", ["a\nb.jsonl", "a\u202eb.jsonl", "a\x85.jsonl"])
def test_a_bundle_manifest_listing_a_name_with_a_control_is_refused_in_one_line(
    db, tmp_path, listed
):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    manifest = {"files": {listed: {"annotator": "amira", "sha256": "0" * 64}}}
    write(bundle / "manifest.json", json.dumps(manifest))
    before = snapshot(db)
    code, _, err = run_cli(["merge", str(db), str(bundle)])
    assert code == 2 and len(err.splitlines()) == 1, err
    assert err.startswith(f"annotator: {bundle / 'manifest.json'}: lists {listed!r}")
    assert snapshot(db).raw == before.raw
