"""Which document the window opens: the one shown last in this project, or else the first
one not yet done (remembered per project in the settings)."""

from __future__ import annotations

from annotator.core.document import DocStatus
from annotator.gui.document_list import DocumentListModel
from annotator.storage import Project


def _key(project: Project) -> str:
    return f"last_document/{project.path.resolve()}"


def remember_document(settings, project: Project, doc_id: str) -> None:
    settings.setValue(_key(project), doc_id)


def first_unfinished(model: DocumentListModel) -> int | None:
    """The first document in list order not marked done (else the first of all)."""
    summaries = model.summaries
    unfinished = (s.rowid for s in summaries if s.status != DocStatus.DONE)
    return next(unfinished, summaries[0].rowid if summaries else None)


def document_to_open(settings, project: Project, model: DocumentListModel) -> int | None:
    """The document shown last in `project`, if it is still there; else the first
    unfinished one."""
    last = settings.value(_key(project))
    found = project.document_rowid_by_id(last) if isinstance(last, str) else None
    return found if found is not None else first_unfinished(model)  # None: removed since
