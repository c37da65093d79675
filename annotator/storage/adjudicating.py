"""Writing adjudication decisions into the gold layer: what the review window (`Review`) and
`annotator adjudicate` share, so both keep the same rules."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.adjudication import Proposal, agreed, majority, proposals
from annotator.storage.compare import compared_documents
from annotator.storage.project import Project


def document_proposals(project: Project, doc_rowid: int, annotators: Sequence[str]):
    """The proposals of `annotators` on one document."""
    return proposals(
        {name: [s.key()[:3] for s in project.spans(doc_rowid, name)] for name in annotators}
    )


def accept(
    project: Project,
    doc_rowid: int,
    chosen: Sequence[Proposal],
    adjudicator: str | None,
    reviewer: str,
) -> int:
    """Add the proposals the gold layer has not got yet, recorded as decided by
    `adjudicator` (None: accepted because the annotators agreed); an accepted proposal is
    no longer rejected, and the document's adjudication is under way (by `reviewer`).
    Returns how many were added."""
    with project.transaction():
        have = {(g.start, g.end, g.label) for g in project.gold_spans(doc_rowid)}
        added = 0
        for proposal in chosen:
            if (proposal.start, proposal.end, proposal.label) not in have:
                project.add_gold_span(doc_rowid, proposal.gold(adjudicator))
                added += 1
        project.unreject_proposals(doc_rowid, [(p.start, p.end, p.label) for p in chosen])
        mark_in_progress(project, doc_rowid, reviewer)
    return added


def mark_in_progress(project: Project, doc_rowid: int, reviewer: str) -> None:
    """A first decision on a document starts its adjudication; a later one changes nothing."""
    if project.gold_status(doc_rowid) is None:
        project.set_gold_status(doc_rowid, "in_progress", reviewer)


def accept_everywhere(
    project: Project, annotators: Sequence[str], rule: str, adjudicator: str
) -> tuple[int, int]:
    """Accept, in every document all of `annotators` finished, the proposals every one of
    them made (`rule` "agreed": no adjudicator is recorded, the annotators agreed) or more
    than half made ("majority": recorded as decided by `adjudicator`), except those a
    reviewer has rejected there. One transaction. Returns (documents touched, spans added)."""
    choose = agreed if rule == "agreed" else majority
    decided_by = None if rule == "agreed" else adjudicator
    documents, _ = compared_documents(project, list(annotators))
    touched = added = 0
    with project.transaction():
        for doc in documents:
            assert doc.rowid is not None
            rejected = project.gold_rejections(doc.rowid)
            found = [
                p
                for p in choose(proposals(doc.spans), annotators)
                if (p.start, p.end, p.label) not in rejected
            ]
            if not found:
                continue
            count = accept(project, doc.rowid, found, decided_by, adjudicator)
            touched += count > 0
            added += count
    return touched, added
