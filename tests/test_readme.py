"""The README tells the truth: its JSONL example imports, and CI runs its test command; and
the three READMEs (README.md, benchmarks/README.md, packaging/README.md) hold together: every
link reaches a file and a heading, the contents name every section."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The measured figures and the packaging details live beside what they describe.
DOCS = ("README.md", "benchmarks/README.md", "packaging/README.md")


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


def _prose(text: str) -> str:
    """The text without its fenced code blocks (their brackets are no links)."""
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def _anchors(text: str) -> set[str]:
    """The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as
    hyphens, a repeated heading numbered."""
    seen: dict[str, int] = {}
    anchors = set()
    for heading in re.findall(r"^#+ (.+)$", _prose(text), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        anchors.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return anchors


def test_anchors_are_githubs():
    assert {"hugging-face-spacy-and-bundles", "label-all", "the-jsonl-contract"} <= _anchors(README)


def test_every_link_reaches_a_file_and_a_heading():
    for name in DOCS:
        doc = ROOT / name
        for target in re.findall(r"\]\(([^)\s]+)\)", _prose(doc.read_text("utf-8"))):
            if target.startswith(("http://", "https://")):
                continue
            path, _, anchor = target.partition("#")
            linked = (doc.parent / path).resolve() if path else doc
            assert linked.exists(), (name, target)
            if anchor:
                assert anchor in _anchors(linked.read_text("utf-8")), (name, target)


def _section(text: str, heading: str) -> str:
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_contents_name_every_section_of_the_readme():
    contents = _section(README, "## Contents")
    linked = set(re.findall(r"\]\(#([^)]+)\)", contents))
    assert linked == _anchors(README) - {"annotator", "contents"}


def test_the_readme_keeps_quick_start_first():
    assert re.findall(r"^## .+$", README, re.M)[:2] == ["## Quick start", "## Contents"]


def test_every_benchmark_script_is_on_the_benchmarks_page():
    page = (ROOT / "benchmarks" / "README.md").read_text("utf-8")
    for script in (ROOT / "benchmarks").glob("*.py"):
        assert f"benchmarks/{script.name}" in page, script.name


def test_the_packaging_page_names_every_file_in_packaging():
    page = (ROOT / "packaging" / "README.md").read_text("utf-8")
    table = _section(page, "## What is here")
    for entry in (ROOT / "packaging").iterdir():
        if entry.name != "README.md" and not entry.name.startswith((".", "__")):
            shown = f"`{entry.name}/`" if entry.is_dir() else f"`{entry.name}`"
            assert shown in table, entry.name


def test_the_glossary_is_in_alphabetical_order():
    words = re.findall(r"^- \*\*([^*]+)\*\*", _section(README, "## Glossary"), re.M)
    assert len(words) >= 20 and words == sorted(words), words
