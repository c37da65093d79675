"""What the tagger sees of each piece: its normalized form and its stem without a proclitic,
prefixes and suffixes, the article, its shape, its neighbours, and whether the project
lexicon (or a gazetteer) has it. Features are strings: crfsuite weighs each one that is
present, and absent ones cost nothing."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from annotator.core.arabic import normalize_term
from annotator.core.clitics import candidates
from annotator.core.suggest import Lexicon
from annotator.core.tagger.pieces import Sequence
from annotator.core.tokenize import Kind

ARTICLE = "ال"
# Which version of the features a model was trained with: a model is refused by code whose
# features differ, rather than silently predicting from different inputs.
FEATURES_VERSION = 1


def _shape(word: str, kind: Kind) -> str:
    if kind is not Kind.WORD:
        return str(kind)
    first = word[0]
    if "\u0600" <= first <= "\u06ff" or "\ufb50" <= first <= "\ufeff":
        return "ar"
    return "LAT" if first.isupper() else "lat"


def _own(form: str, kind: Kind, proclitic: bool, raw: str) -> list[str]:
    shape = _shape(raw, kind) if raw else "none"
    found = [f"w={form}", f"shape={shape}", f"len={min(len(form), 8)}"]
    if proclitic:
        found.append("proclitic")
    if kind is Kind.WORD and len(form) > 2:
        found += [f"p2={form[:2]}", f"p3={form[:3]}", f"s2={form[-2:]}", f"s3={form[-3:]}"]
        if form.startswith(ARTICLE) and len(form) > 3:
            found.append("al")
            found.append(f"stem={form[2:]}")
        for candidate in candidates(form):  # the stems under a proclitic it may carry
            found.append(f"cstem={normalize_term(candidate.stem)}")
    return found


def _lexicon_tags(text: str, sequence: Sequence, lexicon: Lexicon | None) -> list[str]:
    """Per piece, "B-LABEL" / "I-LABEL" where a lexicon entry matches, "" elsewhere."""
    tags = [""] * len(sequence)
    if lexicon is None or not len(lexicon) or not sequence:
        return tags
    first = sequence[0].start
    starts = [p.start for p in sequence]
    ends = [p.end for p in sequence]
    for match in lexicon.find(text[first : sequence[-1].end]):
        start, end = match.start + first, match.end + first
        covered = range(bisect_right(ends, start), bisect_left(starts, end))
        for n, i in enumerate(covered):
            tags[i] = f"{'I' if n else 'B'}-{match.label}"
    return tags


def features(text: str, sequence: Sequence, lexicon: Lexicon | None = None) -> list[list[str]]:
    raws = [text[p.start : p.end] for p in sequence]
    forms = [normalize_term(raw) or raw for raw in raws]
    lexicon_tags = _lexicon_tags(text, sequence, lexicon)
    found = []
    for i, piece in enumerate(sequence):
        own = _own(forms[i], piece.kind, piece.proclitic, raws[i])
        if i and sequence[i - 1].proclitic:
            own.append("after_proclitic")
        if lexicon_tags[i]:
            own.append(f"lex={lexicon_tags[i]}")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(sequence):
                own.append(f"{offset}:w={forms[j]}")
                if lexicon_tags[j]:
                    own.append(f"{offset}:lex={lexicon_tags[j]}")
                if abs(offset) == 1 and len(forms[j]) > 2:
                    own.append(f"{offset}:s2={forms[j][-2:]}")
                    own.append(f"{offset}:p2={forms[j][:2]}")
            else:
                own.append(f"{offset}:edge")
        if i:
            own.append(f"-1:w|w={forms[i - 1]}|{forms[i]}")
        if i + 1 < len(sequence):
            own.append(f"w|+1:w={forms[i]}|{forms[i + 1]}")
        found.append(own)
    return found
