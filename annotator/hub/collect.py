"""`annotator hub collect`: every document and every annotator's layer on the hub, into a
project for review (agreement, the review window, adjudicate). The annotators own their
layers: the project takes the hub's as they are, replacing what it had of them. The gold
layer is not touched here: `annotator hub sync DB URL --gold` exchanges it."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.hub.connection import connect
from annotator.hub.coordinator import check_hub
from annotator.hub.sync import Progress, annotator_layers_on_hub, hub_documents, hub_labels
from annotator.storage import Project


@dataclass
class Collected:
    documents: int = 0  # new to the project
    layers: int = 0  # annotators' layers taken (changed or new)
    annotators: int = 0


def collect(project: Project, url: str, progress: Progress = lambda _: None) -> Collected:
    found = Collected()
    with connect(url) as conn, conn.transaction():
        check_hub(conn)
        progress("reading the hub")
        hashes = [row[0] for row in conn.execute("SELECT hash FROM hub.documents")]
        missing = [h for h in hashes if project.document_rowid_by_hash(h) is None]
        found.documents = project.receive_from_hub(hub_labels(conn), hub_documents(conn, missing))
        rows = conn.execute(
            "SELECT document, annotator, digest FROM hub.layers ORDER BY document, annotator"
        ).fetchall()
        found.annotators = len({annotator for _, annotator, _ in rows})
        rowids = {doc: project.document_rowid_by_hash(doc) for doc, _, _ in rows}
        changed = {
            (doc, annotator)
            for doc, annotator, digest in rows
            if project.annotator_layer(rowids[doc], annotator).digest() != digest
        }
        progress(f"taking {len(changed)} layers")
        layers = annotator_layers_on_hub(conn, sorted({doc for doc, _ in changed}))
        with project.transaction():
            for doc, annotator in sorted(changed):
                layer, _ = layers[doc, annotator]
                project.replace_annotator_layer(rowids[doc], annotator, layer)
        found.layers = len(changed)
    return found
