"""The annotators compared, the documents an agreement is measured on, and each annotator's
spans in them: over any store that answers the questions below (annotator.storage.Project).

By default, the documents every chosen annotator has finished (status done: an import with
spans marks them done unless the file says otherwise). With `unfinished`, every document at
least two of them have worked on; an annotator who has not touched one counts as missing
there, which Krippendorff's alpha allows for and span F1 skips for that pair.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from annotator.core.agreement import Compared, measure
from annotator.core.document import DocStatus, Document
from annotator.core.errors import InputError
from annotator.core.labels import LabelSet


class CompareStore(Protocol):
    """What comparing annotators needs from storage."""

    def annotators(self) -> list[str]: ...
    def compared_annotators(self) -> list[str]: ...
    def labels(self) -> LabelSet: ...
    def document_runs(self, size: int = 500) -> list[range]: ...
    def documents(self, rowids: range | None = None) -> Iterator[Document]: ...
    def span_ranges_by_document(self, annotator: str, rowids: range | None = None) -> dict: ...
    def statuses(self, annotator: str, rowids: range | None = None) -> dict[int, DocStatus]: ...
    def assistance(self) -> dict[tuple[int, str], bool]: ...


def chosen_annotators(project: CompareStore, names: list[str] | None) -> list[str]:
    """`names` (checked: each must have annotated), or when None the annotators compared
    by default (Project.compared_annotators: a span or a document done)."""
    known = project.annotators()
    compared = project.compared_annotators()
    names = compared if names is None else names
    unknown = [name for name in names if name not in known]
    if unknown:
        raise InputError(
            f"no annotator {unknown[0]!r} in this project (annotators: "
            f"{', '.join(known) or 'none yet'})",
            "unknown_annotator",
        )
    if len(set(names)) < 2:
        raise InputError(
            f"agreement needs two or more annotators; this project has {len(compared)} with "
            "spans or a document done" + (f" ({', '.join(compared)})" if compared else ""),
            "too_few_annotators",
        )
    return list(dict.fromkeys(names))


def compared_documents(
    project: CompareStore, annotators: list[str], unfinished: bool = False
) -> tuple[list[Compared], list[dict[str, str]]]:
    """The documents compared, and those left out with the reason."""
    compared: list[Compared] = []
    left_out: list[dict[str, str]] = []
    for run in project.document_runs():
        spans = {name: project.span_ranges_by_document(name, run) for name in annotators}
        statuses = {name: project.statuses(name, run) for name in annotators}
        for doc in project.documents(run):
            status = {name: statuses[name].get(doc.rowid, DocStatus.NEW) for name in annotators}
            if unfinished:
                worked = [
                    name
                    for name in annotators
                    if status[name] is not DocStatus.NEW or doc.rowid in spans[name]
                ]
                if len(worked) < 2:
                    left_out.append({"id": doc.id, "why": "fewer than two annotators worked on it"})
                    continue
            else:
                worked = [name for name in annotators if status[name] is DocStatus.DONE]
                if len(worked) < len(annotators):
                    missing = ", ".join(n for n in annotators if n not in worked)
                    left_out.append({"id": doc.id, "why": f"not finished by {missing}"})
                    continue
            compared.append(
                Compared(
                    doc.id,
                    doc.text,
                    {
                        name: spans[name].get(doc.rowid, []) if name in worked else None
                        for name in annotators
                    },
                    doc.rowid,
                )
            )
    return compared, left_out


def agreement_report(
    project: CompareStore,
    names: list[str] | None = None,
    labels: list[str] | None = None,
    unfinished: bool = False,
) -> dict[str, Any]:
    """`annotator agreement --json`: the figures, and the documents left out and why."""
    annotators = chosen_annotators(project, names)
    known = [label.name for label in project.labels()]
    if labels is not None:
        unknown = [label for label in labels if label not in known]
        if unknown:
            raise InputError(
                f"no label {unknown[0]!r} in this project (labels: {', '.join(known)})",
                "unknown_label",
            )
    chosen = [label for label in known if labels is None or label in labels]
    documents, left_out = compared_documents(project, annotators, unfinished)
    report = measure(documents, annotators, chosen)
    report["left_out"] = left_out
    report["assistance"] = by_assistance(documents, annotators, chosen, project.assistance())
    return report


def by_assistance(
    documents: list[Compared],
    annotators: list[str],
    labels: list[str],
    records: dict[tuple[int, str], bool],
) -> dict[str, Any]:
    """Agreement on the documents every compared annotator worked with suggestions shown,
    and on the control documents they all worked without any (core/assistance.py); the
    others (worked before this was recorded, or imported) are counted as unrecorded."""
    groups: dict[str, list[Compared]] = {"assisted": [], "control": []}
    unrecorded = 0
    for doc in documents:
        seen = {records.get((doc.rowid, n)) for n, spans in doc.spans.items() if spans is not None}
        if seen == {True}:
            groups["assisted"].append(doc)
        elif seen == {False}:
            groups["control"].append(doc)
        else:
            unrecorded += 1
    found: dict[str, Any] = {"unrecorded": unrecorded}
    for kind, docs in groups.items():
        found[kind] = {"documents": len(docs), "span_f1_exact": None, "krippendorff_alpha": None}
        if docs:
            overall = measure(docs, annotators, labels)["overall"]
            found[kind]["span_f1_exact"] = overall["span_f1_exact"]
            found[kind]["krippendorff_alpha"] = overall["krippendorff_alpha"]
    return found
