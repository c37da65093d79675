"""Schema migrations. Each runs in its own transaction (sqlite-utils `Migrations`).

Never edit a migration that has shipped: add a new one. A file that has a migration this
version does not know was written by a newer version and is refused.
"""

from __future__ import annotations

import sqlite_utils  # noqa: TID251 (storage talks SQL)

from annotator.core.labels import DEFAULT_LABELS

# "ANNO": marks the file as ours (`PRAGMA application_id`), so a foreign SQLite file is refused.
APPLICATION_ID = 0x414E4E4F

MIGRATIONS = sqlite_utils.Migrations("annotator")


def _run_script(db: sqlite_utils.Database, script: str) -> None:
    """Run statements one by one: `executescript` would commit the migration's transaction."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


@MIGRATIONS(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _run_script(
        db,
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,          -- the user-facing id (JSONL "id")
            text TEXT NOT NULL,                -- exactly as imported, never rewritten
            hash TEXT NOT NULL UNIQUE,         -- sha256 of the UTF-8 text: one copy per text
            meta TEXT NOT NULL DEFAULT '{}',   -- JSON object
            direction TEXT NOT NULL CHECK (direction IN ('rtl', 'ltr')),
            length INTEGER NOT NULL,           -- code points, for range checks without the text
            created_at TEXT NOT NULL
        );
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            colour TEXT NOT NULL,
            shortcut TEXT,
            retired INTEGER NOT NULL DEFAULT 0,
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL
        );
        CREATE TABLE annotators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            label_id INTEGER NOT NULL REFERENCES labels(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',
            origin TEXT NOT NULL
                CHECK (origin IN ('manual', 'suggested', 'imported', 'adjudicated')),
            created_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start),
            UNIQUE (document_id, annotator_id, start, "end", label_id)
        );
        CREATE TABLE document_status (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (document_id, annotator_id)
        );
        -- The gold layer: adjudicated spans with their provenance.
        CREATE TABLE gold_spans (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            label_id INTEGER NOT NULL REFERENCES labels(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',
            adjudicator_id INTEGER REFERENCES annotators(id),  -- NULL: accepted on agreement
            decided_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start),
            UNIQUE (document_id, start, "end", label_id)
        );
        CREATE TABLE gold_span_agreement (           -- which annotators had this span
            gold_span_id INTEGER NOT NULL REFERENCES gold_spans(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            PRIMARY KEY (gold_span_id, annotator_id)
        );
        -- A document can be curated with no gold span at all (every proposal rejected).
        CREATE TABLE gold_documents (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            adjudicator_id INTEGER REFERENCES annotators(id),
            status TEXT NOT NULL CHECK (status IN ('in_progress', 'done')),
            updated_at TEXT NOT NULL
        );
        CREATE TABLE project_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    )
    for position, label in enumerate(DEFAULT_LABELS):
        db.execute(
            "INSERT INTO labels (name, colour, shortcut, retired, description, position) "
            "VALUES (?, ?, ?, 0, ?, ?)",
            [label.name, label.colour, label.shortcut, label.description, position],
        )


@MIGRATIONS(name="0002_suggestion_rejections")
def _suggestion_rejections(db: sqlite_utils.Database) -> None:
    """A rejected suggestion is remembered per annotator, so it does not come back."""
    _run_script(
        db,
        """
        CREATE TABLE suggestion_rejections (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,   -- by name: a suggestion may name a label the project lacks
            rejected_at TEXT NOT NULL,
            PRIMARY KEY (document_id, annotator_id, start, "end", label)
        )
        """,
    )


@MIGRATIONS(name="0003_by_annotator")
def _by_annotator(db: sqlite_utils.Database) -> None:
    """Spans and statuses found by annotator without reading every row: who has annotated
    (an adjudicator alone has not), and one annotator's layer for exports and agreement."""
    _run_script(
        db,
        """
        CREATE INDEX spans_by_annotator ON spans (annotator_id, document_id);
        CREATE INDEX status_by_annotator ON document_status (annotator_id, document_id)
        """,
    )


@MIGRATIONS(name="0004_gold_rejections")
def _gold_rejections(db: sqlite_utils.Database) -> None:
    """Proposals a reviewer rejected, so the review shows them decided. (What is accepted is
    the gold layer itself.)"""
    _run_script(
        db,
        """
        CREATE TABLE gold_rejections (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,  -- by name, as the proposal showed it
            adjudicator_id INTEGER NOT NULL REFERENCES annotators(id),
            decided_at TEXT NOT NULL,
            PRIMARY KEY (document_id, start, "end", label)
        )
        """,
    )


@MIGRATIONS(name="0005_tagger_model")
def _tagger_model(db: sqlite_utils.Database) -> None:
    """The tagger the project trained (`annotator train`): the model's bytes and what it
    learnt from (labels, documents, spans per label, cross-validated F1), as JSON. One row:
    a new training replaces the model. With it, how unsure the model is of each document it
    did not learn from (for uncertainty-first order), and which documents each annotator
    worked with suggestions shown and which as a control, without any."""
    _run_script(
        db,
        """
        CREATE TABLE tagger_model (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            data BLOB NOT NULL,
            info TEXT NOT NULL
        );
        CREATE TABLE document_doubts (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            doubt REAL NOT NULL CHECK (doubt >= 0 AND doubt <= 1)
        );
        CREATE TABLE assistance (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            assisted INTEGER NOT NULL CHECK (assisted IN (0, 1)),
            first_seen TEXT NOT NULL,
            PRIMARY KEY (document_id, annotator_id)
        )
        """,
    )


@MIGRATIONS(name="0006_hub_sync")
def _hub_sync(db: sqlite_utils.Database) -> None:
    """What the project last agreed on with each team hub it synced with (annotator/hub):
    per owner (an annotator, or '' for the gold layer) and document, the layer's digest
    and the hub's revision of it."""
    _run_script(
        db,
        """
        CREATE TABLE hub_sync (
            hub TEXT NOT NULL,             -- the hub's own id, not its address
            owner TEXT NOT NULL,
            document_hash TEXT NOT NULL,
            digest TEXT NOT NULL,
            revision INTEGER NOT NULL,
            PRIMARY KEY (hub, owner, document_hash)
        )
        """,
    )
