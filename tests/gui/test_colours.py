"""How spans look, measured on what is painted: text legible over every tint in light and
dark schemes, one even tint across a bidi seam, underlines two pixels thick, and a
selection no label's colour is mistaken for."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette

from annotator.core import Document
from annotator.core.labels import DEFAULT_LABELS
from annotator.gui.article_text import SELECTION, ArticleText
from annotator.gui.decorations import Outline
from annotator.gui.span_highlighter import Mark, scheme

TEXT = "وقال المرصد إن 12 غارة استهدفت ريف حماة الشمالي"
LABELS = {label.name: label.colour for label in DEFAULT_LABELS}
SCHEMES = {"light": ("#ffffff", "#000000"), "dark": ("#2d2d2d", "#ffffff")}


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour.getRgbF()[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


@pytest.fixture
def article(qtbot):
    view = ArticleText(LABELS)
    qtbot.addWidget(view)
    view.resize(700, 120)
    view.show()
    qtbot.waitExposed(view)
    return view


def paged(view: ArticleText, page: str, text: str) -> None:
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor(page))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    view.setPalette(palette)


@pytest.mark.parametrize("name", SCHEMES)
def test_text_stays_legible_over_every_tint(article, name):
    page, text = SCHEMES[name]
    paged(article, page, text)
    assert scheme(article.highlighter.page) == name  # the tints follow the palette
    for label in LABELS:
        for selected in (False, True):
            tint = article.highlighter.tint(label, selected)
            assert contrast(tint, QColor(text)) >= 4.5, (name, label, selected)
    background, selected_text = SELECTION[name]
    assert contrast(QColor(background), QColor(selected_text)) >= 4.5


def test_the_text_selection_is_grey_and_every_label_is_a_colour():
    for background, _ in SELECTION.values():
        assert QColor(background).hsvSaturationF() == 0  # no hue to confuse with a label
    for colour in LABELS.values():
        assert QColor(colour).hsvSaturationF() > 0.4


def test_a_tint_is_one_even_colour_where_digits_meet_letters(qtbot, article):
    start, end = at("12 غارة")
    article.show_text(Document("d", TEXT), [Mark(start, end, "NUMBER")])
    qtbot.wait(10)
    image = article.viewport().grab().toImage()
    [box] = article.range_boxes(start, end)
    tint = article.highlighter.tint("NUMBER")
    y = round(box.top()) + 1  # above the letters: only the tint there
    row = [image.pixelColor(x, y) for x in range(round(box.left()) + 1, round(box.right()) - 1)]
    assert row and {c.name() for c in row} == {tint.name()}  # no darker seam between runs


def test_a_nested_span_is_underlined_two_pixels_thick(qtbot, article):
    outer, inner = at("ريف حماة"), at("حماة")
    article.show_text(Document("d", TEXT), [Mark(*outer, "LOCATION"), Mark(*inner, "ACTOR")])
    qtbot.wait(10)
    image = article.viewport().grab().toImage()
    [box] = article.range_boxes(*inner)
    actor = QColor(LABELS["ACTOR"])
    x = round(box.center().x())
    thick = [
        y
        for y in range(round(box.top()), round(box.bottom()) + 4)
        if abs(image.pixelColor(x, y).red() - actor.red()) < 24
        and abs(image.pixelColor(x, y).green() - actor.green()) < 24
        and abs(image.pixelColor(x, y).blue() - actor.blue()) < 24
    ]
    assert len(thick) >= 2


def test_an_outline_goes_round_the_whole_span_on_screen(qtbot, article):
    start, end = at("12 غارة")
    article.show_text(Document("d", TEXT), [])
    article.set_outlines("current", [Outline(start, end, QColor("#000000"))])
    qtbot.wait(10)
    image = article.viewport().grab().toImage()
    [box] = article.range_boxes(start, end)
    middle = round(box.center().y())
    left, right = round(box.left()) - 1, round(box.right())
    dark = lambda x: image.pixelColor(QPoint(x, middle)).lightnessF() < 0.5  # noqa: E731
    assert any(dark(x) for x in (left - 1, left, left + 1))
    assert any(dark(x) for x in (right - 1, right, right + 1))
