"""What the annotators proposed, what they agree on, and where a reviewer must decide."""

from annotator.core.adjudication import agreed, disagreements, majority, proposals

A = [(0, 4, "ACTOR"), (10, 14, "LOCATION"), (20, 22, "NUMBER")]
B = [(0, 4, "ACTOR"), (9, 14, "LOCATION"), (20, 22, "NUMBER")]
C = [(0, 4, "ACTOR"), (10, 14, "LOCATION"), (20, 22, "SOURCE"), (30, 35, "ACTOR")]
WHO = ["a", "b", "c"]


def test_proposals_group_identical_spans_by_who_made_them():
    found = proposals({"a": A, "b": B, "c": C})
    assert [(p.start, p.end, p.label, p.annotators) for p in found] == [
        (0, 4, "ACTOR", ("a", "b", "c")),
        (9, 14, "LOCATION", ("b",)),
        (10, 14, "LOCATION", ("a", "c")),
        (20, 22, "NUMBER", ("a", "b")),
        (20, 22, "SOURCE", ("c",)),
        (30, 35, "ACTOR", ("c",)),
    ]


def test_agreed_and_majority():
    found = proposals({"a": A, "b": B, "c": C})
    assert [(p.start, p.label) for p in agreed(found, WHO)] == [(0, "ACTOR")]
    assert [(p.start, p.label) for p in majority(found, WHO)] == [
        (0, "ACTOR"),
        (10, "LOCATION"),
        (20, "NUMBER"),
    ]
    # Two annotators: a majority is both of them.
    two = proposals({"a": A, "b": B})
    assert majority(two, ["a", "b"]) == agreed(two, ["a", "b"])
    assert agreed(two, ["a"]) == []  # agreement needs two


def test_disagreements_are_the_regions_not_everyone_agrees_on():
    found = proposals({"a": A, "b": B, "c": C})
    regions = disagreements(found, WHO)
    assert [(r.start, r.end, len(r.proposals)) for r in regions] == [
        (9, 14, 2),
        (20, 22, 2),
        (30, 35, 1),
    ]
    gold = agreed(found, WHO)[0].gold()
    assert (gold.agreed_by, gold.adjudicator) == (("a", "b", "c"), None)
    assert disagreements(proposals({"a": A, "b": list(A)}), ["a", "b"]) == []
