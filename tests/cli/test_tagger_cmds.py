"""annotator train / model / suggest with the project's tagger: what they print, what they
keep, and one-line refusals that leave the project as it was."""

from __future__ import annotations

import json

import pytest

from annotator.core.tagger.model import DEFAULT_MIN_SCORE
from annotator.core.tokenize import tokenize
from annotator.storage import Project
from tests.core.tagger_fixtures import reports

MAP = "PER=ACTOR,LOC=LOCATION"


def conll(path, count=40, actor_tag="PER"):
    """The team's fixture reports as a CoNLL file: a token a line, whole tokens tagged."""
    lines = []
    for doc in reports(count):
        lines.append("-DOCSTART- O")
        for paragraph in doc.text.split("\n"):
            offset = doc.text.index(paragraph)
            inside = None
            for token in tokenize(paragraph):
                start, end = token.start + offset, token.end + offset
                span = next((s for s in doc.spans if s[0] < end and s[1] > start), None)
                if span is None:
                    tag, inside = "O", None
                else:
                    kind = actor_tag if span[2] == "ACTOR" else "LOC"
                    tag = f"{'I' if inside == span else 'B'}-{kind}"
                    inside = span
                lines.append(f"{doc.text[start:end]} {tag}")
            lines.append("")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture
def project(cli, tmp_path):
    text = tmp_path / "report.txt"
    text.write_text(reports(1, seed=5)[0].text, "utf-8")
    db = tmp_path / "p.db"
    assert cli("import", db, text)[0] == 0
    return db


def test_train_from_a_conll_file_keeps_the_model(cli, project, tmp_path):
    code, out, err = cli(
        "train",
        project,
        "--from",
        conll(tmp_path / "train.conll"),
        "--format",
        "conll",
        "--label-map",
        MAP,
    )
    assert code == 0, err
    assert "learnt from 40 documents" in out
    assert "cross-validated: ACTOR" in out
    code, out, _ = cli("model", project, "--json")
    info = json.loads(out)
    assert info["labels"] == ["ACTOR", "LOCATION"]
    assert info["documents"] == 40
    assert set(info["f1"]) == {"ACTOR", "LOCATION", "all"}
    assert info["folds"] == 3
    code, out, _ = cli("model", project)
    assert "ACTOR" in out and "F1" in out


def test_labels_the_map_does_not_name_are_counted_and_left_out(cli, project, tmp_path):
    code, out, err = cli(
        "train",
        project,
        "--from",
        conll(tmp_path / "t.conll"),
        "--format",
        "conll",
        "--label-map",
        "LOC=LOCATION",
        "--json",
    )
    assert code == 0
    learnt = json.loads(out)
    assert learnt["labels"] == ["LOCATION"]
    assert learnt["dropped"]["PER"] > 0
    assert f"left out {learnt['dropped']['PER']} spans of labels --label-map does not name" in err


def test_model_suggestions_carry_their_source_and_score(cli, project, tmp_path):
    cli(
        "train",
        project,
        "--from",
        conll(tmp_path / "t.conll"),
        "--format",
        "conll",
        "--label-map",
        MAP,
        "--folds",
        "0",
    )
    code, out, _ = cli("suggest", project, "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    model = [line for line in lines if line["source"] == "model"]
    assert model, lines
    text = reports(1, seed=5)[0].text
    for line in model:
        assert DEFAULT_MIN_SCORE <= line["score"] <= 1.0
        assert text[line["start"] : line["end"]] == line["text"]
    assert all("score" not in line for line in lines if line["source"] != "model")
    scores = sorted(line["score"] for line in model)
    middle = scores[len(scores) // 2]  # a threshold that keeps some and drops others
    code, out, _ = cli("suggest", project, "--json", "--min-score", str(middle))
    high = [json.loads(line) for line in out.splitlines() if '"model"' in line]
    assert high and all(line["score"] >= middle for line in high)
    assert len(high) < len(model) or scores[0] == middle


def test_a_dropped_model_suggests_nothing(cli, project, tmp_path):
    cli(
        "train",
        project,
        "--from",
        conll(tmp_path / "t.conll"),
        "--format",
        "conll",
        "--label-map",
        MAP,
        "--folds",
        "0",
    )
    assert cli("model", project, "--drop")[1].strip() == "model dropped"
    assert cli("model", project, "--json")[1].strip() == "null"
    out = cli("suggest", project, "--json")[1]
    assert all(json.loads(line)["source"] != "model" for line in out.splitlines())
    assert "no model" in cli("model", project)[1]


def test_train_on_the_project_s_finished_documents(cli, demo):
    code, out, err = cli("train", demo, "--folds", "0", "--json")
    assert code == 0, err
    learnt = json.loads(out)
    with Project.open(demo) as p:
        assert learnt["documents"] == len(p.training_documents())
        done = p.training_documents(["salma"])
    assert learnt["documents"] > len(done) > 0
    assert cli("train", demo, "--annotator", "salma", "--folds", "0", "--json")[0] == 0


def unchanged(cli, db, *args, match):
    before = db.read_bytes()
    code, _, err = cli(*args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert match in err
    assert db.read_bytes() == before


def test_nothing_to_learn_from_is_one_line(cli, project):
    unchanged(cli, project, "train", project, match="no spans to learn from")


def test_the_gold_layer_alone_may_be_empty(cli, demo):
    unchanged(cli, demo, "train", demo, "--gold", match="no spans to learn from")


def test_a_label_the_project_does_not_have_names_the_file_and_line(cli, project, tmp_path):
    path = conll(tmp_path / "t.conll")
    unchanged(
        cli,
        project,
        "train",
        project,
        "--from",
        path,
        "--format",
        "conll",
        "--label-map",
        "PER=PERSON,LOC=LOCATION",
        match=f"{path.name}:",
    )
    unchanged(cli, project, "train", project, "--from", path, "--format", "conll", match="'PER'")


def test_an_unreadable_file_is_one_line(cli, project, tmp_path):
    unchanged(
        cli, project, "train", project, "--from", tmp_path / "missing.conll", match="missing.conll"
    )


def test_a_score_out_of_range_is_refused(cli, project):
    code, _, err = cli("suggest", project, "--min-score", "2")
    assert code == 2
    assert "is not a score from 0 to 1" in err


def test_the_control_share_is_the_project_s(cli, project):
    assert "10% of the documents" in cli("model", project)[1]
    assert cli("model", project, "--control-share", "0.25")[0] == 0
    assert "25% of the documents" in cli("model", project)[1]
    unchanged(cli, project, "model", project, "--control-share", "2", match="not a share")


def test_training_leaves_the_doubt_of_every_other_document(cli, project, tmp_path):
    assert cli("train", project, "--from", conll(tmp_path / "t.conll"), "--format", "conll",
               "--label-map", MAP, "--folds", "0")[0] == 0  # fmt: skip
    with Project.open(project) as p:
        doubts = p.doubts()
        assert set(doubts) == {1}  # the project's one document: it learnt from the file only
        assert 0.0 <= doubts[1] <= 1.0
    cli("model", project, "--drop")
    with Project.open(project) as p:
        assert p.doubts() == {}


def test_a_merge_keeps_how_each_document_was_seen(cli, project, tmp_path):
    theirs = tmp_path / "theirs.db"
    cli("import", theirs, tmp_path / "report.txt")
    with Project.open(theirs) as p:
        p.record_assistance(1, "omar", False)
        p.set_status(1, "omar", "done")
    assert cli("merge", project, theirs)[0] == 0
    with Project.open(project) as p:
        assert p.assistance() == {(1, "omar"): False}


def test_a_project_can_start_from_the_starter_model(cli, project):
    assert cli("model", project, "--starter")[0] == 0
    info = json.loads(cli("model", project, "--json")[1])
    assert info["labels"] == ["ACTOR", "LOCATION"]
    assert any("Wojood" in source for source in info["sources"])
    assert info["starter"] is True
    assert "the starter model shipped with annotator" in cli("model", project)[1]
    with Project.open(project) as p:
        assert set(p.doubts()) == {1}
