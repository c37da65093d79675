"""Annotator names are refused at the door when they hold a control or direction character."""

import json
import re

import pytest

from annotator.core.errors import InputError
from annotator.core.names import check_annotator_name
from annotator.storage import Project


@pytest.mark.parametrize("name", ["amira", "عامر", 'o\'brien "x"', "Dr. Ayşe-Nur", "نور 2"])
def test_ordinary_names_pass(name):
    assert check_annotator_name(name) == name


@pytest.mark.parametrize(
    "name, code",
    [("a\u202eb", "U+202E"), ("\u2066x\u2069", "U+2066"), ("x\u200f", "U+200F"),
     ("a\nb", "U+000A"), ("a\x1bb", "U+001B"), ("\u061cعامر", "U+061C")],
)  # fmt: skip
def test_controls_and_direction_marks_are_refused_naming_the_character(name, code):
    with pytest.raises(InputError, match=re.escape(code)) as caught:
        check_annotator_name(name)
    assert caught.value.code == "name_control"
    assert "\n" not in str(caught.value)


def test_a_new_name_is_refused_by_the_project_and_an_old_one_still_works(tmp_path):
    with Project.open(tmp_path / "p.db", create=True) as project:
        with pytest.raises(InputError, match=re.escape("U+202E")):
            project.annotator_id("a\u202eb")
        project.db.execute("INSERT INTO annotators (name, created_at) VALUES ('x\u202ey', 'then')")
        assert project.annotator_id("x\u202ey") is not None  # stored before: still found


def test_an_import_naming_one_is_refused_at_its_line(cli, tmp_path):
    lines = [
        {"id": "a", "text": "قصفت الطائرات حماة", "annotator": "amira"},
        {"id": "b", "text": "قصفت الطائرات ادلب", "annotator": "x\u202ey"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    code, _, err = cli("import", tmp_path / "p.db", source)
    assert code == 2
    assert err.startswith(f"annotator: {source}:2: annotator name 'x\\u202ey' holds U+202E")
    assert err.count("\n") == 1
