import hashlib
import json

import pytest

from annotator.core import Document, InputError, Span
from annotator.core.comparing import agreement_report
from annotator.core.gold import GoldSpan
from annotator.formats.bundle import export_bundle, safe_name
from annotator.storage import Project

TEXT = "قال المرصد السوري إن 12 غارة استهدفت حماة"


def at(part):
    start = TEXT.index(part)
    return start, start + len(part)


def test_bundle_holds_every_layer_schema_and_a_checked_manifest(project, tmp_path):
    doc = project.add_document(Document("d", TEXT))
    project.add_span(doc.rowid, Span(*at("حماة"), "LOCATION", "أميرة"))
    project.add_span(doc.rowid, Span(*at("12 غارة"), "NUMBER", "../../etc/omar"))
    project.add_gold_span(doc.rowid, GoldSpan(*at("حماة"), "LOCATION", agreed_by=("أميرة",)))
    for name in ("أميرة", "../../etc/omar"):
        project.set_status(doc.rowid, name, "done")
    folder = tmp_path / "release"
    manifest = export_bundle(project, folder)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "agreement.json",
        "annotator-etc_omar.jsonl",
        "annotator-أميرة.jsonl",
        "gold.conll",
        "gold.jsonl",
        "labels.json",
        "manifest.json",
    ]
    assert json.loads((folder / "manifest.json").read_text("utf-8")) == manifest
    for name, entry in manifest["files"].items():
        data = (folder / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
    assert manifest["annotators"] == {"أميرة": {"LOCATION": 1}, "../../etc/omar": {"NUMBER": 1}}
    assert manifest["gold_spans_per_label"] == {"LOCATION": 1}
    assert "حماة\tB-LOCATION" in (folder / "gold.conll").read_text("utf-8")
    schema = json.loads((folder / "labels.json").read_text("utf-8"))
    assert [label["name"] for label in schema] == ["ACTOR", "LOCATION", "NUMBER", "SOURCE"]
    agreement = json.loads((folder / "agreement.json").read_text("utf-8"))
    assert agreement == json.loads(json.dumps(agreement_report(project)))
    assert agreement["documents"] == 1 and agreement["overall"]["span_f1_exact"] == 0.0


def test_one_annotator_has_no_agreement_to_report(project, tmp_path):
    doc = project.add_document(Document("d", TEXT))
    project.add_span(doc.rowid, Span(*at("حماة"), "LOCATION", "amira"))
    manifest = export_bundle(project, tmp_path / "release")
    assert "agreement.json" not in manifest["files"]


def test_safe_names_stay_in_the_folder_and_unique():
    taken: set[str] = set()
    assert safe_name("../../x", taken) == "x"
    assert safe_name("..\\x", taken) == "x-2"
    assert safe_name("/", taken) == "annotator"
    assert safe_name("أميرة", taken) == "أميرة"


def test_safe_names_differ_ignoring_case():
    """On Windows and macOS annotator-Amira.jsonl and annotator-amira.jsonl are one file."""
    taken: set[str] = set()
    assert safe_name("Amira", taken) == "Amira"
    assert safe_name("amira", taken) == "amira-2"
    assert safe_name("AMIRA", taken) == "AMIRA-3"


def test_annotators_differing_only_in_case_get_a_file_each(project, tmp_path):
    doc = project.add_document(Document("d", TEXT))
    project.add_span(doc.rowid, Span(*at("حماة"), "LOCATION", "Amira"))
    project.add_span(doc.rowid, Span(*at("12 غارة"), "NUMBER", "amira"))
    manifest = export_bundle(project, tmp_path / "release")
    layers = {name: entry["annotator"] for name, entry in manifest["files"].items()
              if "annotator" in entry}  # fmt: skip
    assert layers == {"annotator-Amira.jsonl": "Amira", "annotator-amira-2.jsonl": "amira"}


def test_a_new_bundle_removes_the_files_of_an_earlier_one_it_does_not_write(project, tmp_path):
    doc = project.add_document(Document("d", TEXT))
    project.add_span(doc.rowid, Span(*at("حماة"), "LOCATION", "amira"))
    project.add_span(doc.rowid, Span(*at("حماة"), "LOCATION", "omar"))
    folder = tmp_path / "release"
    export_bundle(project, folder)
    (folder / "notes.txt").write_text("the user's own file", "utf-8")
    with Project.open(tmp_path / "amira.db", create=True) as alone:  # no omar in this one
        doc = alone.add_document(Document("d", TEXT))
        alone.add_span(doc.rowid, Span(*at("حماة"), "LOCATION", "amira"))
        manifest = export_bundle(alone, folder)
    assert "annotator-omar.jsonl" not in manifest["files"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "annotator-amira.jsonl",
        "labels.json",
        "manifest.json",
        "notes.txt",  # never listed by a manifest: not ours to remove
    ]


def test_the_manifest_goes_first_so_a_failed_bundle_has_none(project, tmp_path, monkeypatch):
    doc = project.add_document(Document("d", TEXT))
    project.add_span(doc.rowid, Span(*at("حماة"), "LOCATION", "amira"))
    folder = tmp_path / "release"
    export_bundle(project, folder)
    assert (folder / "manifest.json").is_file()

    def fail(*args, **kwargs):
        raise InputError("disk full", "bad_output")

    monkeypatch.setattr("annotator.formats.bundle.export_jsonl", fail)
    with pytest.raises(InputError, match="disk full"):
        export_bundle(project, folder)
    assert not (folder / "manifest.json").exists()
