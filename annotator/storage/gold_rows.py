"""A project's gold layer: adjudicated spans with who proposed and who decided them, each
document's curated status, and the proposals a reviewer rejected. Part of Project
(storage/project.py)."""

from __future__ import annotations

import json
import sqlite3  # noqa: TID251 (storage talks SQL)
from collections.abc import Iterable

from annotator.core.errors import InputError
from annotator.core.gold import GoldSpan
from annotator.core.spans import Span
from annotator.storage.values import now, to_json


class GoldRows:
    # -- gold layer -------------------------------------------------------------------------

    def add_gold_span(self, doc_rowid: int, gold: GoldSpan) -> GoldSpan:
        label_id = self._checked_span(doc_rowid, Span(gold.start, gold.end, gold.label, "gold"))
        decided_at = gold.decided_at or now()
        with self.transaction():
            adjudicator = self.annotator_id(gold.adjudicator) if gold.adjudicator else None
            try:
                cursor = self.db.execute(
                    'INSERT INTO gold_spans (document_id, label_id, start, "end", attrs, '
                    "adjudicator_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        doc_rowid,
                        label_id,
                        gold.start,
                        gold.end,
                        to_json(gold.attrs),
                        adjudicator,
                        decided_at,
                    ],
                )
            except sqlite3.IntegrityError:
                raise InputError(
                    f"the gold layer already has a {gold.label} span at {gold.start}-{gold.end}",
                    "duplicate_span",
                ) from None
            for name in gold.agreed_by:
                self.db.execute(
                    "INSERT INTO gold_span_agreement (gold_span_id, annotator_id) VALUES (?, ?)",
                    [cursor.lastrowid, self.annotator_id(name)],
                )
        return GoldSpan(
            gold.start,
            gold.end,
            gold.label,
            gold.attrs,
            tuple(gold.agreed_by),
            gold.adjudicator,
            decided_at,
            cursor.lastrowid,
        )

    def delete_gold_span(self, gold_rowid: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM gold_spans WHERE id = ?", [gold_rowid])

    def gold_spans(self, doc_rowid: int) -> list[GoldSpan]:
        rows = self.db.execute(
            'SELECT g.id, g.start, g."end", l.name, g.attrs, a.name, g.decided_at, '
            "(SELECT json_group_array(x.name) FROM (SELECT an.name FROM gold_span_agreement ga "
            " JOIN annotators an ON an.id = ga.annotator_id WHERE ga.gold_span_id = g.id "
            " ORDER BY an.name) x) "
            "FROM gold_spans g JOIN labels l ON l.id = g.label_id "
            "LEFT JOIN annotators a ON a.id = g.adjudicator_id "
            'WHERE g.document_id = ? ORDER BY g.start, g."end", l.position',
            [doc_rowid],
        )
        return [
            GoldSpan(
                start,
                end,
                label,
                json.loads(attrs),
                tuple(json.loads(agreed)),
                adjudicator,
                decided_at,
                rowid,
            )
            for rowid, start, end, label, attrs, adjudicator, decided_at, agreed in rows
        ]

    def set_gold_status(self, doc_rowid: int, status: str, adjudicator: str) -> None:
        """Mark a document's adjudication in progress or done, even with no gold span."""
        if status not in ("in_progress", "done"):
            raise InputError(
                f"gold status must be in_progress or done, not {status!r}", "bad_status"
            )
        self.document(doc_rowid)
        with self.transaction():
            self.db.execute(
                "INSERT INTO gold_documents (document_id, adjudicator_id, status, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET "
                "adjudicator_id = excluded.adjudicator_id, status = excluded.status, "
                "updated_at = excluded.updated_at",
                [doc_rowid, self.annotator_id(adjudicator), status, now()],
            )

    def gold_rejections(self, doc_rowid: int) -> dict[tuple[int, int, str], tuple[str, str]]:
        """The proposals rejected on a document: (start, end, label) -> (who, when)."""
        rows = self.db.execute(
            'SELECT r.start, r."end", r.label, a.name, r.decided_at FROM gold_rejections r '
            "JOIN annotators a ON a.id = r.adjudicator_id WHERE r.document_id = ?",
            [doc_rowid],
        )
        return {(start, end, label): (who, when) for start, end, label, who, when in rows}

    def reject_proposals(
        self, doc_rowid: int, keys: Iterable[tuple[int, int, str]], adjudicator: str
    ) -> None:
        """Record these proposals as rejected; those already rejected keep who and when."""
        self.restore_gold_rejections(
            doc_rowid, dict.fromkeys(keys, (adjudicator, now())), replace=False
        )

    def unreject_proposals(self, doc_rowid: int, keys: Iterable[tuple[int, int, str]]) -> None:
        with self.transaction():
            for start, end, label in keys:
                self.db.execute(
                    'DELETE FROM gold_rejections WHERE document_id = ? AND start = ? AND "end" = ? '
                    "AND label = ?",
                    [doc_rowid, start, end, label],
                )

    def restore_gold_rejections(
        self,
        doc_rowid: int,
        rejected: dict[tuple[int, int, str], tuple[str, str]],
        replace: bool = True,
    ) -> None:
        """Write rejections with their own provenance; with `replace`, these are all the
        document's rejections (what undo puts back)."""
        with self.transaction():
            if replace:
                self.db.execute("DELETE FROM gold_rejections WHERE document_id = ?", [doc_rowid])
            for (start, end, label), (who, when) in sorted(rejected.items()):
                self.db.execute(
                    'INSERT OR IGNORE INTO gold_rejections (document_id, start, "end", label, '
                    "adjudicator_id, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [doc_rowid, start, end, label, self.annotator_id(who), when],
                )

    def clear_gold_status(self, doc_rowid: int) -> None:
        """Back to no adjudication at all (what undoing the first decision on it restores)."""
        with self.transaction():
            self.db.execute("DELETE FROM gold_documents WHERE document_id = ?", [doc_rowid])

    def gold_statuses(self) -> dict[int, str]:
        """Every document's gold status that has one, by row id, in one query."""
        return dict(self.db.execute("SELECT document_id, status FROM gold_documents"))

    def gold_status(self, doc_rowid: int) -> str | None:
        return self._one("SELECT status FROM gold_documents WHERE document_id = ?", [doc_rowid])
