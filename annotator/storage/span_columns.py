"""Many annotators' spans read as numpy columns: what comparing annotators reads (a
million spans for two annotators over 10,000 documents), where a Python tuple per span
would be most of the time and the memory. Part of Project (storage/project.py)."""

from __future__ import annotations

from itertools import chain, pairwise
from typing import NamedTuple

import numpy as np


class SpanArrays(NamedTuple):
    """One annotator's spans: document row ids, starts, ends and label names, in the order
    span_ranges_by_document gives them (document, start, end, the labels' positions)."""

    doc: np.ndarray  # document row ids (int64)
    start: np.ndarray  # int32: offsets are code points of a text held in memory
    end: np.ndarray
    label: np.ndarray  # label names: one shared str object per label, not one per span


BITS = 63  # of an SQLite integer that is never negative


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
            # Most of the annotators: read the documents' spans from the UNIQUE index on
            # (document, annotator, start, end, label), which holds every column asked
            # for; `+` keeps SQLite from the index by annotator, whose rows each need a
            # look-up in the table (a fifth slower). A few of many: that index.
            most = "+" if 2 * len(ids) >= len(annotators) else ""
            test = f"{most}s.annotator_id IN ({', '.join('?' * len(ids))})"
            where, params = (f"{where} AND {test}" if where else f"WHERE {test}"), [*params, *ids]
        # One integer a row where it holds every column (nearly always), two otherwise: a
        # row's cost in Python grows with its columns, and this is most of the reading
        # time. The row's document (from the run's first), annotator and label make a key;
        # start and end take `width` bits each, which hold the longest text's length: every
        # span ends inside its text (checked as each is written).
        per_label = max(k for k, _, _ in labels) + 1
        per_annotator = max(annotators) + 1
        (last_doc,) = self.db.execute("SELECT max(id) FROM documents").fetchone()
        low = 0 if rowids is None else rowids.start
        high = (last_doc or 0) + 1 if rowids is None else rowids.stop
        doc_where, doc_params = self._rowid_range("id", rowids)
        (longest,) = self.db.execute(
            f"SELECT max(length) FROM documents {doc_where}", doc_params
        ).fetchone()
        width = max(int(longest or 1), 1).bit_length()
        keys = max(high - low, 1) * per_annotator * per_label
        if keys.bit_length() > BITS or 2 * width > BITS:
            raise ValueError("too many documents, annotators and labels to compare at once")
        key_sql = (
            f"((s.document_id - {low}) * {per_annotator} + s.annotator_id) * {per_label} "
            "+ s.label_id"
        )
        place_sql = f'(s.start << {width}) | s."end"'
        one = keys.bit_length() + 2 * width <= BITS
        columns = (
            f"(({key_sql}) << {2 * width}) | {place_sql}" if one else f"{key_sql}, {place_sql}"
        )
        rows = self.db.execute(f"SELECT {columns} FROM spans s {where}", params)
        packed = np.fromiter(chain.from_iterable(rows), dtype=np.int64)
        if one:
            key, place = packed >> (2 * width), packed & ((1 << (2 * width)) - 1)
        else:
            key, place = packed[0::2], packed[1::2]
        label_id = key % per_label
        annotator_id = key // per_label % per_annotator
        doc = key // (per_label * per_annotator) + low
        position = np.zeros(per_label, dtype=np.int64)
        name_of = np.empty(per_label, dtype=object)
        for k, name, at in labels:
            position[k], name_of[k] = at, name
        if not len(key):
            return {}
        group, rank = annotator_id * (last_doc + 1) + doc, position[label_id]
        # Rows come in the order of the index read: by annotator and document (each
        # document's spans most often in order too, as imported), or from the UNIQUE index
        # by document, annotator, start, end and label, where a stable sort by annotator
        # alone puts them in order. The full sort, most of the time here, is the last resort.
        order = np.arange(len(key))
        if not _in_order(group, place, rank):
            small = annotator_id.astype(np.uint16) if per_annotator < 2**16 else annotator_id
            order = np.argsort(small, kind="stable")  # a radix sort on 16 bits
            if not _in_order(group[order], place[order], rank[order]):
                order = np.lexsort((rank, place, group))
        by_annotator = annotator_id[order]
        cuts = [0, *(np.flatnonzero(np.diff(by_annotator)) + 1).tolist(), len(order)]
        found = {}
        for first, stop in pairwise(cuts):
            name = annotators[int(by_annotator[first])]
            if wanted is None or name in wanted:
                at = order[first:stop]
                found[name] = SpanArrays(
                    doc[at],
                    (place[at] >> width).astype(np.int32),
                    (place[at] & ((1 << width) - 1)).astype(np.int32),
                    name_of[label_id[at]],
                )
        return found


def _in_order(group: np.ndarray, place: np.ndarray, rank: np.ndarray) -> bool:
    """Whether rows are in order of group, then place (start, end), then label rank."""
    step, moved = np.diff(group), np.diff(place)
    later = (step > 0) | ((step == 0) & ((moved > 0) | ((moved == 0) & (np.diff(rank) > 0))))
    return bool(later.all())
