"""A sync killed with SIGKILL at random moments loses nothing, and the next one completes it."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

from annotator.core.document import DocStatus, Document
from annotator.core.spans import Span
from annotator.hub.connection import connect
from annotator.hub.coordinator import assign, publish
from annotator.hub.sync import annotator_layer_on_hub, sync_annotator
from annotator.storage import Project

KILLS = 20
DOCUMENTS = 200
CHILD = """
import sys
from annotator.hub.sync import sync_annotator
from annotator.storage import Project
with Project.open(sys.argv[1]) as project:
    print("syncing", flush=True)
    sync_annotator(project, sys.argv[2], "kamal")
"""


def _words(text: str) -> list[tuple[int, int]]:
    found, start = [], 0
    for word in text.split(" "):
        found.append((start, start + len(word)))
        start += len(word) + 1
    return found


def test_killed_syncs_lose_nothing(hub, tmp_path):
    texts = [
        f"قصف مدفعي على بلدة رقم {n} في ريف حماة الشمالي وسقوط {n} جرحى" for n in range(DOCUMENTS)
    ]
    with Project.open(tmp_path / "c.db", create=True) as project:
        for number, text in enumerate(texts):
            project.add_document(Document(f"d{number}", text))
        with connect(hub.url) as conn:
            publish(conn, project)
    url = hub.person("kamal")
    with connect(hub.url) as conn:
        assign(conn, ["kamal"], overlap=1)
    path = tmp_path / "kamal.db"
    with Project.open(path, create=True) as mine:
        sync_annotator(mine, url, "kamal")
    draw = random.Random(16)
    killed_while_running = 0
    for _ in range(KILLS):
        with Project.open(path) as mine:  # work between syncs: a few new spans, a status
            docs = list(mine.documents())
            for doc in draw.sample(docs, 40):
                taken = {(s.start, s.end) for s in mine.spans(doc.rowid, "kamal")}
                free = [w for w in _words(doc.text) if w not in taken]
                if free:
                    start, end = draw.choice(free)
                    mine.add_span(
                        doc.rowid, Span(start, end, draw.choice(["ACTOR", "LOCATION"]), "kamal")
                    )
            mine.set_status(draw.choice(docs).rowid, "kamal", DocStatus.DONE)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), url], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout.readline() == "syncing\n"
        time.sleep(draw.uniform(0, 0.25))
        if child.poll() is None:
            killed_while_running += 1
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert killed_while_running >= KILLS // 2  # most kills landed inside a sync

    with Project.open(path) as mine:
        assert mine.integrity_check() == []
        sync_annotator(mine, url, "kamal")
        assert sync_annotator(mine, url, "kamal").pushed == 0
        local = {doc.hash: mine.annotator_layer(doc.rowid, "kamal") for doc in mine.documents()}
    with connect(hub.url) as conn:
        on_hub = {doc: annotator_layer_on_hub(conn, doc, "kamal") for doc in local}
    for doc, layer in local.items():
        assert (layer.spans, layer.status) == (on_hub[doc].spans, on_hub[doc].status)
    rows = hub.server.admin(
        'SELECT count(*), count(DISTINCT (document, start, "end", label)) FROM hub.spans',
        hub.database,
    )
    assert rows[0][0] == rows[0][1] == sum(len(layer.spans) for layer in local.values())
    assert rows[0][0] > KILLS * 4  # the work of every round is there
