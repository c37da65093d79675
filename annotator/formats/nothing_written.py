"""Why an export wrote no document: one line for the command line and the window.

An export of an empty layer is not an error (the file is written, empty, and the command
succeeds), but a file with nothing in it and no word about it looks like a fault of the
export. Asked only when nothing was written, so it may count what it needs.
"""

from __future__ import annotations

from annotator.storage import Project
from annotator.storage.stats import project_stats


def why_nothing_written(project: Project, annotator: str | None, gold: bool) -> str:
    """The reason an export of this layer (`annotator`'s, the gold layer, or with neither
    every annotator's) has no document in it."""
    stats = project_stats(project)
    if not stats["documents"]:
        return "the project has no documents"
    if gold:
        layer = stats["gold"]
        if layer["documents_done"] or layer["documents_in_progress"]:
            # Documents curated empty: the formats that write every gold document wrote
            # them; only the CSV export, a row per span, has nothing to write.
            return "the gold layer has no spans"
        return (
            "no document has gold spans or a gold status; adjudicate first (annotator "
            "adjudicate, or the review window)"
        )
    # An annotator's layer has every document they worked on; only the CSV export, a row
    # per span, can be empty while there are documents.
    if annotator is not None:
        return f"{annotator!r} has no spans"
    return "no annotator has made a span"
