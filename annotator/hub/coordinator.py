"""What the coordinator does on the hub: create its schema, publish a project's documents
and labels, assign documents to annotators, turn blind annotation on or off, and watch the
team's progress. Each is one server transaction: it happens whole or not at all."""

from __future__ import annotations

import json
import uuid
from dataclasses import astuple, dataclass
from typing import Any

from annotator.core.errors import InputError
from annotator.core.quoting import for_message
from annotator.hub import assigning
from annotator.hub.connection import HubError
from annotator.hub.schema import ADJUDICATORS, ANNOTATORS, SCHEMA_VERSION, statements
from annotator.storage import Project


def hub_version(conn: Any) -> int | None:
    """The hub schema's version, or None when the database has none yet."""
    if conn.execute("SELECT to_regclass('hub.info')").fetchone()[0] is None:
        return None
    row = conn.execute("SELECT value FROM hub.info WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


def check_hub(conn: Any) -> str:
    """The hub's id; a HubError unless the database holds a hub this version knows."""
    version = hub_version(conn)
    if version is None:
        raise HubError("this database is not a team hub: run `annotator hub init URL`", "no_hub")
    if version > SCHEMA_VERSION:
        raise HubError(
            f"the hub's schema (version {version}) is newer than this annotator knows "
            f"({SCHEMA_VERSION}): update annotator",
            "hub_too_new",
        )
    return conn.execute("SELECT value FROM hub.info WHERE key = 'hub_id'").fetchone()[0]


def init(conn: Any) -> str:
    """Create the hub's schema, roles and policies; "created" or "up to date"."""
    with conn.transaction():
        if hub_version(conn) is not None:
            check_hub(conn)
            return "up to date"
        for role in (ANNOTATORS, ADJUDICATORS):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
                conn.execute(_sql("CREATE ROLE {} NOLOGIN", role))
        for statement in statements():
            conn.execute(statement)
        with conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO hub.info (key, value) VALUES (%s, %s)",
                [
                    ("schema_version", str(SCHEMA_VERSION)),
                    ("hub_id", str(uuid.uuid4())),
                    ("blind", "off"),
                ],
            )
    return "created"


def _sql(template: str, *names: str) -> Any:
    from psycopg import sql

    return sql.SQL(template).format(*(sql.Identifier(n) for n in names))


@dataclass
class Published:
    added: int
    present: int
    labels: int


def publish(conn: Any, project: Project) -> Published:
    """The project's label set and every document not on the hub yet (matched by text)."""
    added = present = 0
    with conn.transaction():
        check_hub(conn)
        for position, label in enumerate(project.labels()):
            conn.execute(
                "INSERT INTO hub.labels (name, colour, shortcut, retired, description, position) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (name) DO UPDATE SET "
                "colour = excluded.colour, shortcut = excluded.shortcut, "
                "retired = excluded.retired, description = excluded.description, "
                "position = excluded.position",
                [*astuple(label), position],  # name, colour, shortcut, retired, description
            )
        for doc in project.documents():
            if "\x00" in doc.id:  # PostgreSQL's text cannot hold it (document texts are bytes)
                raise InputError(
                    f"document {for_message(doc.id)} has a NUL character in its id, which the "
                    "hub cannot store: rename it in the project",
                    "hub_nul",
                    str(project.path),
                )
            found = conn.execute(
                "SELECT hash FROM hub.documents WHERE hash = %s OR uid = %s", [doc.hash, doc.id]
            ).fetchall()
            if any(row[0] == doc.hash for row in found):
                present += 1
                continue
            if found:
                raise InputError(
                    f"{project.path}: document {for_message(doc.id)} is on the hub with another "
                    "text: rename it in the project, then publish again",
                    "hub_duplicate_id",
                )
            conn.execute(
                "INSERT INTO hub.documents (hash, uid, text, meta) VALUES (%s, %s, %s, %s)",
                [
                    doc.hash,
                    doc.id,
                    doc.text.encode("utf-8"),
                    json.dumps(doc.meta, ensure_ascii=False),
                ],
            )
            added += 1
    return Published(added, present, len(project.labels()))


def _people_in(conn: Any, group: str) -> set[str]:
    rows = conn.execute(
        "SELECT r.rolname FROM pg_roles r WHERE pg_has_role(r.oid, %s, 'MEMBER') "
        "AND r.rolname <> %s",
        [group, group],
    )
    return {row[0] for row in rows}


def assign(
    conn: Any,
    annotators: list[str],
    overlap: int,
    per_annotator: int | None = None,
    seed: int = 0,
) -> assigning.Plan:
    """Give each published document to `overlap` of `annotators` (see assigning.plan)."""
    if not annotators or len(set(annotators)) != len(annotators):
        raise InputError("--annotators needs distinct names, comma-separated", "bad_annotators")
    if not 1 <= overlap <= len(annotators):
        raise InputError(
            f"--overlap must be between 1 and the number of annotators ({len(annotators)}), "
            f"not {overlap}",
            "bad_overlap",
        )
    if per_annotator is not None and per_annotator < 1:
        raise InputError("--per-annotator must be 1 or more", "bad_per_annotator")
    with conn.transaction():
        check_hub(conn)
        members = _people_in(conn, ANNOTATORS)
        strangers = [name for name in annotators if name not in members]
        if strangers:
            raise InputError(
                f"not an annotator on the hub's server: {', '.join(map(for_message, strangers))} "
                f"(CREATE ROLE name LOGIN; GRANT {ANNOTATORS} TO name)",
                "hub_unknown_annotator",
            )
        documents = [row[0] for row in conn.execute("SELECT hash FROM hub.documents")]
        existing: dict[str, set[str]] = {}
        for doc, name in conn.execute("SELECT document, annotator FROM hub.assignments"):
            existing.setdefault(doc, set()).add(name)
        found = assigning.plan(documents, existing, annotators, overlap, per_annotator, seed)
        with conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO hub.assignments (document, annotator) VALUES (%s, %s)", found.new
            )
    return found


def set_blind(conn: Any, blind: bool) -> None:
    with conn.transaction():
        check_hub(conn)
        conn.execute(
            "UPDATE hub.info SET value = %s WHERE key = 'blind'", ["on" if blind else "off"]
        )


@dataclass
class Progress:
    annotator: str
    assigned: int
    in_progress: int
    done: int
    spans: int

    @property
    def new(self) -> int:
        return self.assigned - self.in_progress - self.done


def status(conn: Any) -> dict[str, Any]:
    """The coordinator's dashboard: documents, gold progress, and per annotator."""
    with conn.transaction():
        check_hub(conn)
        rows = conn.execute(
            "SELECT a.annotator, count(*), "
            "count(*) FILTER (WHERE l.status = 'in_progress'), "
            "count(*) FILTER (WHERE l.status = 'done'), coalesce(sum(s.n), 0) "
            "FROM hub.assignments a "
            "LEFT JOIN hub.layers l USING (document, annotator) "
            "LEFT JOIN (SELECT document, annotator, count(*) AS n FROM hub.spans "
            "           GROUP BY document, annotator) s USING (document, annotator) "
            "GROUP BY a.annotator ORDER BY a.annotator"
        ).fetchall()
        documents = conn.execute("SELECT count(*) FROM hub.documents").fetchone()[0]
        assigned = conn.execute("SELECT count(DISTINCT document) FROM hub.assignments").fetchone()[
            0
        ]
        gold = conn.execute(
            "SELECT count(*) FROM hub.gold_layers WHERE status = 'done'"
        ).fetchone()[0]
        blind = conn.execute("SELECT hub.blind()").fetchone()[0]
    people = [Progress(name, int(a), int(p), int(d), int(s)) for name, a, p, d, s in rows]
    return {
        "documents": documents,
        "assigned_documents": assigned,
        "gold_done": gold,
        "blind": blind,
        "annotators": [
            {
                "annotator": p.annotator,
                "assigned": p.assigned,
                "new": p.new,
                "in_progress": p.in_progress,
                "done": p.done,
                "spans": p.spans,
            }
            for p in people
        ],
    }
