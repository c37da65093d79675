"""Large input: import, export, open in the window and cancel, each in a child process whose
time and peak memory are printed.

    python tests/stress/large_input.py [--scale 0.1] [--folder DIR] [--keep]
                                       [--no-window | --window-only]

At scale 1 it generates, in a temporary folder (or DIR):

- a 50 MB single document (`big.txt`, Arabic news-style text, one paragraph per line), and
  the same text as one JSONL line with about 470,000 spans (`big-spans.jsonl`);
- a folder of 100,000 text files of about 10 KB each (1 GB);
- a JSONL file whose one line holds a 10 MB text with spans.

Each is imported with the real command (`python -m annotator import`), every format is
exported from the 50 MB document and from the folder, the 50 MB document is opened in the
real main window (offscreen), without and with its spans, and an import of the folder is
interrupted with SIGINT at a third and at two thirds of its run, after which the project
must be exactly as it was. Peak memory is the largest resident set of the child or of any
process it starts, an export's workers included (benchmarks/peak_memory.py), and must stay
under 1 GiB: the script
exits 1 when any step goes over, fails or leaves the project changed. Full scale needs
about 5 GB of free disk and 10 minutes; `--window-only` generates and imports the 50 MB
document alone and opens it in the window, in a couple of minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.import_speed import article
from benchmarks.peak_memory import measured, peak_kib

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MIB = 1024
ANNOTATOR = "stress"


def document(rng: random.Random, size: int, first: int = 0) -> tuple[str, list[dict]]:
    """About `size` bytes of UTF-8 text, generated articles of one sentence a line, with the
    spans of every third article: some lines have none, and a 50 MB text has about 470,000."""
    parts, spans, length, written, n = [], [], 0, 0, first
    while written < size:
        text, found = article(rng, n)
        if n % 3 == 0:
            spans += [s | {"start": length + s["start"], "end": length + s["end"]} for s in found]
        parts.append(text)
        length += len(text)
        written += len(text.encode("utf-8"))
        n += 1
    return "".join(parts), spans


def jsonl_line(uid: str, text: str, spans: list[dict]) -> str:
    line = {"id": uid, "text": text, "annotator": ANNOTATOR, "spans": spans}
    return json.dumps(line, ensure_ascii=False) + "\n"


@dataclass
class Step:
    name: str
    seconds: float
    peak_mib: float
    code: int
    said: str
    items: int = 0  # documents (or tokens) the step handled, for a rate
    unit: str = "documents"
    lines: int = 1  # of what it said, the last lines to print


STEPS: list[Step] = []
FAILURES: list[str] = []


def child_env(data: Path) -> dict[str, str]:
    env = dict(os.environ, ANNOTATOR_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def run(
    name: str,
    args: list[str],
    data: Path,
    items: int = 0,
    unit: str = "documents",
    lines: int = 1,
) -> Step:
    """One child process: wall time, its peak resident memory, exit code."""
    started = time.perf_counter()
    peak_file = data / "peak"
    done = subprocess.run(
        measured(args, peak_file),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=child_env(data),
        cwd=ROOT,
    )
    step = Step(
        name,
        time.perf_counter() - started,
        peak_kib(peak_file) / 1024,
        done.returncode,
        done.stdout.decode("utf-8", "replace").strip(),
        items,
        unit,
        lines,
    )
    STEPS.append(step)
    report(step)
    if step.code != 0:
        FAILURES.append(f"{name}: exit code {step.code}: {step.said[-500:]}")
    if step.peak_mib >= LIMIT_MIB:
        FAILURES.append(f"{name}: peak memory {step.peak_mib:,.0f} MiB")
    return step


def report(step: Step) -> None:
    rate = ""
    if step.items and step.seconds:
        rate = f", {step.items / step.seconds:,.0f} {step.unit}/s"
    said = "".join(f"\n{'':<46}{line[:110]}" for line in step.said.splitlines()[-step.lines :])
    print(f"{step.name:<44} {step.seconds:8.2f} s  peak {step.peak_mib:7,.0f} MiB{rate}{said}")


def megabytes(path: Path) -> str:
    size = path.stat().st_size / 1e6
    return f"{size:,.0f} MB" if size >= 10 else f"{size:.1f} MB"


def annotator(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "annotator", *map(str, args)]


# Opens the project in the real main window (offscreen) as an annotator, shows the big
# document, paints it, and waits for its spans, which a long document has read in the
# background: argv is the project, the document's id and the annotator. It says when the
# text was painted, when the spans were in, and the longest the window went without
# answering meanwhile.
WINDOW = textwrap.dedent("""
    import sys, time
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication
    from annotator.gui.main_window import MainWindow
    from annotator.storage import Project

    app = QApplication(sys.argv[:1])
    project = Project.open(sys.argv[1])
    window = MainWindow(project, sys.argv[3])
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    if window.current is None or window.current.id != sys.argv[2]:
        window.open_document(project.document_by_id(sys.argv[2]).rowid)
    window.article.viewport().repaint()
    app.processEvents()
    painted = time.perf_counter() - started
    pause, last = 0.0, time.perf_counter()
    while window.span_loading.busy:
        time.sleep(0.01)
        app.processEvents()
        pause, last = max(pause, time.perf_counter() - last - 0.01), time.perf_counter()
    window.article.viewport().repaint()  # the paragraphs on screen, highlighted
    app.processEvents()
    spans_in = time.perf_counter() - started
    print(f"shown {len(window.current.text):,} characters, {len(window.article.spans):,} "
          f"spans, {len(window.article.suggestions):,} suggestions")
    print(f"painted at {painted:.1f} s, spans in at {spans_in:.1f} s, "
          f"the window busy at most {pause:.2f} s at a time meanwhile")
    window.close()
""")


# What a project holds, whatever SQLite's own bookkeeping: a hash of every row.
DIGEST = textwrap.dedent("""
    import hashlib, sys
    from annotator.storage import Project

    hashed = hashlib.sha256()
    with Project.open(sys.argv[1]) as project:
        for table in ("documents", "spans", "document_status", "annotators", "labels"):
            for row in project.db.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                hashed.update(repr(row).encode())
    print(hashed.hexdigest())
""")


def digest(path: Path, data: Path) -> str:
    """In a process of its own, as everything that reads a large project here."""
    done = subprocess.run(
        [sys.executable, "-c", DIGEST, str(path)],
        capture_output=True,
        text=True,
        env=child_env(data),
        cwd=ROOT,
        check=True,
    )
    return done.stdout.strip()


def interrupt(project: Path, folder: Path, data: Path, after: float) -> None:
    """Import the folder into a project that already has a document, SIGINT it `after`
    seconds in, and check the project is exactly as it was."""
    before = digest(project, data)
    peak_file = data / "peak"
    child = subprocess.Popen(
        measured(annotator("import", project, folder), peak_file),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=child_env(data),
        cwd=ROOT,
        start_new_session=True,  # its own process group, which the interrupt goes to
    )
    assert child.stdout is not None
    time.sleep(after)
    sent = time.perf_counter()
    os.killpg(child.pid, signal.SIGINT)  # as a terminal's Ctrl+C reaches the command
    said = child.stdout.read().decode("utf-8", "replace").strip()
    child.wait()
    stopped = time.perf_counter() - sent
    unchanged = digest(project, data) == before
    name = f"import of the folder, SIGINT after {after:g} s"
    print(
        f"{name:<44} stopped {stopped:.2f} s after the signal, exit {child.returncode}, "
        f"peak {peak_kib(peak_file) / 1024:,.0f} MiB, project unchanged: {unchanged}"
        f"\n{'':<46}{said.splitlines()[-1][:110] if said else ''}",
        flush=True,
    )
    if child.returncode == 0:
        print(f"{'':<46}(the import ended before the signal: nothing to check)")
    elif child.returncode != 130 or not unchanged or "the project is as it was" not in said:
        FAILURES.append(f"{name}: exit {child.returncode}, unchanged {unchanged}: {said[-300:]}")


def generate(work: Path, scale: float, window_only: bool = False) -> None:
    """Write the inputs into `work`, and print what they are (run in a process of its own):
    with `window_only`, the big document alone."""
    big_bytes, line_bytes = int(50e6 * scale), int(10e6 * scale)
    files, file_bytes = max(10, int(100_000 * scale)), 10_000
    rng = random.Random(50)
    started = time.perf_counter()
    text, spans = document(rng, big_bytes)
    (work / "big.txt").write_text(text, encoding="utf-8")
    (work / "big-spans.jsonl").write_text(jsonl_line("big", text, spans), encoding="utf-8")
    big_chars, big_lines, big_span_count = len(text), text.count("\n"), len(spans)
    (work / "spans.txt").write_text(str(big_span_count), encoding="utf-8")
    big = (
        f"  big.txt: {megabytes(work / 'big.txt')}, one document of {big_chars:,} characters "
        f"on {big_lines:,} lines; big-spans.jsonl: the same text and "
        f"{big_span_count:,} spans on one line of {megabytes(work / 'big-spans.jsonl')}\n"
    )
    if window_only:
        print(f"generated in {time.perf_counter() - started:.0f} s:\n{big}", flush=True)
        return
    text, spans = document(rng, line_bytes, first=10**6)
    line = work / "line.jsonl"
    line.write_text(jsonl_line("line", text, spans), encoding="utf-8")
    line_chars, line_spans = len(text), len(spans)
    del text, spans
    total = 0
    for n in range(files):
        sub = work / "articles" / f"{n // 1000:03d}"
        if n % 1000 == 0:
            sub.mkdir(parents=True)
        body, _ = document(rng, file_bytes, first=n * 100)
        data_bytes = body.encode("utf-8")
        (sub / f"{n:06d}.txt").write_bytes(data_bytes)
        total += len(data_bytes)
    print(
        f"generated in {time.perf_counter() - started:.0f} s:\n{big}"
        f"  line.jsonl: one line of {megabytes(line)} ({line_chars:,} characters of text and "
        f"{line_spans:,} spans)\n"
        f"  articles/: {files:,} files, {total / 1e9:,.2f} GB\n",
        flush=True,
    )


def in_window(work: Path, data: Path, big: str) -> None:
    """Open the big document in the window, without and with its spans (big.db holds them)."""
    plain_db = work / "plain.db"
    run(f"import the {big} alone again", annotator("import", plain_db, work / "big.txt"), data)
    run(
        f"open the {big}, no spans, in the window",
        [sys.executable, "-c", WINDOW, str(plain_db), "big", ANNOTATOR],
        data,
        lines=2,
    )
    run(
        f"open the {big} and its spans in the window",
        [sys.executable, "-c", WINDOW, str(work / "big.db"), "big", ANNOTATOR],
        data,
        lines=2,
    )
    print(flush=True)


def exports(work: Path, data: Path, big: str, big_mb: float, files: int) -> float:
    """The other imports, every export, stats; the folder import's time."""
    line, folder = work / "line.jsonl", work / "articles"
    big_db, line_db, folder_db = work / "big.db", work / "line.db", work / "folder.db"
    one_line = f"{megabytes(line)} line"
    line_mb = line.stat().st_size / 1e6
    run(f"import the {one_line} (JSONL)", annotator("import", line_db, line), data, line_mb, "MB")
    folder_import = run(
        f"import the folder of {files:,} files",
        annotator("import", folder_db, folder),
        data,
        files,
    )
    print(flush=True)

    out = work / "out"
    out.mkdir()
    for fmt in ("jsonl", "csv", "conll", "hf", "spacy"):
        run(
            f"export the {big}: {fmt}",
            annotator(
                "export", big_db, out / f"big.{fmt}", "--format", fmt, "--annotator", ANNOTATOR
            ),
            data,
            big_mb,
            "MB",
        )
    run(
        f"export the {big}: conll --clitics split",
        annotator("export", big_db, out / "split.conll", "--format", "conll", "--clitics",
                  "split"),
        data,
        big_mb,
        "MB",
    )  # fmt: skip
    run(f"export the {big}: bundle", annotator("export", big_db, out / "b", "--bundle"), data)
    run(
        f"export the {one_line}: conll",
        annotator("export", line_db, out / "line.conll", "--format", "conll"),
        data,
        line_mb,
        "MB",
    )
    run(
        "export the folder: jsonl",
        annotator("export", folder_db, out / "folder.jsonl"),
        data,
        files,
    )
    run("stats of the folder", annotator("stats", folder_db), data, files)
    print(flush=True)
    return folder_import.seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1: 50 MB, 1 GB, 10 MB")
    parser.add_argument("--folder", type=Path, help="work here instead of a temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--no-window", action="store_true", help="skip opening the window")
    parser.add_argument(
        "--window-only",
        action="store_true",
        help="only import the big document and open it in the window",
    )
    parser.add_argument("--generate-into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_into:
        generate(args.generate_into, args.scale, args.window_only)
        return 0
    scale = args.scale
    work = Path(tempfile.mkdtemp(prefix="annotator-large-", dir=args.folder))
    data = work / "user-data"
    data.mkdir()
    free = shutil.disk_usage(work).free
    print(f"working in {work}; {free / 2**30:,.1f} GiB free; scale {scale:g}", flush=True)
    try:
        # In a process of its own: a child's peak memory counts the pages it shares with
        # this process when it starts, so this one stays small.
        generating = [sys.executable, __file__, "--generate-into", str(work), "--scale", str(scale)]
        subprocess.run(generating + ["--window-only"] * args.window_only, check=True)
        big_txt, big_db = work / "big.txt", work / "big.db"
        big_span_count = int((work / "spans.txt").read_text(encoding="utf-8"))
        big = f"{megabytes(big_txt)} document"
        big_mb = big_txt.stat().st_size / 1e6
        run(f"import the {big} (.txt)", annotator("import", big_db, big_txt), data, big_mb, "MB")
        run(
            f"import its {big_span_count:,} spans (one JSONL line)",
            annotator("import", big_db, work / "big-spans.jsonl"),
            data,
            big_mb,
            "MB",
        )
        if not args.window_only:
            folder_seconds = exports(work, data, big, big_mb, max(10, int(100_000 * scale)))
        if not args.no_window:
            in_window(work, data, big)
        if not args.window_only:
            # Into a project that has a document already: it must be exactly as it was. The
            # signal lands at a third and at two thirds of the time the whole import took.
            for share in (1 / 3, 2 / 3):
                interrupt(big_db, work / "articles", data, round(folder_seconds * share, 1))
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if FAILURES:
        print("\nFAILED:\n" + "\n".join(f"  {line}" for line in FAILURES))
        return 1
    print(f"\nevery step stayed under {LIMIT_MIB:,} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
