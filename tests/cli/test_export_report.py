"""export --report FILE: every span a CoNLL export could not write exactly, once each, with
everything that happened to it; the command line counts spans, not lines."""

import json

OUTER = "قوات النظام السوري"


def project_with_nested_spans(cli, tmp_path, documents=25):
    lines = []
    for n in range(documents):
        text = f"قصفت {OUTER} مدينة رقم {n}"
        inner_end = 5 + len("قوات النظام") + (1 if n == 0 else 0)  # the first takes a space
        spans = [
            {"start": 5, "end": 5 + len(OUTER), "label": "ACTOR"},
            {"start": 5, "end": inner_end, "label": "ACTOR"},
        ]
        lines.append({"id": f"d{n}", "text": text, "annotator": "amira", "spans": spans})
    source = tmp_path / "nested.jsonl"
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    db = tmp_path / "p.db"
    assert cli("import", db, source)[0] == 0
    return db


def test_the_command_line_counts_spans_and_the_report_lists_every_one(cli, tmp_path):
    db = project_with_nested_spans(cli, tmp_path)
    code, out, err = cli("export", db, tmp_path / "out.conll", "--format", "conll")
    assert code == 0
    notes = err.splitlines()
    assert len(notes) == 21 and notes[-1] == "note: ... and 6 more"  # 26 lines: 25 spans
    assert "25 spans not written exactly (the first above; --report FILE lists every one)" in out

    report = tmp_path / "inexact.jsonl"
    code, out, _ = cli(
        "export", db, tmp_path / "out.conll", "--format", "conll", "--report", report
    )
    assert f"25 spans not written exactly (every one in {report})" in out
    spans = [json.loads(line) for line in report.read_text("utf-8").splitlines()]
    assert len(spans) == 25
    first = spans[0]
    assert (first["document"], first["start"], first["end"], first["label"]) == (
        "d0",
        5,
        17,
        "ACTOR",
    )
    assert first["text"] == "قوات النظام "
    assert len(first["what"]) == 2  # its end moved, and it was left out: one span, two things
    assert "ends on ' '" in first["what"][0] and first["what"][1].startswith("left out")
    assert all(len(s["what"]) == 1 for s in spans[1:])


def test_columns_keep_the_nested_span_and_an_exact_export_writes_an_empty_report(cli, tmp_path):
    db = project_with_nested_spans(cli, tmp_path, documents=1)
    report = tmp_path / "r.jsonl"
    args = ("--format", "conll", "--overlaps", "columns", "--report", report)
    assert cli("export", db, tmp_path / "o.conll", *args)[0] == 0
    [only] = [json.loads(line) for line in report.read_text("utf-8").splitlines()]
    assert len(only["what"]) == 1 and "ends on ' '" in only["what"][0]  # trimmed, not left out
    assert cli("export", db, tmp_path / "o.jsonl", "--report", tmp_path / "j.jsonl")[0] == 0
    assert (tmp_path / "j.jsonl").read_text("utf-8") == ""  # JSONL writes every span exactly


def test_a_bundle_carries_the_gold_report(cli, tmp_path):
    from annotator.core.gold import GoldSpan
    from annotator.storage import Project

    db = project_with_nested_spans(cli, tmp_path, documents=3)
    with Project.open(db) as project:
        for doc in project.documents():
            for span in project.spans(doc.rowid, "amira"):
                project.add_gold_span(doc.rowid, GoldSpan(span.start, span.end, span.label))
            project.set_gold_status(doc.rowid, "done", "judge")
    assert cli("export", db, tmp_path / "bundle", "--bundle")[0] == 0
    manifest = json.loads((tmp_path / "bundle" / "manifest.json").read_text("utf-8"))
    assert manifest["files"]["gold.conll"]["not_written_exactly"] == 3
    lines = (tmp_path / "bundle" / "gold.conll.report.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["document"] for line in lines] == ["d0", "d1", "d2"]
