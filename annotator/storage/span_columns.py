"""Many annotators' spans read as numpy columns: what comparing annotators reads (a
million spans for two annotators over 10,000 documents), where a Python tuple per span
would be most of the time and the memory. Part of Project (storage/project.py)."""

from __future__ import annotations

from itertools import chain, pairwise
from typing import NamedTuple

import numpy as np


class SpanArrays(NamedTuple):
    """One annotator's spans, by document row id, start, end and label position (as
    span_ranges_by_document orders them)."""

    doc: np.ndarray  # document row ids (int64)
    start: np.ndarray  # int32: offsets are code points of a text held in memory
    end: np.ndarray
    label: np.ndarray  # label names: one shared str object per label, not one per span


class SpanColumnRows:
    def span_columns(
        self, rowids: range | None = None, names: list[str] | None = None
    ) -> dict[str, SpanArrays]:
        """The spans of `names` (or of every annotator) in the documents of `rowids` (or all),
        by annotator; those without a span are absent."""
        annotators = dict(self.db.execute("SELECT id, name FROM annotators"))
        labels = list(self.db.execute("SELECT id, name, position FROM labels"))
        if not annotators or not labels:
            return {}
        wanted = None if names is None else set(names)
        where, params = self._rowid_range("s.document_id", rowids)
        if wanted is not None and len(wanted) <= 500:  # SQLite's limit on parameters is far
            ids = [k for k, name in annotators.items() if name in wanted]
            if not ids:
                return {}
            test = f"s.annotator_id IN ({', '.join('?' * len(ids))})"
            where, params = (f"{where} AND {test}" if where else f"WHERE {test}"), [*params, *ids]
        # Two integers a row, each packing several columns: a row's cost in Python grows
        # with its columns, and this is most of the reading time. The end fits in 32 bits:
        # it is at most its document's length, and a text of 2^32 code points (16 GB as a
        # str) is never held. The first column fits in 63 bits unless row ids, annotators
        # and labels together number past 10^18 (checked).
        per_label = max(k for k, _, _ in labels) + 1
        per_annotator = max(annotators) + 1
        (last_doc,) = self.db.execute("SELECT max(id) FROM documents").fetchone()
        if ((last_doc or 0) + 1) * per_annotator * per_label >= 2**63:
            raise ValueError("too many documents, annotators and labels to compare at once")
        rows = self.db.execute(
            f"SELECT (s.document_id * {per_annotator} + s.annotator_id) * {per_label} "
            f'+ s.label_id, s.start << 32 | s."end" FROM spans s {where}',
            params,
        )
        packed = np.fromiter(chain.from_iterable(rows), dtype=np.int64).reshape(-1, 2)
        key, place = packed[:, 0], packed[:, 1]
        label_id = key % per_label
        annotator_id = key // per_label % per_annotator
        doc = key // (per_label * per_annotator)
        position = np.zeros(per_label, dtype=np.int64)
        name_of = np.empty(per_label, dtype=object)
        for k, name, at in labels:
            position[k], name_of[k] = at, name
        if not len(key):
            return {}
        group, rank = annotator_id * (last_doc + 1) + doc, position[label_id]
        # Rows come in the index's order (annotator, document), each document's spans most
        # often in order too (as imported): then the sort, most of the time here, is skipped.
        step, moved = np.diff(group), np.diff(place)
        ordered = (step > 0) | ((step == 0) & ((moved > 0) | ((moved == 0) & (np.diff(rank) > 0))))
        order = np.arange(len(key)) if ordered.all() else np.lexsort((rank, place, group))
        by_annotator = annotator_id[order]
        cuts = [0, *(np.flatnonzero(np.diff(by_annotator)) + 1).tolist(), len(order)]
        found = {}
        for first, stop in pairwise(cuts):
            name = annotators[int(by_annotator[first])]
            if wanted is None or name in wanted:
                at = order[first:stop]
                found[name] = SpanArrays(
                    doc[at],
                    (place[at] >> 32).astype(np.int32),
                    (place[at] & 0xFFFFFFFF).astype(np.int32),
                    name_of[label_id[at]],
                )
        return found
