"""The README tells the truth: its JSONL example imports, and CI runs its test command."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_jsonl_example_is_valid_and_its_offsets_are_right(cli, tmp_path):
    block = re.search(r"```json\n(.*?)```", README, re.S).group(1)
    line = json.loads(" ".join(block.split("\n")))
    for span in line["spans"]:
        assert line["text"][span["start"] : span["end"]] == span["text"]
    source = tmp_path / "example.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert cli("import", tmp_path / "p.db", source)[0] == 0
    assert cli("export", tmp_path / "p.db", tmp_path / "out.jsonl")[0] == 0
    assert json.loads((tmp_path / "out.jsonl").read_text("utf-8")) == line


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"^(bash packaging/bootstrap\.sh \w+)", README, re.M)
    assert commands == ["bash packaging/bootstrap.sh run", "bash packaging/bootstrap.sh test"]
    ci = [
        x
        for x in (ROOT / ".ci" / "run").read_text().splitlines()
        if x.strip() and not x.startswith(("#", "set ", "cd "))
    ]
    assert ci == ["bash packaging/bootstrap.sh test"]


def test_the_keyboard_table_is_the_apps():
    from annotator.gui.shortcuts import KEYS

    rows = re.findall(r"^\| (.+?) \| (.+?) \|$", README, re.M)
    table = [row for row in rows if row != ("keys", "what they do") and "---" not in row[0]]
    assert [r for r in table if r in KEYS or r[0] in dict(KEYS)] == list(KEYS)
