"""The hub's tables in PostgreSQL, and who may read and write which rows.

Three kinds of people, each a PostgreSQL role of their own:

- the coordinator owns the schema (the role that ran `annotator hub init`) and writes the
  documents, the label set, the assignments and the blind switch;
- annotators are members of ANNOTATORS: they read the documents assigned to them and write
  only their own layer (spans, status, rejected suggestions) on those documents; with blind
  annotation on they cannot read anybody else's layer;
- adjudicators are members of ADJUDICATORS: they read every document and layer and write
  only the gold layer.

Row-level security enforces it in the server, whatever program connects. The coordinator,
as the tables' owner, is not bound by the policies.
"""

from __future__ import annotations

SCHEMA_VERSION = 1
ANNOTATORS = "annotator_hub_annotators"
ADJUDICATORS = "annotator_hub_adjudicators"

# Run once, in one transaction, by `annotator hub init`. Document texts are bytes (UTF-8):
# a text column refuses a NUL character, which a document may hold. Layers carry a
# revision from one server sequence, so that a sync asks "what is newer than what I saw"
# without trusting any laptop's clock.
TABLES = """
CREATE SCHEMA hub;
CREATE TABLE hub.info (key text PRIMARY KEY, value text NOT NULL);
CREATE SEQUENCE hub.revisions;
CREATE TABLE hub.documents (
    hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
    uid text NOT NULL UNIQUE,
    text bytea NOT NULL,
    meta text NOT NULL,
    position bigserial NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE hub.labels (
    name text PRIMARY KEY,
    colour text NOT NULL,
    shortcut text,
    retired boolean NOT NULL,
    description text NOT NULL,
    position integer NOT NULL
);
CREATE TABLE hub.assignments (
    document text NOT NULL REFERENCES hub.documents (hash),
    annotator text NOT NULL,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document, annotator)
);
CREATE INDEX assignments_by_annotator ON hub.assignments (annotator);
CREATE TABLE hub.layers (
    document text NOT NULL,
    annotator text NOT NULL DEFAULT current_user,
    status text NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
    assisted boolean,
    digest text NOT NULL,
    revision bigint NOT NULL DEFAULT nextval('hub.revisions'),
    PRIMARY KEY (document, annotator),
    FOREIGN KEY (document, annotator) REFERENCES hub.assignments (document, annotator)
);
CREATE TABLE hub.spans (
    document text NOT NULL,
    annotator text NOT NULL DEFAULT current_user,
    start integer NOT NULL CHECK (start >= 0),
    "end" integer NOT NULL CHECK ("end" > start),
    label text NOT NULL,
    attrs text NOT NULL,
    origin text NOT NULL,
    PRIMARY KEY (document, annotator, start, "end", label),
    FOREIGN KEY (document, annotator) REFERENCES hub.layers (document, annotator)
        ON DELETE CASCADE
);
CREATE TABLE hub.rejections (
    document text NOT NULL,
    annotator text NOT NULL DEFAULT current_user,
    start integer NOT NULL,
    "end" integer NOT NULL,
    label text NOT NULL,
    PRIMARY KEY (document, annotator, start, "end", label),
    FOREIGN KEY (document, annotator) REFERENCES hub.layers (document, annotator)
        ON DELETE CASCADE
);
CREATE TABLE hub.gold_layers (
    document text PRIMARY KEY REFERENCES hub.documents (hash),
    adjudicator text NOT NULL DEFAULT current_user,
    status text NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
    digest text NOT NULL,
    revision bigint NOT NULL DEFAULT nextval('hub.revisions')
);
CREATE TABLE hub.gold_spans (
    document text NOT NULL REFERENCES hub.gold_layers (document) ON DELETE CASCADE,
    start integer NOT NULL CHECK (start >= 0),
    "end" integer NOT NULL CHECK ("end" > start),
    label text NOT NULL,
    attrs text NOT NULL,
    adjudicator text NOT NULL,  -- '': accepted because the annotators agreed
    agreed_by text NOT NULL,    -- JSON list of the annotators whose span it was
    PRIMARY KEY (document, start, "end", label)
);
CREATE TABLE hub.gold_rejections (
    document text NOT NULL REFERENCES hub.gold_layers (document) ON DELETE CASCADE,
    start integer NOT NULL,
    "end" integer NOT NULL,
    label text NOT NULL,
    adjudicator text NOT NULL,
    PRIMARY KEY (document, start, "end", label)
);
"""

# current_user is the connected role: an annotator's hub name. `hub.blind()` is read with
# the caller's rights (annotators may read hub.info).
POLICIES = f"""
CREATE FUNCTION hub.blind() RETURNS boolean LANGUAGE sql STABLE AS
    $$ SELECT coalesce((SELECT value = 'on' FROM hub.info WHERE key = 'blind'), false) $$;
CREATE FUNCTION hub.assigned(doc text) RETURNS boolean LANGUAGE sql STABLE AS
    $$ SELECT EXISTS (SELECT 1 FROM hub.assignments
                      WHERE document = doc AND annotator = current_user) $$;

GRANT USAGE ON SCHEMA hub TO {ANNOTATORS}, {ADJUDICATORS};
GRANT USAGE ON SEQUENCE hub.revisions TO {ANNOTATORS}, {ADJUDICATORS};
GRANT SELECT ON hub.info, hub.labels TO {ANNOTATORS}, {ADJUDICATORS};
GRANT SELECT ON hub.documents, hub.assignments TO {ANNOTATORS}, {ADJUDICATORS};
GRANT SELECT, INSERT, UPDATE, DELETE ON hub.layers, hub.spans, hub.rejections TO {ANNOTATORS};
GRANT SELECT ON hub.layers, hub.spans, hub.rejections TO {ADJUDICATORS};
GRANT SELECT, INSERT, UPDATE, DELETE ON hub.gold_layers, hub.gold_spans, hub.gold_rejections
    TO {ADJUDICATORS};

ALTER TABLE hub.documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY assigned ON hub.documents FOR SELECT TO {ANNOTATORS} USING (hub.assigned(hash));
CREATE POLICY everything ON hub.documents FOR SELECT TO {ADJUDICATORS} USING (true);

ALTER TABLE hub.assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON hub.assignments FOR SELECT TO {ANNOTATORS}
    USING (annotator = current_user);
CREATE POLICY everything ON hub.assignments FOR SELECT TO {ADJUDICATORS} USING (true);
"""

# The same four policies on each table of an annotator's layer.
LAYER_POLICIES = f"""
ALTER TABLE hub.{{table}} ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON hub.{{table}} FOR ALL TO {ANNOTATORS}
    USING (annotator = current_user)
    WITH CHECK (annotator = current_user AND hub.assigned(document));
CREATE POLICY others_unless_blind ON hub.{{table}} FOR SELECT TO {ANNOTATORS}
    USING (NOT hub.blind());
CREATE POLICY everything ON hub.{{table}} FOR SELECT TO {ADJUDICATORS} USING (true);
"""

GOLD_POLICIES = f"""
ALTER TABLE hub.{{table}} ENABLE ROW LEVEL SECURITY;
CREATE POLICY adjudicators ON hub.{{table}} FOR ALL TO {ADJUDICATORS}
    USING (true) WITH CHECK (true);
"""


def statements() -> list[str]:
    """Everything `hub init` runs on an empty database, in order."""
    script = TABLES + POLICIES
    for table in ("layers", "spans", "rejections"):
        script += LAYER_POLICIES.format(table=table)
    for table in ("gold_layers", "gold_spans", "gold_rejections"):
        script += GOLD_POLICIES.format(table=table)
    return [part.strip() for part in _split(script) if part.strip()]


def _split(script: str) -> list[str]:
    """The statements of `script`: split at semicolons outside $$ bodies."""
    parts, current, quoted = [], [], False
    for piece in script.split("$$"):
        if quoted:
            current.append(f"$${piece}$$")
        else:
            *done, rest = piece.split(";")
            for chunk in done:
                parts.append("".join(current) + chunk)
                current = []
            current.append(rest)
        quoted = not quoted
    parts.append("".join(current))
    return parts
