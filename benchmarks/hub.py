"""The team hub under a team's load: 50 annotators, each a process with a project file of
their own, syncing 200 documents each with 30 spans per document against one local
PostgreSQL server, all at the same time.

    python benchmarks/hub.py [--annotators 50] [--documents 200] [--spans 30]

Starts a throwaway server (tests/hub/pg_server.py: needs the Debian `postgresql` package
and psycopg), publishes annotators x documents / 2 articles, assigns each to two
annotators (--overlap 2), then every annotator process, started together:

1. syncs to take its documents (timed: "first sync");
2. labels 30 words of every document and marks it done, locally (not timed);
3. waits for the others, then syncs to send its layers (timed: "sending sync", the figure
   the issue asks for);
4. syncs once more with nothing new (timed: "idle sync").

Prints each phase's median and worst time over the annotators, the spans on the hub, and
the spans lost (in an annotator's project, not on the hub) or duplicated (must be 0).
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.document import Document
from annotator.core.layers import Layer
from annotator.hub.connection import connect
from annotator.hub.coordinator import assign, init, publish
from annotator.hub.sync import annotator_layer_on_hub, sync_annotator
from annotator.storage import Project
from tests.hub.pg_server import INSTALL, Server, server_binaries

SENTENCE = (
    "قصفت الطائرات الحربية مواقع في ريف حماة الشمالي وقال المرصد السوري ان الغارات "
    "استهدفت بلدات اللطامنة وكفرزيتا ومورك وسقط عشرات القتلى والجرحى بين المدنيين "
    "فيما نزح الاف السكان نحو الحدود التركية واكد مصدر عسكري ان القوات تقدمت في محيط "
    "خان شيخون"
)
WORDS = SENTENCE.split()


def article(number: int) -> str:
    """A text of its own (the hub keeps one copy per text) with at least 30 words."""
    words = [WORDS[(number + i) % len(WORDS)] for i in range(36)]
    words.insert(number % 30, f"({number})")
    return " ".join(words)


def labelled(text: str, spans: int) -> Layer:
    rows, start = [], 0
    for index, word in enumerate(text.split(" ")):
        if len(rows) < spans and not word.startswith("("):
            label = "LOCATION" if index % 2 else "ACTOR"
            rows.append((start, start + len(word), label, "{}", "manual"))
        start += len(word) + 1
    return Layer(tuple(rows), "done")


def annotator(name: str, path: str, url: str, spans: int, barrier, results) -> None:
    times = {}
    with Project.open(path) as project:
        began = time.perf_counter()
        sync_annotator(project, url, name)
        times["first"] = time.perf_counter() - began
        with project.transaction():
            for doc in project.documents():
                project.replace_annotator_layer(doc.rowid, name, labelled(doc.text, spans))
        barrier.wait()
        began = time.perf_counter()
        sent = sync_annotator(project, url, name)
        times["sending"] = time.perf_counter() - began
        began = time.perf_counter()
        idle = sync_annotator(project, url, name)
        times["idle"] = time.perf_counter() - began
    results.put((name, times, sent.pushed, idle.pushed + idle.pulled))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotators", type=int, default=50)
    parser.add_argument("--documents", type=int, default=200, help="per annotator")
    parser.add_argument("--spans", type=int, default=30, help="per document")
    args = parser.parse_args()
    binaries = server_binaries()
    if binaries is None:
        print(f"no PostgreSQL server binaries: {INSTALL}", file=sys.stderr)
        return 2
    server = Server(binaries).start()
    folder = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    try:
        server.admin("CREATE ROLE coordinator LOGIN CREATEROLE")
        server.admin("CREATE DATABASE hub OWNER coordinator")
        hub = server.url("coordinator", "hub")
        names = [f"annotator{n:02d}" for n in range(args.annotators)]
        documents = args.annotators * args.documents // 2
        began = time.perf_counter()
        with Project.open(folder / "articles.db", create=True) as project:
            with project.transaction():
                for number in range(documents):
                    project.insert_document(Document(f"a{number}", article(number)))
            with connect(hub) as conn:
                init(conn)
                publish(conn, project)
        for name in names:
            server.admin(f"CREATE ROLE {name} LOGIN")
            server.admin(f"GRANT annotator_hub_annotators TO {name}")
        with connect(hub) as conn:
            assign(conn, names, overlap=2, seed=1)
        print(
            f"set-up: {documents:,} documents published and assigned twice "
            f"in {time.perf_counter() - began:.1f} s"
        )

        context = multiprocessing.get_context("spawn")
        barrier, results = context.Barrier(len(names)), context.Queue()
        processes = []
        for name in names:
            path = folder / f"{name}.db"
            Project.open(path, create=True).close()
            process = context.Process(
                target=annotator,
                args=(name, str(path), server.url(name, "hub"), args.spans, barrier, results),
            )
            processes.append(process)
        began = time.perf_counter()
        for process in processes:
            process.start()
        found = [results.get(timeout=3600) for _ in processes]
        for process in processes:
            process.join()
        wall = time.perf_counter() - began
        print(
            f"annotators: {len(names)} processes at once, "
            f"{args.documents} documents and {args.spans} spans per document each"
        )
        for phase, what in (
            ("first", "first sync (taking the documents)"),
            ("sending", "sending sync (every layer)"),
            ("idle", "idle sync (nothing new)"),
        ):
            seconds = [times[phase] for _, times, _, _ in found]
            print(
                f"  {what}: median {statistics.median(seconds):.2f} s, worst {max(seconds):.2f} s"
            )
        print(
            f"  layers sent: {sum(sent for _, _, sent, _ in found):,}; "
            f"moved by the idle syncs: {sum(moved for *_, moved in found)}"
        )
        print(f"  all annotators, start to finish: {wall:.1f} s")

        total, distinct = server.admin(
            'SELECT count(*), count(DISTINCT (document, annotator, start, "end", label)) '
            "FROM hub.spans",
            "hub",
        )[0]
        lost = 0
        with connect(hub) as conn:
            for name in names:
                with Project.open(folder / f"{name}.db") as project:
                    for doc in project.documents():
                        mine = set(project.annotator_layer(doc.rowid, name).spans)
                        theirs = set(annotator_layer_on_hub(conn, doc.hash, name).spans)
                        lost += len(mine - theirs)
        print(
            f"spans on the hub: {total:,} (expected {len(names) * args.documents * args.spans:,})"
        )
        print(f"spans lost: {lost}")
        print(f"spans duplicated: {total - distinct}")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
