"""What a sync writes into a project (storage/hub_rows.py), without a hub server."""

from annotator.core.labels import Label


def test_the_hubs_shortcuts_win_and_no_two_labels_share_one(project):
    project.change_labels(lambda labels: labels.new("MINE", shortcut="5"))
    colours = {label.name: label.colour for label in project.labels()}
    hub = [
        Label("ACTOR", colours["ACTOR"], "5"),  # moved to the key this project's MINE holds
        Label("LOCATION", colours["LOCATION"], "1"),  # moved to ACTOR's old key
        Label("NEW", "#123456", "2"),  # a label the project lacks, on LOCATION's old key
    ]
    project.receive_from_hub(hub, [])
    labels = project.labels()  # refused before: shortcut 5 was ACTOR's and MINE's
    keys = {label.name: label.shortcut for label in labels}
    assert (keys["ACTOR"], keys["LOCATION"], keys["NEW"], keys["MINE"]) == ("5", "1", "2", None)
    taken = [label.shortcut for label in labels.active() if label.shortcut]
    assert len(taken) == len(set(taken))
