"""Values from files quoted in one-line messages (the readers' refusals, merge conflicts)."""

from __future__ import annotations


def for_message(value: object, limit: int = 60, quoted: bool = False) -> str:
    """A value from a file as a message quotes it: as it is when it is plain printable text
    (`quoted`: always in quotes), else its repr, so that a line break, a control or a bidi
    override in a name can neither split the one-line message nor reorder it. Long values
    are cut."""
    text = str(value)
    cut = text[:limit] + "…" if len(text) > limit else text
    plain = cut.isprintable() and cut.strip() == cut and cut
    return cut if plain and not quoted else repr(cut)
