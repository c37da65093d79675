"""How many keys an annotator presses per span, on the article the project was founded on.

    python benchmarks/keys_per_span.py

Opens the seed article (../shared/data/seed_article.txt) in the real main window,
offscreen, and labels the same 45 spans of its first eight paragraphs twice, pressing
keys as an annotator would and counting every press (a chord such as Ctrl+Shift+← is one):

- by hand, the suggestions left aside: Tab to the span's first word, Ctrl+Shift+← to its
  last (right to left, ← reads on), the label's number; Alt+← a letter at a time to leave
  a proclitic (و، ل) out;
- with suggestions: the same, unless the span is suggested (a number, or a name labelled
  earlier in the project), and reaching it with F8 costs fewer presses than with Tab;
  then F8 to it and Enter (or the label's number when the suggestion's label is wrong).

Prints keys per span, the share spent getting to the span, and how many spans came from a
suggestion. tests/gui/test_keys_per_span.py runs the same sessions and checks every stored
span's offsets, label and origin.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.document import Document
from annotator.core.spans import Origin
from annotator.core.suggest import Suggestion

SEED = Path(__file__).resolve().parents[2] / "shared" / "data" / "seed_article.txt"
LABEL_KEYS = {"ACTOR": Qt.Key.Key_1, "LOCATION": Qt.Key.Key_2, "NUMBER": Qt.Key.Key_3}
LABEL_KEYS["SOURCE"] = Qt.Key.Key_4
S, M = Origin.SUGGESTED, Origin.MANUAL

# The spans a careful annotator marks in the first eight paragraphs, in reading order:
# (text, label, which whole-word occurrence of the text, origin with suggestions on). In
# "و|مصدر امني سوري" the proclitic before "|" is left out of the span.
TARGETS = (
    ("الطائرات الحربية الروسية", "ACTOR", 0, M),
    ("سورية", "LOCATION", 0, M),
    ("موسكو", "ACTOR", 0, M),
    ("واشنطن", "ACTOR", 0, M),
    ("موسكو", "ACTOR", 1, S),
    ("ل|قوات النظام السوري", "ACTOR", 0, M),
    ("الفصائل المقاتلة", "ACTOR", 0, M),
    ("محافظة حماة", "LOCATION", 0, M),
    ("سورية", "LOCATION", 1, S),
    ("المرصد السوري لحقوق الانسان", "SOURCE", 0, M),
    ("و|مصدر امني سوري", "SOURCE", 0, M),
    ("رامي عبدالرحمن", "SOURCE", 0, M),
    ("طائرات حربية روسية", "ACTOR", 0, M),
    ("عشرين", "NUMBER", 0, S),
    ("ريف حماة الشمالي", "LOCATION", 0, M),
    ("12", "NUMBER", 0, S),
    ("محافظة ادلب", "LOCATION", 0, M),
    ("المرصد", "SOURCE", 2, M),
    ("قوات النظام", "ACTOR", 0, M),
    ("و|الفصائل المقاتلة", "ACTOR", 0, S),
    ("محافظة حماة", "LOCATION", 1, S),
    ("ل|قوات النظام", "ACTOR", 1, S),
    ("جيش الفتح", "ACTOR", 0, M),
    ("جبهة النصرة", "ACTOR", 0, M),
    ("تنظيم القاعدة", "ACTOR", 0, M),
    ("سوريا", "LOCATION", 0, M),
    ("و|حركة احرار الشام", "ACTOR", 0, M),
    ("محافظة ادلب", "LOCATION", 1, S),
    ("ريف حماة الشمالي", "LOCATION", 1, S),
    ("مصدر عسكري سوري", "SOURCE", 0, M),
    ("جيش النظام السوري", "ACTOR", 0, M),
    ("ريف حماة الشمالي", "LOCATION", 2, S),
    ("لطمين", "LOCATION", 0, M),
    ("مورك", "LOCATION", 0, M),
    ("كفر زيتا", "LOCATION", 0, M),
    ("سلاح الجو الروسي", "ACTOR", 0, M),
    ("عبدالرحمن", "SOURCE", 1, M),
    ("قوات النظام", "ACTOR", 1, S),
    ("لطمين", "LOCATION", 1, S),
    ("الفصائل المعارضة المقاتلة", "ACTOR", 0, M),
    ("موسكو", "ACTOR", 2, S),
    ("سورية", "LOCATION", 2, S),
    ("30", "NUMBER", 0, S),
)
_LETTER = re.compile(r"\w")


def whole_word(text: str, part: str, nth: int) -> int:
    """Where the nth occurrence of `part` that is a whole word (or words) starts."""
    found = -1
    for match in re.finditer(re.escape(part), text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if not _LETTER.match(before) and not _LETTER.match(after):
            found += 1
            if found == nth:
                return match.start()
    raise ValueError(f"{part!r} has no whole-word occurrence {nth}")


@dataclass(frozen=True)
class Target:
    start: int
    end: int
    label: str
    origin: Origin  # with suggestions
    word_start: int  # where its first word starts (before a proclitic)

    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


def targets(text: str) -> list[Target]:
    found = []
    for written, label, nth, origin in TARGETS:
        clitic, _, part = written.rpartition("|")
        at = whole_word(text, clitic + part, nth)
        found.append(Target(at + len(clitic), at + len(clitic + part), label, origin, at))
    return found


@dataclass
class Count:
    moving: int = 0  # keys spent getting to the span
    marking: int = 0  # keys spent making it the right span
    suggested: int = 0  # spans accepted from a suggestion
    log: list[str] = field(default_factory=list)

    @property
    def keys(self) -> int:
        return self.moving + self.marking


class Session:
    """An annotator at the keyboard of `window`, pressing and counting keys."""

    def __init__(self, window, suggestions: bool) -> None:
        self.window = window
        self.view = window.article
        self.suggestions = suggestions
        self.count = Count()

    def press(self, key, modifiers=Qt.KeyboardModifier.NoModifier, moving=False) -> None:
        QTest.keyClick(self.view, key, modifiers)
        if moving:
            self.count.moving += 1
        else:
            self.count.marking += 1

    def _here(self) -> tuple[int, int, str]:
        if self.view.current is not None:
            return self.view.current.key()
        end = self.view.selection()[1]
        return (end, end, "")

    def _tab_cost(self, target: Target) -> int:
        here = self._here()
        after = here[1] if self.view.current is not None else here[0]
        words = self.view.words_between(after, target.word_start + 1)
        return len([w for w in words if w.start >= after])

    def _open_suggestions(self) -> list[Suggestion]:
        text = self.view.document_shown.text
        return sorted(
            (s for s in self.view.suggester(0, len(text)) if self.view.is_open(s)),
            key=Suggestion.key,
        )

    def label(self, target: Target) -> None:
        if self.suggestions:
            here = self._here()
            open_ = self._open_suggestions()
            same = [s for s in open_ if (s.start, s.end) == (target.start, target.end)]
            if same:
                skips = len([s for s in open_ if here < s.key() < same[0].key()])
                if skips + 1 <= self._tab_cost(target):
                    for _ in range(skips + 1):
                        self.press(Qt.Key.Key_F8, moving=True)
                    assert self.view.current.key() == same[0].key(), self.view.current
                    if same[0].label == target.label:
                        self.press(Qt.Key.Key_Return)
                    else:
                        self.press(LABEL_KEYS[target.label])
                    self.count.suggested += 1
                    return
        self.by_hand(target)

    def by_hand(self, target: Target) -> None:
        view = self.view
        forward = Qt.Key.Key_Left if view.rtl else Qt.Key.Key_Right
        while view.selection() != self._word_span(target.word_start):
            self.press(Qt.Key.Key_Tab, moving=True)
            if view.selection()[0] > target.word_start:
                raise AssertionError(f"Tab went past {target}")
        while view.selection()[1] < target.end:
            self.press(
                forward, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
            )
        self.press(LABEL_KEYS[target.label])
        for _ in range(target.start - target.word_start):  # leave the proclitic out
            self.press(forward, Qt.KeyboardModifier.AltModifier)

    def _word_span(self, start: int) -> tuple[int, int]:
        word = self.view.word_after(start)
        return (word.start, word.end)


def run(suggestions: bool, text: str, folder: Path) -> tuple[Count, list, list[Target]]:
    """Label the targets in a fresh project; (count, stored spans, targets)."""
    from annotator.gui.main_window import MainWindow
    from annotator.storage import Project

    path = folder / ("with.db" if suggestions else "without.db")
    with Project.open(path, create=True) as project:
        project.add_document(Document("seed", text, {"title": "غارات روسية على حماة وإدلب"}))
    window = MainWindow(Project.open(path), "amira", backup=False)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    window.article.setFocus()
    session = Session(window, suggestions)
    wanted = targets(text)
    for target in wanted:
        session.label(target)
    stored = window.project.spans(window.current.rowid, "amira")
    window.close()
    return session.count, stored, wanted


def main() -> int:
    if not SEED.exists():
        print(f"the seed article is not there: {SEED}", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    os.environ["ANNOTATOR_DATA_DIR"] = tempfile.mkdtemp()
    text = SEED.read_text("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        for suggestions in (False, True):
            count, stored, wanted = run(suggestions, text, Path(folder))
            n = len(wanted)
            assert len(stored) == n, (len(stored), n)
            kind = "with suggestions" if suggestions else "by hand"
            print(
                f"{kind}: {count.keys} keys for {n} spans = {count.keys / n:.1f} per span "
                f"({count.moving / n:.1f} getting there, {count.marking / n:.1f} marking it); "
                f"{count.suggested} spans from a suggestion"
            )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
