"""Writing adjudication decisions into the gold layer (the review window and `annotator gold`
share these)."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.adjudication import Proposal, agreed, majority, proposals
from annotator.storage.compare import compared_documents
from annotator.storage.project import Project


def document_proposals(project: Project, doc_rowid: int, annotators: Sequence[str]):
    """The proposals of `annotators` on one document."""
    spans = {
        name: [(s.start, s.end, s.label) for s in project.spans(doc_rowid, name)]
        for name in annotators
    }
    return proposals(spans)


def accept(
    project: Project, doc_rowid: int, chosen: Sequence[Proposal], adjudicator: str | None
) -> int:
    """Add the proposals to the gold layer (those it has not got yet); return how many."""
    have = {(g.start, g.end, g.label) for g in project.gold_spans(doc_rowid)}
    added = 0
    with project.transaction():
        for proposal in chosen:
            if (proposal.start, proposal.end, proposal.label) in have:
                continue
            project.add_gold_span(doc_rowid, proposal.gold(adjudicator))
            added += 1
    return added


def accept_everywhere(
    project: Project, annotators: Sequence[str], rule: str, adjudicator: str
) -> tuple[int, int]:
    """Accept, in every document all of `annotators` finished, the proposals every one of
    them made (`rule` "agreed": no adjudicator is recorded, the annotators agreed) or more
    than half made ("majority": recorded as decided by `adjudicator`). One transaction.
    Returns (documents touched, gold spans added)."""
    choose = agreed if rule == "agreed" else majority
    documents, _ = compared_documents(project, list(annotators))
    ids = {doc.id for doc in documents}
    touched = added = 0
    with project.transaction():
        for doc in project.documents():
            if doc.id not in ids:
                continue
            found = choose(document_proposals(project, doc.rowid, annotators), annotators)
            count = accept(project, doc.rowid, found, None if rule == "agreed" else adjudicator)
            if count:
                touched += 1
                added += count
                if project.gold_status(doc.rowid) is None:
                    project.set_gold_status(doc.rowid, "in_progress", adjudicator)
    return touched, added
