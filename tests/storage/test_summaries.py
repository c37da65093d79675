import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core import Document
from annotator.core.document import DocStatus
from annotator.core.spans import Span
from annotator.storage import Project
from annotator.storage.summaries import DocumentSummary, document_summaries

HAMA = "قصفت طائرات حربية مدينة حماة\nوقال المرصد إن 12 غارة استهدفتها."
IDLIB = "غارات على إدلب\r\nقال مصدر عسكري إن الطائرات قصفت ريف إدلب."
ENGLISH = "Syrian state TV said 12 air strikes hit Hama.\nMore later."


@pytest.fixture
def docs(project):
    """Three documents: a meta title, an Arabic first line, a CRLF first line."""
    a = project.add_document(Document("hama", HAMA, {"title": "غارات على حماة", "agency": "AFP"}))
    b = project.add_document(Document("idlib", IDLIB))
    c = project.add_document(Document("en", ENGLISH))
    return a.rowid, b.rowid, c.rowid


def test_titles_lengths_and_order(project, docs):
    summaries = document_summaries(project, None)
    assert [s.rowid for s in summaries] == list(docs)
    assert [s.id for s in summaries] == ["hama", "idlib", "en"]
    assert [s.title for s in summaries] == [
        "غارات على حماة",  # meta.title
        "غارات على إدلب",  # first line, cut before CRLF (no stray \r)
        "Syrian state TV said 12 air strikes hit Hama.",
    ]
    assert [s.length for s in summaries] == [len(HAMA), len(IDLIB), len(ENGLISH)]
    assert all(s.status == DocStatus.NEW and s.span_count == 0 for s in summaries)
    assert isinstance(summaries[0], DocumentSummary)
    assert isinstance(summaries[0].status, DocStatus)


def test_status_and_span_counts_per_annotator(project, docs):
    hama, idlib, _ = docs
    project.add_span(hama, Span(24, 28, "LOCATION", "amira"))
    project.add_span(hama, Span(34, 40, "SOURCE", "amira"))
    project.set_status(hama, "amira", DocStatus.DONE)
    project.add_span(hama, Span(24, 28, "LOCATION", "omar"))  # in progress for omar
    project.add_span(idlib, Span(11, 15, "LOCATION", "omar"))
    project.set_status(idlib, "omar", DocStatus.DONE)

    def view(annotator):
        return [(s.status, s.span_count) for s in document_summaries(project, annotator)]

    assert view("amira") == [(DocStatus.DONE, 2), (DocStatus.NEW, 0), (DocStatus.NEW, 0)]
    assert view("omar") == [(DocStatus.IN_PROGRESS, 1), (DocStatus.DONE, 1), (DocStatus.NEW, 0)]
    # Nobody's layer: every span, and the most advanced status anyone reached.
    assert view(None) == [(DocStatus.DONE, 3), (DocStatus.DONE, 1), (DocStatus.NEW, 0)]
    # An annotator the project has never seen sees everything new (and is not created).
    assert view("nobody") == [(DocStatus.NEW, 0)] * 3
    assert "nobody" not in project.annotators()


def test_status_without_spans_and_in_progress_for_all(project, docs):
    _, idlib, _ = docs
    project.set_status(idlib, "amira", DocStatus.IN_PROGRESS)
    project.set_status(idlib, "omar", DocStatus.NEW)
    summaries = document_summaries(project, None)
    assert summaries[1].status == DocStatus.IN_PROGRESS
    assert document_summaries(project, "omar")[1].status == DocStatus.NEW


@pytest.mark.parametrize(
    ("text", "meta", "title"),
    [
        ("\n\n  \u3000أول سطر\r\nثان", {}, "أول سطر"),  # leading blank lines and spaces
        ("سطر واحد   ", {}, "سطر واحد"),  # trailing whitespace dropped
        ("first\u2028second", {}, "first"),  # every line break str.splitlines() knows
        ("first\x85second", {}, "first"),
        ("\u200fالمرصد: 12 غارة", {}, "\u200fالمرصد: 12 غارة"),  # RLM is a mark, kept
        ("ا" * 100, {}, "ا" * 60),  # cut to 60 characters
        ("😀" * 70 + "\nx", {}, "😀" * 60),  # code points, not UTF-16 units
        ("text", {"title": "   "}, "text"),  # a blank meta title falls back to the text
        ("text", {"title": 12}, "text"),  # so does a title that is not a string
        ("text", {"title": {"ar": "عنوان"}}, "text"),
        ("text", {"subtitle": "x"}, "text"),
        ("text", {"title": " عنوان طويل " * 10}, " عنوان طويل " * 10),  # meta kept as is
        (" " * 300 + "بعد فراغ طويل", {}, "بعد فراغ طويل"),
        ("  قصير", {}, "قصير"),
        ("\x00", {}, "\x00"),  # SQLite's string functions stop at a NUL; the title does not
        ("0\x00غارة\nثان", {}, "0\x00غارة"),
    ],
)
def test_title_rules(project, text, meta, title):
    rowid = project.add_document(Document("d", text, meta)).rowid
    [summary] = document_summaries(project, "amira")
    assert summary.title == title
    assert summary.length == len(text)
    # The Document's own title (whose cut may end in spaces: the list drops them).
    own = project.document(rowid).title
    assert summary.title == (own if "title" in meta and own == meta["title"] else own.rstrip())


_CHARS = st.one_of(
    st.sampled_from(list(" \t\r\n\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2028\u2029\u3000\u200f")),
    st.sampled_from(list("حماةإدلب١٢ـً")),
    st.characters(blacklist_categories=("Cs",)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.text(_CHARS, min_size=1, max_size=90), min_size=1, max_size=8))
def test_title_is_the_documents_title_for_any_text(tmp_path_factory, texts):
    texts = list(dict.fromkeys(t for t in texts if t.strip()))
    path = tmp_path_factory.mktemp("titles") / "p.db"
    with Project.open(path, create=True) as project:
        docs = [project.add_document(Document(f"d{n}", t)) for n, t in enumerate(texts)]
        summaries = document_summaries(project, None)
    assert [s.title for s in summaries] == [d.title.rstrip() for d in docs]
    assert [s.length for s in summaries] == [len(t) for t in texts]
