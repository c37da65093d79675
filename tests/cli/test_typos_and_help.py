"""A mistyped command is refused in one line, not opened as a project; `annotator help`."""

import pytest

from annotator.cli import open_cmd
from annotator.cli.main import opens_window


@pytest.fixture(autouse=True)
def _no_window(monkeypatch):
    """Opening the window would wait for it to close: a word read as a project fails."""

    def opened(args):
        raise AssertionError(f"the window was opened on {args.db!r}")

    monkeypatch.setattr(open_cmd, "run", opened)


def test_a_mistyped_command_before_a_project_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("stat", "p.db") == (
        2,
        "",
        "annotator: unknown command 'stat'; did you mean stats?\n",
    )
    code, _, err = cli("improt", "p.db", "a.txt")
    assert (code, err) == (2, "annotator: unknown command 'improt'; did you mean import?\n")
    assert list(tmp_path.iterdir()) == []  # no project created, no window


def test_a_word_far_from_every_command_before_another_lists_the_commands(cli, tmp_path):
    code, _, err = cli("frobnicate", tmp_path / "p.db")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("annotator: unknown command 'frobnicate' (commands: open, import, ")
    assert err.endswith(", suggest, train, model, label-all, labels, hub, help)\n")


def test_a_bare_word_close_to_a_command_says_how_to_open_it_as_a_project(cli, tmp_path):
    code, _, err = cli("stat")
    assert code == 2
    assert err == (
        "annotator: unknown command 'stat'; did you mean stats? "
        "(a new project of that name: annotator ./stat)\n"
    )


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        (["stat", "p.db"], False),  # a second positional: the window takes one project
        (["stat"], False),  # no such file, and close to stats
        (["Stats"], False),
        (["./stat"], True),  # a path
        (["stat.db"], True),  # a suffix: a project file
        (["pilot"], True),  # far from every command: a new project
        (["statistics"], True),
        (["p.db", "--annotator", "amira"], True),
        (["help"], False),
        (["help", "import"], False),
    ],
)
def test_which_first_words_are_projects(argv, window, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert opens_window(argv) is window


def test_an_existing_file_is_opened_whatever_its_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stat").write_bytes(b"")
    assert opens_window(["stat"]) is True


def test_help_prints_the_help_and_help_command_the_command_help(cli):
    code, out, err = cli("help")
    assert (code, err) == (0, "")
    assert out.startswith("usage: annotator [DB] [--annotator NAME] | annotator COMMAND DB ...")
    assert "    label-all " in out and "show this help, or a command's" in out
    code, out, _ = cli("help", "import")
    assert code == 0 and out.startswith("usage: annotator import DB PATH... [options]\n")
    assert "--label-map" in out


def test_help_on_a_mistyped_command(cli):
    assert cli("help", "stat") == (
        2,
        "",
        "annotator: unknown command 'stat'; did you mean stats?\n",
    )
