"""Names inside a line of interface text, kept from reordering the rest of the line.

A document title, an id, an annotator's or a file's name may hold bidi controls: an override
(U+202E) left open reverses everything after it, a stray U+2069 closes the isolate around
the name early, and a line break splits the line. For display only (names and texts are
stored exactly as they came), `balanced` closes what a name opens and leaves out what it
closes without having opened, and `isolated` wraps the result in an isolate, so that the
name is laid out on its own and the text around it keeps its order.
"""

from __future__ import annotations

import re

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
EMBEDDINGS = (LRE, RLE, LRO, RLO)  # closed by PDF
ISOLATES = (LRI, RLI, FSI)  # closed by PDI
CONTROLS = frozenset((*EMBEDDINGS, *ISOLATES, PDF, PDI))
# Paragraph separators (bidi class B) and the line separator: each would break the line the
# name sits in, and a paragraph break resets the bidi state the isolate relies on.
_BREAKS = "\n\r\x1c\x1d\x1e\x85\u2028\u2029"
_ONE_LINE = str.maketrans(dict.fromkeys(_BREAKS, " "))
_SPECIAL = re.compile(f"[{''.join(sorted(CONTROLS))}{re.escape(_BREAKS)}]")


def needs_isolation(text: str) -> bool:
    """Whether `text` holds a bidi control or a line break."""
    return _SPECIAL.search(text) is not None


def balanced(text: str) -> str:
    """`text` for display inside a line: every embedding, override and isolate it opens is
    closed at its end, every PDF or PDI with nothing to close is left out, and line breaks
    are shown as spaces. A PDI that closes an isolate first closes, with PDFs, the
    embeddings opened inside it, so the result stays balanced even where isolates are
    dropped (a terminal without them)."""
    if not needs_isolation(text):
        return text
    out: list[str] = []
    open_: list[str] = []  # the closer each open context needs, innermost last
    for char in text.translate(_ONE_LINE):
        if char in EMBEDDINGS:
            open_.append(PDF)
        elif char in ISOLATES:
            open_.append(PDI)
        elif char == PDF:
            if not open_ or open_[-1] != PDF:
                continue  # closes nothing of this text's own: dropped
            open_.pop()
        elif char == PDI:
            if PDI not in open_:
                continue  # would close the isolate around the text: dropped
            while (closer := open_.pop()) != PDI:
                out.append(closer)
        out.append(char)
    out.extend(reversed(open_))
    return "".join(out)


def isolated(text: str, rtl: bool | None = None) -> str:
    """`text` as a bidi isolate: FSI (its first strong letter decides its direction) or,
    when the caller has decided it, RLI or LRI, then the balanced text and PDI."""
    opener = FSI if rtl is None else RLI if rtl else LRI
    return f"{opener}{balanced(text)}{PDI}"


def isolated_if_needed(text: str, rtl: bool | None = None) -> str:
    """`text` isolated if it holds bidi controls or line breaks, else as it is: for places
    that show ordinary names bare."""
    return isolated(text, rtl) if needs_isolation(text) else text


_OUTSIDE_CONTROL = re.compile(f"[{LRE}{RLE}{PDF}{LRO}{RLO}{LRI}{RLI}{FSI}{PDI}]")


def escaped_outside_isolates(text: str) -> str:
    """Embeddings, overrides and PDFs that are not inside an isolate written visibly as
    <U+202E>: they come from a value nobody isolated (a file name in an error message) and
    would reorder the rest of its line."""
    if _OUTSIDE_CONTROL.search(text) is None:
        return text
    out, depth = [], 0
    for char in text:
        if char in ISOLATES:
            depth += 1
        elif char == PDI:
            depth = max(0, depth - 1)
        elif depth == 0 and (char in EMBEDDINGS or char == PDF):
            out.append(f"<U+{ord(char):04X}>")
            continue
        out.append(char)
    return "".join(out)
