"""What a project keeps of its team hub (annotator/hub): each layer as it was when a sync
last agreed with the hub (its digest and the hub's revision of it), and the layers
themselves read and written whole. Part of Project (storage/project.py).

A layer is the work of one owner on one document: an annotator's spans, status, rejected
suggestions and whether the document was worked with suggestions; or the gold layer (owner
GOLD). What a sync reads and writes here happens in one transaction each, so a sync killed
at any moment leaves the project as it was before that step, and the next sync redoes it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import astuple

from annotator.core.document import DocStatus, Document
from annotator.core.errors import InputError
from annotator.core.labels import Label
from annotator.core.layers import Layer, attrs_json
from annotator.storage.values import now, to_json

GOLD = ""  # the owner of the gold layer in hub_sync (an annotator's name is never empty)


class HubRows:
    # -- what the last sync agreed on -------------------------------------------------------

    def hub_state(self, hub: str, owner: str) -> dict[str, tuple[str, int]]:
        """Document hash -> (digest, hub revision) of `owner`'s layers as last synced."""
        rows = self.db.execute(
            "SELECT document_hash, digest, revision FROM hub_sync WHERE hub = ? AND owner = ?",
            [hub, owner],
        )
        return {doc: (digest, revision) for doc, digest, revision in rows}

    def record_hub_state(self, hub: str, owner: str, agreed: dict[str, tuple[str, int]]) -> None:
        with self.transaction():
            self.db.conn.executemany(
                "INSERT INTO hub_sync (hub, owner, document_hash, digest, revision) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (hub, owner, document_hash) DO UPDATE SET "
                "digest = excluded.digest, revision = excluded.revision",
                [(hub, owner, doc, digest, rev) for doc, (digest, rev) in agreed.items()],
            )

    def hub_last_sync(self) -> dict[str, str] | None:
        """{"hub": id, "url": without password, "at": when, "as": who} of the last sync that
        completed, or None."""
        found = self._one("SELECT value FROM project_info WHERE key = 'hub_last_sync'")
        return json.loads(found) if found else None

    def set_hub_last_sync(self, record: dict[str, str]) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO project_info (key, value) VALUES ('hub_last_sync', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [to_json(record)],
            )

    # -- documents and labels from the hub --------------------------------------------------

    def receive_from_hub(self, labels: Iterable[Label], documents: Iterable[Document]) -> int:
        """Add the hub's labels this project lacks (and take its colours, shortcuts and
        retirements for those it has) and the documents it lacks, matched by text. Returns
        how many documents were added."""
        added = 0
        with self.transaction():
            hub_labels = list(labels)
            if hub_labels:
                self._take_labels(hub_labels)
            for doc in documents:
                if self.document_rowid_by_hash(doc.hash) is not None:
                    continue
                uid = doc.id
                if self._one("SELECT 1 FROM documents WHERE uid = ?", [uid]):
                    uid = f"{doc.id}~{doc.hash[:8]}"  # another text here has its id
                self.insert_document(Document(uid, doc.text, doc.meta))
                added += 1
        return added

    def _take_labels(self, hub_labels: list[Label]) -> None:
        known = {label.name: label for _, label in self._label_rows()}
        # The hub's shortcuts win: each is first taken from any other label that holds it
        # (one of the hub's, moved, or one of this project's own), so no two hold one.
        for label in hub_labels:
            if label.shortcut is not None and not label.retired:
                self.db.execute(
                    "UPDATE labels SET shortcut = NULL WHERE shortcut = ? AND name <> ?",
                    [label.shortcut, label.name],
                )
        position = len(known)
        for label in hub_labels:
            if label.name in known:
                self.db.execute(
                    "UPDATE labels SET colour = ?, shortcut = ?, retired = ?, description = ? "
                    "WHERE name = ?",
                    [label.colour, label.shortcut, label.retired, label.description, label.name],
                )
                continue
            self.db.execute(
                "INSERT INTO labels (name, colour, shortcut, retired, description, position) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [*astuple(label), position],  # name, colour, shortcut, retired, description
            )
            position += 1

    # -- an annotator's layer ---------------------------------------------------------------

    def annotator_layer(self, doc_rowid: int, annotator: str) -> Layer:
        spans = [
            (s.start, s.end, s.label, attrs_json(s.attrs), s.origin.value)
            for s in self.spans(doc_rowid, annotator)
        ]
        return Layer(
            tuple(spans),
            self.status(doc_rowid, annotator).value,
            tuple(self.rejected_suggestions(doc_rowid, annotator)),
            self.assistance_of(doc_rowid, annotator),
        )

    def replace_annotator_layer(self, doc_rowid: int, annotator: str, layer: Layer) -> None:
        """Make `layer` the annotator's whole work on the document (one transaction)."""
        text = self.document(doc_rowid).text
        label_ids = self.label_ids()
        for start, end, label, _, _ in layer.spans:
            if label not in label_ids:
                raise InputError(f"the hub sent a span with an unknown label {label!r}", "bad_span")
            if end > len(text):
                raise InputError(f"the hub sent a span {start}-{end} past the text", "bad_span")
        with self.transaction():
            who = self.annotator_id(annotator)
            where = [doc_rowid, who]
            for table in ("spans", "suggestion_rejections", "document_status", "assistance"):
                self.db.execute(
                    f"DELETE FROM {table} WHERE document_id = ? AND annotator_id = ?", where
                )
            stamp = now()
            self.db.conn.executemany(
                'INSERT INTO spans (document_id, annotator_id, label_id, start, "end", attrs, '
                "origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc_rowid, who, label_ids[label], start, end, attrs, origin, stamp)
                    for start, end, label, attrs, origin in layer.spans
                ],
            )
            self.db.conn.executemany(
                "INSERT INTO suggestion_rejections (document_id, annotator_id, start, "
                '"end", label, rejected_at) VALUES (?, ?, ?, ?, ?, ?)',
                [(doc_rowid, who, s, e, label, stamp) for s, e, label in layer.rejections],
            )
            if layer.status != DocStatus.NEW.value:
                self.db.execute(
                    "INSERT INTO document_status (document_id, annotator_id, status, "
                    "updated_at) VALUES (?, ?, ?, ?)",
                    [doc_rowid, who, layer.status, stamp],
                )
            if layer.assisted is not None:
                self.db.execute(
                    "INSERT INTO assistance (document_id, annotator_id, assisted, first_seen) "
                    "VALUES (?, ?, ?, ?)",
                    [doc_rowid, who, int(layer.assisted), stamp],
                )

    # -- the gold layer ---------------------------------------------------------------------

    def gold_layer(self, doc_rowid: int) -> Layer:
        spans = [
            (
                g.start,
                g.end,
                g.label,
                attrs_json(g.attrs),
                g.adjudicator or "",
                json.dumps(sorted(g.agreed_by), ensure_ascii=False),
            )
            for g in self.gold_spans(doc_rowid)
        ]
        rejections = [(*key, who) for key, (who, _) in self.gold_rejections(doc_rowid).items()]
        decided = self.db.execute(
            "SELECT g.status, a.name FROM gold_documents g "
            "LEFT JOIN annotators a ON a.id = g.adjudicator_id WHERE g.document_id = ?",
            [doc_rowid],
        ).fetchone()
        status, by = decided or ("new", "")
        return Layer(tuple(spans), status, tuple(rejections), decided_by=by or "")

    def replace_gold_layer(self, doc_rowid: int, layer: Layer, adjudicator: str) -> None:
        """Make `layer` the document's whole gold layer (one transaction): its status as
        set by `layer.decided_by`, or by `adjudicator` when the layer does not say."""
        label_ids = self.label_ids()
        for _, _, label, *_ in layer.spans:
            if label not in label_ids:
                raise InputError(
                    f"the hub sent a gold span with an unknown label {label!r}", "bad_span"
                )
        with self.transaction():
            for table in ("gold_spans", "gold_rejections", "gold_documents"):
                self.db.execute(f"DELETE FROM {table} WHERE document_id = ?", [doc_rowid])
            stamp = now()
            for start, end, label, attrs, who, agreed in layer.spans:
                cursor = self.db.execute(
                    'INSERT INTO gold_spans (document_id, label_id, start, "end", attrs, '
                    "adjudicator_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        doc_rowid,
                        label_ids[label],
                        start,
                        end,
                        attrs,
                        self.annotator_id(who) if who else None,
                        stamp,
                    ],
                )
                for name in json.loads(agreed):
                    self.db.execute(
                        "INSERT INTO gold_span_agreement (gold_span_id, annotator_id) "
                        "VALUES (?, ?)",
                        [cursor.lastrowid, self.annotator_id(name)],
                    )
            for start, end, label, who in layer.rejections:
                self.db.execute(
                    'INSERT INTO gold_rejections (document_id, start, "end", label, '
                    "adjudicator_id, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [doc_rowid, start, end, label, self.annotator_id(who), stamp],
                )
            if layer.status != "new":
                self.set_gold_status(doc_rowid, layer.status, layer.decided_by or adjudicator)
