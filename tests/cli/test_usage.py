"""Each command's usage line and help: its own name, the project first, every option
explained, every import format listed."""

import pytest

from annotator.cli.main import parsers

COMMANDS = list(parsers()[1])


def help_of(cli, capsys, *args):
    with pytest.raises(SystemExit) as exc:
        cli(*args, "--help")
    assert exc.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_usage_names_the_command_and_the_project_first(cli, capsys, command):
    usage = help_of(cli, capsys, command).splitlines()[0]
    assert usage.startswith(f"usage: annotator {command} ")
    assert "COMMAND DB ..." not in usage  # nothing of `annotator`'s own usage
    first = usage.split()[3]
    expected = {"help": "[COMMAND]", "open": "[DB]", "hub": "SUBCOMMAND"}
    assert first == expected.get(command, "DB")


def test_usage_lines_read_as_the_command_is_typed(cli, capsys):
    expected = {
        "import": "usage: annotator import DB PATH... [options]",
        "export": "usage: annotator export DB OUT [options]",
        "merge": "usage: annotator merge DB OTHER... [options]",
        "adjudicate": "usage: annotator adjudicate DB (--agreed | --majority) --as NAME [options]",
        "labels": "usage: annotator labels DB [ACTION] [options]",
        "open": "usage: annotator open [DB] [options]",
        "hub sync": "usage: annotator hub sync DB URL (--annotator NAME | --gold) [options]",
        "hub assign": "usage: annotator hub assign URL --annotators ANNOTATORS [options]",
        "hub collect": "usage: annotator hub collect URL REVIEW_DB [options]",
    }
    for command, usage in expected.items():
        assert help_of(cli, capsys, *command.split()).splitlines()[0] == usage


def test_a_usage_error_shows_the_command_usage(cli, capsys):
    with pytest.raises(SystemExit) as exc:
        cli("import")
    assert exc.value.code == 2
    assert capsys.readouterr().err.splitlines() == [
        "usage: annotator import DB PATH... [options]",
        "annotator import: error: the following arguments are required: DB, PATH",
    ]
    with pytest.raises(SystemExit):
        cli("labels", "p.db", "add")
    assert capsys.readouterr().err.startswith("usage: annotator labels DB add ")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_argument_is_explained(command):
    command_parser = parsers()[1][command]
    unexplained = [
        a.option_strings or [a.dest]
        for a in command_parser._actions
        if not a.help or a.help == "==SUPPRESS=="
    ]
    assert unexplained == []


def test_the_import_command_lists_every_format(cli, capsys):
    import_line = help_of(cli, capsys).split("    import", 1)[1].split("    export")[0]
    for fmt in ("txt", "jsonl", "csv", "conll", "doccano", "labelstudio", "brat"):
        assert fmt in import_line


def test_the_options_that_had_no_help_have_it(cli, capsys):
    export = " ".join(help_of(cli, capsys, "export").split())
    assert "--format {jsonl,conll,hf,spacy,csv} jsonl: ours (default);" in export
    adjudicate = " ".join(help_of(cli, capsys, "adjudicate").split())
    assert "--agreed the spans every annotator made identically" in adjudicate
    assert "--majority the spans more than half of the annotators made" in adjudicate


def test_a_file_of_no_known_kind_is_told_every_format(cli, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# notes", "utf-8")
    code, _, err = cli("import", tmp_path / "p.db", notes)
    assert (code, err) == (
        2,
        f"annotator: {notes}: cannot tell the format from the file name: give --format "
        "(txt, jsonl, csv, conll, doccano, labelstudio, brat)\n",
    )
