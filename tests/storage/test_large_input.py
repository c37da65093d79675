"""Large input: a 10 MB line and a 50 MB document go in and out exactly, and the 50 MB
document opens in the window with its spans, within 1 GiB of memory (measured in a child
process); an import shows progress from its start and an interrupt leaves the project as it
was.

The stress script (tests/stress/large_input.py) does the same at full size (a 1 GB folder of
100,000 files) and prints the figures.
"""

from __future__ import annotations

import hashlib
import json
import os
import pty
import random
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import Document, Span
from annotator.formats import tagging
from annotator.formats.conll_export import export_conll
from annotator.formats.export_csv import export_csv
from annotator.formats.export_hf import export_hf
from annotator.formats.export_jsonl import export_jsonl
from annotator.formats.export_spacy import export_spacy
from annotator.formats.export_workers import reporting
from annotator.formats.tagging import windows
from annotator.storage import Project
from benchmarks.peak_memory import measured, peak_kib
from tests.stress.large_input import WINDOW

LIMIT_KIB = 1024 * 1024  # 1 GiB
PARAGRAPH = (
    "وقال المرصد السوري لحقوق الانسان إن طائرات حربية شنت 12 غارة على ريف حماة الشمالي، "
    "وأضاف أن القصف استمر حتى الصباح.\n"
)


def child(args: list[str], env_dir: Path, program: str = "-m annotator") -> tuple[int, int, str]:
    """Run the command in a child process: exit code, its peak resident KiB, its output."""
    report = env_dir / "peak"
    done = subprocess.run(
        measured([sys.executable, *program.split(" ", 1), *args], report),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, ANNOTATOR_DATA_DIR=str(env_dir)),
    )
    return done.returncode, peak_kib(report), done.stdout.decode("utf-8")


def long_text(size: int) -> tuple[str, list[dict]]:
    """Just over `size` bytes of UTF-8, one paragraph a line, a LOCATION in each paragraph."""
    count = size // len(PARAGRAPH.encode("utf-8")) + 1
    at = PARAGRAPH.index("حماة")
    spans = [
        {"start": k * len(PARAGRAPH) + at, "end": k * len(PARAGRAPH) + at + 4, "label": "LOCATION"}
        for k in range(count)
    ]
    return PARAGRAPH * count, spans


def test_a_10_mb_line_goes_in_and_out_exactly(cli, tmp_path):
    text, spans = long_text(10_000_000)
    line = {"id": "long", "text": text, "annotator": "amira", "spans": spans}
    source = tmp_path / "long.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", "utf-8")
    assert source.stat().st_size > 10_000_000
    db, out = tmp_path / "p.db", tmp_path / "out.jsonl"
    assert cli("import", db, source)[0] == 0
    assert cli("export", db, out)[0] == 0
    [back] = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert back["text"] == text
    assert [(s["start"], s["end"], s["label"]) for s in back["spans"]] == [
        (s["start"], s["end"], s["label"]) for s in spans
    ]
    assert {s["text"] for s in back["spans"]} == {"حماة"}


@pytest.fixture(scope="module")
def fifty_mb(tmp_path_factory) -> tuple[Path, Path, int]:
    """A 50 MB document as a text file, and the same text with its spans as one JSONL line."""
    folder = tmp_path_factory.mktemp("fifty")
    text, spans = long_text(50_000_000)
    plain = folder / "big.txt"
    plain.write_text(text, "utf-8")
    assert plain.stat().st_size > 50_000_000
    with_spans = folder / "big.jsonl"
    line = {"id": "big", "text": text, "annotator": "amira", "spans": spans}
    with_spans.write_text(json.dumps(line, ensure_ascii=False) + "\n", "utf-8")
    return plain, with_spans, len(spans)


def test_a_50_mb_document_goes_in_and_out_within_1_gib(fifty_mb, tmp_path):
    plain, with_spans, span_count = fifty_mb
    db = tmp_path / "big.db"
    code, peak, said = child(["import", str(db), str(plain)], tmp_path)
    assert (code, said) == (0, f"imported 1 document into {db}\n")
    assert peak < LIMIT_KIB, f"import: {peak // 1024} MiB"
    code, peak, said = child(["import", str(db), str(with_spans)], tmp_path)
    assert code == 0 and f"{span_count:,} spans" in said
    assert peak < LIMIT_KIB, f"import with spans: {peak // 1024} MiB"
    # CoNLL holds every token and tag of the document; spaCy's one JSON line holds every
    # word of it: the exports that need the most.
    out = tmp_path / "big.conll"
    code, peak, said = child(["export", str(db), str(out), "--format", "conll"], tmp_path)
    assert code == 0, said
    assert peak < LIMIT_KIB, f"CoNLL export: {peak // 1024} MiB"
    with out.open(encoding="utf-8") as written:
        locations = sum(1 for row in written if row == "حماة\tB-LOCATION\n")
    assert locations == span_count
    out = tmp_path / "big.spacy.jsonl"
    code, peak, said = child(["export", str(db), str(out), "--format", "spacy"], tmp_path)
    assert code == 0, said
    assert peak < LIMIT_KIB, f"spaCy export: {peak // 1024} MiB"
    with out.open(encoding="utf-8") as written:
        [line] = [json.loads(row) for row in written]
    assert len(line["spans"]) == span_count
    spelt = "".join(w + " " * gap for w, gap in zip(line["words"], line["spaces"], strict=True))
    assert spelt == line["text"] == plain.read_text("utf-8")
    with Project.open(db) as project:
        [doc] = project.documents()
        assert doc.text == plain.read_text("utf-8")
    # The window: every span indexed, the paragraphs in view highlighted and searched.
    code, peak, said = child([str(db), "big", "amira"], tmp_path, program=f"-c {WINDOW}")
    assert code == 0, said
    assert f"shown {len(doc.text):,} characters, {span_count:,} spans" in said, said
    assert peak < LIMIT_KIB, f"window: {peak // 1024} MiB"


# -- exports of a long document, a stretch at a time ---------------------------------------

# Lines that end or open sentences in every way the engine knows: a closing quote taken in
# by the sentence before it after a line break, quotations, abbreviations, CRLF, a Unicode
# line separator, numbers, Latin.
PIECES = [
    PARAGRAPH,
    'قال: "انتهى."\n» ثم مضى\n',
    "وانتهى القصف.\n» ثم عاد\n",
    "«قال إن الهجوم بدأ.\nواستمر»\n",
    "U.S. forces\nS. said 3.5\n",
    "وقال د. أحمد إن ١٬٢٣٤ شخصا نزحوا\r\n",
    "سطر\u2028فاصل\n",
    "\n\n",
    "  \n",
    "وحلب\n",
]


def build(project: Project, pieces: list[str], seed: int) -> int:
    """A document of `pieces`, with spans on words, some across a line break; its row id."""
    text = "".join(pieces) + " "
    rng = random.Random(seed)
    doc = project.add_document(Document("long", text))
    taken = set()
    for word in ("حماة", "حلب", "المرصد السوري", "أحمد", "3.5", "الهجوم"):
        start = text.find(word)
        while start != -1:
            if rng.random() < 0.7 and (start, word) not in taken:
                taken.add((start, word))
                project.add_span(doc.rowid, Span(start, start + len(word), "LOCATION", "amira"))
            start = text.find(word, start + 1)
    breaks = [
        k
        for k, char in enumerate(text)
        if char == "\n" and text[k - 2 : k].strip() and text[k + 1 : k + 3].strip()
    ]
    for k in rng.sample(breaks, min(3, len(breaks))):
        project.add_span(doc.rowid, Span(k - 2, k + 3, "ACTOR", "amira"))  # across a line
    return doc.rowid


EXPORTS = {
    "conll": lambda p, out: export_conll(p, out, annotator="amira", workers=1),
    "conll columns split": lambda p, out: export_conll(
        p, out, annotator="amira", workers=1, overlaps="columns", clitics="split"
    ),
    "hf": lambda p, out: export_hf(p, out, annotator="amira"),
    "spacy": lambda p, out: export_spacy(p, out, annotator="amira"),
}


@contextmanager
def window_of(size: int) -> Iterator[None]:
    """Stretches of `size` characters (a fixture cannot do it: hypothesis runs the test
    many times within one fixture)."""
    kept = tagging.WINDOW_CHARS
    tagging.WINDOW_CHARS = size
    try:
        yield
    finally:
        tagging.WINDOW_CHARS = kept


def exported(project: Project, folder: Path, window: int) -> dict:
    written = {}
    with window_of(window):
        for name, export in EXPORTS.items():
            out = folder / f"{name}-{window}"
            report = export(project, out)
            written[name] = (
                out.read_bytes(),
                report.documents,
                report.sentences,
                report.tokens,
                # The same lines, in another order: each stretch's before the next one's,
                # where the whole document lists all spans placed inexactly, then all left
                # out by the overlap policy, then all sentences joined.
                sorted(report.inexact),
                sorted(report.notes),
            )
    return written


@settings(max_examples=25, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), min_size=20, max_size=60),
    window=st.integers(10, 400),
    seed=st.integers(0, 1000),
)
def test_a_long_document_is_written_a_stretch_at_a_time_exactly_as_whole(
    tmp_path_factory, pieces, window, seed
):
    folder = tmp_path_factory.mktemp("stretches")
    with Project.open(folder / "p.db", create=True) as project:
        rowid = build(project, pieces, seed)
        whole = exported(project, folder, 10**9)
        assert exported(project, folder, window) == whole
        doc = project.document(rowid)
        spans = [(s.start, s.end, s.label) for s in project.spans(rowid)]
        with window_of(window):
            stretches = list(windows(doc, spans))
        if len(stretches) > 1:  # the text had somewhere to cut
            edges = [within for within, _ in stretches]
            assert edges[0][0] == 0 and edges[-1][1] == len(doc.text)
            for (a, b), part in stretches:
                assert all(a <= s and e <= b for s, e, _ in part)  # no span is cut
            assert sorted(s for _, part in stretches for s in part) == sorted(spans)


def test_the_stretches_are_used_on_a_long_document(project):
    rowid = build(project, PIECES * 20, 1)
    doc = project.document(rowid)
    short = project.add_document(Document("short", PARAGRAPH * 3))
    with window_of(500):
        assert len(list(windows(doc, []))) > 5
        assert list(windows(short, [])) == [(None, [])]


# -- progress and interruption --------------------------------------------------------------


def articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:04d}.txt").write_text(f"{n} {PARAGRAPH}", "utf-8")
    return folder


def on_a_terminal(args: list[str], data: Path) -> str:
    """Run the command with stderr on a pseudo-terminal, as a user's: what it showed there."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", *args],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env=dict(os.environ, ANNOTATOR_DATA_DIR=str(data)),
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert process.wait() == 0
    return seen.decode("utf-8")


def test_an_import_shows_progress_on_a_terminal_from_its_start(tmp_path):
    """The bar is drawn before the first document is in."""
    source = tmp_path / "one.txt"
    source.write_text(PARAGRAPH * 1000, "utf-8")
    shown = on_a_terminal(["import", str(tmp_path / "p.db"), str(source)], tmp_path)
    assert "importing [------------------------------] 0/1" in shown
    assert shown.endswith("\r\x1b[K")  # and wiped at the end


@pytest.fixture(scope="module")
def twelve_hundred(tmp_path_factory) -> Path:
    """A project of 1,200 documents: three runs of documents for an export."""
    db = tmp_path_factory.mktemp("runs") / "p.db"
    with Project.open(db, create=True) as project, project.transaction():
        for n in range(1200):
            doc = project.insert_document(Document(f"d{n}", f"{n} {PARAGRAPH}"))
            project.add_span(doc.rowid, Span(0, len(str(n)), "NUMBER", "amira"))
    return db


@pytest.mark.parametrize("fmt", ["jsonl", "conll", "csv"])
def test_an_export_shows_progress_on_a_terminal(tmp_path, twelve_hundred, fmt):
    out = tmp_path / f"out.{fmt}"
    shown = on_a_terminal(["export", str(twelve_hundred), str(out), "--format", fmt], tmp_path)
    bar, wiped, after = shown.rpartition("\r\x1b[K")
    assert "exporting [------------------------------] 0/1,200" in bar and wiped
    # Notes (CoNLL's: the documents not done yet) come after the bar, on a line of their own.
    assert after == (
        "note: 1200 written document(s) are not done yet for amira\r\n" * (fmt == "conll")
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_every_export_counts_the_documents_it_has_written(tmp_path, twelve_hundred, workers):
    written = []
    with Project.open(twelve_hundred) as project, reporting(written.append):
        export_conll(project, tmp_path / "out.conll", annotator="amira", workers=workers)
        export_jsonl(project, tmp_path / "out.jsonl", annotator="amira", workers=workers)
        export_csv(project, tmp_path / "out.csv", annotator="amira", workers=workers)
    assert written == [500, 500, 200] * 3


# The real command, paused once it has imported `pause_at` documents: interrupted there it
# is truly in the middle of its transaction.
PAUSED = textwrap.dedent("""
    import sys, time
    from annotator.cli import progress
    from annotator.cli.main import main

    pause_at = int(sys.argv[1])
    advance = progress.Progress.advance

    def paused(self, count=1):
        advance(self, count)
        if self.done == pause_at:
            print("paused", flush=True)
            time.sleep(3600)  # until interrupted

    progress.Progress.advance = paused
    sys.exit(main(sys.argv[2:]))
""")


def digest(path: Path) -> str:
    hashed = hashlib.sha256()
    with Project.open(path) as project:
        for table in ("documents", "spans", "document_status", "annotators", "labels"):
            for row in project.db.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                hashed.update(repr(row).encode())
    return hashed.hexdigest()


@pytest.mark.parametrize("existing", [True, False], ids=["existing-project", "new-project"])
def test_an_import_interrupted_midway_leaves_the_project_as_it_was(tmp_path, existing):
    folder = articles(tmp_path / "articles", 300)
    db = tmp_path / "p.db"
    if existing:
        with Project.open(db, create=True) as project:
            project.add_document(Document("first", "قصفت طائرات حماة"))
        before = digest(db)
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED, "150", "import", str(db), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, ANNOTATOR_DATA_DIR=str(tmp_path)),
    )
    assert process.stdout.readline() == b"paused\n"  # 150 of 300 documents in
    process.send_signal(signal.SIGINT)  # Ctrl+C
    _, err = process.communicate()
    assert process.returncode == 130
    assert err.decode("utf-8").splitlines()[-1] == (
        "annotator: interrupted; the project is as it was before this command"
    )
    if existing:
        assert digest(db) == before
    else:
        assert not db.exists()
        assert not list(tmp_path.glob("p.db*"))


def test_the_lexicon_texts_of_a_long_document_are_cut_by_code_points(project):
    """What the window learns its lexicon from, read a document at a time (SQLite's substr
    walked the whole text for each span: 11 s to open a 5 MB document with 4,000 spans)."""
    text = "🙂 " + PARAGRAPH * 2_000 + "حلب 🙂"
    doc = project.add_document(Document("long", text))
    other = project.add_document(Document("other", "في حلب اليوم"))
    at = PARAGRAPH.index("حماة")
    for k in range(0, 2_000, 7):
        start = 2 + k * len(PARAGRAPH) + at
        project.add_span(doc.rowid, Span(start, start + 4, "LOCATION", "amira"))
    end = len(text) - 2
    project.add_span(doc.rowid, Span(end - 3, end, "LOCATION", "omar"))
    project.add_span(other.rowid, Span(3, 6, "LOCATION", "omar"))
    project.add_span(other.rowid, Span(3, 6, "ACTOR", "amira"))
    project.add_span(doc.rowid, Span(0, 1, "NUMBER", "amira"))
    assert list(project.span_texts(exclude_labels=("NUMBER",))) == [
        ("حلب", "ACTOR", 1),
        ("حلب", "LOCATION", 2),
        ("حماة", "LOCATION", len(range(0, 2_000, 7))),
    ]
    assert ("🙂", "NUMBER", 1) in set(project.span_texts())
