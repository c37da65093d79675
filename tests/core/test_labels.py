import itertools

import pytest

from annotator.core import DEFAULT_LABELS, InputError, Label, LabelSet
from tests.core.colour_vision import MACHADO, distance

# CIE76 distance two label colours must keep, as seen with each colour-vision deficiency.
MIN_DISTANCE = 12


def test_default_labels_and_shortcuts():
    labels = LabelSet()
    assert [label.name for label in labels] == ["ACTOR", "LOCATION", "NUMBER", "SOURCE"]
    assert [label.shortcut for label in labels] == ["1", "2", "3", "4"]
    assert labels.by_shortcut("3").name == "NUMBER"


@pytest.mark.parametrize("deficiency", [None, *MACHADO])
def test_default_colours_stay_distinct_for_colour_blind_annotators(deficiency):
    colours = [label.colour for label in DEFAULT_LABELS]
    closest = min(distance(a, b, deficiency) for a, b in itertools.combinations(colours, 2))
    assert closest >= MIN_DISTANCE


def test_the_colour_check_catches_a_red_green_pair():
    # The check itself must be able to fail: a classic red/green pair merges for deuteranopes.
    assert distance("#D62728", "#2CA02C", None) > 100
    assert distance("#D62728", "#2CA02C", "deuteranopia") < MIN_DISTANCE


def test_add_picks_free_colour_and_shortcut():
    labels = LabelSet()
    new = labels.new("EVENT")
    assert new.shortcut == "5"
    assert new.colour not in {label.colour for label in DEFAULT_LABELS}
    with pytest.raises(InputError, match="already exists"):
        labels.new("EVENT")


def test_rename_recolour_retire_restore():
    labels = LabelSet()
    labels.rename("ACTOR", "ARMED_ACTOR")
    assert "ACTOR" not in labels and labels["ARMED_ACTOR"].shortcut == "1"
    labels.recolour("NUMBER", "#0072B2")
    assert labels["NUMBER"].colour == "#0072B2"
    retired = labels.retire("SOURCE")
    assert retired.retired and retired.shortcut is None
    assert "SOURCE" in labels and "SOURCE" not in [lab.name for lab in labels.active()]
    labels.new("EVENT")  # takes the freed key 4
    assert labels["EVENT"].shortcut == "4"
    assert labels.restore("SOURCE").shortcut == "5"


@pytest.mark.parametrize("name", ["", "two words", "tab\tlabel", "-LEADING", "x" * 41, "B-LOC\n"])
def test_bad_names_are_refused(name):
    with pytest.raises(InputError, match="label name"):
        Label(name, "#123456")


def test_arabic_label_names_are_fine():
    assert Label("موقع", "#123456").name == "موقع"


def test_failed_changes_leave_the_set_unchanged():
    labels = LabelSet()
    before = list(labels)
    with pytest.raises(InputError):
        labels.recolour("ACTOR", "orange")
    with pytest.raises(InputError):
        labels.set_shortcut("ACTOR", "2")  # LOCATION's key
    with pytest.raises(InputError):
        labels.rename("ACTOR", "LOCATION")
    with pytest.raises(InputError, match="unknown label 'PER'"):
        labels.rename("PER", "PERSON")
    assert list(labels) == before
