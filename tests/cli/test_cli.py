"""The command line, run in-process: exit codes, one-line errors, nothing lost on failure."""

import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from annotator.cli.progress import Progress

REPORT = "قال المرصد السوري لحقوق الانسان إن 12 غارة استهدفت مدينة حماة"


def span(text, part, label, **extra):
    start = text.index(part)
    return {"start": start, "end": start + len(part), "label": label, "text": part, **extra}


def jsonl(path, *objs):
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), "utf-8")
    return path


def dump(db):
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {t: list(conn.execute(f"SELECT * FROM {t} ORDER BY 1")) for t in tables}


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    (folder / "hama").mkdir(parents=True)
    (folder / "hama" / "strikes.txt").write_text(REPORT + "\r\n", encoding="utf-8")
    (folder / "idlib.txt").write_bytes("قصفت طائرات ادلب".encode("cp1256"))
    (folder / "english.txt").write_text("AFP: Syrian forces shelled Idlib.", encoding="utf-8")
    return folder


def test_import_folder_then_stats(cli, tmp_path, articles):
    db = tmp_path / "p.db"
    code, out, err = cli("import", db, articles)
    assert code == 0, err
    assert f"imported 3 documents into {db}" in out
    assert "idlib.txt: not UTF-8: decoded as Windows Arabic (cp1256)" in err
    code, out, _ = cli("stats", db, "--json")
    stats = json.loads(out)
    assert stats["documents"] == 3 and stats["spans"] == 0
    assert [label["name"] for label in stats["labels"]] == ["ACTOR", "LOCATION", "NUMBER", "SOURCE"]


def test_export_import_round_trip_of_several_annotators(cli, tmp_path):
    source = jsonl(
        tmp_path / "in.jsonl",
        {
            "id": "r1",
            "text": REPORT,
            "meta": {"agency": "SANA"},
            "annotator": "amira",
            "status": "done",
            "spans": [
                span(REPORT, "12 غارة", "NUMBER", attrs={"value": 12}, origin="suggested"),
                span(REPORT, "حماة", "LOCATION", attrs={}, origin="manual"),
            ],
        },
        {
            "id": "r1",
            "text": REPORT,
            "meta": {"agency": "SANA"},
            "annotator": "omar",
            "status": "in_progress",
            "spans": [
                span(REPORT, "المرصد السوري لحقوق الانسان", "SOURCE", attrs={}, origin="imported")
            ],
        },
        {
            "id": "r2",
            "text": "نص لم يعلق عليه أحد",
            "meta": {},
            "annotator": None,
            "status": None,
            "spans": [],
        },
    )
    assert cli("import", tmp_path / "a.db", source)[0] == 0
    assert cli("export", tmp_path / "a.db", tmp_path / "out.jsonl")[0] == 0
    exported = (tmp_path / "out.jsonl").read_text("utf-8")
    assert exported == source.read_text("utf-8")
    code, out, _ = cli(
        "export", tmp_path / "a.db", tmp_path / "amira.jsonl", "--annotator", "amira"
    )
    assert code == 0 and out == f"wrote 2 lines to {tmp_path / 'amira.jsonl'}\n"
    lines = [json.loads(x) for x in (tmp_path / "amira.jsonl").read_text("utf-8").splitlines()]
    assert [(x["id"], x["annotator"], x["status"], len(x["spans"])) for x in lines] == [
        ("r1", "amira", "done", 2),
        ("r2", "amira", "new", 0),
    ]


def test_stats_counts_per_label_annotator_and_progress(cli, tmp_path):
    source = jsonl(
        tmp_path / "in.jsonl",
        {"text": REPORT, "annotator": "amira", "spans": [span(REPORT, "حماة", "LOCATION")]},
        {"text": "نص ثان", "annotator": "omar", "status": "in_progress"},
    )
    cli("import", tmp_path / "p.db", source)
    stats = json.loads(cli("stats", tmp_path / "p.db", "--json")[1])
    by_name = {a["name"]: a for a in stats["annotators"]}
    assert by_name["amira"]["status"] == {"new": 1, "in_progress": 0, "done": 1}
    assert by_name["amira"]["spans_per_label"] == {"LOCATION": 1}
    assert by_name["omar"]["status"] == {"new": 1, "in_progress": 1, "done": 0}
    code, text, _ = cli("stats", tmp_path / "p.db")
    assert code == 0
    assert "amira: 1 done, 0 in progress, 1 new; 1 spans (LOCATION 1)" in text


def test_bad_input_exits_2_with_one_line_naming_file_and_line(cli, tmp_path):
    db = tmp_path / "p.db"
    good = jsonl(tmp_path / "good.jsonl", {"text": "نص أول"})
    assert cli("import", db, good)[0] == 0
    before = dump(db)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"text": "نص جديد"}\n{"text": "ok", "annotator": "a", "spans": '
        '[{"start": 0, "end": 40, "label": "ACTOR"}]}\n',
        encoding="utf-8",
    )
    code, out, err = cli("import", db, bad)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"annotator: {bad}:2: span 0-40 (ACTOR)")
    assert dump(db) == before


def test_a_failed_import_into_a_new_project_leaves_no_file(cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    code, _, err = cli("import", tmp_path / "new.db", bad)
    assert code == 2 and "empty file" in err
    assert list(tmp_path.iterdir()) == [bad]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("stats", "{tmp}/missing.db"), "missing.db: no such project file"),
        (("import", "{tmp}/p.db", "{tmp}/nothing-here"), "nothing-here: no such file or folder"),
        (("import", "{tmp}/p.db", "{tmp}/x.jsonl", "--encoding", "martian"), "unknown encoding"),
        (("export", "{tmp}/other.db", "{tmp}/o.jsonl"), "not an annotator project"),
        (
            ("export", "{tmp}/p.db", "{tmp}/o.jsonl", "--annotator", "nobody"),
            "no annotator 'nobody'",
        ),
        (("export", "{tmp}/p.db", "{tmp}/no-such-dir/o.jsonl"), "does not exist"),
        (("labels", "{tmp}/p.db", "recolour", "ACTOR", "red"), "#RRGGBB"),
    ],
)
def test_usage_and_file_errors(cli, tmp_path, args, message):
    jsonl(tmp_path / "x.jsonl", {"text": "نص"})
    cli("import", tmp_path / "p.db", tmp_path / "x.jsonl")
    (tmp_path / "other.db").write_text("hello")
    code, _, err = cli(*(a.format(tmp=tmp_path) for a in args))
    assert code == 2 and message in err and err.count("\n") == 1


def test_argparse_usage_errors_exit_2(cli):
    with pytest.raises(SystemExit) as exc:
        cli("export")
    assert exc.value.code == 2


def test_export_is_atomic_an_error_keeps_the_old_file(cli, tmp_path, monkeypatch):
    source = jsonl(tmp_path / "in.jsonl", {"text": "نص أول"}, {"text": "نص ثان"})
    cli("import", tmp_path / "p.db", source)
    out = tmp_path / "out.jsonl"
    out.write_text("previous export\n")
    from annotator.formats import export_jsonl

    def broken(obj):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_jsonl, "json_line", broken)
    code, _, err = cli("export", tmp_path / "p.db", out)
    assert code == 1 and "internal error" in err
    assert out.read_text() == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl", "p.db"] or all(
        not p.name.endswith(".tmp") for p in tmp_path.iterdir()
    )


def test_labels_command_changes_labels_and_keeps_spans(cli, tmp_path):
    source = jsonl(
        tmp_path / "in.jsonl",
        {"text": REPORT, "annotator": "amira", "spans": [span(REPORT, "حماة", "LOCATION")]},
    )
    db = tmp_path / "p.db"
    cli("import", db, source)
    assert cli("labels", db, "add", "EVENT")[1].splitlines()[-1].startswith("[5] EVENT")
    cli("labels", db, "rename", "LOCATION", "PLACE")
    code, out, _ = cli("labels", db, "retire", "PLACE")
    assert code == 0
    assert "PLACE" in out and "(retired)" in out
    stats = json.loads(cli("stats", db, "--json")[1])
    assert {
        "name": "PLACE",
        "colour": "#56B4E9",
        "shortcut": None,
        "retired": True,
        "spans": 1,
    } in stats["labels"]


def test_progress_bar_draws_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        with Progress(4, "importing", stream) as bar:
            for _ in range(4):
                bar.advance()
                bar._drawn_at = 0  # draw every step in the test
    assert "importing [##############################] 4/4" in tty.getvalue()
    assert pipe.getvalue() == ""


def test_module_and_console_script_entry_points(tmp_path):
    version = subprocess.run(
        [sys.executable, "-m", "annotator", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("annotator 0.")
    no_display = subprocess.run(
        [sys.executable, "-m", "annotator", str(tmp_path / "p.db")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "ANNOTATOR_DATA_DIR": str(tmp_path), "HOME": str(tmp_path)},
    )
    assert no_display.returncode == 2
    assert no_display.stderr.count("\n") == 1 and "xvfb-run" in no_display.stderr
    assert not (tmp_path / "p.db").exists()  # nothing created by a launch that cannot happen


def test_a_line_break_in_a_file_name_does_not_split_the_error_line(cli, tmp_path):
    """The name is the user's own, so no reader quotes it: the one place that prints
    errors keeps them on one line."""
    missing = tmp_path / "two\nlines\u2028here.txt"
    code, _, err = cli("import", tmp_path / "p.db", missing)
    assert code == 2
    assert err.count("\n") == 1 and err.endswith("\n")
    assert "two\\nlines\\u2028here.txt" in err


def test_the_progress_bar_counts_jsonl_records_without_reading_a_line_whole(tmp_path, monkeypatch):
    """Blank lines are not records; a line longer than the chunk read at a time is one."""
    from annotator.cli import import_cmd
    from annotator.formats.sources import find_sources

    monkeypatch.setattr(import_cmd, "_COUNT_CHUNK", 4)
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b'{"text": "long line"}\n\n  \r\n{"text": "b"}\n   \n{"text": "c"}')
    assert import_cmd._expected_records(find_sources([path], "auto")) == 3
    path.write_bytes(b"\n" + b" " * 9 + b"\n" + b" " * 9 + b"x")
    assert import_cmd._expected_records(find_sources([path], "auto")) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_path_that_is_no_regular_file_is_refused_by_name(cli, tmp_path):
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/null"):
        code, _, err = cli("import", tmp_path / "p.db", path)
        assert code == 2
        assert err == (
            f"annotator: {path}: not a regular file or a folder (a pipe, socket or device "
            "cannot be imported)\n"
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed"]  # no project left behind
