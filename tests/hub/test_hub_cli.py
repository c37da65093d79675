"""`annotator hub ...` from the command line: the coordinator's and an annotator's day."""

from __future__ import annotations

import json

from annotator.core.document import Document
from annotator.core.spans import Span
from annotator.storage import Project


def test_the_commands_from_init_to_collect(hub, cli, tmp_path):
    source = tmp_path / "articles.db"
    with Project.open(source, create=True) as project:
        project.add_document(Document("a1", "قصفت الطائرات بلدة كفرنبل."))
        project.add_document(Document("a2", "قال المرصد السوري إن 4 مدنيين قتلوا."))
    assert cli("hub", "init", hub.url)[:2] == (0, "hub schema up to date\n")
    code, out, _ = cli("hub", "publish", hub.url, source)
    assert (code, out) == (0, "published 2 documents (0 already there) and 4 labels\n")
    url = hub.person("rana")
    hub.person("sami")
    code, out, _ = cli("hub", "assign", hub.url, "--annotators", "rana,sami", "--overlap", "1")
    assert (code, out) == (0, "assigned 2 documents to annotators\n")

    mine = tmp_path / "rana.db"
    Project.open(mine, create=True).close()
    code, out, err = cli("hub", "sync", mine, url, "--annotator", "rana")
    assert code == 0, err
    assert "1 new document, 0 layers sent, 0 layers taken (1 document on the hub for you)" in out
    with Project.open(mine) as project:
        (doc,) = project.documents()
        project.add_span(doc.rowid, Span(0, 4, "ACTOR", "rana"))
    code, out, _ = cli("hub", "sync", mine, url, "--annotator", "rana")
    assert "1 layer sent" in out

    code, out, _ = cli("hub", "status", hub.url, "--json")
    board = json.loads(out)
    assert board["documents"] == 2
    assert [(r["annotator"], r["assigned"], r["spans"]) for r in board["annotators"]] == [
        ("rana", 1, 1),
        ("sami", 1, 0),
    ]
    code, out, _ = cli("hub", "status", hub.url)
    assert "rana: 1 assigned, 0 new, 1 in progress, 0 done, 1 span" in out

    url_sami = hub.url_of("sami")
    theirs = tmp_path / "sami.db"
    Project.open(theirs, create=True).close()
    cli("hub", "sync", theirs, url_sami, "--annotator", "sami")
    with Project.open(theirs) as project:
        (doc,) = project.documents()
        project.set_status(doc.rowid, "sami", "done")
    cli("hub", "sync", theirs, url_sami, "--annotator", "sami")

    review = tmp_path / "review.db"
    code, out, _ = cli("hub", "collect", hub.url, review)
    assert (code, out) == (
        0,
        f"collected into {review}: 2 new documents, 2 layers taken from 2 annotators\n",
    )
    # The reviewer's tools work on what was collected.
    code, out, err = cli("agreement", review, "--json", "--include-unfinished")
    assert code == 0, err
    assert set(json.loads(out)["annotators"]) == {"rana", "sami"}


def test_refusals_are_one_line_with_exit_2(hub, cli, tmp_path):
    mine = tmp_path / "p.db"
    Project.open(mine, create=True).close()
    hub.person("rana")
    code, _, err = cli("hub", "assign", hub.url, "--annotators", "rana", "--overlap", "2")
    assert code == 2
    assert err == "annotator: --overlap must be between 1 and the number of annotators (1), not 2\n"
    code, _, err = cli("hub", "sync", mine, hub.url_of("rana"), "--annotator", "somebody")
    assert code == 2 and err.count("\n") == 1 and "logs in as rana" in err
    code, _, err = cli("hub", "status", f"host={tmp_path} dbname=none connect_timeout=2")
    assert code == 2 and err.startswith("annotator: cannot reach the hub") and err.count("\n") == 1
    code, _, err = cli("hub", "status", "postgresql://rana:secret@/nowhere?host=/no/such/dir")
    assert code == 2 and "secret" not in err and "rana@" in err
