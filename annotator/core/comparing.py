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
from annotator.core.agreement.tables import SpanColumns
from annotator.core.document import DocStatus
from annotator.core.errors import InputError
from annotator.core.labels import LabelSet


class CompareStore(Protocol):
    """What comparing annotators needs from storage."""

    def annotators(self) -> list[str]: ...
    def compared_annotators(self) -> list[str]: ...
    def labels(self) -> LabelSet: ...
    def document_runs(self, size: int = 500) -> list[range]: ...
    def document_texts(self, rowids: range | None = None) -> Iterator[tuple[int, str, str]]: ...
    def statuses(self, annotator: str, rowids: range | None = None) -> dict[int, DocStatus]: ...
    def span_columns(self, rowids: range | None = None, names: list[str] | None = None) -> dict: ...
    def statuses_by_annotator(self, rowids: range | None = None) -> dict: ...
    def assistance(self) -> dict[tuple[int, str], bool]: ...


def chosen_annotators(project: CompareStore, names: list[str] | None) -> list[str]:
    """`names` (checked: each must have annotated), or when None the annotators compared
    by default (Project.compared_annotators: a span or a document done)."""
    known = project.annotators()
    compared = project.compared_annotators()
    names = compared if names is None else names
    known_set = set(known)  # a crowd has thousands
    unknown = [name for name in names if name not in known_set]
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


FEW = 20  # annotators read with a query each


def compared_documents(
    project: CompareStore, annotators: list[str], unfinished: bool = False
) -> tuple[list[Compared], list[dict[str, str]]]:
    """The documents compared, and those left out with the reason. Each document names
    only the annotators who worked on it: a crowd's rater is on a few documents, and a
    name per document per rater would be millions."""
    compared: list[Compared] = []
    left_out: list[dict[str, str]] = []
    wanted = set(annotators)
    place = {name: k for k, name in enumerate(annotators)}
    for run in project.document_runs():
        # As columns: a tuple per span would hold most of a comparison's memory.
        spans = {
            name: SpanColumns.by_document(*found)
            for name, found in project.span_columns(run, annotators).items()
        }
        if len(annotators) <= FEW:  # statuses: an indexed query each, the fastest for a team
            statuses = {name: project.statuses(name, run) for name in annotators}
        else:  # a crowd: one query for all, not one per rater
            statuses = {
                name: found
                for name, found in project.statuses_by_annotator(run).items()
                if name in wanted
            }
        # Who did what on each document of the run.
        by_document: dict[int, dict[str, DocStatus]] = {}
        for name, found in statuses.items():
            for rowid, status in found.items():
                by_document.setdefault(rowid, {})[name] = status
        with_spans: dict[int, set[str]] = {}
        for name, found in spans.items():
            for rowid in found:
                with_spans.setdefault(rowid, set()).add(name)
        for rowid, uid, text in project.document_texts(run):
            status = by_document.get(rowid, {})
            if unfinished:
                worked = {n for n, s in status.items() if s is not DocStatus.NEW}
                worked |= with_spans.get(rowid, set())
                if len(worked) < 2:
                    left_out.append({"id": uid, "why": "fewer than two annotators worked on it"})
                    continue
            else:
                worked = {n for n, s in status.items() if s is DocStatus.DONE}
                if len(worked) < len(annotators):
                    left_out.append({"id": uid, "why": _not_finished(annotators, worked)})
                    continue
            worked = sorted(worked, key=place.__getitem__)
            compared.append(
                Compared(
                    uid, text, {name: spans.get(name, {}).get(rowid, []) for name in worked}, rowid
                )
            )
    return compared, left_out


def _not_finished(annotators: list[str], worked: set[str], shown: int = 5) -> str:
    missing = [name for name in annotators if name not in worked]
    more = f" and {len(missing) - shown:,} more" if len(missing) > shown else ""
    return f"not finished by {', '.join(missing[:shown])}{more}"


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
