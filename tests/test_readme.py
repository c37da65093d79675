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


def _key_table(heading: str) -> list[tuple[str, str]]:
    """The rows of the keys table that follows `heading` in the README."""
    section = README.split(heading, 1)[1]
    rows = []
    for line in section.split("\n|", 1)[1].splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        row = tuple(cell.strip() for cell in line.strip("|").split(" | "))
        if row != ("keys", "what they do") and "---" not in row[0]:
            rows.append(row)
    return rows


def test_the_keyboard_tables_are_the_apps():
    from annotator.gui.shortcuts import KEYS, REVIEW_KEYS

    assert _key_table("### Keyboard") == list(KEYS)
    assert _key_table("Keys of the review window:") == list(REVIEW_KEYS)


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", README, re.S)


def test_the_conll_examples_are_what_export_writes(cli, tmp_path):
    line = json.loads(" ".join(_blocks("json")[0].split("\n")))
    source = tmp_path / "example.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert cli("import", tmp_path / "p.db", source)[0] == 0
    keep, split = _blocks("conll")
    for clitics, shown in (("keep", keep), ("split", split)):
        out = tmp_path / f"{clitics}.conll"
        code, _, err = cli(
            "export", tmp_path / "p.db", out, "--format", "conll", "--clitics", clitics
        )
        assert code == 0, err
        assert out.read_text(encoding="utf-8") == shown


def test_the_review_walkthrough_runs_on_the_demo_project(cli, tmp_path, monkeypatch):
    import shlex

    from annotator.demo import build_demo

    walkthrough = next(b for b in _blocks("sh") if "annotator adjudicate" in b)
    commands = [shlex.split(line, comments=True) for line in walkthrough.splitlines()]
    build_demo(tmp_path / "demo.db")
    monkeypatch.chdir(tmp_path)
    for command in commands:
        assert command[0] == "annotator"
        code, _, err = cli(*command[1:])
        assert code == 0, (command, err)
    gold = (tmp_path / "gold.conll").read_text(encoding="utf-8")
    assert "B-SOURCE" in gold and "B-LOCATION" in gold  # the agreed spans reached gold
    assert (tmp_path / "agreement" / "index.html").exists()
    assert (tmp_path / "release" / "manifest.json").exists()


def test_every_screenshot_is_shown_once():
    shots = sorted(p.name for p in (ROOT / "resources" / "screenshots").glob("*.png"))
    shown = re.findall(r"\]\(resources/screenshots/([^)]+)\)", README)
    assert sorted(shown) == shots  # each once: review-ar.png had been shown twice
