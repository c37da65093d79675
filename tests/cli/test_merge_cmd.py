"""annotator merge: annotators' project files and bundles into one project."""

import json

import pytest

from tests.cli.test_cli import dump, jsonl, span

RAID = "قصفت قوات النظام بلدة كفرنبل وحماة"
REPORT = "قال المرصد السوري إن 12 غارة استهدفت حلب"


def project(cli, tmp_path, name, *lines):
    source = jsonl(tmp_path / f"{name}.jsonl", *lines)
    path = tmp_path / f"{name}.db"
    assert cli("import", path, source)[0] == 0
    return path


def work(annotator, text, *parts, **extra):
    spans = [span(text, part, label) for part, label in parts]
    return {"text": text, "annotator": annotator, "spans": spans, **extra}


def spans_by_annotator(db):
    tables = dump(db)
    annotators = {row[0]: row[1] for row in tables["annotators"]}
    labels = {row[0]: row[1] for row in tables["labels"]}
    return sorted((annotators[row[2]], row[4], row[5], labels[row[3]]) for row in tables["spans"])


def test_two_annotators_files_merge_into_one_project_and_twice_adds_nothing(cli, tmp_path):
    amira = project(cli, tmp_path, "amira", work("amira", RAID, ("قوات النظام", "ACTOR")),
                    work("amira", REPORT, ("المرصد السوري", "SOURCE")))  # fmt: skip
    omar = project(cli, tmp_path, "omar", work("omar", RAID, ("حماة", "LOCATION")))
    before = amira.read_bytes()
    review = tmp_path / "review.db"
    code, out, _ = cli("merge", review, amira, omar)
    assert code == 0
    assert "2 documents and 3 spans added" in out and "0 conflicts" in out
    assert amira.read_bytes() == before  # the colleague's file is never touched
    tables = dump(review)
    assert len(tables["documents"]) == 2  # the raid is one document, matched by its text
    assert spans_by_annotator(review) == [
        ("amira", 4, 17, "SOURCE"),
        ("amira", 5, 16, "ACTOR"),
        ("omar", 30, 34, "LOCATION"),
    ]
    code, out, _ = cli("merge", review, amira, omar)
    assert code == 0 and "0 documents and 0 spans added" in out
    assert "3 annotator's documents already here" in out
    assert dump(review) == tables
    agreement = json.loads(cli("agreement", review, "--json", "--include-unfinished")[1])
    assert agreement["documents"] == 1  # only the raid has both


def test_a_conflict_keeps_this_projects_spans_and_is_listed(cli, tmp_path):
    review = project(cli, tmp_path, "review", work("amira", RAID, ("قوات النظام", "ACTOR")))
    other = project(cli, tmp_path, "amira2", work("amira", RAID, ("قوات", "ACTOR")),
                    work("amira", REPORT, ("حلب", "LOCATION")))  # fmt: skip
    code, out, err = cli("merge", review, other)
    assert code == 0 and "1 conflict " in out
    assert "conflict:" in err and "amira's spans on document" in err and "kept this" in err
    assert spans_by_annotator(review) == [("amira", 5, 16, "ACTOR"), ("amira", 37, 40, "LOCATION")]


def test_statuses_only_move_forward(cli, tmp_path):
    parts = ("قوات النظام", "ACTOR")
    review = project(cli, tmp_path, "review", work("amira", RAID, parts, status="in_progress"),
                     work("amira", REPORT, ("حلب", "LOCATION")))  # fmt: skip
    other = project(cli, tmp_path, "other", work("amira", RAID, parts),
                    work("amira", REPORT, ("حلب", "LOCATION"), status="in_progress"))  # fmt: skip
    assert cli("merge", review, other)[0] == 0
    statuses = sorted(row[2] for row in dump(review)["document_status"])
    assert statuses == ["done", "done"]  # the raid moved forward, the report did not go back


def test_a_bundle_merges_its_annotators_but_not_its_gold(cli, tmp_path):
    amira = project(cli, tmp_path, "amira", work("amira", RAID, ("قوات النظام", "ACTOR")))
    omar = project(cli, tmp_path, "omar", work("omar", RAID, ("حماة", "LOCATION")))
    assert cli("merge", amira, omar)[0] == 0
    bundle = tmp_path / "bundle"
    assert cli("export", amira, bundle, "--bundle")[0] == 0
    (bundle / "gold.jsonl").write_text("", encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    code, out, err = cli("merge", fresh, bundle)
    assert code == 0 and "1 document and 2 spans added" in out
    assert "the gold layer is not merged" in err
    assert spans_by_annotator(fresh) == spans_by_annotator(amira)


def test_bad_sources_are_one_line_errors_and_change_nothing(cli, tmp_path):
    review = project(cli, tmp_path, "review", work("amira", RAID, ("قوات النظام", "ACTOR")))
    before = dump(review)
    text = tmp_path / "notes.txt"
    text.write_text("not a project", encoding="utf-8")
    good = project(cli, tmp_path, "omar", work("omar", REPORT, ("حلب", "LOCATION")))
    code, _, err = cli("merge", review, good, text)
    assert code == 2 and str(text) in err and "not an annotator project" in err
    assert len(err.strip().splitlines()) == 1
    assert dump(review) == before  # the good file before it was not merged either
    folder = tmp_path / "folder"
    folder.mkdir()
    code, _, err = cli("merge", review, folder)
    assert code == 2 and "not an export bundle" in err
    fresh = tmp_path / "fresh.db"
    assert cli("merge", fresh, text)[0] == 2
    assert not fresh.exists()  # a failed merge leaves no new file behind


def test_labels_the_project_lacks_need_add_labels(cli, tmp_path):
    other = tmp_path / "other.db"
    source = jsonl(tmp_path / "o.jsonl", work("omar", RAID, ("قوات النظام", "ACTOR")))
    assert cli("import", other, source)[0] == 0
    assert cli("labels", other, "add", "EVENT")[0] == 0
    assert cli("labels", other, "rename", "ACTOR", "ARMED_GROUP")[0] == 0
    review = project(cli, tmp_path, "review", work("amira", REPORT, ("حلب", "LOCATION")))
    code, _, err = cli("merge", review, other)
    assert code == 2 and "unknown label 'ARMED_GROUP'" in err and "other.db" in err
    assert cli("merge", review, other, "--add-labels")[0] == 0
    assert ("omar", 5, 16, "ARMED_GROUP") in spans_by_annotator(review)


def test_a_project_files_gold_layer_is_not_merged_and_says_so(cli, tmp_path):
    both = project(cli, tmp_path, "both", work("amira", RAID, ("قوات النظام", "ACTOR")),
                   work("omar", RAID, ("قوات النظام", "ACTOR")))  # fmt: skip
    assert cli("adjudicate", both, "--agreed", "--as", "lina")[0] == 0
    fresh = tmp_path / "fresh.db"
    code, out, err = cli("merge", fresh, both)
    assert code == 0 and "1 document and 2 spans added" in out
    assert "its gold layer is not merged" in err
    assert dump(fresh)["gold_spans"] == []
    assert [row[1] for row in dump(fresh)["annotators"]] == ["amira", "omar"]  # not lina


def test_a_bundle_folder_that_cannot_be_made_is_a_one_line_error(cli, tmp_path):
    amira = project(cli, tmp_path, "amira", work("amira", RAID, ("قوات النظام", "ACTOR")))
    (tmp_path / "notes").write_text("a file, not a folder", "utf-8")
    folder = tmp_path / "notes" / "bundle"
    code, _, err = cli("export", amira, folder, "--bundle")
    assert code == 2 and f"{folder}: cannot make this folder" in err
    assert len(err.strip().splitlines()) == 1  # no traceback


def test_a_bundle_merges_the_files_its_manifest_lists_and_nothing_else(cli, tmp_path):
    amira = project(cli, tmp_path, "amira", work("amira", RAID, ("قوات النظام", "ACTOR")))
    both = project(cli, tmp_path, "both", work("amira", RAID, ("قوات النظام", "ACTOR")),
                   work("omar", RAID, ("حماة", "LOCATION")))  # fmt: skip
    earlier, bundle = tmp_path / "earlier", tmp_path / "bundle"
    assert cli("export", both, earlier, "--bundle")[0] == 0
    assert cli("export", amira, bundle, "--bundle")[0] == 0
    # Omar's layer of an earlier release, copied in by hand: not part of this bundle.
    (bundle / "annotator-omar.jsonl").write_bytes((earlier / "annotator-omar.jsonl").read_bytes())
    fresh = tmp_path / "fresh.db"
    code, out, _ = cli("merge", fresh, bundle)
    assert code == 0 and "1 document and 1 span added" in out
    assert spans_by_annotator(fresh) == [("amira", 5, 16, "ACTOR")]


def test_a_bundle_file_changed_since_the_export_is_refused(cli, tmp_path):
    amira = project(cli, tmp_path, "amira", work("amira", RAID, ("قوات النظام", "ACTOR")))
    bundle = tmp_path / "bundle"
    assert cli("export", amira, bundle, "--bundle")[0] == 0
    layer = bundle / "annotator-amira.jsonl"
    layer.write_text(layer.read_text("utf-8").replace("ACTOR", "LOCATION"), "utf-8")
    fresh = tmp_path / "fresh.db"
    code, _, err = cli("merge", fresh, bundle)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert f"{layer}: its SHA-256 is not the one manifest.json lists" in err
    assert not fresh.exists()


@pytest.mark.parametrize(
    ("manifest", "message"),
    [("{", "manifest.json:1: not a valid manifest (not valid JSON"),
     ("{}", 'it has no "files" object'),
     ('{"files": {"../amira.jsonl": {"annotator": "amira"}}}', "not a file in this folder")],
)  # fmt: skip
def test_a_bad_manifest_is_a_one_line_error(cli, tmp_path, manifest, message):
    amira = project(cli, tmp_path, "amira", work("amira", RAID, ("قوات النظام", "ACTOR")))
    bundle = tmp_path / "bundle"
    assert cli("export", amira, bundle, "--bundle")[0] == 0
    (bundle / "manifest.json").write_text(manifest, "utf-8")
    code, _, err = cli("merge", tmp_path / "fresh.db", bundle)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert f"{bundle / 'manifest.json'}:" in err and message in err


def test_a_merge_into_a_new_project_says_nothing_about_documents_it_added_itself(cli, tmp_path):
    """A project file is read a document and annotator at a time, so the second annotator
    of a document, and the next file's copy of it, meet the document this merge added."""
    untouched = {"id": "untouched", "text": "نص لم يعمل عليه أحد"}
    both = project(cli, tmp_path, "both", work("amira", RAID, ("قوات النظام", "ACTOR")),
                   work("omar", RAID, ("حماة", "LOCATION")), untouched)  # fmt: skip
    omar = project(cli, tmp_path, "omar", work("omar", REPORT, ("حلب", "LOCATION")), untouched)
    review = tmp_path / "review.db"
    code, out, err = cli("merge", review, both, omar)
    assert code == 0 and "3 documents and 3 spans added" in out
    assert err == ""
    renamed = project(cli, tmp_path, "renamed", {"id": "other-id", "text": untouched["text"]})
    code, _, err = cli("merge", tmp_path / "again.db", both, renamed)
    assert code == 0  # the same text under another id: that id is dropped, and said so
    assert err == (
        f"note: {renamed}:1: same text as document 'untouched', added earlier in this run: "
        "not added again\n"
    )
    code, _, err = cli("merge", review, renamed)  # in the project before: as every import
    assert err == (
        f"note: {renamed}:1: same text as document 'untouched' already in the project: "
        "not added again\n"
    )


def test_an_export_of_every_layer_imports_without_a_note_per_layer(cli, tmp_path):
    both = project(cli, tmp_path, "both", work("amira", RAID, ("قوات النظام", "ACTOR")),
                   work("omar", RAID, ("حماة", "LOCATION")))  # fmt: skip
    layers = tmp_path / "layers.jsonl"
    assert cli("export", both, layers)[0] == 0
    assert len(layers.read_text("utf-8").splitlines()) == 2  # a line per annotator
    code, _, err = cli("import", tmp_path / "copy.db", layers)
    assert (code, err) == (0, "")
    assert spans_by_annotator(tmp_path / "copy.db") == spans_by_annotator(both)
