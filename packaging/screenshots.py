"""Make the README's screenshots: a report of the demo project, labelled, one span selected,
in the English and the Arabic interface; and the review window comparing the demo's two
annotators' work, with the spans both made identically accepted into the gold layer.

    python packaging/screenshots.py [OUTPUT_FOLDER]   (default: resources/screenshots)

Runs offscreen, on the demo project a new user sees first (annotator/demo).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ANNOTATOR_DATA_DIR"] = tempfile.mkdtemp()  # never the user's own settings

from PySide6.QtWidgets import QApplication

from annotator.core.review import Review
from annotator.demo import build_demo
from annotator.gui import i18n
from annotator.gui.main_window import MainWindow
from annotator.gui.review_window import ReviewWindow
from annotator.storage import Project

REPORT = "idlib-market-strike"  # the demo report both demo annotators labelled
ANNOTATOR = "salma"


def shoot_review(app: QApplication, path: Path, language: str, out: Path) -> None:
    i18n.install(app, language)
    window = ReviewWindow(Project.open(path), "lina")
    window.resize(1280, 600)
    window.splitter.setSizes([170, 670, 440])
    window.show()
    app.processEvents()
    window.grab().save(str(out))
    window.close()


def shoot(app: QApplication, path: Path, language: str, out: Path) -> None:
    i18n.install(app, language)
    window = MainWindow(Project.open(path), ANNOTATOR)
    window.resize(1280, 600)
    window.show()
    app.processEvents()
    window.open_document(window.project.document_by_id(REPORT).rowid)
    # One span selected, as after labelling it: its outline and deeper tint show.
    spans = sorted(window.article.spans.values(), key=lambda span: span.start)
    window.article.set_current(spans[1])
    app.processEvents()
    window.grab().save(str(out))
    window.close()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("resources/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "screenshots.db"
        build_demo(project)
        with Project.open(project) as opened:  # the agreed spans in gold: they are outlined
            Review(opened, "lina").accept_agreed(opened.document_by_id(REPORT).rowid)
        for language in ("en", "ar"):
            shoot(app, project, language, out / f"window-{language}.png")
            shoot_review(app, project, language, out / f"review-{language}.png")
            print(out / f"window-{language}.png", out / f"review-{language}.png")


if __name__ == "__main__":
    main()
