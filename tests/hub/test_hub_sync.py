"""The team hub against a real PostgreSQL server: publish, assign, sync, status, collect, the
gold layer, idempotence, and what the server refuses (row-level security)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from annotator.core.document import DocStatus, Document
from annotator.core.errors import InputError
from annotator.core.spans import Origin, Span
from annotator.hub.collect import collect
from annotator.hub.connection import HubError, connect
from annotator.hub.coordinator import assign, publish, set_blind, status
from annotator.hub.sync import sync_annotator, sync_gold
from annotator.storage import Project

TEXTS = [
    "قصفت الطائرات الحربية مدينة حماة صباح اليوم.",
    "قال المرصد السوري إن 12 مدنيا قتلوا في ادلب.",
    "نزح الاف السكان من ريف حلب الشمالي.",
    "اعلنت وزارة الدفاع مقتل 3 مسلحين قرب درعا.",
]


@pytest.fixture
def published(hub, tmp_path):
    """A coordinator's project with four documents, published; amira and badr assigned
    every document (overlap 2)."""
    with Project.open(tmp_path / "coordinator.db", create=True) as project:
        for number, text in enumerate(TEXTS, 1):
            project.add_document(Document(f"doc-{number}", text))
        with connect(hub.url) as conn:
            report = publish(conn, project)
    assert (report.added, report.present) == (4, 0)
    hub.person("amira")
    hub.person("badr")
    with connect(hub.url) as conn:
        plan = assign(conn, ["amira", "badr"], overlap=2, seed=1)
    assert len(plan.new) == 8
    return hub


def _label(project: Project, annotator: str, text: str, word: str, label: str) -> Span:
    doc = project.find_document(Document("x", text).hash)
    start = text.index(word)
    return project.add_span(doc.rowid, Span(start, start + len(word), label, annotator))


def test_round_trip_publish_assign_sync_collect(published, tmp_path):
    hub = published
    with Project.open(tmp_path / "amira.db", create=True) as amira:
        first = sync_annotator(amira, hub.url_of("amira"), "amira")
        assert (first.documents, first.pushed, first.pulled, first.assigned) == (4, 0, 0, 4)
        assert sorted(d.text for d in amira.documents()) == sorted(TEXTS)
        span = _label(amira, "amira", TEXTS[0], "حماة", "LOCATION")
        doc = amira.find_document(Document("x", TEXTS[0]).hash)
        amira.set_status(doc.rowid, "amira", DocStatus.DONE)
        amira.reject_suggestion(doc.rowid, "amira", 0, 4, "ACTOR")
        second = sync_annotator(amira, hub.url_of("amira"), "amira")
        assert (second.documents, second.pushed, second.pulled) == (0, 1, 0)
        assert amira.hub_last_sync()["as"] == "amira"

    with connect(hub.url) as conn:
        board = {row["annotator"]: row for row in status(conn)["annotators"]}
    assert board["amira"] == {
        "annotator": "amira",
        "assigned": 4,
        "new": 3,
        "in_progress": 0,
        "done": 1,
        "spans": 1,
    }
    assert board["badr"]["spans"] == 0

    with Project.open(tmp_path / "review.db", create=True) as review:
        got = collect(review, hub.url)
        assert (got.documents, got.layers, got.annotators) == (4, 1, 1)
        doc = review.find_document(Document("x", TEXTS[0]).hash)
        (taken,) = review.spans(doc.rowid, "amira")
        assert (taken.start, taken.end, taken.label, taken.origin) == (
            span.start,
            span.end,
            "LOCATION",
            Origin.MANUAL,
        )
        assert review.status(doc.rowid, "amira") is DocStatus.DONE
        assert review.rejected_suggestions(doc.rowid, "amira") == {(0, 4, "ACTOR")}
        again = collect(review, hub.url)
        assert (again.documents, again.layers) == (0, 0)


def test_three_syncs_change_nothing_and_add_no_duplicate(published, tmp_path):
    hub = published
    with Project.open(tmp_path / "badr.db", create=True) as badr:
        sync_annotator(badr, hub.url_of("badr"), "badr")
        _label(badr, "badr", TEXTS[1], "المرصد السوري", "SOURCE")
        _label(badr, "badr", TEXTS[1], "12", "NUMBER")
        reports = [sync_annotator(badr, hub.url_of("badr"), "badr") for _ in range(3)]
        assert [r.pushed for r in reports] == [1, 0, 0]
        assert [r.pulled + r.documents for r in reports] == [0, 0, 0]
        doc = badr.find_document(Document("x", TEXTS[1]).hash)
        assert len(badr.spans(doc.rowid, "badr")) == 2
    rows = hub.server.admin(
        'SELECT count(*), count(DISTINCT (document, start, "end", label)) FROM hub.spans',
        hub.database,
    )
    assert rows == [(2, 2)]


@pytest.fixture
def on_a_laptop(published, tmp_path) -> str:
    """amira labels a place on her laptop and syncs; her URL."""
    url = published.url_of("amira")
    with Project.open(tmp_path / "laptop.db", create=True) as laptop:
        sync_annotator(laptop, url, "amira")
        _label(laptop, "amira", TEXTS[2], "ريف حلب الشمالي", "LOCATION")
        sync_annotator(laptop, url, "amira")
    return url


def test_a_second_laptop_takes_the_layer_and_edits_go_back(on_a_laptop, tmp_path):
    url = on_a_laptop
    with Project.open(tmp_path / "desktop.db", create=True) as desktop:
        report = sync_annotator(desktop, url, "amira")
        assert report.pulled == 1
        doc = desktop.find_document(Document("x", TEXTS[2]).hash)
        (span,) = desktop.spans(doc.rowid, "amira")
        desktop.delete_span(span.rowid)
        assert sync_annotator(desktop, url, "amira").pushed == 1
    with Project.open(tmp_path / "laptop.db") as laptop:
        report = sync_annotator(laptop, url, "amira")
        assert (report.pulled, report.pushed) == (1, 0)
        doc = laptop.find_document(Document("x", TEXTS[2]).hash)
        assert laptop.spans(doc.rowid, "amira") == []


def test_gold_layer_goes_up_and_comes_down(published, tmp_path):
    hub = published
    judge = hub.person("judge", adjudicator=True)
    with Project.open(tmp_path / "review.db", create=True) as review:
        collect(review, hub.url)
        from annotator.core.gold import GoldSpan

        doc = review.find_document(Document("x", TEXTS[3]).hash)
        start = TEXTS[3].index("درعا")
        review.add_gold_span(doc.rowid, GoldSpan(start, start + 4, "LOCATION", adjudicator="judge"))
        review.set_gold_status(doc.rowid, "done", "judge")
        assert sync_gold(review, judge).pushed == 1
        assert sync_gold(review, judge).pushed == 0
    # Another adjudicator takes it: the decisions stay judge's, the status too.
    other = hub.person("other_judge", adjudicator=True)
    with Project.open(tmp_path / "second.db", create=True) as second:
        report = sync_gold(second, other)
        assert (report.documents, report.pulled) == (4, 1)
        doc = second.find_document(Document("x", TEXTS[3]).hash)
        (gold,) = second.gold_spans(doc.rowid)
        assert (gold.start, gold.label, gold.adjudicator) == (start, "LOCATION", "judge")
        layer = second.gold_layer(doc.rowid)
        assert (layer.status, layer.decided_by) == ("done", "judge")
        assert sync_gold(second, other).pushed == 0  # taken, not decided here
    with connect(hub.url) as conn:
        assert status(conn)["gold_done"] == 1


def test_assignments_are_balanced_reproducible_and_only_new_ones_added(hub, tmp_path):
    with Project.open(tmp_path / "c.db", create=True) as project:
        for number in range(12):
            project.add_document(Document(f"d{number}", f"نص رقم {number} عن القصف"))
        with connect(hub.url) as conn:
            publish(conn, project)
    names = ["a1", "a2", "a3", "a4"]
    for name in names:
        hub.person(name)
    with connect(hub.url) as conn:
        first = assign(conn, names[:3], overlap=2, seed=5)
        assert len(first.new) == 24
        again = assign(conn, names[:3], overlap=2, seed=5)
        assert again.new == []  # nothing new: nothing assigned
        later = assign(conn, names, overlap=2, seed=5)
        assert later.new == []  # every document has its two already
    rows = hub.server.admin(
        "SELECT annotator, count(*) FROM hub.assignments GROUP BY annotator ORDER BY 1",
        hub.database,
    )
    assert rows == [("a1", 8), ("a2", 8), ("a3", 8)]
    per_doc = hub.server.admin(
        "SELECT DISTINCT count(*) FROM hub.assignments GROUP BY document", hub.database
    )
    assert per_doc == [(2,)]


def test_an_annotator_without_a_role_is_refused(hub):
    with connect(hub.url) as conn, pytest.raises(InputError, match="not an annotator"):
        assign(conn, ["nobody"], overlap=1)


def test_sync_as_somebody_else_is_refused_and_the_project_unchanged(published, tmp_path):
    with Project.open(tmp_path / "p.db", create=True) as project:
        with pytest.raises(InputError, match="logs in as amira, not as the annotator badr"):
            sync_annotator(project, published.url_of("amira"), "badr")
        assert project.document_count() == 0


def test_an_unreachable_hub_is_one_line_and_the_project_unchanged(pg_server, tmp_path):
    url = f"host={tmp_path} user=amira dbname=nowhere connect_timeout=2"
    with Project.open(tmp_path / "p.db", create=True) as project:
        with pytest.raises(HubError, match="cannot reach the hub") as caught:
            sync_annotator(project, url, "amira")
        assert "\n" not in str(caught.value)
        assert project.document_count() == 0
        assert project.hub_last_sync() is None


# -- what the server itself refuses ----------------------------------------------------------


def _as(hub, role: str):
    import psycopg

    return psycopg.connect(hub.url_of(role), autocommit=True)


def test_an_annotator_cannot_write_another_annotators_layer(published, tmp_path):
    import psycopg

    hub = published
    with Project.open(tmp_path / "badr.db", create=True) as badr:
        sync_annotator(badr, hub.url_of("badr"), "badr")
        _label(badr, "badr", TEXTS[0], "حماة", "LOCATION")
        sync_annotator(badr, hub.url_of("badr"), "badr")
    (doc,) = hub.server.admin("SELECT document FROM hub.spans", hub.database)[0]
    with _as(hub, "amira") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                'INSERT INTO hub.spans (document, annotator, start, "end", label, attrs, '
                "origin) VALUES (%s, 'badr', 0, 4, 'ACTOR', '{}', 'manual')",
                [doc],
            )
        updated = conn.execute("UPDATE hub.spans SET label = 'ACTOR' WHERE annotator = 'badr'")
        assert updated.rowcount == 0
        deleted = conn.execute("DELETE FROM hub.spans WHERE annotator = 'badr'")
        assert deleted.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO hub.documents (hash, uid, text, meta) VALUES "
                "(repeat('a', 64), 'x', 'x', '{}')"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO hub.gold_layers (document, status, digest) VALUES (%s, 'done', 'x')",
                [doc],
            )
    assert hub.server.admin("SELECT label FROM hub.spans", hub.database) == [("LOCATION",)]


def test_blind_annotation_hides_the_others_layers(published, tmp_path):
    hub = published
    with Project.open(tmp_path / "badr.db", create=True) as badr:
        sync_annotator(badr, hub.url_of("badr"), "badr")
        _label(badr, "badr", TEXTS[0], "حماة", "LOCATION")
        sync_annotator(badr, hub.url_of("badr"), "badr")
    with _as(hub, "amira") as conn:
        assert conn.execute("SELECT count(*) FROM hub.spans").fetchone() == (1,)
    with connect(hub.url) as conn:
        set_blind(conn, True)
    with _as(hub, "amira") as conn:
        assert conn.execute("SELECT count(*) FROM hub.spans").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM hub.layers").fetchone() == (0,)
    with connect(hub.url) as conn:
        assert status(conn)["blind"] is True


def test_an_annotator_sees_only_the_documents_assigned_to_them(hub, tmp_path):
    with Project.open(tmp_path / "c.db", create=True) as project:
        for number, text in enumerate(TEXTS):
            project.add_document(Document(f"d{number}", text))
        with connect(hub.url) as conn:
            publish(conn, project)
    hub.person("solo")
    hub.person("other")
    with connect(hub.url) as conn:
        assign(conn, ["solo", "other"], overlap=1, seed=2)
    with _as(hub, "solo") as conn:
        seen = conn.execute("SELECT count(*) FROM hub.documents").fetchone()[0]
    assert seen == 2
    with Project.open(tmp_path / "solo.db", create=True) as solo:
        assert sync_annotator(solo, hub.url_of("solo"), "solo").documents == 2


def test_hostile_text_names_and_labels_are_stored_and_returned_exactly(hub, tmp_path):
    text = "قال \"المرصد\" \u202eإن\u202c 5\x00 قتلى؛ 'اقتباس' \\ نهاية"
    with Project.open(tmp_path / "c.db", create=True) as project:
        project.add_document(Document('id "quoted" \u202e', text, {"title": 'عنوان \u202e"x"'}))
        project.change_labels(lambda labels: labels.new("قوة_مسلحة"))
        with connect(hub.url) as conn:
            publish(conn, project)
    role = 'o\'brien "x" عامر; DROP ROLE x'  # (a bidi override is refused: see below)
    url = hub.person(role)
    with connect(hub.url) as conn:
        assign(conn, [role], overlap=1)
    with Project.open(tmp_path / "a.db", create=True) as mine:
        sync_annotator(mine, url, role)
        (doc,) = mine.documents()
        assert (doc.id, doc.text, doc.meta) == (
            'id "quoted" \u202e',
            text,
            {"title": 'عنوان \u202e"x"'},
        )
        assert "قوة_مسلحة" in mine.labels()
        start = text.index("المرصد")
        mine.add_span(doc.rowid, Span(start, start + 6, "قوة_مسلحة", role, {"note": "a\x00'\""}))
        sync_annotator(mine, url, role)
    with Project.open(tmp_path / "review.db", create=True) as review:
        collect(review, hub.url)
        (doc,) = review.documents()
        assert doc.text == text
        (span,) = review.spans(doc.rowid, role)
        assert (span.label, span.annotator, span.attrs) == ("قوة_مسلحة", role, {"note": "a\x00'\""})


def test_the_server_going_away_mid_sync_leaves_the_project_as_it_was(published, tmp_path):
    hub = published
    url = hub.url_of("amira")
    with Project.open(tmp_path / "amira.db", create=True) as amira:
        sync_annotator(amira, url, "amira")
        _label(amira, "amira", TEXTS[0], "حماة", "LOCATION")
        doc = amira.find_document(Document("x", TEXTS[0]).hash)
        before = (amira.annotator_layer(doc.rowid, "amira"), amira.hub_last_sync())

        def cut_off(step: str) -> None:
            if step.startswith("sending"):
                hub.server.admin(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'amira'"
                )

        with pytest.raises(HubError, match="cannot reach the hub") as caught:
            sync_annotator(amira, url, "amira", cut_off)
        assert "\n" not in str(caught.value)
        assert (amira.annotator_layer(doc.rowid, "amira"), amira.hub_last_sync()) == before
        assert hub.server.admin("SELECT count(*) FROM hub.spans", hub.database) == [(0,)]
        assert sync_annotator(amira, url, "amira").pushed == 1
    assert hub.server.admin("SELECT count(*) FROM hub.spans", hub.database) == [(1,)]


@pytest.mark.parametrize("form", ["key=value", "URL"])
def test_a_password_in_the_url_is_never_kept(published, tmp_path, form):
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    url = make_conninfo(published.url_of("amira"), password="s3cret")  # trust: not checked
    if form == "URL":
        url = f"postgresql:///{published.database}?" + urlencode(
            {k: v for k, v in conninfo_to_dict(url).items() if k != "dbname"}, safe="/"
        )
        assert "password=s3cret" in url
    with Project.open(tmp_path / "amira.db", create=True) as amira:
        sync_annotator(amira, url, "amira")
        kept = amira.hub_last_sync()["url"]
    assert "s3cret" not in kept and "amira" in kept
    assert b"s3cret" not in (tmp_path / "amira.db").read_bytes()


def test_documents_published_later_are_the_only_ones_assigned(published, tmp_path):
    hub = published
    with Project.open(tmp_path / "more.db", create=True) as project:
        for number, text in enumerate(TEXTS, 1):
            project.add_document(Document(f"doc-{number}", text))
        project.add_document(Document("late", "وصلت قافلة مساعدات الى مدينة حمص."))
        with connect(hub.url) as conn:
            assert (publish(conn, project).added, publish(conn, project).present) == (1, 5)
            plan = assign(conn, ["amira", "badr"], overlap=1, seed=1)
    late = Document("x", "وصلت قافلة مساعدات الى مدينة حمص.").hash
    assert [doc for doc, _ in plan.new] == [late]


def test_an_edit_made_while_a_sync_runs_is_kept(on_a_laptop, tmp_path):
    url = on_a_laptop
    with Project.open(tmp_path / "desktop.db", create=True) as desktop:

        def edit_meanwhile(step: str) -> None:
            if step.startswith("taking") and "layers" in step:  # the window, as it syncs
                _label(desktop, "amira", TEXTS[2], "نزح", "ACTOR")

        report = sync_annotator(desktop, url, "amira", edit_meanwhile)
        assert report.pulled == 0
        doc = desktop.find_document(Document("x", TEXTS[2]).hash)
        assert [s.label for s in desktop.spans(doc.rowid, "amira")] == ["ACTOR"]
        assert sync_annotator(desktop, url, "amira").pushed == 1  # this project's is sent


def test_a_document_id_with_a_nul_is_refused_and_the_hub_unchanged(hub, tmp_path):
    with Project.open(tmp_path / "c.db", create=True) as project:
        project.add_document(Document("good", TEXTS[0]))
        project.add_document(Document("bad\x00id", TEXTS[1]))
        with connect(hub.url) as conn, pytest.raises(InputError, match="NUL character") as caught:
            publish(conn, project)
    assert str(caught.value).startswith(str(tmp_path / "c.db"))
    assert hub.server.admin("SELECT count(*) FROM hub.documents", hub.database) == [(0,)]


def test_a_role_whose_name_holds_a_bidi_override_is_refused_before_anything(published, tmp_path):
    role = "a\u202eb"
    url = published.person(role)
    with Project.open(tmp_path / "p.db", create=True) as project:
        with pytest.raises(InputError, match="a control or direction character"):
            sync_annotator(project, url, role)
        assert project.document_count() == 0
