"""Documents with hostile names and texts, written in every import format by small writers
that know nothing of the readers, and the ways such a file gets broken.

A plan is drawn by hypothesis (documents, the file's style, optionally one corrupted field);
`write` turns it into files in a folder and says what the import must give (`Expected`), or
that it must be refused. Byte mutations (`mutate`) then break any of those files at random.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from annotator.core.names import DIRECTION_MARKS

LABELS = ("ACTOR", "LOCATION", "NUMBER", "SOURCE")
# Valid label names the project does not have: they come in only with --add-labels.
NEW_LABELS = ("حدث", "EVENT_1", "x-y")
SEED_ANNOTATORS = ("amira", "omar")

# Names and text pieces an attacker, a careless export or a real Arabic report brings.
HOSTILE = (
    "'; DROP TABLE spans; --",
    'Robert"); DROP TABLE documents;--',
    "%s %d %(name)s {0} {}",
    "<script>alert(1)</script>",
    "<b>bold</b> &amp; &lt;i&gt;",
    "abc\u202edef",
    "\u2066isolate\u2069 \u2067x",
    "\u2068\u2069\u202a\u202b\u202c\u202d",
    "\u200f\u200e\u061c",
    'it\'s "quoted" `back`',
    "back\\slash \\u0000 \\n",
    "قصفت طائرات حربية روسية مدينة حماة",
    "ـــ تطويل",
    "\U0001f525 \U0001d400",
    "e\u0301 \u064e\u0650",
    "\u200d\u200c",
)
# Texts already in the seed project: drawn often, so duplicates meet existing documents.
SEED_TEXTS = (
    "قصفت طائرات حربية روسية مدينة حماة",
    "<script>alert(1)</script>",
    "abc\u202edef",
)
BREAKS = ("\r\n", "\r", "\n", "\t", " ", "\u2028", "\x85", "\ufeff", "\x0b", "\x1c")


# -- documents ---------------------------------------------------------------------------------


def _no_nul(text: str) -> bool:
    return "\x00" not in text


def texts(nul: bool = False) -> st.SearchStrategy[str]:
    """Document texts: never blank (the store refuses those) and never opening with a BOM,
    which a decoder takes for an encoding signature. `nul`: may hold U+0000 (JSON escapes it;
    a text file with a NUL byte is refused as binary)."""
    piece = st.sampled_from(HOSTILE + BREAKS) | st.text(min_size=1, max_size=8)
    whole = st.lists(piece, min_size=1, max_size=6).map("".join) | st.sampled_from(SEED_TEXTS)
    return whole.filter(
        lambda t: bool(t.strip()) and not t.startswith("\ufeff") and (nul or _no_nul(t))
    )


def names(nul: bool = False) -> st.SearchStrategy[str]:
    """Ids, titles, annotator names: anything but blank."""
    return (st.sampled_from((*HOSTILE, "amira", "عامر")) | st.text(min_size=1, max_size=12)).filter(
        lambda t: bool(t.strip()) and (nul or _no_nul(t))
    )


def _file_safe(name: str) -> bool:
    # Control characters stay out of paths: an error line names its file, and a path with a
    # line break in it would make any message two lines.
    return (
        bool(name.strip())
        and not name.startswith(".")
        and all(c.isprintable() or c in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e" for c in name)
        and not any(c in name for c in "/\\:")
        and len(name.encode("utf-8")) <= 80
        and name == name.strip()
    )


FILE_NAMES = (
    st.sampled_from((*HOSTILE, "amira", "عامر")) | st.text(min_size=1, max_size=10)
).filter(_file_safe)


@dataclass
class Doc:
    id: str
    text: str
    title: str
    annotator: str | None
    spans: list[tuple[int, int, str]]
    status: str | None


@st.composite
def spans_in(draw, text: str, labels: tuple[str, ...]) -> list[tuple[int, int, str]]:
    found = set()
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 24)))
        if text[start:end].strip():
            found.add((start, end, draw(st.sampled_from(labels))))
    return sorted(found)


def _a_person(name: str) -> bool:
    """What annotator accepts as a person's name: no control, no direction mark."""
    return not any(c in DIRECTION_MARKS or unicodedata.category(c) == "Cc" for c in name)


def person_names(nul: bool = False) -> st.SearchStrategy[str]:
    """Annotator names: any name but those core/names.py refuses at the door."""
    return names(nul).filter(_a_person)


@st.composite
def documents(
    draw,
    *,
    nul: bool = False,
    annotators: st.SearchStrategy[str | None] | None = None,
    labels: tuple[str, ...] = LABELS,
    statuses: bool = True,
) -> list[Doc]:
    annotators = person_names(nul) | st.none() if annotators is None else annotators
    docs = []
    for _ in range(draw(st.integers(1, 4))):
        text = draw(texts(nul))
        annotator = draw(annotators)
        spans = draw(spans_in(text, labels)) if annotator is not None else []
        status = None
        if annotator is not None and statuses:
            status = draw(st.sampled_from((None, "new", "in_progress", "done")))
        docs.append(Doc(draw(names(nul)), text, draw(names(nul)), annotator, spans, status))
    return docs


def labels_for(add_labels: bool) -> tuple[str, ...]:
    return LABELS + NEW_LABELS if add_labels else LABELS


# -- what an import must give -------------------------------------------------------------------


@dataclass
class Expected:
    """One document of a file as the import must store it, known without the reader."""

    text: str
    id: str | None  # None where the reader makes the id up
    meta: dict[str, Any] = field(default_factory=dict)  # must be in the stored meta
    annotator: str | None = None
    spans: frozenset[tuple[int, int, str]] = frozenset()
    status: str | None = None  # the file's, or done when it brings spans


def expected_of(doc: Doc, uid: str | None, meta: dict[str, Any], annotator=...) -> Expected:
    who = doc.annotator if annotator is ... else annotator
    if who is None:
        return Expected(doc.text, uid, meta)
    status = doc.status or ("done" if doc.spans else None)
    return Expected(doc.text, uid, meta, who, frozenset(doc.spans), status)


@dataclass
class Case:
    format: str
    command: str  # "import" or "merge"
    args: list[str]  # what follows DB on the command line
    root: Path  # the file or folder given: every refusal must name it
    files: list[Path]  # what a byte mutation may break
    expected: list[Expected] | None  # None once broken: then only the invariants are known
    must_fail: str | None = None  # set when the file is broken so that it must be refused
    relink: Callable[[], None] | None = None  # re-seal a bundle after a file was changed


@dataclass
class Plan:
    format: str
    docs: list
    style: dict[str, Any]
    corruption: tuple[str, Any] | None = None  # (what, how), chosen per format


# -- corruptions --------------------------------------------------------------------------------

# Values that have no business in a field: each corruption puts one of these in one place.
WEIRD: dict[str, Any] = {
    "negative": -1,
    "huge": 10**30,
    "too many digits": "@@DIGITS@@",  # written as 5,000 digits: no int can be printed so
    "fraction": 2.5,
    "nan": math.nan,
    "infinity": math.inf,
    "numeric string": "3",
    "null": None,
    "true": True,
    "list": [],
    "object": {},
    "empty": "",
    "blank": " \t\u00a0",
    "sql": "'; DROP TABLE spans; --",
    "format string": "%s%s%n {0}",
    "html": "<script>alert(1)</script>",
    "bidi": "x\u202ey\u2066",
    "lone surrogate": "\ud800",
    "nul": "a\x00b",
    "quote": "a\"b'c",
}
_NOT_A_STRING = {"negative", "huge", "too many digits", "fraction", "nan", "infinity", "null",
                 "true", "list", "object"}  # fmt: skip
_BAD_TEXT = _NOT_A_STRING | {"empty", "blank", "lone surrogate"}


def _refused(key: str, weird: str) -> bool | None:
    """Whether a file with WEIRD[weird] in field `key` must be refused (None: it depends)."""
    if key in ("start", "end", "start_offset", "end_offset", "offset"):
        return True  # not a non-negative integer inside the text
    if key in ("label", "labels"):
        # Not a label the project has, nor a valid name for a new one ("3" is one: it
        # comes in with --add-labels).
        return weird != "numeric string"
    if key == "text":
        return True if weird in _BAD_TEXT else None
    if key == "id":
        return True if weird in _BAD_TEXT - {"negative", "huge"} else None
    if key == "status":
        return weird != "null"
    if key == "span text":  # what a span says it covers: checked when given
        return weird != "null"
    if key in ("meta", "attrs"):
        return weird not in ("null", "object")
    if key == "data":
        return True
    if key == "spans":
        return weird not in ("null", "list")
    if key in ("annotator",):
        return True if weird in ("empty", "blank", "lone surrogate", "true", "list") else None
    return None


def _slots(obj: Any, keys: tuple[str, ...], found: list) -> list:
    """(container, key) of every field named in `keys`, depth first, in file order."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key in keys:
                found.append((obj, key))
            _slots(value, keys, found)
    elif isinstance(obj, list):
        for value in obj:
            _slots(value, keys, found)
    return found


def corrupt_json(objects: Any, keys: tuple[str, ...], corruption) -> str | None:
    """Put a weird value in one field of `objects` (in place). Returns why the file must be
    refused, or None when either outcome is fine. `corruption` is (slot number, weird name)."""
    slots = _slots(objects, keys, [])
    if not slots:
        return None
    number, weird = corruption
    container, key = slots[number % len(slots)]
    kind = key
    if key == "text" and "start" in container:  # a span's (ours, Label Studio's value)
        kind = "span text"
    elif (
        key in ("label", "labels", "entities") and "text" in container and "start" not in container
    ):
        kind = "spans"  # doccano's list of spans, under one of its three keys
    if weird == "reversed" and key in ("start", "end", "start_offset", "end_offset"):
        other = {"start": "end", "end": "start", "start_offset": "end_offset"}.get(key)
        other = other or "start_offset"
        container[key], container[other] = container[other], container[key]
        return f"{key} and {other} swapped"
    if weird == "reversed":
        weird = "negative"
    container[key] = WEIRD[weird]
    return f"{key} is {weird}" if _refused(kind, weird) else None


CORRUPTIONS = st.tuples(st.integers(0, 50), st.sampled_from([*WEIRD, "reversed"]))


def _json_bytes(obj: Any, ensure_ascii: bool, indent: int | None = None) -> bytes:
    text = json.dumps(obj, ensure_ascii=ensure_ascii, indent=indent)
    text = text.replace('"@@DIGITS@@"', "9" * 5000)
    # A lone surrogate written raw is not UTF-8 at all: a broken file, as some tools write.
    return text.encode("utf-8", "surrogatepass")


# -- one writer per format ----------------------------------------------------------------------

BOM = codecs.BOM_UTF8


@st.composite
def txt_plans(draw) -> Plan:
    docs = draw(documents(annotators=st.none()))
    style = {"names": [draw(FILE_NAMES) for _ in docs], "bom": draw(st.booleans())}
    return Plan("txt", docs, style)


def write_txt(plan: Plan, folder: Path) -> Case:
    root = folder / "in"
    root.mkdir()
    expected, files = [], []
    for number, (doc, name) in enumerate(zip(plan.docs, plan.style["names"], strict=True)):
        stem = f"{number}-{name}"
        path = root / f"{stem}.txt"
        path.write_bytes((BOM if plan.style["bom"] else b"") + doc.text.encode("utf-8"))
        files.append(path)
        expected.append(Expected(doc.text, stem, {"title": stem, "file": f"{stem}.txt"}))
    return Case("txt", "import", [str(root)], root, files, expected)


@st.composite
def csv_plans(draw, corrupt: bool = False) -> Plan:
    docs = draw(documents(annotators=st.none()))
    delimiter = draw(st.sampled_from([",", "\t", ";"]))
    style = {
        "delimiter": delimiter,
        "tsv": delimiter == "\t" and draw(st.booleans()),
        "columns": draw(st.permutations(["id", "text", "title"])),
        "quote_all": draw(st.booleans()),
        "line_end": draw(st.sampled_from(["\r\n", "\n"])),
        "bom": draw(st.booleans()),
    }
    corruption = None
    if corrupt:
        corruption = (
            draw(st.sampled_from(["no text column", "extra field", "unclosed quote"])),
            draw(st.integers(0, len(docs) - 1)),
        )
    return Plan("csv", docs, style, corruption)


def write_csv(plan: Plan, folder: Path) -> Case:
    style = plan.style
    path = folder / ("in.tsv" if style["tsv"] else "in.csv")
    out = io.StringIO()
    # Fields holding a lone CR need quotes whatever the line end: QUOTE_MINIMAL only quotes
    # characters of its own line terminator, so it is used with CRLF only.
    quoting = (
        csv.QUOTE_ALL if style["quote_all"] or style["line_end"] == "\n" else csv.QUOTE_MINIMAL
    )
    writer = csv.writer(
        out, delimiter=style["delimiter"], lineterminator=style["line_end"], quoting=quoting
    )
    columns = list(style["columns"])
    must_fail = None
    if plan.corruption and plan.corruption[0] == "no text column":
        must_fail = "no text column"
        writer.writerow(["body" if c == "text" else c for c in columns])
    else:
        writer.writerow(columns)
    expected = []
    for number, doc in enumerate(plan.docs):
        values = {"id": doc.id, "text": doc.text, "title": doc.title}
        row = [values[c] for c in columns]
        if plan.corruption and plan.corruption[1] == number:
            if plan.corruption[0] == "extra field":
                row.append("extra")
                must_fail = "a row with more fields than the header"
            elif plan.corruption[0] == "unclosed quote":
                writer.writerow(row)
                out.write('"' + doc.text.replace('"', "") + style["line_end"])
                must_fail = "an unclosed quote"
                continue
        writer.writerow(row)
        expected.append(Expected(doc.text, doc.id, {"title": doc.title}))
    path.write_bytes((BOM if style["bom"] else b"") + out.getvalue().encode("utf-8"))
    return Case("csv", "import", [str(path)], path, [path], expected, must_fail)


def _jsonl_line(doc: Doc, span_text: bool) -> dict[str, Any]:
    line: dict[str, Any] = {"id": doc.id, "text": doc.text, "meta": {"title": doc.title}}
    if doc.annotator is not None:
        line["annotator"] = doc.annotator
    if doc.status is not None:
        line["status"] = doc.status
    if doc.spans:
        line["spans"] = [
            {"start": s, "end": e, "label": label}
            | ({"text": doc.text[s:e]} if span_text else {})
            | ({"attrs": {"value": s}} if label == "NUMBER" else {})
            for s, e, label in doc.spans
        ]
    return line


JSONL_KEYS = ("id", "text", "meta", "annotator", "status", "spans", "start", "end", "label",
              "attrs")  # fmt: skip


@st.composite
def jsonl_plans(draw, corrupt: bool = False) -> Plan:
    add_labels = draw(st.booleans())
    docs = draw(documents(nul=True, labels=labels_for(add_labels)))
    style = {
        "add_labels": add_labels,
        "ensure_ascii": draw(st.booleans()),
        "span_text": draw(st.booleans()),
        "line_end": draw(st.sampled_from(["\n", "\r\n"])),
        "blank_lines": draw(st.booleans()),
        "bom": draw(st.booleans()),
    }
    return Plan("jsonl", docs, style, draw(CORRUPTIONS) if corrupt else None)


def _lines_bytes(objects: list, style: dict[str, Any]) -> bytes:
    end = style["line_end"].encode()
    data = b""
    for obj in objects:
        data += _json_bytes(obj, style["ensure_ascii"]) + end
        if style["blank_lines"]:
            data += b"  " + end
    return (BOM if style["bom"] else b"") + data


def write_jsonl(plan: Plan, folder: Path) -> Case:
    path = folder / "in.jsonl"
    objects = [_jsonl_line(doc, plan.style["span_text"]) for doc in plan.docs]
    must_fail = corrupt_json(objects, JSONL_KEYS, plan.corruption) if plan.corruption else None
    path.write_bytes(_lines_bytes(objects, plan.style))
    expected = [expected_of(d, d.id, {"title": d.title}) for d in plan.docs]
    args = [str(path)] + (["--add-labels"] if plan.style["add_labels"] else [])
    return Case("jsonl", "import", args, path, [path], expected, must_fail)


DOCCANO_KEYS = ("id", "text", "annotator", "label", "labels", "entities", "start_offset",
                "end_offset")  # fmt: skip


@st.composite
def doccano_plans(draw, corrupt: bool = False) -> Plan:
    docs = draw(documents(nul=True, statuses=False))
    style = {
        "key": draw(st.sampled_from(["label", "labels", "entities"])),
        "override": draw(st.none() | person_names()),
        "utf16": draw(st.booleans()),  # offsets as doccano writes them without grapheme mode
        "int_ids": draw(st.booleans()),
        "ensure_ascii": draw(st.booleans()),
        "line_end": draw(st.sampled_from(["\n", "\r\n"])),
        "blank_lines": draw(st.booleans()),
        "bom": draw(st.booleans()),
    }
    return Plan("doccano", docs, style, draw(CORRUPTIONS) if corrupt else None)


def write_doccano(plan: Plan, folder: Path) -> Case:
    style = plan.style
    path = folder / "in.jsonl"
    objects, expected = [], []
    for number, doc in enumerate(plan.docs):
        uid: Any = number if style["int_ids"] else doc.id
        line: dict[str, Any] = {"id": uid, "text": doc.text, "title": doc.title}
        if doc.annotator is not None:
            line["annotator"] = doc.annotator
        spans = doc.spans
        if style["utf16"]:
            spans = [
                (utf16_units(doc.text[:s]), utf16_units(doc.text[:e]), label)
                for s, e, label in doc.spans
            ]
        if style["key"] == "entities":
            line["entities"] = [
                {"start_offset": s, "end_offset": e, "label": label} for s, e, label in spans
            ]
        else:
            line[style["key"]] = [[s, e, label] for s, e, label in spans]
        objects.append(line)
        who = style["override"] if style["override"] and doc.annotator else doc.annotator
        expected.append(expected_of(doc, str(uid), {"title": doc.title}, who))
    keys = DOCCANO_KEYS
    must_fail = corrupt_json(objects, keys, plan.corruption) if plan.corruption else None
    if must_fail and style["override"] and "annotator" in must_fail:
        must_fail = None  # --annotator replaces the file's annotator
    path.write_bytes(_lines_bytes(objects, style))
    offsets = "utf16" if style["utf16"] else "codepoints"
    args = [str(path), "--format", "doccano", "--offsets", offsets]
    if style["override"]:
        args.append(f"--annotator={style['override']}")  # a name may start with "-"
    return Case("doccano", "import", args, path, [path], expected, must_fail)


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


LABEL_STUDIO_KEYS = ("id", "data", "text", "completed_by", "start", "end", "labels", "value")


@st.composite
def label_studio_plans(draw, corrupt: bool = False) -> Plan:
    docs = draw(documents(nul=True, statuses=False))
    style = {
        "indent": draw(st.sampled_from([None, 1, 2])),
        "email": draw(st.booleans()),
        "value_text": draw(st.booleans()),
        "ensure_ascii": draw(st.booleans()),
        "bom": draw(st.booleans()),
    }
    return Plan("labelstudio", docs, style, draw(CORRUPTIONS) if corrupt else None)


def write_label_studio(plan: Plan, folder: Path) -> Case:
    style = plan.style
    path = folder / "in.json"
    tasks, expected = [], []
    for doc in plan.docs:
        task: dict[str, Any] = {"id": doc.id, "data": {"text": doc.text, "title": doc.title}}
        if doc.annotator is not None:
            results = []
            for s, e, label in doc.spans:
                start = utf16_units(doc.text[:s])
                value = {"start": start, "end": start + utf16_units(doc.text[s:e])}
                if style["value_text"]:
                    value["text"] = doc.text[s:e]
                value["labels"] = [label]
                results.append({"type": "labels", "from_name": "l", "to_name": "t", "value": value})
            who = {"email": doc.annotator} if style["email"] else doc.annotator
            task["annotations"] = [{"completed_by": who, "result": results}]
        tasks.append(task)
        # A finished annotation without spans brings no status: only its text comes in.
        expected.append(expected_of(doc, doc.id, {"title": doc.title}))
    keys = LABEL_STUDIO_KEYS
    must_fail = corrupt_json(tasks, keys, plan.corruption) if plan.corruption else None
    path.write_bytes(
        (BOM if style["bom"] else b"") + _json_bytes(tasks, style["ensure_ascii"], style["indent"])
    )
    return Case("labelstudio", "import", [str(path)], path, [path], expected, must_fail)


# CoNLL documents are sentences of (token, label or None, starts a chunk).
TOKEN_POOL = ("'؛DROP", "%s", "<script>", "</b>", "a\u202eb", "\u2066x\u2069", "\u200f",
              "حماة", "قصفت", "12", "١٢", "ـــ", "\U0001f525", "e\u0301", "O", "B-ACTOR",
              "\"", "\\", "-X-", "&amp;")  # fmt: skip


def _token_ok(token: str) -> bool:
    return (
        bool(token)
        and not any(c.isspace() for c in token)
        and _no_nul(token)
        and token != "-DOCSTART-"
        and not token.startswith("\ufeff")
    )


TOKENS = (st.sampled_from(TOKEN_POOL) | st.text(min_size=1, max_size=6)).filter(_token_ok)


@st.composite
def conll_sentence(draw, labels: tuple[str, ...]) -> list[tuple[str, str]]:
    tagged: list[tuple[str, str]] = []
    while len(tagged) < draw(st.integers(1, 8)):
        if draw(st.booleans()):
            tagged.append((draw(TOKENS), "O"))
            continue
        label = draw(st.sampled_from(labels))
        for index in range(draw(st.integers(1, 3))):
            tagged.append((draw(TOKENS), f"{'B' if index == 0 else 'I'}-{label}"))
    return tagged


@st.composite
def conll_plans(draw, corrupt: bool = False) -> Plan:
    add_labels = draw(st.booleans())
    labels = labels_for(add_labels)
    docs = draw(
        st.lists(st.lists(conll_sentence(labels), min_size=1, max_size=4), min_size=1, max_size=3)
    )
    style = {
        "annotator": draw(person_names()),
        "add_labels": add_labels,
        "tab": draw(st.booleans()),
        "blank": draw(st.sampled_from(["", "\t", "   "])),  # "\t": only with TAB columns
        "line_end": draw(st.sampled_from(["\n", "\r\n"])),
        "docstart": draw(st.sampled_from(["-DOCSTART-", "-DOCSTART- -X- O O"])),
        "bom": draw(st.booleans()),
    }
    corruption = None
    if corrupt:
        bad_tags = [
            "I--ORG",
            "B-",
            "OO",
            "b-per",
            "B-'x",
            "B-<script>",
            "B-x\u202ey",
            "E-",
            "B-حماة!",
        ]
        corruption = (draw(st.integers(0, 200)), draw(st.sampled_from(bad_tags)))
    return Plan("conll", docs, style, corruption)


def write_conll(plan: Plan, folder: Path) -> Case:
    style = plan.style
    path = folder / "in.conll"
    sep = "\t" if style["tab"] else " "
    # One TAB anywhere makes the whole file TAB-separated: a space layout has none.
    blank = style["blank"] if style["tab"] else style["blank"].replace("\t", "")
    lines: list[str] = []
    expected = []
    annotator = style["annotator"].strip()
    total = sum(len(sentence) for doc in plan.docs for sentence in doc)
    bad_at = plan.corruption[0] % total if plan.corruption else None
    seen = 0
    for number, doc in enumerate(plan.docs, 1):
        if number > 1 or style["docstart"] != "-DOCSTART-":
            lines += [style["docstart"].replace(" ", sep), blank]
        pieces, spans, position = [], set(), 0
        for sentence_number, sentence in enumerate(doc):
            if sentence_number:
                pieces.append("\n")
                position += 1
            open_chunk = None
            for index, (token, tag) in enumerate(sentence):
                if index:
                    pieces.append(" ")
                    position += 1
                start, position = position, position + len(token)
                pieces.append(token)
                if tag.startswith("I-"):
                    open_chunk = (open_chunk[0], position, open_chunk[2])
                else:
                    if open_chunk:
                        spans.add(open_chunk)
                    open_chunk = (start, position, tag[2:]) if tag != "O" else None
                if seen == bad_at:
                    tag = plan.corruption[1]
                seen += 1
                lines.append(f"{token}{sep}{tag}")
            if open_chunk:
                spans.add(open_chunk)
            lines.append(blank)
        text = "".join(pieces)
        title = "in" if len(plan.docs) == 1 else f"in #{number}"
        meta = {"title": title, "file": "in.conll"}
        status = "done" if spans else None
        expected.append(Expected(text, f"in-{number}", meta, annotator, frozenset(spans), status))
    data = style["line_end"].join(lines) + style["line_end"]
    path.write_bytes((BOM if style["bom"] else b"") + data.encode("utf-8"))
    args = [str(path), f"--annotator={style['annotator']}"]
    args += ["--add-labels"] if style["add_labels"] else []
    must_fail = f"the tag {plan.corruption[1]!r}" if plan.corruption else None
    return Case("conll", "import", args, path, [path], expected, must_fail)


@st.composite
def brat_plans(draw, corrupt: bool = False) -> Plan:
    flat = draw(st.booleans())
    annotator = FILE_NAMES.filter(_a_person) if not flat else st.just("flat")
    docs = draw(documents(annotators=annotator, statuses=False))
    style = {
        "flat": flat,
        "annotator": draw(person_names()),
        "names": [draw(FILE_NAMES) for _ in docs],
        "line_end": draw(st.sampled_from(["\n", "\r\n"])),
        "extras": draw(st.booleans()),
        "bom": draw(st.booleans()),
    }
    corruption = None
    if corrupt:
        offsets = ["-1 3", "5 3", "3 3", f"0 {10**30}", "0 " + "9" * 5000, "1.0 2", "x y",
                   "0 3;", "", "0  3", "0 3;2 1"]  # fmt: skip
        labels = ["'; DROP TABLE spans; --", "<script>", "x\u202ey", "%s", "NOPE"]
        kind = draw(st.sampled_from(["offsets", "label"]))
        corruption = (kind, draw(st.sampled_from(offsets if kind == "offsets" else labels)))
    return Plan("brat", docs, style, corruption)


def write_brat(plan: Plan, folder: Path) -> Case:
    style = plan.style
    root = folder / "in"
    root.mkdir()
    end = style["line_end"]
    expected, files = [], []
    corrupted = False
    for number, (doc, name) in enumerate(zip(plan.docs, style["names"], strict=True)):
        owner = style["annotator"] if style["flat"] else doc.annotator
        where = root if style["flat"] else root / doc.annotator
        where.mkdir(exist_ok=True)
        stem = f"{number}-{name}"
        (where / f"{stem}.txt").write_bytes((BOM if style["bom"] else b"") + doc.text.encode())
        lines = []
        for k, (s, e, label) in enumerate(doc.spans, 1):
            covered = doc.text[s:e].replace("\r", " ").replace("\n", " ")
            offsets = f"{s} {e}"
            if plan.corruption and not corrupted:
                corrupted = True
                if plan.corruption[0] == "offsets":
                    offsets = plan.corruption[1]
                else:
                    label = plan.corruption[1]
            lines.append(f"T{k}\t{label} {offsets}\t{covered}")
        if style["extras"] and len(doc.spans) >= 2:
            lines.append("R1\tRel Arg1:T1 Arg2:T2")
            lines.append(f"#1\tAnnotatorNotes T1\t{HOSTILE[0]} {HOSTILE[5]}")
            lines.append("A1\tNegated T2")
        ann = where / f"{stem}.ann"
        ann.write_bytes("".join(line + end for line in lines).encode("utf-8"))
        files += [where / f"{stem}.txt", ann]
        item = expected_of(doc, stem, {"title": stem, "file": f"{stem}.txt"}, owner)
        expected.append((owner, stem, item))
    # In the order the reader walks the folders (by name): the first of two equal texts
    # gives the document its id.
    expected = [item for _, _, item in sorted(expected, key=lambda e: e[:2])]
    args = [str(root), "--format", "brat"]
    if style["flat"]:
        args.append(f"--annotator={style['annotator']}")
    must_fail = f"{plan.corruption[0]} {plan.corruption[1]!r}" if corrupted else None
    return Case("brat", "import", args, root, files, expected, must_fail)


@st.composite
def bundle_plans(draw, corrupt: bool = False) -> Plan:
    add_labels = draw(st.booleans())
    who = person_names(nul=True).filter(lambda name: name not in SEED_ANNOTATORS)
    docs = draw(documents(nul=True, annotators=who, labels=labels_for(add_labels)))
    unique = {(d.text, d.annotator): d for d in docs}  # one layer holds one line per document
    style = {
        "add_labels": add_labels,
        "ensure_ascii": draw(st.booleans()),
        "span_text": draw(st.booleans()),
        "line_end": "\n",
        "blank_lines": False,
        "bom": False,
        "reseal": draw(st.booleans()),  # after a mutation: the manifest gets the new SHA-256
    }
    return Plan("bundle", list(unique.values()), style, draw(CORRUPTIONS) if corrupt else None)


def write_bundle(plan: Plan, folder: Path) -> Case:
    root = folder / "bundle"
    root.mkdir()
    layers: dict[str, list[Doc]] = {}
    for doc in plan.docs:
        layers.setdefault(doc.annotator, []).append(doc)
    files = {}
    must_fail = None
    for number, (annotator, docs) in enumerate(layers.items()):
        objects = [_jsonl_line(doc, plan.style["span_text"]) for doc in docs]
        if plan.corruption and number == 0:
            must_fail = corrupt_json(objects, JSONL_KEYS, plan.corruption)
        path = root / f"annotator-{number}.jsonl"
        path.write_bytes(_lines_bytes(objects, plan.style))
        files[path.name] = {"annotator": annotator, "lines": len(docs)}
    manifest = root / "manifest.json"

    def reseal() -> None:
        for name, entry in files.items():
            entry["sha256"] = hashlib.sha256((root / name).read_bytes()).hexdigest()
        manifest.write_text(json.dumps({"tool": "annotator", "files": files}, ensure_ascii=False))

    reseal()
    # In the order merge reads them, layer by layer: the first of two equal texts gives the
    # document its id and meta.
    expected = [expected_of(d, d.id, {"title": d.title}) for docs in layers.values() for d in docs]
    args = [str(root)] + (["--add-labels"] if plan.style["add_labels"] else [])
    paths = [root / name for name in files] + [manifest]
    return Case(
        "bundle", "merge", args, root, paths, expected, must_fail,
        reseal if plan.style["reseal"] else None,
    )  # fmt: skip


FORMATS: dict[str, tuple[Callable[..., st.SearchStrategy[Plan]], Callable[[Plan, Path], Case]]] = {
    "txt": (txt_plans, write_txt),
    "csv": (csv_plans, write_csv),
    "jsonl": (jsonl_plans, write_jsonl),
    "doccano": (doccano_plans, write_doccano),
    "labelstudio": (label_studio_plans, write_label_studio),
    "conll": (conll_plans, write_conll),
    "brat": (brat_plans, write_brat),
    "bundle": (bundle_plans, write_bundle),
}
CORRUPTIBLE = tuple(name for name in FORMATS if name != "txt")


def plans(fmt: str, corrupt: bool = False) -> st.SearchStrategy[Plan]:
    make = FORMATS[fmt][0]
    return make(corrupt=True) if corrupt else make()


def write(plan: Plan, folder: Path) -> Case:
    return FORMATS[plan.format][1](plan, folder)


# -- byte mutations -----------------------------------------------------------------------------

# What a truncated download, a bad editor, a wrong encoding or an attacker puts in a file.
NASTY_BYTES = (
    b"\xff", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf",
    b"\x00", BOM, b"\xff\xfe", b"\xfe\xff", b"\r", b"\n", b"\r\n", b"\n\n", b'"', b"'",
    b"\\", b"\t", b",", b";", b" ", b"[", b"]", b"{", b"}", b":", b"-DOCSTART-\n",
    b"NaN", b"-Infinity", b"1e999", b"-1", b"9" * 5000, b'"\\ud800"', b"\\ud800",
    b"\xe2\x80\xae", b"\xe2\x81\xa6", b"<script>", b"'; DROP TABLE spans; --", b"%s%n",
    b"[" * 10000, b"{\"a\":" * 3000, b"T1\tACTOR -1 3\tx\n", b"B-", b"I--ORG", b"\x85",
    b"\xe2\x80\xa8", b"x" * 70000,
)  # fmt: skip

MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["truncate", "flip", "insert", "delete", "duplicate", "crlf", "cr", "empty", "blank"]
        ),
        st.integers(0, 1 << 30),
        st.integers(0, 1 << 30),
        st.sampled_from(NASTY_BYTES),
    ),
    min_size=1,
    max_size=3,
)


def mutate(data: bytes, mutations: list[tuple[str, int, int, bytes]]) -> bytes:
    for kind, a, b, nasty in mutations:
        size = len(data)
        at = a % (size + 1)
        if kind == "truncate":
            data = data[:at]
        elif kind == "flip" and size:
            at = a % size
            data = data[:at] + bytes([data[at] ^ (1 + b % 255)]) + data[at + 1 :]
        elif kind == "insert":
            data = data[:at] + nasty + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + 1 + b % 64 :]
        elif kind == "duplicate":
            piece = data[at : at + 1 + b % 256]
            data = data[:at] + piece + piece + data[at + len(piece) :]
        elif kind == "crlf":
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        elif kind == "cr":
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
        elif kind == "empty":
            data = b""
        elif kind == "blank":
            data = b" \n\t\r\n" * (1 + b % 3)
    return data
