"""A name with an override (U+202E) printed to a terminal reverses nothing after it.

Plain terminals get visual order from python-bidi, with every control removed once it has
done its work; terminals that do bidi themselves (ANNOTATOR_BIDI=off) get the line with
each name's override closed inside the name. Simulated here with python-bidi itself.
"""

import io

import pytest
from bidi import get_display

from annotator.cli.main import main
from annotator.cli.terminal import for_terminal, isolate
from annotator.core.bidi import CONTROLS

RLO, PDF, PDI = "\u202e", "\u202c", "\u2069"
NAME = f"x{PDI}y{RLO}z"  # a stray PDI, then an override left open


class Tty(io.StringIO):
    def isatty(self):
        return True


def line_with(name: str) -> str:
    return f"imported 3 documents into {name} (2 spans), حماة"


def test_a_bare_name_would_reverse_the_rest_of_the_line():
    # What the fix prevents: without isolation the tail comes out reversed.
    assert "(2 spans)" not in get_display(line_with(NAME), base_dir="L")


def test_plain_terminals_get_the_rest_of_the_line_in_order(monkeypatch):
    monkeypatch.setenv("ANNOTATOR_BIDI", "auto")
    shown = for_terminal(line_with(isolate(NAME)), Tty())
    assert shown.startswith("imported 3 documents into xy") and " (2 spans), " in shown
    assert not CONTROLS.intersection(shown)  # a plain terminal would show boxes


def test_a_line_without_arabic_is_put_in_visual_order_too(monkeypatch):
    monkeypatch.setenv("ANNOTATOR_BIDI", "auto")
    shown = for_terminal(f"wrote 3 lines to {isolate(f'ab{RLO}cd')} (done)", Tty())
    assert shown == "wrote 3 lines to abdc (done)"


def test_bidi_terminals_get_the_override_closed_inside_the_name(monkeypatch):
    monkeypatch.setenv("ANNOTATOR_BIDI", "off")
    shown = for_terminal(line_with(isolate(NAME)), Tty())
    assert shown == line_with(f"xy{RLO}z{PDF}")
    assert " (2 spans), " in get_display(shown, base_dir="L")  # what such a terminal does


def test_pipes_keep_logical_order(monkeypatch):
    monkeypatch.setenv("ANNOTATOR_BIDI", "auto")
    assert for_terminal(line_with(isolate("أميرة")), io.StringIO()) == line_with("أميرة")


@pytest.mark.parametrize("setting", ["auto", "off"])
def test_an_override_nobody_isolated_is_shown_visibly_on_a_terminal(monkeypatch, setting):
    monkeypatch.setenv("ANNOTATOR_BIDI", setting)
    message = f"annotator: data/report{RLO}lsonj.jsonl:3: not valid JSON"
    shown = for_terminal(message, Tty())
    assert shown == "annotator: data/report<U+202E>lsonj.jsonl:3: not valid JSON"
    assert for_terminal(message, io.StringIO()) == message  # a pipe gets the bytes


def test_a_refused_import_of_a_file_named_with_an_override_prints_it_visibly(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_BIDI", "auto")
    path = tmp_path / f"report{RLO}lsonj.jsonl"
    path.write_text('{"text": "x"\n', "utf-8")
    err = Tty()
    monkeypatch.setattr("sys.stderr", err)
    assert main(["import", str(tmp_path / "p.db"), str(path)]) == 2
    assert RLO not in err.getvalue()
    assert "report<U+202E>lsonj.jsonl:1: not valid JSON" in err.getvalue()
