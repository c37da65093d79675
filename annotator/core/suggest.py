"""Pre-annotation suggestions: numbers, the project lexicon, gazetteers, all occurrences.

Suggestions are data: a list the annotator (or `annotator suggest --apply`) accepts, which
turns them into ordinary spans with origin "suggested", or rejects, which is remembered so
the same suggestion does not come back.

Lexicon and gazetteer terms match normalization-insensitively (أ/إ/ا, ة/ه, ى/ي, digits,
diacritics, tatweel) and clitic-aware: an entry حماة matches وحماة and بحماة, and the
suggested span covers حماة only. Matching runs over tokens, longest entry first, so its cost
grows with the document, not with the size of the lexicon. It runs a paragraph at a time:
no suggestion runs across a line break, and the window can ask for the paragraphs it shows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.arabic import normalize, normalize_term
from annotator.core.clitics import PROCLITICS, candidates
from annotator.core.errors import InputError
from annotator.core.labels import check_label_name
from annotator.core.tokenize import Kind, paragraphs, tokenize

NUMBER_LABEL = "NUMBER"
_PROCLITIC_LETTERS = frozenset(p[0] for p in PROCLITICS)


class Source:
    NUMBER = "number"
    LEXICON = "lexicon"
    GAZETTEER = "gazetteer"
    OCCURRENCE = "occurrence"
    MODEL = "model"  # the project's tagger (core/tagger), with a score


@dataclass(frozen=True, slots=True)  # hundreds of thousands in a long document
class Suggestion:
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict, compare=False)
    source: str = field(default=Source.LEXICON, compare=False)
    score: float | None = field(default=None, compare=False)  # a model's confidence, in [0, 1]

    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


def term_tokens(term: str) -> tuple[str, ...]:
    """A term as the matcher sees it: its normalized tokens."""
    norm = normalize_term(term)
    return tuple(norm[t.start : t.end] for t in tokenize(norm))


class Lexicon:
    """Terms with their label. A term seen with several labels keeps its most frequent one."""

    def __init__(self) -> None:
        self._votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        self._sources: dict[tuple[str, ...], str] = {}
        self._index: dict[str, list[tuple[tuple[str, ...], str, str]]] | None = None

    def __len__(self) -> int:
        return len(self._votes)

    def add(self, term: str, label: str, source: str = Source.LEXICON, votes: int = 1) -> bool:
        """Count `votes` for `term` as `label`; whether that changed what it suggests (a
        new term, or another label winning)."""
        tokens = term_tokens(term)
        if not tokens:
            return False
        before = self._winner(tokens) if tokens in self._votes else None
        self._votes[tokens][label] += votes
        # A gazetteer entry the user loaded on purpose outranks a learnt one.
        if self._sources.get(tokens) != Source.GAZETTEER:
            self._sources[tokens] = source
        winner = self._winner(tokens)
        self._reindex(tokens)
        return winner != before

    def forget(self, term: str, label: str, votes: int = 1) -> bool:
        """Take back `votes` for `term` as `label` (a span deleted or relabelled): the
        lexicon is then what it would be read afresh from the project. Whether that
        changed what it suggests."""
        tokens = term_tokens(term)
        counted = self._votes.get(tokens)
        if not counted or counted[label] <= 0 or self._sources.get(tokens) == Source.GAZETTEER:
            return False
        before = self._winner(tokens)
        counted[label] -= votes
        if counted[label] <= 0:
            del counted[label]
        if not counted:
            del self._votes[tokens], self._sources[tokens]
        self._reindex(tokens)
        return tokens not in self._votes or self._winner(tokens) != before

    def _reindex(self, tokens: tuple[str, ...]) -> None:
        """Keep the index up to date for one term (a window adds a term per span)."""
        if self._index is None:
            return
        entries = [e for e in self._index.get(tokens[0], []) if e[0] != tokens]
        if tokens in self._votes:
            entries.append((tokens, self._winner(tokens), self._sources[tokens]))
            entries.sort(key=lambda entry: len(entry[0]), reverse=True)  # longest first
        self._index[tokens[0]] = entries

    def _winner(self, tokens: tuple[str, ...]) -> str:
        votes = self._votes[tokens]
        return max(sorted(votes), key=votes.__getitem__)

    def merge(self, other: Lexicon) -> Lexicon:
        for tokens, votes in other._votes.items():
            self._votes[tokens].update(votes)
            if self._sources.get(tokens) != Source.GAZETTEER:
                self._sources[tokens] = other._sources[tokens]
        self._index = None
        return self

    def _entries_by_first_token(self) -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
        if self._index is None:
            index: dict[str, list[tuple[tuple[str, ...], str, str]]] = defaultdict(list)
            for tokens in self._votes:
                index[tokens[0]].append((tokens, self._winner(tokens), self._sources[tokens]))
            for entries in index.values():
                entries.sort(key=lambda entry: len(entry[0]), reverse=True)  # longest first
            self._index = dict(index)
        return self._index

    def find(self, text: str) -> list[Suggestion]:
        """Every non-overlapping match in `text`, leftmost and longest first."""
        index = self._entries_by_first_token()
        if not index:
            return []
        norm = normalize(text)
        tokens = tokenize(norm.text)
        words = [norm.text[t.start : t.end] for t in tokens]
        found = []
        i = 0
        while i < len(tokens):
            match = self._match_at(index, words, i, tokens[i].kind == Kind.WORD)
            if match is None:
                i += 1
                continue
            length, offset, label, source = match
            start, end = norm.span_to_original(tokens[i].start + offset, tokens[i + length - 1].end)
            found.append(Suggestion(start, end, label, {}, source))
            i += length
        return found

    @staticmethod
    def _match_at(index, words: list[str], i: int, is_word: bool):
        """(tokens matched, clitic offset, label, source) of the best entry at token i."""
        readings = [(words[i], 0)]
        if is_word and words[i][0] in _PROCLITIC_LETTERS:
            readings += [(c.stem, c.offset) for c in candidates(words[i])]
        best = None
        for first, offset in readings:
            for tokens, label, source in index.get(first, ()):
                n = len(tokens)
                if tuple(words[i + 1 : i + n]) == tokens[1:]:
                    if best is None or n > best[0]:  # the word itself wins a tie with a clitic
                        best = (n, offset, label, source)
                    break  # entries are longest first: the first that fits is the longest
        return best


def load_gazetteer(path: Path, known_labels: Iterable[str] | None = None) -> Lexicon:
    """A UTF-8 TSV of `term<TAB>LABEL` lines; blank lines and lines starting with # skipped."""
    labels = set(known_labels) if known_labels is not None else None
    lexicon = Lexicon()
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", "unreadable", str(path)) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})", "bad_encoding", str(path)) from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        term, tab, label = line.partition("\t")
        where = {"path": str(path), "line": number}
        if not tab or not term.strip() or not label.strip():
            raise InputError("expected term<TAB>LABEL", "bad_gazetteer", **where)
        label = label.strip()
        try:
            check_label_name(label)
        except InputError as exc:
            raise exc.located(path, number) from None
        if labels is not None and label not in labels:
            raise InputError(
                f"unknown label {label!r} (project labels: {', '.join(sorted(labels))})",
                "unknown_label",
                **where,
            )
        lexicon.add(term.strip(), label, Source.GAZETTEER)
    return lexicon


def number_suggestions(text: str) -> list[Suggestion]:
    from annotator.core.numbers import find_numbers

    return [
        Suggestion(m.start, m.end, NUMBER_LABEL, m.attrs(), Source.NUMBER)
        for m in find_numbers(text)
    ]


def attrs_for(label: str, covered: str) -> dict[str, Any]:
    """The attributes a new span of `label` over `covered` starts with: a NUMBER's value
    when the text holds exactly one number expression, nothing otherwise."""
    if label != NUMBER_LABEL:
        return {}
    from annotator.core.numbers import find_numbers

    found = find_numbers(covered)
    return found[0].attrs() if len(found) == 1 else {}


def occurrences(text: str, term: str, label: str, spans: Iterable[Any] = ()) -> list[Suggestion]:
    """'Label all occurrences': the same term (normalized, clitic-aware) elsewhere in `text`,
    a paragraph at a time, with a NUMBER's value. Left out: the ranges `spans` (anything
    with start, end, label) already have with this label, and those inside one of them
    (حماة inside a LOCATION ريف حماة is part of that place, not another)."""
    lexicon = Lexicon()
    lexicon.add(term, label, Source.OCCURRENCE)
    same = sorted((s.start, s.end) for s in spans if s.label == label)
    return [
        Suggestion(s.start, s.end, label, attrs_for(label, text[s.start : s.end]), s.source)
        for s in suggest(text, lexicon, numbers=False)
        if not any(start <= s.start and s.end <= end for start, end in same)
    ]


def suggest(
    text: str,
    lexicon: Lexicon | None = None,
    *,
    numbers: bool = True,
    skip: Iterable[tuple[int, int, str]] = (),
    start: int = 0,
    end: int | None = None,
) -> list[Suggestion]:
    """Suggestions for one document (or for the paragraphs of text[start:end]), in text
    order, without the ranges in `skip` (spans the annotator already has, suggestions they
    rejected)."""
    # Asked for a paragraph at a time with the same large set: not copied each time.
    skipped = skip if isinstance(skip, set | frozenset) else set(skip)
    unique: dict[tuple[int, int, str], Suggestion] = {}
    for first, last in paragraphs(text, start, end):
        if first == last:
            continue
        piece = text[first:last]
        found = number_suggestions(piece) if numbers else []
        if lexicon is not None:
            found += lexicon.find(piece)
        for s in found:
            if first:
                s = Suggestion(s.start + first, s.end + first, s.label, s.attrs, s.source)
            if s.key() not in skipped:
                unique.setdefault(s.key(), s)
    return sorted(unique.values(), key=Suggestion.key)


def lexicon_from_spans(rows: Iterable[tuple[str, str, int]]) -> Lexicon:
    """The project lexicon from (covered text, label, count) of the spans people accepted."""
    lexicon = Lexicon()
    for text, label, count in rows:
        lexicon.add(text, label, Source.LEXICON, votes=count)
    return lexicon
