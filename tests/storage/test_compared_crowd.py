"""A crowd's documents are read with one query per run, and come out as a team's do."""

import random

import pytest

import annotator.core.comparing as comparing
from annotator.core import DocStatus, Document, Span
from annotator.core.comparing import agreement_report, compared_documents


@pytest.fixture
def crowd_project(project):
    rng = random.Random(3)
    names = [f"rater{k:02d}" for k in range(30)]  # more than comparing.FEW
    for n in range(40):
        text = f"قصفت قوات النظام بلدة رقم {n} في ريف حماة امس"
        doc = project.add_document(Document(f"p{n}", text))
        for name in rng.sample(names, 3):
            at = text.index("قوات النظام")
            if rng.random() < 0.8:
                project.add_span(doc.rowid, Span(at, at + 11, "ACTOR", name))
            project.set_status(doc.rowid, name, rng.choice([DocStatus.IN_PROGRESS, DocStatus.DONE]))
    return project, names


@pytest.mark.parametrize("unfinished", [True, False])
def test_one_query_for_a_crowd_reads_what_a_query_each_reads(
    crowd_project, monkeypatch, unfinished
):
    project, names = crowd_project
    crowd = compared_documents(project, names, unfinished)
    monkeypatch.setattr(comparing, "FEW", len(names))  # now a query per annotator
    team = compared_documents(project, names, unfinished)
    assert _plain(crowd) == _plain(team)
    assert len(crowd[0]) == (40 if unfinished else 0)  # no post was finished by all 30


def test_a_crowd_report_lists_only_the_pairs_that_share_a_post(crowd_project):
    project, _ = crowd_project
    report = agreement_report(project, None, unfinished=True)  # everyone who worked
    assert 0 < len(report["pairs"]) <= 40 * 3  # of 435 pairs of 30 raters
    assert report["compared"]["documents"] == 40


def _plain(found):
    """The comparison with each annotator's span columns as tuples (numpy arrays do not
    compare as one value)."""
    documents, left_out = found
    return [
        (d.id, d.text, d.rowid, {name: list(spans) for name, spans in d.spans.items()})
        for d in documents
    ], left_out
