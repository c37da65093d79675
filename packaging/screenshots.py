"""Make the README's screenshots: the same Arabic report, labelled, in the English and the
Arabic interface; and the review window comparing two annotators' work on it.

    python packaging/screenshots.py [OUTPUT_FOLDER]   (default: resources/screenshots)

Runs offscreen. The report is the team's own text, written for this purpose.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ANNOTATOR_DATA_DIR"] = tempfile.mkdtemp()  # never the user's own settings

from PySide6.QtWidgets import QApplication

from annotator.core.document import Document
from annotator.gui import i18n
from annotator.gui.main_window import MainWindow
from annotator.gui.review_window import ReviewWindow
from annotator.storage import Project

REPORT = (
    "أفاد المرصد السوري لحقوق الإنسان بأن طائرات حربية روسية شنت صباح الثلاثاء 14 غارة "
    "على ريف حماة الشمالي، استهدفت بلدات كفرزيتا واللطامنة ومورك، ما أدى إلى مقتل ثمانية "
    "مدنيين بينهم طفلان.\n"
    "وقال مصدر في الجيش السوري لوكالة سانا إن وحداته تقدمت نحو أطراف بلدة اللطامنة بعد "
    "اشتباكات مع فصائل المعارضة.\n"
    "وبحسب الأمم المتحدة، نزح أكثر من 35 ألف شخص من المنطقة خلال أسبوع واحد، ويعيش "
    "معظمهم في مخيمات قرب الحدود التركية.\n"
)
OTHERS = [
    ("idlib", "قصف مدفعي على جسر الشغور", "قالت مصادر محلية إن قصفاً مدفعياً استهدف جسر الشغور."),
    ("aleppo", "نزوح من ريف حلب الجنوبي", "نزحت عشرات العائلات من ريف حلب الجنوبي."),
    ("reuters", "Strikes near Hama", "Reuters: Russian jets struck villages north of Hama."),
]
SPANS = [
    ("المرصد السوري لحقوق الإنسان", "SOURCE", None),
    ("طائرات حربية روسية", "ACTOR", None),
    ("14 غارة", "NUMBER", {"value": 14}),
    ("ريف حماة الشمالي", "LOCATION", None),
    ("كفرزيتا", "LOCATION", None),
    ("ثمانية مدنيين", "NUMBER", {"value": 8}),
    ("مصدر في الجيش السوري", "SOURCE", None),
    ("الجيش السوري", "ACTOR", None),  # nested in the SOURCE above
    ("سانا", "SOURCE", None),
    ("فصائل المعارضة", "ACTOR", None),
]


def build(path: Path) -> None:
    with Project.open(path, create=True) as project:
        doc = project.add_document(
            Document("hama-strikes", REPORT, {"title": "غارات على ريف حماة"})
        )
        for uid, title, text in OTHERS:
            project.add_document(Document(uid, text, {"title": title}))
        from annotator.core.session import Session

        session = Session(project, "amira")
        for part, label, attrs in SPANS:
            start = REPORT.index(part)
            session.add(doc.rowid, start, start + len(part), label, attrs)
        # A second annotator for the review window: mostly the same, a few differences.
        other = Session(project, "omar")
        for part, label, attrs in [*SPANS[:4], *OMAR]:
            start = REPORT.index(part)
            other.add(doc.rowid, start, start + len(part), label, attrs)
        for name in ("amira", "omar"):
            project.set_status(doc.rowid, name, "done")


OMAR = [
    ("حماة الشمالي", "LOCATION", None),  # a shorter range than amira's
    ("ثمانية مدنيين بينهم طفلان", "NUMBER", {"value": 8}),
    ("الجيش السوري", "SOURCE", None),  # the label amira gave the longer span
    ("سانا", "SOURCE", None),
    ("فصائل المعارضة", "ACTOR", None),
]


def shoot_review(app: QApplication, path: Path, language: str, out: Path) -> None:
    i18n.install(app, language)
    window = ReviewWindow(Project.open(path), "lina")
    window.resize(1280, 600)
    window.show()
    app.processEvents()
    window.grab().save(str(out))
    window.close()


def shoot(app: QApplication, path: Path, language: str, out: Path) -> None:
    i18n.install(app, language)
    window = MainWindow(Project.open(path), "amira")
    window.resize(1280, 600)
    window.show()
    app.processEvents()
    window.open_document(window.project.document_by_id("hama-strikes").rowid)
    window.article.set_current(None)
    app.processEvents()
    window.grab().save(str(out))
    window.close()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("resources/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "screenshots.db"
        build(project)
        for language in ("en", "ar"):
            shoot(app, project, language, out / f"window-{language}.png")
            shoot_review(app, project, language, out / f"review-{language}.png")
            print(out / f"window-{language}.png", out / f"review-{language}.png")


if __name__ == "__main__":
    main()
