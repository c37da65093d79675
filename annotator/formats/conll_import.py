"""CoNLL-style NER files: a token and its tags per line, blank lines between sentences.

    الأمم     B-ORG
    المتحدة   I-ORG    (one or more tag columns; a TAB or runs of spaces between columns)

    -DOCSTART-         (starts a new document)

The layout, read per file:

- **Columns.** If any line of the file holds a TAB, columns are split on TABs (a token may
  then hold spaces); otherwise on runs of spaces. Spaces around a field are not part of it.
  Every column after the token is a tag column. A file with no tag column at all is read as
  tokens only (no spans).
- **Sentences and documents.** A blank line (or one of only spaces and TABs, as NewsFANE's
  lone TAB) ends a sentence. A `-DOCSTART-` line ends a document; the rest of that line is
  ignored. A file without `-DOCSTART-` is ONE document, however long (AQMAR: one article per
  file; NewsFANE: its whole 170K-token file is one document).
- **Text.** The document text is rebuilt from the tokens: tokens joined by one space within a
  sentence, sentences joined by "\\n". Tokens are kept exactly as the file writes them: bidi
  marks (U+200E, U+200F), tatweel, Wojood's `$#$` marker lines (ordinary tokens). A leading
  byte-order mark is removed (an encoding signature, not text) and so is a CR before the LF.
  The file's own tokenization goes into meta["tokenization"] (`recorded`), so an export
  reproduces every token; meta also has "title" (the file stem, plus " #N" when the file
  holds several documents) and "file" (the file name). Ids are `<stem>-<n>`, n from 1.
- **Tags.** Each tag column is one nesting level; the spans of every column are imported, so
  several columns give nested or overlapping spans (Wojood). A line with fewer tag columns
  than another has "O" in the missing ones. A span covers its tokens and the single spaces
  between them. Labels go through `label_map` (unmapped labels are kept; the store refuses
  labels the project does not have unless the import adds labels).
- **Scheme**, detected per file from its well-formed tags:
  BIOES if any E- or S- tag occurs; otherwise IOB1 if some I- tag starts a chunk (no B-/I-
  of its type just before it) and every B- tag follows a tag of its own type (IOB1 uses B-
  only between two adjacent chunks of one type); otherwise IOB2 (B- starts every chunk).
  IOB1 and IOB2 decode alike except that an I- starting a chunk is an error in IOB2.
- **Strict by default.** A malformed tag (`I--ORG`, `OO`, `IO`, `B-`, `b-per`, a missing
  tag), an I- with no chunk to continue (IOB2, BIOES), an E- closing no chunk, or a BIOES
  chunk left open is an InputError naming the file, the line, the token and the tag.
- **Lenient** (`lenient=True`) repairs each of these and reports every repair as a note
  "file:line: what was read and how":
  * a tag whose label has stray punctuation at its ends is read with it removed
    (`I--ORG` -> `I-ORG`, ``B-MIS1` `` -> `B-MIS1`);
  * any other malformed tag (`OO`, `IO`, `B-`, a missing tag) is read as `O`;
  * an orphan `I-X` starts a chunk (read as `B-X`), an orphan `E-X` is a one-token chunk
    (`S-X`), and an unclosed BIOES chunk ends at its last token.
  A well-formed label that is merely unexpected (AQMAR's `B-MISS1`) is not a tag error: it
  comes in as its own label, or maps elsewhere with the label map.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.document import Document
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.records import ImportRecord
from annotator.core.spans import Origin, Span
from annotator.formats.decoding import decode
from annotator.formats.text import read_bytes
from annotator.formats.tokenization import TOKENIZATION_KEY, Sentence, recorded

DOCSTART = "-DOCSTART-"

# A label starts and ends with a letter or digit; inside it may hold - _ . : (NewsFANE's
# Building-Grounds, Other_PER). Arabic label names are letters too.
_LABEL = r"[^\W_](?:[\w.:-]*\w)?"
_TAG = re.compile(rf"([BIES])-({_LABEL})")
_STRAY = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(" +")
_NAME = re.compile(r"[^\s=,]+")


@dataclass
class ConllOptions:
    annotator: str  # whose spans these are (required for tagged files)
    lenient: bool = False
    label_map: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None


def parse_label_map(text: str) -> dict[str, str]:
    """Read `PERS=ACTOR,ORG=ACTOR,LOC=LOCATION` as {"PERS": "ACTOR", ...}.

    Spaces around names are allowed, and inside a source label too (`Identity based
    Attack=IDENTITY`); a source label with a comma, a double quote or spaces at its ends is
    written in double quotes, a quote in it doubled (`"a, ""b"" c"=ACTOR`). The target is a
    project label, after the last "=". A label mapped to two different labels is an error.
    """
    mapping: dict[str, str] = {}
    if not text.strip():
        raise InputError("empty label map (expected FROM=TO,FROM=TO...)", "bad_label_map")
    for item in _entries(text):
        source, equals, target = item.rpartition("=")
        source, target = _unquoted(source.strip()), target.strip()
        if not equals or not source or not _NAME.fullmatch(target):
            raise InputError(
                f"bad label map entry {item.strip()!r} (expected FROM=TO, e.g. PER=ACTOR, "
                'or "FROM, with a comma"=TO)',
                "bad_label_map",
            )
        if mapping.get(source, target) != target:
            raise InputError(
                f"label {source!r} is mapped twice ({mapping[source]} and {target})",
                "bad_label_map",
            )
        mapping[source] = target
    return mapping


def _entries(text: str) -> list[str]:
    """The map's entries: split at the commas outside double quotes."""
    entries, current, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            entries.append("".join(current))
            current = []
        else:
            current.append(char)
    if quoted:
        raise InputError(f"unclosed double quote in the label map {text!r}", "bad_label_map")
    entries.append("".join(current))
    return entries


def _unquoted(source: str) -> str:
    if len(source) >= 2 and source[0] == source[-1] == '"':
        return source[1:-1].replace('""', '"')
    return source


@dataclass
class _Line:
    number: int
    token: str
    tags: list[str]


@dataclass
class _Doc:
    sentences: list[list[_Line]] = field(default_factory=list)
    current: list[_Line] = field(default_factory=list)

    def end_sentence(self) -> None:
        if self.current:
            self.sentences.append(self.current)
            self.current = []


def _fields(line: str, tab: bool) -> list[str]:
    if tab:
        fields = [part.strip(" ") for part in line.split("\t")]
        while fields and not fields[-1]:
            fields.pop()
        return fields
    return _SPACES.split(line.strip(" "))


def _parse(text: str, path: Path, lenient: bool, notes: list[str]) -> tuple[list[_Doc], bool]:
    """Documents of sentences of lines, and whether the file has any tag column."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    tab = any("\t" in line for line in lines)
    docs = [_Doc()]
    tagged = False
    for number, line in enumerate(lines, 1):
        if not line.strip(" \t"):
            docs[-1].end_sentence()
            continue
        token, *tags = _fields(line, tab)
        if token == DOCSTART:
            docs[-1].end_sentence()
            docs.append(_Doc())
            continue
        if not token:
            message = f"no token before the tags {' '.join(tags)!r}"
            if not lenient:
                raise InputError(message, "bad_conll", str(path), number)
            notes.append(f"{path}:{number}: {message}: line left out")
            continue
        tagged = tagged or bool(tags)
        docs[-1].current.append(_Line(number, token, tags))
    docs[-1].end_sentence()
    return [doc for doc in docs if doc.sentences], tagged


def _split(tag: str) -> tuple[str, str] | None:
    """("O", "") or (prefix, label) for a well-formed tag; None for a malformed one."""
    if tag == "O":
        return "O", ""
    match = _TAG.fullmatch(tag)
    return (match[1], match[2]) if match else None


def _columns(line: _Line, width: int) -> list[str]:
    return line.tags + ["O"] * (width - len(line.tags))


def _detect_scheme(docs: list[_Doc], width: int) -> str:
    """ "BIOES", "IOB1" or "IOB2" (see the module docstring)."""
    i_starts = False
    b_after_other = False
    for doc in docs:
        for sentence in doc.sentences:
            previous = [("O", "")] * width
            for line in sentence:
                current = [_split(tag) or ("O", "") for tag in _columns(line, width)]
                for (prefix, label), (before, before_label) in zip(current, previous, strict=True):
                    if prefix in ("E", "S"):
                        return "BIOES"
                    continues = before in ("B", "I") and before_label == label
                    if prefix == "I" and not continues:
                        i_starts = True
                    elif prefix == "B" and not continues:
                        b_after_other = True
                previous = current
    return "IOB1" if i_starts and not b_after_other else "IOB2"


class _Decoder:
    """Turns the tag columns of one file into spans, checking (or repairing) every tag."""

    def __init__(
        self, path: Path, options: ConllOptions, annotator: str, notes: list[str], scheme: str
    ):
        self.path = path
        self.options = options
        self.annotator = annotator
        self.notes = notes
        self.scheme = scheme

    def problem(self, line: _Line, message: str, repair: str) -> None:
        if not self.options.lenient:
            raise InputError(message, "bad_tag", str(self.path), line.number)
        self.notes.append(f"{self.path}:{line.number}: {message}: {repair}")

    def checked(self, line: _Line, tag: str) -> tuple[str, str]:
        parsed = _split(tag)
        if parsed is not None:
            return parsed
        what = f"invalid tag {tag!r} on token {line.token!r}"
        if tag[:2] in ("B-", "I-", "E-", "S-"):
            cleaned = _STRAY.sub("", tag[2:])
            if re.fullmatch(_LABEL, cleaned):
                self.problem(
                    line, what, f"read as '{tag[0]}-{cleaned}' (stray punctuation removed)"
                )
                return tag[0], cleaned
        self.problem(line, what, "read as 'O'")
        return "O", ""

    def spans(self, sentence: list[_Line], offsets: Sentence, width: int) -> list[Span]:
        found: list[tuple[int, int, str]] = []
        # Per column: the open chunk as (label, index of its first token).
        open_: list[tuple[str, int] | None] = [None] * width
        bioes = self.scheme == "BIOES"

        def close(column: int, last: int) -> None:
            chunk = open_[column]
            if chunk is not None:
                found.append((chunk[1], last, chunk[0]))
                open_[column] = None

        for index, line in enumerate(sentence):
            if not line.tags:
                self.problem(line, f"no tag on token {line.token!r}", "read as 'O'")
            for column, tag in enumerate(_columns(line, width)):
                prefix, label = self.checked(line, tag)
                chunk = open_[column]
                continues = chunk is not None and chunk[0] == label and prefix in ("I", "E")
                if bioes and chunk is not None and not continues:
                    self.problem(
                        line,
                        f"tag {tag!r} on token {line.token!r} follows an open {chunk[0]} chunk "
                        f"that has no E-{chunk[0]}",
                        f"the {chunk[0]} chunk ends at the token before",
                    )
                    close(column, index - 1)
                if continues:
                    if prefix == "E":
                        close(column, index)
                    continue
                if prefix == "I" and (bioes or self.scheme == "IOB2"):
                    self.problem(
                        line,
                        f"tag {tag!r} on token {line.token!r} continues no chunk "
                        f"(no B-{label} before it)",
                        f"read as 'B-{label}'",
                    )
                elif prefix == "E":
                    self.problem(
                        line,
                        f"tag {tag!r} on token {line.token!r} closes no chunk "
                        f"(no B-{label} before it)",
                        f"read as 'S-{label}'",
                    )
                close(column, index - 1)
                if prefix in ("B", "I"):
                    open_[column] = (label, index)
                elif prefix in ("E", "S"):
                    found.append((index, index, label))
        last = len(sentence) - 1
        for column, chunk in enumerate(open_):
            if chunk is not None and bioes:
                self.problem(
                    sentence[last],
                    f"the sentence ends inside a {chunk[0]} chunk that has no E-{chunk[0]}",
                    f"the {chunk[0]} chunk ends at token {sentence[last].token!r}",
                )
            close(column, last)
        label_map = self.options.label_map
        keys = {
            (offsets[first][0], offsets[last][1], label_map.get(label, label))
            for first, last, label in found
        }
        return [
            Span(start, end, label, self.annotator, {}, Origin.IMPORTED)
            for start, end, label in sorted(keys, key=lambda k: (k[0], -k[1], k[2]))
        ]


def read_conll(path: Path, options: ConllOptions, notes: list[str]) -> Iterator[ImportRecord]:
    """Read the whole file (the scheme is a property of the file), then yield its documents.

    Nothing is yielded for a file with an error, so a strict import fails before storing any
    of it.
    """
    try:
        text, note = decode(read_bytes(path), options.encoding)
    except AnnotatorError as exc:
        raise exc.located(path) from None
    if note:
        notes.append(f"{path}: {note}")
    docs, tagged = _parse(text, path, options.lenient, notes)
    if not docs:
        raise InputError("empty file (no tokens)", "empty_text", str(path))
    annotator = options.annotator.strip() if options.annotator else ""
    if tagged and not annotator:
        raise InputError(
            "the file has tags, so its spans need an annotator: give --annotator NAME",
            "no_annotator",
            str(path),
        )
    width = max(len(line.tags) for doc in docs for s in doc.sentences for line in s)
    decoder = _Decoder(path, options, annotator, notes, _detect_scheme(docs, width))
    records = []
    for number, doc in enumerate(docs, 1):
        pieces: list[str] = []
        sentences: list[Sentence] = []
        spans: list[Span] = []
        position = 0
        for sentence in doc.sentences:
            if sentences:
                pieces.append("\n")
                position += 1
            offsets: Sentence = []
            for index, line in enumerate(sentence):
                if index:
                    pieces.append(" ")
                    position += 1
                pieces.append(line.token)
                offsets.append((position, position + len(line.token)))
                position += len(line.token)
            sentences.append(offsets)
            if width:
                spans.extend(decoder.spans(sentence, offsets, width))
        title = path.stem if len(docs) == 1 else f"{path.stem} #{number}"
        meta = {"title": title, "file": path.name, TOKENIZATION_KEY: recorded(sentences)}
        first_line = doc.sentences[0][0].number
        try:
            document = Document(f"{path.stem}-{number}", "".join(pieces), meta)
        except AnnotatorError as exc:
            raise exc.located(path, first_line) from None
        records.append(
            ImportRecord(document, str(path), first_line, spans, annotator or None, None)
        )
    yield from records
