"""The label set of a project: name, colour, keyboard shortcut, and whether it is retired.

A retired label keeps its spans (they are still exported) but is no longer offered for new
ones. Renaming a label renames it on every span, because spans refer to the label, not to
its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from annotator.core.errors import InputError

# Okabe & Ito's palette, designed to stay distinct under the common colour-vision
# deficiencies (protanopia, deuteranopia, tritanopia). Later labels take the rest in order.
COLOUR_BLIND_SAFE = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#0072B2",  # blue
    "#D55E00",  # vermilion
    "#F0E442",  # yellow
    "#999999",  # grey
)

SHORTCUTS = tuple("123456789")

# A label name is one token in CoNLL exports: letters, digits, '_' or '-', no white space.
_NAME = re.compile(r"[^\W_][\w\-]{0,39}")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Label:
    name: str
    colour: str
    shortcut: str | None = None
    retired: bool = False
    description: str = ""

    def __post_init__(self) -> None:
        check_label_name(self.name)
        if not isinstance(self.colour, str) or not _COLOUR.fullmatch(self.colour):
            raise InputError(
                f"label colour must look like #RRGGBB, not {self.colour!r}", "bad_label"
            )
        if self.shortcut is not None and self.shortcut not in SHORTCUTS:
            raise InputError(
                f"label shortcut must be one of the keys 1-9, not {self.shortcut!r}", "bad_label"
            )


def check_label_name(name: object) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InputError(
            f"label name {name!r} is not valid: use up to 40 letters, digits, '_' or '-', "
            "starting with a letter or digit",
            "bad_label",
        )
    return name


DEFAULT_LABELS = (
    Label("ACTOR", COLOUR_BLIND_SAFE[0], "1", description="Armed forces, groups, states, people"),
    Label("LOCATION", COLOUR_BLIND_SAFE[1], "2", description="Places: cities, villages, regions"),
    Label("NUMBER", COLOUR_BLIND_SAFE[2], "3", description="Counts and casualties, with a value"),
    Label("SOURCE", COLOUR_BLIND_SAFE[3], "4", description="Who reported it"),
)


class LabelSet:
    """An ordered set of labels with unique names and unique shortcuts among active labels.

    Each operation validates first and changes nothing when it fails.
    """

    def __init__(self, labels: Iterable[Label] = DEFAULT_LABELS) -> None:
        self._labels: list[Label] = []
        for label in labels:
            self.add(label)

    def __iter__(self) -> Iterator[Label]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __contains__(self, name: object) -> bool:
        return any(label.name == name for label in self._labels)

    def __getitem__(self, name: str) -> Label:
        for label in self._labels:
            if label.name == name:
                return label
        known = ", ".join(label.name for label in self._labels)
        raise InputError(f"unknown label {name!r} (labels: {known})", "unknown_label")

    def active(self) -> list[Label]:
        return [label for label in self._labels if not label.retired]

    def by_shortcut(self, key: str) -> Label | None:
        return next((lab for lab in self.active() if lab.shortcut == key), None)

    def next_colour(self) -> str:
        used = {label.colour.upper() for label in self._labels}
        free = [c for c in COLOUR_BLIND_SAFE if c not in used]
        return free[0] if free else COLOUR_BLIND_SAFE[len(self._labels) % len(COLOUR_BLIND_SAFE)]

    def next_shortcut(self) -> str | None:
        used = {label.shortcut for label in self.active()}
        return next((key for key in SHORTCUTS if key not in used), None)

    def _check_shortcut(self, shortcut: str | None, ignore: str | None = None) -> None:
        if shortcut is None:
            return
        for label in self.active():
            if label.shortcut == shortcut and label.name != ignore:
                raise InputError(
                    f"shortcut {shortcut} is already used by label {label.name}", "bad_label"
                )

    def add(self, label: Label) -> Label:
        if label.name in self:
            raise InputError(f"label {label.name} already exists", "bad_label")
        if not label.retired:
            self._check_shortcut(label.shortcut)
        self._labels.append(label)
        return label

    def new(self, name: str, colour: str | None = None, shortcut: str | None = None) -> Label:
        """Add a label, picking a free colour and shortcut when none is given."""
        return self.add(Label(name, colour or self.next_colour(), shortcut or self.next_shortcut()))

    def _replace(self, current: str, **changes) -> Label:
        old = self[current]
        new = replace(old, **changes)
        self._labels[self._labels.index(old)] = new
        return new

    def rename(self, old: str, new: str) -> Label:
        check_label_name(new)
        self[old]
        if new != old and new in self:
            raise InputError(f"label {new} already exists", "bad_label")
        return self._replace(old, name=new)

    def recolour(self, name: str, colour: str) -> Label:
        return self._replace(name, colour=colour)

    def set_shortcut(self, name: str, shortcut: str | None) -> Label:
        self._check_shortcut(shortcut, ignore=name)
        return self._replace(name, shortcut=shortcut)

    def retire(self, name: str) -> Label:
        """Stop offering the label; its spans stay. Its shortcut is freed for other labels."""
        return self._replace(name, retired=True, shortcut=None)

    def restore(self, name: str) -> Label:
        return self._replace(name, retired=False, shortcut=self.next_shortcut())
