"""One row per document for the document list: title, status, span count, length.

One query (plus one to find the annotator): SQLite looks up status and span count through
indexes and sends at most 60 characters of each text, never the text itself. 100,000
documents take about 0.4 s (benchmarks/document_list.py).
"""

from __future__ import annotations

from typing import NamedTuple

from annotator.core.document import DocStatus
from annotator.storage.project import Project

# What Python's str.strip() removes (str.isspace()), for SQLite's ltrim/rtrim/trim.
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
TITLE_LENGTH = 60


def _chars(chars: str) -> str:
    # char() keeps control characters out of the SQL text; SQLite builds the string itself.
    return "char(" + ", ".join(str(ord(c)) for c in chars) + ")"


_SPACE = _chars(_WHITESPACE)
_SPACE_CODES = ", ".join(str(ord(c)) for c in _WHITESPACE)
# meta.title when it is a JSON string (blank ones are left to Python). instr() first: most
# meta has no title, and parsing JSON is what costs.
_META_TITLE_SQL = (
    "CASE WHEN instr(d.meta, '\"title\"') AND json_type(d.meta, '$.title') = 'text' "
    "THEN json_extract(d.meta, '$.title') END"
)
# The text's first 60 characters after its leading whitespace. Only a text that opens with
# whitespace (rare) is trimmed whole; the others are cut at once. The full text never leaves
# SQLite: these 60 characters do, and Python cuts them at the first line break, which is as
# fast as doing it in SQL and knows every line break str.splitlines() knows.
_OPENING_SQL = (
    f"CASE WHEN unicode(d.text) IN ({_SPACE_CODES}) "
    f"THEN substr(ltrim(d.text, {_SPACE}), 1, {TITLE_LENGTH}) "
    f"ELSE substr(d.text, 1, {TITLE_LENGTH}) END"
)


class DocumentSummary(NamedTuple):
    """What the document list shows of one document."""

    rowid: int
    id: str
    title: str
    status: DocStatus
    span_count: int
    length: int


_STATUSES = {status.value: status for status in DocStatus}


def document_summaries(project: Project, annotator: str | None) -> list[DocumentSummary]:
    """Every document of the project in row order, as `annotator` sees it.

    The status and span count are that annotator's (a document they never touched is new
    with 0 spans; an annotator the project does not know sees every document so). With
    `annotator=None` the span count is every annotator's spans and the status the most
    advanced any annotator has reached (done, then in progress, then new).

    The title is `meta.title` when it is a non-blank string, otherwise the first line of the
    text (leading whitespace skipped) cut to 60 characters, without trailing whitespace.
    """
    if annotator is None:
        status_sql = (
            "(SELECT CASE max(CASE s.status WHEN 'done' THEN 2 WHEN 'in_progress' THEN 1 "
            "ELSE 0 END) WHEN 2 THEN 'done' WHEN 1 THEN 'in_progress' ELSE 'new' END "
            "FROM document_status s WHERE s.document_id = d.id)"
        )
        spans_sql = "(SELECT count(*) FROM spans s WHERE s.document_id = d.id)"
        params: list[int] = []
    else:
        annotator_id = project.annotator_id(annotator, create=False)
        if annotator_id is None:
            annotator_id = -1  # matches no row: everything is new, with no spans
        # Both lookups are served by an index: the primary key of document_status and the
        # UNIQUE (document_id, annotator_id, ...) index of spans.
        status_sql = (
            "(SELECT s.status FROM document_status s "
            "WHERE s.document_id = d.id AND s.annotator_id = ?)"
        )
        spans_sql = (
            "(SELECT count(*) FROM spans s WHERE s.document_id = d.id AND s.annotator_id = ?)"
        )
        params = [annotator_id, annotator_id]
    rows = project.db.execute(
        f"SELECT d.id, d.uid, {_META_TITLE_SQL}, {_OPENING_SQL}, {status_sql}, {spans_sql}, "
        "d.length "
        "FROM documents d ORDER BY d.id",
        params,
    )
    new, statuses, summary = DocStatus.NEW, _STATUSES, DocumentSummary
    return [
        summary(
            rowid,
            uid,
            title
            if title and not title.isspace()
            else _text_title(project, rowid, opening, length),
            statuses.get(status, new),
            spans,
            length,
        )
        for rowid, uid, title, opening, status, spans, length in rows
    ]


def _text_title(project: Project, rowid: int, opening: str, length: int) -> str:
    """The title from the text: its opening cut at the first line break (any that
    str.splitlines() knows), trailing whitespace dropped.

    An opening shorter than it should be means the text opens with whitespace and is short,
    or holds a NUL (where SQLite's string functions stop): only then is the text read.
    """
    if len(opening) < min(TITLE_LENGTH, length):
        text = project._one("SELECT text FROM documents WHERE id = ?", [rowid])
        opening = text.strip()[:TITLE_LENGTH]
    return opening.splitlines()[0].rstrip() if opening else ""


__all__ = ["DocumentSummary", "document_summaries"]
