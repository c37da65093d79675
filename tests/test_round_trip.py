"""Property: any Unicode text and any valid spans survive import -> store -> export exactly."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core import Document
from annotator.formats.export_jsonl import export_jsonl
from annotator.formats.jsonl import read_jsonl
from annotator.formats.sources import ImportOptions, find_sources, read_sources
from annotator.storage import Project
from annotator.storage.importing import import_records

# The characters that break other tools: astral (emoji, math letters), bidi marks and
# isolates, Arabic diacritics, tatweel, ZWJ/ZWNJ, Arabic-Indic digits, CR/LF, quotes.
TRICKY = st.sampled_from(
    list(
        "😀𝐀𝕏🇸🇾\u200e\u200f\u202b\u202c\u2067\u2069\u064b\u064e\u0651\u0652\u0640\u200c\u200d"
        "١٢٣٫٬۴\r\n\t\"'\\<>&،؛؟«»"
    )
)
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
TEXT = st.text(
    st.one_of(TRICKY, ARABIC, st.characters(codec="utf-8")), min_size=1, max_size=80
).filter(lambda t: t.strip())


@st.composite
def documents_with_spans(draw):
    text = draw(TEXT)
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        if text[start:end].strip():
            spans.append(
                {
                    "start": start,
                    "end": end,
                    "label": draw(st.sampled_from(["ACTOR", "LOCATION", "NUMBER", "SOURCE"])),
                    "text": text[start:end],
                    "attrs": draw(
                        st.dictionaries(
                            st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=2
                        )
                    ),
                    "origin": draw(st.sampled_from(["manual", "suggested", "imported"])),
                }
            )
    unique = {(s["start"], s["end"], s["label"]): s for s in spans}
    return text, sorted(unique.values(), key=lambda s: (s["start"], s["end"], s["label"]))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(documents_with_spans(), min_size=1, max_size=4, unique_by=lambda d: d[0]))
def test_jsonl_round_trip_is_exact(tmp_path_factory, docs):
    folder = tmp_path_factory.mktemp("rt")
    source = folder / "in.jsonl"
    label_order = {"ACTOR": 0, "LOCATION": 1, "NUMBER": 2, "SOURCE": 3}
    lines = [
        {
            "id": f"d{i}",
            "text": text,
            "meta": {"t": text[:3]},
            "annotator": "amira",
            "status": "done",
            "spans": sorted(spans, key=lambda s: (s["start"], s["end"], label_order[s["label"]])),
        }
        for i, (text, spans) in enumerate(docs)
    ]
    source.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )
    with Project.open(folder / "p.db", create=True) as project:
        import_records(project, read_jsonl(source, None, None, []))
    with Project.open(folder / "p.db") as project:  # reopened: what is on disk, not in memory
        export_jsonl(project, folder / "out.jsonl")
    exported = [json.loads(x) for x in (folder / "out.jsonl").read_text("utf-8").splitlines()]
    assert exported == lines
    for line in exported:
        for span in line["spans"]:
            assert line["text"][span["start"] : span["end"]] == span["text"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(TEXT.filter(lambda t: "\x00" not in t and not t.startswith("\ufeff")))
def test_text_file_import_stores_the_decoded_bytes_exactly(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("txt")
    (folder / "in").mkdir()
    (folder / "in" / "a.txt").write_bytes(text.encode("utf-8"))
    with Project.open(folder / "p.db", create=True) as project:
        import_records(project, read_sources(find_sources([folder / "in"]), ImportOptions()))
        [doc] = list(project.documents())
    assert doc.text == text and doc == Document("a", text, {"title": "a", "file": "a.txt"}, 1)
