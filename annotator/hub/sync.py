"""A sync between a project file and the hub, for one owner's layers: an annotator's own
(their assigned documents) or the gold layer (an adjudicator, every document).

1. Take what the hub has for this owner: the label set, the documents the project lacks,
   and each layer's digest and revision (revisions come from the server's sequence, never
   from a laptop's clock).
2. Push, in one server transaction, every layer changed here since the last sync agreed
   with the hub; record what was agreed.
3. Pull every layer the hub has newer than the last agreement and this project did not
   change, and record it, in one local transaction.

Each step is whole or nothing on its side, and the next sync works out again what is left
from the digests: a sync cut off anywhere loses nothing, and a sync with nothing new
changes nothing. Layers have one owner, so nothing is ever merged: where this project and
the hub both changed a layer (the owner worked on two machines), this project's is sent.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from annotator.core.document import Document
from annotator.core.errors import InputError
from annotator.core.labels import Label
from annotator.core.layers import Layer
from annotator.core.names import check_annotator_name
from annotator.core.quoting import for_message
from annotator.hub.connection import HubError, connect, without_password
from annotator.hub.coordinator import check_hub
from annotator.hub.schema import ADJUDICATORS, ANNOTATORS
from annotator.storage import Project
from annotator.storage.hub_rows import GOLD

Progress = Callable[[str], None]


@dataclass
class SyncReport:
    documents: int = 0  # new documents taken from the hub
    pushed: int = 0  # layers sent
    pulled: int = 0  # layers taken
    assigned: int = 0  # documents this owner works on the hub


@dataclass
class _Side:
    """Where one owner's layers live on each side."""

    owner: str  # in hub_sync: the annotator, or GOLD
    # Whether the connected role may sync this side (a one-line error if not); its name.
    check: Callable[[Any], str]
    hub_rows: str  # SELECT document, digest, revision of the owner's layers on the hub
    read_local: Callable[[Project, int], Layer]
    write_local: Callable[[Project, int, Layer, str], None]  # ..., the role syncing
    push: Callable[[Any, dict[str, Layer]], dict[str, int]]
    pull: Callable[[Any, list[str]], dict[str, tuple[Layer, int]]]


def hub_labels(conn: Any) -> list[Label]:
    rows = conn.execute(
        "SELECT name, colour, shortcut, retired, description FROM hub.labels ORDER BY position"
    )
    return [
        Label(name, colour, shortcut, retired, description)
        for name, colour, shortcut, retired, description in rows
    ]


def hub_documents(conn: Any, hashes: list[str]) -> list[Document]:
    if not hashes:
        return []
    rows = conn.execute(
        "SELECT uid, text, meta FROM hub.documents WHERE hash = ANY(%s) ORDER BY position",
        [hashes],
    )
    return [
        Document(uid, bytes(text).decode("utf-8"), json.loads(meta)) for uid, text, meta in rows
    ]


def sync(
    project: Project, url: str, side: _Side, everything: bool, progress: Progress
) -> SyncReport:
    report = SyncReport()
    with connect(url) as conn:
        with conn.transaction():
            me = side.check(conn)  # refused before anything is said or read
            progress("reading the hub")
            hub_id = check_hub(conn)
            labels = hub_labels(conn)
            if everything:
                wanted = [
                    row[0]
                    for row in conn.execute("SELECT hash FROM hub.documents ORDER BY position")
                ]
            else:
                wanted = [
                    row[0]
                    for row in conn.execute(
                        "SELECT a.document FROM hub.assignments a JOIN hub.documents d "
                        "ON d.hash = a.document WHERE a.annotator = current_user "
                        "ORDER BY d.position"
                    )
                ]
            missing = [h for h in wanted if project.document_rowid_by_hash(h) is None]
            documents = hub_documents(conn, missing)
            on_hub = {doc: (digest, rev) for doc, digest, rev in conn.execute(side.hub_rows)}
        report.assigned = len(wanted)
        progress(f"taking {len(documents)} new documents")
        report.documents = project.receive_from_hub(labels, documents)

        agreed = project.hub_state(hub_id, side.owner)
        rowids = {h: project.document_rowid_by_hash(h) for h in wanted}
        push: dict[str, Layer] = {}
        pull: dict[str, str] = {}  # document -> the local layer's digest when planned
        settled: dict[str, tuple[str, int]] = {}
        for doc in wanted:
            layer = side.read_local(project, rowids[doc])
            digest = layer.digest()
            last = agreed.get(doc)
            there = on_hub.get(doc)
            changed_here = layer_changed(layer, digest, last)
            if there is not None and there[0] == digest:
                if last != there:
                    settled[doc] = there  # the same on both sides: only the record was behind
            elif changed_here:
                push[doc] = layer
            elif there is not None and (last is None or there[1] > last[1]):
                pull[doc] = digest
        if settled:
            project.record_hub_state(hub_id, side.owner, settled)

        if push:
            progress(f"sending {len(push)} layers")
            with conn.transaction():
                revisions = side.push(conn, push)
            sent = {doc: (layer.digest(), revisions[doc]) for doc, layer in push.items()}
            project.record_hub_state(hub_id, side.owner, sent)
            report.pushed = len(sent)

        if pull:
            progress(f"taking {len(pull)} layers")
            with conn.transaction():
                taken = side.pull(conn, list(pull))
            with project.transaction():
                # A layer edited here since (the window is open during a sync) is kept: the
                # next sync sends it.
                taken = {
                    doc: found
                    for doc, found in taken.items()
                    if side.read_local(project, rowids[doc]).digest() == pull[doc]
                }
                for doc, (layer, _) in taken.items():
                    side.write_local(project, rowids[doc], layer, me)
                project.record_hub_state(
                    hub_id,
                    side.owner,
                    {doc: (layer.digest(), revision) for doc, (layer, revision) in taken.items()},
                )
            report.pulled = len(taken)
    project.set_hub_last_sync(
        {
            "hub": hub_id,
            "url": without_password(url),
            "as": side.owner or "gold",
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    return report


def layer_changed(layer: Layer, digest: str, last: tuple[str, int] | None) -> bool:
    """Whether this project changed the layer since the last agreement with the hub (a
    layer never synced counts as changed once there is anything in it)."""
    return not layer.empty if last is None else digest != last[0]


# -- an annotator's layers -------------------------------------------------------------------


def insert_rows(conn: Any, table: str, columns: tuple[tuple[str, str], ...], rows: list) -> None:
    """Many rows in one statement: one array per column, which the server unnests (COPY
    is not allowed into a table with row-level security, and a statement per row costs a
    round trip each)."""
    if not rows:
        return
    names = ", ".join(f'"{name}"' for name, _ in columns)
    arrays = ", ".join(f"%s::{kind}[]" for _, kind in columns)
    conn.execute(
        f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays})",
        [list(column) for column in zip(*rows, strict=True)],
    )


SPAN_COLUMNS = (
    ("document", "text"),
    ("start", "integer"),
    ("end", "integer"),
    ("label", "text"),
    ("attrs", "text"),
    ("origin", "text"),
)
REJECTION_COLUMNS = (
    ("document", "text"),
    ("start", "integer"),
    ("end", "integer"),
    ("label", "text"),
)


# Where a layer's spans and rejections go, with their columns: an annotator's, the gold's.
ANNOTATOR_TABLES = (("hub.spans", SPAN_COLUMNS), ("hub.rejections", REJECTION_COLUMNS))
GOLD_TABLES = (
    ("hub.gold_spans", (*SPAN_COLUMNS[:5], ("adjudicator", "text"), ("agreed_by", "text"))),
    ("hub.gold_rejections", (*REJECTION_COLUMNS, ("adjudicator", "text"))),
)


def _replace_rows(conn: Any, layers: dict[str, Layer], owned: str, tables: tuple) -> None:
    """The layers' spans and rejections in place of those the hub had (`owned`: the SQL
    that keeps the delete to the connected owner's rows)."""
    (spans_table, span_columns), (rejections_table, rejection_columns) = tables
    docs = list(layers)
    for table in (spans_table, rejections_table):
        conn.execute(f"DELETE FROM {table} WHERE {owned}document = ANY(%s)", [docs])
    spans = [(doc, *span) for doc, layer in layers.items() for span in layer.spans]
    insert_rows(conn, spans_table, span_columns, spans)
    rejections = [(doc, *row) for doc, layer in layers.items() for row in layer.rejections]
    insert_rows(conn, rejections_table, rejection_columns, rejections)


def _push_annotator(conn: Any, layers: dict[str, Layer]) -> dict[str, int]:
    """Send the annotator's layers (replacing theirs on the hub); each one's new revision."""
    docs = list(layers)
    revisions = conn.execute(
        "INSERT INTO hub.layers (document, annotator, status, assisted, digest) "
        "SELECT d, current_user, s, a, g "
        "FROM unnest(%s::text[], %s::text[], %s::boolean[], %s::text[]) AS t(d, s, a, g) "
        "ON CONFLICT (document, annotator) DO UPDATE SET status = excluded.status, "
        "assisted = excluded.assisted, digest = excluded.digest, "
        "revision = nextval('hub.revisions') RETURNING document, revision",
        [
            docs,
            [layer.status for layer in layers.values()],
            [layer.assisted for layer in layers.values()],
            [layer.digest() for layer in layers.values()],
        ],
    ).fetchall()
    _replace_rows(conn, layers, "annotator = current_user AND ", ANNOTATOR_TABLES)
    return dict(revisions)


def _rows_by_layer(conn: Any, sql: str, params: list) -> dict[tuple, list[tuple]]:
    """Rows whose first two columns (document, owner) name their layer, grouped by it."""
    grouped: dict[tuple, list[tuple]] = defaultdict(list)
    for doc, who, *row in conn.execute(sql, params):
        grouped[doc, who].append(tuple(row))
    return grouped


def annotator_layers_on_hub(
    conn: Any, docs: list[str], annotator: str | None = None
) -> dict[tuple[str, str], tuple[Layer, int]]:
    """(document, annotator) -> (layer, revision) of the layers on these documents (of
    `annotator`, or everyone's), in three queries."""
    where = "document = ANY(%s)" + (" AND annotator = %s" if annotator is not None else "")
    params = [docs] if annotator is None else [docs, annotator]
    heads = conn.execute(
        f"SELECT document, annotator, status, assisted, revision FROM hub.layers WHERE {where}",
        params,
    ).fetchall()
    spans = _rows_by_layer(
        conn,
        f'SELECT document, annotator, start, "end", label, attrs, origin FROM hub.spans '
        f"WHERE {where}",
        params,
    )
    rejections = _rows_by_layer(
        conn,
        f'SELECT document, annotator, start, "end", label FROM hub.rejections WHERE {where}',
        params,
    )
    return {
        (doc, who): (
            Layer(tuple(spans[doc, who]), status, tuple(rejections[doc, who]), assisted),
            revision,
        )
        for doc, who, status, assisted, revision in heads
    }


def annotator_layer_on_hub(conn: Any, doc: str, annotator: str) -> Layer:
    """The annotator's layer on the document as the hub has it (empty: none yet)."""
    found = annotator_layers_on_hub(conn, [doc], annotator).get((doc, annotator))
    return found[0] if found else Layer()


def _member(conn: Any, group: str) -> str:
    """The connected role's name, if it belongs to `group` (else a one-line HubError)."""
    me, member = conn.execute(
        "SELECT current_user, pg_has_role(current_user, %s, 'MEMBER')", [group]
    ).fetchone()
    if not member:
        raise HubError(f"{for_message(me)} is not in {group} on the hub's server", "hub_not_member")
    return me


def sync_annotator(
    project: Project, url: str, annotator: str, progress: Progress = lambda _: None
) -> SyncReport:
    """Take `annotator`'s assigned documents and send their layer. The hub knows them by
    their PostgreSQL role: the connection must log in as `annotator`."""
    check_annotator_name(annotator)

    def check(conn: Any) -> str:
        me = _member(conn, ANNOTATORS)
        if me != annotator:
            raise InputError(
                f"the hub connection logs in as {for_message(me)}, not as the annotator "
                f"{for_message(annotator)}: each annotator syncs with their own role",
                "hub_wrong_user",
            )
        return me

    side = _Side(
        owner=annotator,
        check=check,
        hub_rows="SELECT document, digest, revision FROM hub.layers WHERE annotator = current_user",
        read_local=lambda p, rowid: p.annotator_layer(rowid, annotator),
        write_local=lambda p, rowid, layer, _: p.replace_annotator_layer(rowid, annotator, layer),
        push=_push_annotator,
        pull=lambda conn, docs: {
            doc: found for (doc, _), found in annotator_layers_on_hub(conn, docs, annotator).items()
        },
    )
    return sync(project, url, side, everything=False, progress=progress)


# -- the gold layer --------------------------------------------------------------------------


def _push_gold(conn: Any, layers: dict[str, Layer]) -> dict[str, int]:
    """Send the gold layers (replacing the hub's); each one's new revision."""
    docs = list(layers)
    revisions = conn.execute(
        "INSERT INTO hub.gold_layers (document, adjudicator, status, digest) "
        "SELECT d, coalesce(nullif(a, ''), current_user), s, g "
        "FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[]) AS t(d, a, s, g) "
        "ON CONFLICT (document) DO UPDATE SET adjudicator = excluded.adjudicator, "
        "status = excluded.status, digest = excluded.digest, "
        "revision = nextval('hub.revisions') RETURNING document, revision",
        [
            docs,
            [layer.decided_by for layer in layers.values()],
            [layer.status for layer in layers.values()],
            [layer.digest() for layer in layers.values()],
        ],
    ).fetchall()
    _replace_rows(conn, layers, "", GOLD_TABLES)
    return dict(revisions)


def gold_layers_on_hub(conn: Any, docs: list[str]) -> dict[str, tuple[Layer, int]]:
    """document -> (gold layer, revision), for these documents, in three queries."""
    heads = conn.execute(
        "SELECT document, status, adjudicator, revision FROM hub.gold_layers "
        "WHERE document = ANY(%s)",
        [docs],
    ).fetchall()
    spans = _rows_by_layer(
        conn,
        "SELECT document, '', start, \"end\", label, attrs, adjudicator, agreed_by "
        "FROM hub.gold_spans WHERE document = ANY(%s)",
        [docs],
    )
    rejections = _rows_by_layer(
        conn,
        "SELECT document, '', start, \"end\", label, adjudicator FROM hub.gold_rejections "
        "WHERE document = ANY(%s)",
        [docs],
    )
    return {
        doc: (
            Layer(tuple(spans[doc, ""]), status, tuple(rejections[doc, ""]), decided_by=by),
            revision,
        )
        for doc, status, by, revision in heads
    }


def sync_gold(project: Project, url: str, progress: Progress = lambda _: None) -> SyncReport:
    """Take every document and the hub's newer gold layers; send the gold layers decided
    here. The connection must log in as an adjudicator."""
    side = _Side(
        owner=GOLD,
        check=lambda conn: _member(conn, ADJUDICATORS),
        hub_rows="SELECT document, digest, revision FROM hub.gold_layers",
        read_local=lambda p, rowid: p.gold_layer(rowid),
        write_local=lambda p, rowid, layer, me: p.replace_gold_layer(rowid, layer, me),
        push=_push_gold,
        pull=gold_layers_on_hub,
    )
    return sync(project, url, side, everything=True, progress=progress)
