"""Arabic on a terminal: visual order with joined letters; logical order everywhere else."""

import io

from annotator.cli.terminal import for_terminal, isolate

LINE = f"  {isolate('أميرة')}: 30 done; {isolate('موقع', 8)} 12 spans"


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_pipes_get_logical_order_without_isolate_marks(monkeypatch):
    monkeypatch.setenv("ANNOTATOR_BIDI", "auto")
    assert for_terminal(LINE, io.StringIO()) == "  أميرة: 30 done; موقع     12 spans"


def test_plain_terminals_get_shaped_visual_order(monkeypatch):
    monkeypatch.setenv("ANNOTATOR_BIDI", "auto")
    shown = for_terminal(LINE, Tty())
    # Presentation forms (joined letters), reversed for display, numbers left where they were.
    assert shown == "  ﺓﺮﻴﻣﺃ: 30 done; ﻊﻗﻮﻣ     12 spans"


def test_bidi_terminals_can_turn_it_off(monkeypatch):
    monkeypatch.setenv("ANNOTATOR_BIDI", "off")
    assert for_terminal(LINE, Tty()) == "  أميرة: 30 done; موقع     12 spans"
