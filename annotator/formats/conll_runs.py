"""CoNLL (IOB2) for a run of documents at once: the tokens, tags and lines of every plain
document of the run made with a few numpy passes instead of Python steps per token.

Plain: a document of the text engine's tokens (no source file's), short enough to be one
stretch, whose spans all start and end on token edges, overlap none and stay within a
sentence: nearly every document of a finished layer. Any other document is written by the
tagger one at a time (`conll_document`), which knows how to split tokens, resolve overlaps,
join sentences and say so. Both give the same bytes: tests/formats/test_conll_runs.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import numpy as np

from annotator.core.document import Document
from annotator.core.sentence_runs import run_sentence_starts
from annotator.core.tokenize import bounds_array
from annotator.formats.tagging import DOCSTART, WINDOW_CHARS, Tagger
from annotator.formats.tokenization import recorded_sentences
from annotator.storage.span_columns import SpanArrays


def runs_apply(tagger: Tagger) -> bool:
    """Whether the tagger's settings are the ones this path writes."""
    return tagger.scheme == "iob2" and tagger.vocabulary is None and tagger.columns == 1


def conll_run(tagger: Tagger, docs: list[Document], spans: SpanArrays, one_document) -> str:
    """The CoNLL text of a run of documents (in row id order) with their spans as columns.
    `one_document` writes a document that is not plain (`conll_document`)."""
    rowids = np.fromiter((doc.rowid for doc in docs), np.int64, len(docs))
    owner = np.searchsorted(rowids, spans.doc)
    counts = np.bincount(owner, minlength=len(docs))
    firsts = np.concatenate(([0], np.cumsum(counts))).tolist()
    tried = [len(doc.text) <= WINDOW_CHARS and recorded_sentences(doc) is None for doc in docs]
    written = _plain_documents(tagger, docs, spans, owner, np.array(tried, np.bool_))
    parts = []
    for k, doc in enumerate(docs):
        if written[k] is None:
            a, b = firsts[k], firsts[k + 1]
            ranges = zip(
                spans.start[a:b].tolist(), spans.end[a:b].tolist(), spans.label[a:b], strict=True
            )
            parts.append(one_document(tagger, doc, list(ranges)))
        else:
            parts.append(written[k])
    return "".join(parts)


def _plain_documents(
    tagger: Tagger, docs: list[Document], spans: SpanArrays, owner: np.ndarray, tried: np.ndarray
) -> list[str | None]:
    """The CoNLL text of each document tried, or None for one not tried or whose spans are
    not plain."""
    if not tried.any():
        return [None] * len(docs)
    # Joined by line breaks, which no token crosses: the tokens of the whole are those of
    # each document, moved by where it starts. (A document not tried is joined as a line
    # break alone.)
    texts = [doc.text if ok else "" for doc, ok in zip(docs, tried.tolist(), strict=True)]
    joined = "\n".join(texts)
    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    bases = np.zeros(len(texts), np.int64)
    np.cumsum(lengths[:-1] + 1, out=bases[1:])
    edges = bounds_array(joined)
    starts, ends = edges[0::2], edges[1::2]
    n = len(starts)
    if not n:
        return [None] * len(docs)  # nothing to gain
    first_token = np.append(np.searchsorted(starts, bases), n)

    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)
    sentence_start = run_sentence_starts(joined, starts, ends, first_token, codes)
    starting = np.concatenate(([0], np.cumsum(sentence_start[:n])))
    sentence_count = starting[first_token[1:]] - starting[first_token[:-1]]
    sentence_of = np.cumsum(sentence_start[:n]) - 1

    # Every span of the documents tried, in token positions; a document with a span that is
    # not plain is left to the tagger.
    chosen = tried[owner]
    owner = owner[chosen]
    span_starts = spans.start[chosen] + bases[owner]
    span_ends = spans.end[chosen] + bases[owner]
    named = spans.label[chosen]
    labels = sorted(set(named.tolist()))  # a few: np.unique would sort every span's str
    span_labels = np.zeros(len(named), np.int64)
    for code, label in enumerate(labels[1:], 1):
        span_labels[named == label] = code
    first = np.searchsorted(starts, span_starts)
    last = np.searchsorted(ends, span_ends)
    exact = (first < n) & (last < n) & (first <= last)
    first, last = np.minimum(first, n - 1), np.minimum(last, n - 1)
    exact &= (starts[first] == span_starts) & (ends[last] == span_ends)
    # An overlap: a span starting before the furthest end of those before it, in any order
    # (no span of one document reaches into the next one's tokens).
    overlapping = np.zeros(len(first), np.bool_)
    if len(first):
        overlapping[1:] = first[1:] < np.maximum.accumulate(last + 1)[:-1]
    across = sentence_of[first] != sentence_of[last]
    fallback = ~tried
    fallback[owner[~exact | overlapping | across]] = True

    # Tags: 0 for O, then B and I of each label.
    tags = np.zeros(n, np.int64)
    kept = ~fallback[owner]
    first, last, span_labels = first[kept], last[kept], span_labels[kept]
    tags[first] = 1 + 2 * span_labels
    inside = last - first
    step = np.repeat(np.cumsum(inside) - inside, inside)
    tags[np.repeat(first + 1, inside) + np.arange(inside.sum()) - step] = np.repeat(
        2 + 2 * span_labels, inside
    )
    names = ["O"]
    for label in labels:
        names += tagger.tag_strings(label)[:2]
    # Each token line's end: its tag and one line break, two after a sentence's last token.
    endings = [f"\t{name}{breaks}" for name in names for breaks in ("\n", "\n\n")]
    ending = 2 * tags + sentence_start[1:]
    text = _lines(codes, starts, ends, first_token, ~fallback, endings, ending)

    report = tagger.report
    written: list[str | None] = []
    for k, (a, b) in enumerate(
        zip(first_token[:-1].tolist(), first_token[1:].tolist(), strict=True)
    ):
        if fallback[k]:
            written.append(None)
            continue
        written.append(next(text))
        report.documents += 1
        report.sentences += int(sentence_count[k])
        report.tokens += b - a
    return written


def _lines(
    codes: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    first_token: np.ndarray,
    written: np.ndarray,
    endings: list[str],
    ending: np.ndarray,
) -> Iterator[str]:
    """The CoNLL text of each document `written`, in order: the -DOCSTART- line, then each
    token followed by `endings[ending[token]]`. Made as one array of code points, copied
    from the joined text (`codes`) and the endings, and decoded once: a str per token and
    per line would be most of the export's time."""
    header = "\t".join([DOCSTART, "O"]) + "\n\n"
    sizes = np.diff(first_token)
    shown = np.repeat(written, sizes)  # the tokens of the documents written
    length = np.where(shown, ends - starts, 0)
    widths = np.array([len(e) for e in endings], np.int64)
    ending_length = widths[ending] * shown
    # Where each document and token starts in the output: the lines before it, and a
    # -DOCSTART- line for each document written before it (and its own, for a token).
    upto = np.concatenate(([0], np.cumsum(length + ending_length)))
    headers = np.cumsum(written) - written
    doc_at = upto[first_token[:-1]] + headers * len(header)
    token_at = upto[:-1] + (np.repeat(headers, sizes) + 1) * len(header)
    total = int(upto[-1]) + int(written.sum()) * len(header)
    out = np.empty(total, np.uint32)
    _copy(out, token_at, codes, starts, length)
    table = np.frombuffer("".join(endings).encode("utf-32-le"), np.uint32)
    _copy(out, token_at + length, table, (np.cumsum(widths) - widths)[ending], ending_length)
    heads = doc_at[written]
    head = np.frombuffer(header.encode("utf-32-le"), np.uint32)
    out[(heads[:, None] + np.arange(len(header))).ravel()] = np.tile(head, len(heads))
    text = out.tobytes().decode("utf-32-le", "surrogatepass")
    for a, b in pairwise([*heads.tolist(), total]):
        yield text[a:b]


def _copy(
    out: np.ndarray, at: np.ndarray, source: np.ndarray, start: np.ndarray, length: np.ndarray
) -> None:
    """out[at[k] : at[k] + length[k]] = source[start[k] : start[k] + length[k]] for every k."""
    count = int(length.sum())
    ramp = np.arange(count) - np.repeat(np.cumsum(length) - length, length)
    out[np.repeat(at, length) + ramp] = source[np.repeat(start, length) + ramp]
