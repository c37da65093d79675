"""The demo project: built once, complete, never over anything of the user's."""

from __future__ import annotations

import re

import pytest

from annotator import demo
from annotator.core.comparing import agreement_report
from annotator.core.document import Direction, DocStatus
from annotator.storage import Project


def test_first_use_builds_it_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path))
    path = demo.demo_project()
    assert path == tmp_path / "projects" / "demo.db"
    with Project.open(path) as project:
        assert project.document_count() == len(demo.reports()["documents"])
    assert sorted(p.name for p in path.parent.iterdir()) == ["demo.db"]  # nothing left over


def test_it_is_built_once_and_what_the_user_did_in_it_stays(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path))
    path = demo.demo_project()
    with Project.open(path) as project:
        first = project.document_by_id("baghdad-drone-strike")
        project.set_status(first.rowid, "me", DocStatus.DONE)
    assert demo.demo_project() == path
    with Project.open(path) as project:
        assert project.status(first.rowid, "me") == DocStatus.DONE


def test_a_file_of_the_users_with_its_name_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path))
    mine = tmp_path / "projects" / "demo.db"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"my own notes")
    assert demo.demo_project() == mine
    assert mine.read_bytes() == b"my own notes"
    # And building straight onto it is refused rather than replacing it.
    with pytest.raises(FileExistsError):
        demo.build_demo(mine)
    assert mine.read_bytes() == b"my own notes"


def test_an_interrupted_build_leaves_nothing(tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Project, "set_status", fail)
    with pytest.raises(OSError, match="disk full"):
        demo.build_demo(tmp_path / "demo.db")
    assert list(tmp_path.iterdir()) == []


def test_every_span_is_placed_on_the_text_it_names(tmp_path):
    demo.build_demo(tmp_path / "demo.db")
    data = demo.reports()
    with Project.open(tmp_path / "demo.db") as project:
        for annotator, work in data["annotators"].items():
            for doc_id, done in work.items():
                doc = project.document_by_id(doc_id)
                placed = {
                    (doc.text[s.start : s.end], s.label): s
                    for s in project.spans(doc.rowid, annotator)
                }
                assert len(placed) == len(done["spans"])
                for entry in done["spans"]:
                    span = placed[(entry[1], entry[0])]
                    if len(entry) > 2:  # the n-th occurrence, not the first
                        assert doc.text[: span.start].count(entry[1]) == entry[2] - 1
                    if len(entry) > 3:
                        assert span.attrs == entry[3]
                    elif span.label == "NUMBER":  # the reader's value
                        assert isinstance(span.attrs["value"], int)
                assert project.status(doc.rowid, annotator) == DocStatus(done["status"])


def test_a_span_that_cannot_be_placed_is_refused_by_name():
    doc = demo.Document("d", "قتل 5 أشخاص")
    with pytest.raises(ValueError, match="demo report d, x: 'غزة' does not occur"):
        demo.demo_spans(doc, [["LOCATION", "غزة"]], "x")
    with pytest.raises(ValueError, match="'أشخاص' is not a number"):
        demo.demo_spans(doc, [["NUMBER", "أشخاص"]], "x")


def test_the_reports_have_what_the_issue_asks_for():
    docs = demo.reports()["documents"]
    texts = [d["text"] for d in docs]
    directions = [demo.Document(d["id"], d["text"]).direction for d in docs]
    assert directions.count(Direction.LTR) == 1  # one English report, the rest Arabic
    joined = "".join(texts)
    for digits in ("[0-9]", "[٠-٩]", "[۰-۹]"):  # Western, Arabic-Indic, Extended (Persian)
        assert re.search(digits, joined), digits
    arabic = [t for t, d in zip(texts, directions, strict=True) if d == Direction.RTL]
    assert sum(bool(re.search("[A-Z]{2,}", t)) for t in arabic) >= 3  # Latin names among Arabic


def test_two_annotators_disagree_on_two_documents_but_mostly_agree(tmp_path):
    demo.build_demo(tmp_path / "demo.db")
    with Project.open(tmp_path / "demo.db") as project:
        assert project.annotators() == ["salma", "omar"]
        report = agreement_report(project, unfinished=True)
        assert report["compared"]["documents"] == 2
        alpha = report["overall"]["krippendorff_alpha"]
        assert 0.5 < alpha < 0.95, alpha  # real disagreements, not noise
        # Finished by both: only one of them, so the default report has one to show.
        assert agreement_report(project)["compared"]["documents"] == 1
