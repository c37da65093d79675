"""brat standoff: each document is NAME.txt (the text) beside NAME.ann (its annotations).

Two layouts are read:

- flat: the .txt and .ann files are in the folder given (or in sub-collections under it,
  with .ann files directly in the folder given too); `--annotator NAME` says whose they are.
- one sub-folder per annotator (as bratiaa and brat's multi-annotator projects do): each
  direct sub-folder that holds .ann files is an annotator, named by the folder, with its own
  copy of the texts. A document's id is the .txt's path inside its annotator folder without
  ".txt", so the ids agree across annotators, and the store merges identical texts into one
  document carrying every annotator's spans.

Text-bound annotations (`T1<TAB>LABEL START END<TAB>text`) become spans; their offsets are
code points and the text after them is checked against the document. A discontinuous one
(`LABEL 0 5;10 15`) becomes one span per fragment, since our spans are contiguous. Attributes
(`A`/`M` lines) on a text-bound annotation go into its spans' attrs; relations, events,
normalizations, notes and equivalences are counted and reported, not imported.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from annotator.core.document import Document, content_hash
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.quoting import for_message
from annotator.core.records import ImportRecord
from annotator.core.spans import Origin, Span
from annotator.formats.decoding import check_label, decode
from annotator.formats.text import read_bytes, read_decoded

_KINDS = {
    "R": ("relation", "relations"),
    "E": ("event", "events"),
    "A": ("attribute", "attributes"),
    "M": ("attribute", "attributes"),
    "N": ("normalization", "normalizations"),
    "#": ("note", "notes"),
    "*": ("equivalence", "equivalences"),
}
_DISCONTINUOUS = ("discontinuous annotation", "discontinuous annotations")
# ASCII digits only (\d would take Arabic-Indic ones too), and few enough to be an offset.
_NUMBER = r"[0-9]{1,15}"
_OFFSETS = re.compile(rf"{_NUMBER} {_NUMBER}(?:;{_NUMBER} {_NUMBER})*")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BREAKS_AS_SPACES = str.maketrans({"\r": " ", "\n": " "})


@dataclass
class _TextBound:
    id: str
    label: str
    fragments: list[tuple[int, int]]
    text: str
    line: int
    attrs: dict[str, Any] = field(default_factory=dict)


def _visible_files(folder: Path) -> list[Path]:
    """Files under `folder`, recursively in name order, hidden files and folders skipped.
    Linked folders are not entered (as in the other formats' folder walk): a link back up
    would read the collection again and again under ever longer ids."""
    found: list[Path] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                found.extend(_visible_files(entry))
        elif entry.is_file():
            found.append(entry)
    return found


def _plural(count: int, kind: tuple[str, str]) -> str:
    return f"{count} {kind[0] if count == 1 else kind[1]}"


def _bad(message: str) -> InputError:
    return InputError(message, "bad_brat")


def _parse_textbound(fields: list[str], number: int) -> _TextBound:
    if len(fields) != 3:
        raise _bad(
            f"text-bound annotation {for_message(fields[0])} needs three TAB-separated fields "
            "(ID, LABEL START END, text)"
        )
    label, _, offsets = fields[1].partition(" ")
    check_label(label)
    if not label or not _OFFSETS.fullmatch(offsets):
        raise _bad(
            f"text-bound annotation {for_message(fields[0])} needs LABEL START END "
            f"(or START END;START END...), not {for_message(fields[1])}"
        )
    fragments = []
    for part in offsets.split(";"):
        start, end = (int(n) for n in part.split(" "))
        if end <= start:
            raise _bad(f"{for_message(fields[0])}: fragment {start}-{end} ends before it starts")
        fragments.append((start, end))
    return _TextBound(fields[0], label, fragments, fields[2], number)


def _covered(text: str, bound: _TextBound, shift: int) -> str | None:
    """What the document holds at the annotation's fragments, or None if they fall outside."""
    parts = []
    for start, end in bound.fragments:
        start, end = start - shift, end - shift
        if start < 0 or end > len(text):
            return None
        parts.append(text[start:end])
    # brat writes a discontinuous annotation's text as its fragments joined by one space.
    return " ".join(parts)


def _matches(text: str, bound: _TextBound, shift: int) -> bool:
    covered = _covered(text, bound, shift)
    if covered is None:
        return False
    if covered == bound.text:
        return True
    # Tools that cannot write a line break on the .ann line write a space for it instead.
    return covered.translate(_BREAKS_AS_SPACES) == bound.text


def _mismatch(text: str, bound: _TextBound) -> InputError:
    for start, end in bound.fragments:
        if end > len(text):
            return InputError(
                f"{for_message(bound.id)} {start}-{end} ({for_message(bound.label)}) is out of "
                f"range: the text has {len(text)} characters",
                "span_out_of_range",
            )
    return InputError(
        f"{for_message(bound.id)} {';'.join(f'{s}-{e}' for s, e in bound.fragments)} "
        f"({for_message(bound.label)}) says its text is "
        f"{for_message(bound.text, quoted=True)} but the document has "
        f"{for_message(_covered(text, bound, 0), quoted=True)} there",
        "span_text_mismatch",
    )


class _AnnFile:
    """One .ann file, parsed and checked against its text."""

    def __init__(self, path: Path, encoding: str | None, notes: list[str]) -> None:
        self.path = path
        self.bounds: dict[str, _TextBound] = {}
        self.skipped: Counter[tuple[str, str]] = Counter()
        content = read_decoded(path, encoding, notes)
        ids: dict[str, int] = {}
        attributes: list[tuple[int, str, str, Any]] = []
        for number, raw in enumerate(content.split("\n"), 1):
            line = raw.removesuffix("\r")
            if not line.strip():
                continue
            try:
                self._parse_line(line, number, ids, attributes)
            except AnnotatorError as exc:
                raise exc.located(path, number) from None
        for number, target, name, value in attributes:
            if target not in ids:
                raise InputError(
                    f"attribute {for_message(name)} is on {for_message(target)}, which this "
                    "file does not define",
                    "bad_brat",
                    str(path),
                    number,
                )
            if target in self.bounds:
                self.bounds[target].attrs[name] = value
            else:
                self.skipped[_KINDS["A"]] += 1

    def _parse_line(
        self,
        line: str,
        number: int,
        ids: dict[str, int],
        attributes: list[tuple[int, str, str, Any]],
    ) -> None:
        fields = line.split("\t", 2)
        ident = fields[0]
        kind = ident[:1]
        if kind != "T" and kind not in _KINDS:
            raise _bad(
                f"not a brat annotation line (it should start with T, R, E, A, M, N, # or *): "
                f"{line[:40]!r}"
            )
        if len(fields) < 2 or not fields[1].strip() or ident != ident.strip() or not ident:
            raise _bad(f"not a brat annotation line (ID<TAB>annotation...): {line[:40]!r}")
        if kind != "*":  # equivalences all share the id "*"
            if ident in ids:
                raise _bad(f"{for_message(ident)} is defined twice (first on line {ids[ident]})")
            ids[ident] = number
        if kind == "T":
            self.bounds[ident] = _parse_textbound(fields, number)
        elif kind in "AM":
            parts = fields[1].split(" ")
            if len(parts) not in (2, 3) or not all(parts) or len(fields) != 2:
                raise _bad(
                    f"attribute {for_message(ident)} needs NAME TARGET [VALUE], "
                    f"not {for_message(fields[1])}"
                )
            attributes.append((number, parts[1], parts[0], parts[2] if len(parts) == 3 else True))
        else:
            self.skipped[_KINDS[kind]] += 1

    def check(self, text: str, had_bom: bool, notes: list[str]) -> int:
        """Check every annotation's text; return the shift (1 when brat counted a BOM)."""
        wrong = next((b for b in self.bounds.values() if not _matches(text, b, 0)), None)
        if wrong is None:
            return 0
        if had_bom and all(_matches(text, b, 1) for b in self.bounds.values()):
            notes.append(
                f"{self.path}: offsets count the text file's byte-order mark as a character; "
                "shifted by one to match the text without it"
            )
            return 1
        raise _mismatch(text, wrong).located(self.path, wrong.line)

    def spans(
        self, annotator: str, label_map: dict[str, str], shift: int
    ) -> tuple[list[Span], list[int]]:
        """The spans, and the .ann line of each."""
        spans, lines = [], []
        for bound in self.bounds.values():
            label = label_map.get(bound.label, bound.label)
            for start, end in bound.fragments:
                try:
                    spans.append(
                        Span(
                            start - shift,
                            end - shift,
                            label,
                            annotator,
                            dict(bound.attrs),
                            Origin.IMPORTED,
                        )
                    )
                except AnnotatorError as exc:
                    raise exc.located(self.path, bound.line) from None
                lines.append(bound.line)
        return spans, lines

    def report(self, notes: list[str]) -> None:
        split = [b.id for b in self.bounds.values() if len(b.fragments) > 1]
        if split:
            notes.append(
                f"{self.path}: {_plural(len(split), _DISCONTINUOUS)} "
                f"({', '.join(map(for_message, split))}) "
                "imported as one span per fragment"
            )
        for kind, count in self.skipped.items():
            notes.append(f"{self.path}: {_plural(count, kind)} not imported")


def _read_document(
    txt: Path | None,
    ann: Path | None,
    name: PurePosixPath,
    annotator: str,
    label_map: dict[str, str],
    encoding: str | None,
    notes: list[str],
) -> ImportRecord | None:
    if txt is None:
        raise InputError(
            f"annotations without their text: there is no {name.with_suffix('.txt').name} "
            "beside this file",
            "missing_text",
            str(ann),
        )
    # The .txt is decoded here, not by read_decoded: a byte-order mark in its bytes may be
    # what brat's offsets counted.
    data = read_bytes(txt)
    parsed = _AnnFile(ann, encoding, notes) if ann is not None else None
    if not data.strip():
        if parsed is None or not parsed.bounds:
            notes.append(f"{txt}: empty text: skipped")
            return None
        raise InputError(
            "empty file (no text) but its .ann has annotations", "empty_text", str(txt)
        )
    try:
        text, note = decode(data, encoding)
        doc = Document(str(name.with_suffix("")), text, {"title": name.stem, "file": str(name)})
    except AnnotatorError as exc:
        raise exc.located(txt) from None
    if note:
        notes.append(f"{txt}: {note}")
    if parsed is None:
        return ImportRecord(doc, str(txt), annotator=annotator)
    shift = parsed.check(text, data.startswith(_BOMS), notes)
    parsed.report(notes)
    spans, lines = parsed.spans(annotator, label_map, shift)
    return ImportRecord(doc, str(ann), None, spans, annotator, span_lines=lines)


def _read_annotator_folder(
    root: Path, annotator: str, label_map: dict[str, str], encoding: str | None, notes: list[str]
) -> Iterator[ImportRecord]:
    pairs: dict[PurePosixPath, dict[str, Path]] = {}
    for file in _visible_files(root):
        if file.suffix in (".txt", ".ann"):
            stem = PurePosixPath(file.relative_to(root).as_posix()).with_suffix("")
            pairs.setdefault(stem, {})[file.suffix] = file
    for stem, files in pairs.items():
        record = _read_document(
            files.get(".txt"),
            files.get(".ann"),
            stem.with_name(stem.name + ".txt"),
            annotator,
            label_map,
            encoding,
            notes,
        )
        if record is not None:
            yield record


def _holds_ann(folder: Path) -> bool:
    return any(f.suffix == ".ann" for f in _visible_files(folder))


def read_brat(
    path: Path,
    annotator: str | None,
    label_map: dict[str, str],
    notes: list[str],
    encoding: str | None = None,
) -> Iterator[ImportRecord]:
    """Read a brat folder: flat (with `annotator`) or one sub-folder per annotator.
    `encoding` (both .txt and .ann files): None reads UTF-8, or detects Windows Arabic."""
    if not path.is_dir():
        raise InputError(
            "a brat import needs a folder of .txt and .ann files", "not_a_folder", str(path)
        )
    entries = [
        e for e in sorted(path.iterdir(), key=lambda p: p.name) if not e.name.startswith(".")
    ]
    if any(e.is_file() and e.suffix == ".ann" for e in entries):
        if annotator is None:
            raise InputError(
                "whose annotations are these? give --annotator NAME (a brat folder names its "
                "annotators only with one sub-folder per annotator)",
                "no_annotator",
                str(path),
            )
        yield from _read_annotator_folder(path, annotator, label_map, encoding, notes)
        return
    folders = [e for e in entries if e.is_dir() and _holds_ann(e)]
    if not folders:
        raise InputError(
            "no .ann files here: not a brat folder (plain .txt files import with --format txt)",
            "not_brat",
            str(path),
        )
    names = ", ".join(f.name for f in folders)
    if annotator is not None:
        raise InputError(
            f"the folder layout already names the annotators ({names}): leave out --annotator, "
            "or import one annotator's sub-folder with --annotator NAME",
            "annotator_given_twice",
            str(path),
        )
    for entry in entries:
        if entry.is_file() and entry.suffix == ".txt":
            notes.append(f"{entry}: not in an annotator's sub-folder: skipped")
        elif entry.is_dir() and entry not in folders:
            notes.append(f"{entry}: no .ann files, so not an annotator's folder: skipped")
    first_seen: dict[str, tuple[str, str]] = {}  # id -> (text hash, file), across annotators
    for folder in folders:
        for record in _read_annotator_folder(folder, folder.name, label_map, encoding, notes):
            doc = record.document
            seen = first_seen.setdefault(doc.id, (content_hash(doc.text), record.source))
            if seen[0] != content_hash(doc.text):
                notes.append(
                    f"{record.source}: the text of {doc.id!r} differs from {seen[1]}'s: "
                    "imported as a separate document"
                )
            yield record
