"""Control documents: chosen by the text alone, about the share asked for; agreement split
by how the annotators saw each document."""

from __future__ import annotations

from annotator.core.agreement import Compared
from annotator.core.assistance import is_control
from annotator.core.comparing import by_assistance
from annotator.core.document import content_hash

HASHES = [content_hash(f"تقرير رقم {n}") for n in range(4000)]


def test_the_share_of_control_documents_is_about_the_one_asked_for():
    for share in (0.1, 0.25):
        chosen = sum(is_control(h, share) for h in HASHES) / len(HASHES)
        assert abs(chosen - share) < 0.02
    assert not any(is_control(h, 0.0) for h in HASHES)
    assert all(is_control(h, 1.0) for h in HASHES)


def test_a_control_document_stays_one_when_the_share_grows():
    small = {h for h in HASHES if is_control(h, 0.1)}
    large = {h for h in HASHES if is_control(h, 0.2)}
    assert small < large


def test_agreement_is_split_by_how_the_documents_were_seen():
    text = "قصف الجيش حماة"
    same = {"amira": [(4, 9, "ACTOR")], "omar": [(4, 9, "ACTOR")]}
    differ = {"amira": [(4, 9, "ACTOR")], "omar": [(10, 14, "LOCATION")]}
    documents = [
        Compared("a", text, same, 1),
        Compared("b", text, differ, 2),
        Compared("c", text, same, 3),
    ]
    records = {
        (1, "amira"): True,
        (1, "omar"): True,
        (2, "amira"): False,
        (2, "omar"): False,
        (3, "amira"): True,  # omar's is missing: unrecorded
    }
    found = by_assistance(documents, ["amira", "omar"], ["ACTOR", "LOCATION"], records)
    assert found["unrecorded"] == 1
    assert found["assisted"]["documents"] == 1 and found["assisted"]["span_f1_exact"] == 1.0
    assert found["control"]["documents"] == 1 and found["control"]["span_f1_exact"] == 0.0
