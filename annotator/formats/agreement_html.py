"""The agreement report as one self-contained HTML page (`annotator agreement --report DIR`).

The page holds the tables of `annotator agreement` and two charts, drawn with matplotlib and
embedded as PNG images: agreement by label, and the confusion matrix of matched spans'
labels. Arabic names go into the page as they are (the browser lays them out, each table cell
`dir="auto"`) and into the charts as they are (matplotlib shapes Arabic itself), never
reshaped.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path
from typing import Any

from annotator.core.bidi import isolated
from annotator.core.labels import COLOUR_BLIND_SAFE
from annotator.formats.atomic import atomic_text_writer, output_folder

FIGURES = [
    ("span_f1_exact", "span F1 (exact)"),
    ("span_f1_partial", "span F1 (partial)"),
    ("cohen_kappa", "Cohen's κ"),
    ("fleiss_kappa", "Fleiss' κ"),
    ("krippendorff_alpha", "Krippendorff's α"),
    ("krippendorff_alpha_u", "Krippendorff's α-u"),
]
PAIR_FIGURES = [
    ("span_f1_exact", "span F1 (exact)"),
    ("span_f1_partial", "span F1 (partial)"),
    ("precision", "precision"),
    ("recall", "recall"),
    ("cohen_kappa", "Cohen's κ"),
]


class Markup(str):
    """Text that is already HTML."""


def _names(*names: str) -> Markup:
    """Names in a left-to-right sentence or cell, each isolated: an Arabic name next to a
    Latin one or a number must not reorder them ("first / second" stays in that order)."""
    # FSI ... PDI rather than <bdi>: every renderer honours the characters, not every one
    # the element (Qt's rich text, some mail readers).
    # Balanced (annotator.core.bidi): an override or a stray PDI in a name stays inside it.
    return Markup(" / ".join(html.escape(isolated(name)) for name in names))


def _cell(value: Any) -> str:
    if isinstance(value, Markup):
        return f'<td dir="ltr">{value}</td>'
    if value is None:
        return '<td class="none">–</td>'
    if isinstance(value, float):
        return f'<td class="num">{value:.3f}</td>'
    if isinstance(value, int):
        return f'<td class="num">{value:,}</td>'
    return f'<td dir="auto">{html.escape(str(value))}</td>'


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _charts(report: dict[str, Any]) -> tuple[str, str]:
    """(agreement by label, confusion matrix) as base64 PNG."""
    # Figures without pyplot: no global state and no window, so the window can write the
    # report from a worker thread.
    import numpy as np
    from matplotlib.figure import Figure

    labels = list(report["per_label"])
    figure = Figure(figsize=(1.6 + 1.4 * max(len(labels), 1), 3.6))
    axes = figure.subplots()
    axes.set_prop_cycle(color=COLOUR_BLIND_SAFE)  # the labels' palette: safe for CVD
    width = 0.8 / len(FIGURES)
    for k, (key, name) in enumerate(FIGURES):
        values = [report["per_label"][label][key] for label in labels]
        heights = [np.nan if v is None else v for v in values]
        axes.bar(np.arange(len(labels)) + k * width, heights, width, label=name)
    axes.set_xticks(np.arange(len(labels)) + width * (len(FIGURES) - 1) / 2, labels)
    lowest = [v for r in report["per_label"].values() for v in r.values() if isinstance(v, float)]
    axes.set_ylim(min([0.0, *lowest]), 1.0)  # kappa and alpha go below 0
    axes.set_ylabel("agreement")
    axes.legend(fontsize="small", ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    by_label = _png(figure)

    names = report["confusion"]["labels"]
    matrix = np.array(report["confusion"]["matrix"])
    figure = Figure(figsize=(1.2 + 0.9 * len(names), 1.0 + 0.8 * len(names)))
    axes = figure.subplots()
    axes.imshow(matrix, cmap="Blues")
    axes.set_xticks(range(len(names)), names, rotation=30, ha="right")
    axes.set_yticks(range(len(names)), names)
    axes.set_xlabel("second annotator of each pair")
    axes.set_ylabel("first annotator of each pair")
    peak = matrix.max() if matrix.size else 0
    for r in range(len(names)):
        for c in range(len(names)):
            colour = "white" if peak and matrix[r, c] > peak / 2 else "black"
            axes.text(c, r, f"{matrix[r, c]:,}", ha="center", va="center", color=colour)
    confusion = _png(figure)
    return by_label, confusion


def write_report(report: dict[str, Any], folder: Path, project_name: str) -> Path:
    """Write folder/index.html (atomically) and return its path."""
    output_folder(folder, "the report needs a folder")
    compared = report["compared"]
    if not compared["documents"]:
        return _write(folder, _nothing_compared(report, project_name))
    by_label, confusion = _charts(report)
    overall = report["overall"]
    pairs = [[_names(p["a"], p["b"]), *(p[k] for k, _ in PAIR_FIGURES)] for p in report["pairs"]]
    labels = [[label, *(f[k] for k, _ in FIGURES)] for label, f in report["per_label"].items()]
    documents = sorted(
        report["per_document"],
        key=lambda d: (d["krippendorff_alpha"] is None, d["krippendorff_alpha"] or 0.0),
    )
    document_rows = [
        [d["id"], d["spans"], d["span_f1_exact"], d["span_f1_partial"], d["cohen_kappa"],
         d["krippendorff_alpha"]]
        for d in documents
    ]  # fmt: skip
    left_out = [[item["id"], item["why"]] for item in report.get("left_out", [])]
    assistance = report.get("assistance", {"unrecorded": 0})
    assisted_rows = [
        [kind, found["documents"], found["span_f1_exact"], found["krippendorff_alpha"]]
        for kind, found in assistance.items()
        if kind != "unrecorded"
    ]
    spans = ", ".join(f"{_names(n)}: {c:,}" for n, c in compared["spans"].items())
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Agreement: {html.escape(project_name)}</title>
{STYLE}</head><body>
<h1>Agreement: <bdi>{html.escape(project_name)}</bdi></h1>
<p>{compared["documents"]:,} documents compared ({compared["units"]:,} tokens; spans by
annotator: {spans}); {len(left_out):,} left out.</p>
<h2>Overall</h2>
{_table([name for _, name in FIGURES], [[overall[k] for k, _ in FIGURES]])}
<h2>Pairs of annotators</h2>
{_table(["pair", *(name for _, name in PAIR_FIGURES)], pairs)}
<h2>By label</h2>
{_table(["label", *(name for _, name in FIGURES)], labels)}
<img alt="agreement by label" src="data:image/png;base64,{by_label}">
<h2>Labels of matched spans</h2>
<p>Rows: the first annotator of each pair; columns: the second. "missed": the other
annotator has no span there.</p>
<img alt="confusion matrix" src="data:image/png;base64,{confusion}">
<h2>With and without suggestions</h2>
<p>Control documents are worked without any suggestion; {assistance["unrecorded"]:,}
documents were worked before this was recorded.</p>
{_table(["documents", "count", "span F1 (exact)", "Krippendorff's α"], assisted_rows)}
<h2>Documents, least agreement first</h2>
{
        _table(
            [
                "document",
                "spans",
                "span F1 (exact)",
                "span F1 (partial)",
                "Cohen's κ",
                "Krippendorff's α",
            ],
            document_rows,
        )
    }
<h2>Left out</h2>
{_table(["document", "why"], left_out) if left_out else "<p>None.</p>"}
</body></html>
"""
    return _write(folder, page)


STYLE = """<style>
body { font-family: "DejaVu Sans", "Noto Sans Arabic", sans-serif; margin: 2em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.none { text-align: center; color: #888; }
</style>"""


def _nothing_compared(report: dict[str, Any], project_name: str) -> str:
    """The page when the compared annotators share no document: no figure, no chart."""
    names = ", ".join(_names(n) for n in report["annotators"])
    left_out = [[item["id"], item["why"]] for item in report.get("left_out", [])]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Agreement: {html.escape(project_name)}</title>
{STYLE}</head><body>
<h1>Agreement: <bdi>{html.escape(project_name)}</bdi></h1>
<p>Nothing could be compared: the annotators compared ({names}) share no document that
each of them finished (or, with --include-unfinished, worked on). Agreement needs at least
one document that two of them annotated.</p>
<h2>Left out</h2>
{_table(["document", "why"], left_out) if left_out else "<p>None.</p>"}
</body></html>
"""


def _write(folder: Path, page: str) -> Path:
    path = folder / "index.html"
    with atomic_text_writer(path) as handle:
        handle.write(page)
    return path
