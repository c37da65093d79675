"""Small training documents written by the team: conflict-report sentences built from a few
patterns, with the names of actors and places varied, and their spans."""

from __future__ import annotations

import random

from annotator.core.tagger import TrainingDocument

ACTORS = [
    "الجيش السوري",
    "جبهة النصرة",
    "جيش الفتح",
    "القوات الروسية",
    "تنظيم الدولة",
    "الطيران الحربي",
    "حركة أحرار الشام",
    "فيلق الشام",
    "جيش الإسلام",
    "القوات التركية",
    "الفرقة الرابعة",
    "لواء صقور الجبل",
    "قوات سوريا الديمقراطية",
    "حزب الله",
    "الجيش الحر",
    "جيش النصر",
]
PLACES = [
    "حماة",
    "إدلب",
    "حلب",
    "مورك",
    "لطمين",
    "كفر زيتا",
    "دارة عزة",
    "اللطامنة",
    "سراقب",
    "خان شيخون",
    "معرة النعمان",
    "جسر الشغور",
    "تلبيسة",
    "الرستن",
    "كفرنبل",
    "أريحا",
    "دوما",
    "منبج",
    "الباب",
    "عفرين",
]
# (pattern, proclitic before the place): the place is written after و or ب in some.
PATTERNS = [
    "قصف {actor} بلدة {place} صباح اليوم .",
    "قال مصدر إن {actor} سيطر على {place} بعد معارك عنيفة .",
    "وشن {actor} غارات على ريف {place} الشمالي .",
    "تقدم {actor} نحو {place} و{place2} خلال الليل .",
    "اشتباكات بين {actor} و{actor2} في {place} .",
]


def _fill(pattern: str, rng: random.Random) -> tuple[str, list[tuple[int, int, str]]]:
    names = {
        "actor": rng.choice(ACTORS),
        "actor2": rng.choice(ACTORS),
        "place": rng.choice(PLACES),
        "place2": rng.choice(PLACES),
    }
    text, spans = "", []
    rest = pattern
    while "{" in rest:
        before, _, after = rest.partition("{")
        key, _, rest = after.partition("}")
        text += before
        label = "ACTOR" if key.startswith("actor") else "LOCATION"
        spans.append((len(text), len(text) + len(names[key]), label))
        text += names[key]
    return text + rest, spans


def report(rng: random.Random, sentences: int = 4) -> TrainingDocument:
    """One document: `sentences` sentences, two to a paragraph."""
    text, spans = "", []
    for n in range(sentences):
        sentence, found = _fill(rng.choice(PATTERNS), rng)
        if n:
            text += "\n" if n % 2 == 0 else " "
        spans += [(s + len(text), e + len(text), label) for s, e, label in found]
        text += sentence
    return TrainingDocument(text, tuple(spans))


def reports(count: int, seed: int = 7) -> list[TrainingDocument]:
    rng = random.Random(seed)
    return [report(rng) for _ in range(count)]
