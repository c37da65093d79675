"""Option values shared by several commands."""

from annotator.cli.options import annotator_names


def test_annotator_names_are_split_on_commas_and_trimmed():
    assert annotator_names(" أميرة , omar") == ["أميرة", "omar"]
    assert annotator_names(None) is None and annotator_names("") is None  # every annotator
