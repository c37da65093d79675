"""The tagger on the team's small fixtures: exact offsets, spans after a proclitic, nothing
across a paragraph, a model that survives being saved, and clear refusals."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.tagger import Model, ModelInfo, TrainingDocument, span_scores, train
from annotator.core.tagger.model import lexicon_of
from annotator.core.tagger.pieces import sequences, spans_from_tags, tags_for
from tests.core.tagger_fixtures import reports

TEXT = (
    "تقدم جيش الفتح نحو سراقب وحماة خلال الليل .\n"
    "قال مصدر إن جبهة النصرة سيطر على مورك بعد معارك عنيفة ."
)


@pytest.fixture(scope="module")
def documents() -> list[TrainingDocument]:
    return reports(60)


@pytest.fixture(scope="module")
def model(documents) -> Model:
    return train(documents, folds=3)


def _found(model: Model, text: str, lexicon=None) -> set[tuple[str, str]]:
    return {(text[p.start : p.end], p.label) for p in model.predict(text, lexicon=lexicon)}


def test_a_proclitic_is_a_piece_of_its_own():
    text = "وحماة وبلدة"
    (sequence,) = sequences(text)
    assert [(text[p.start : p.end], p.proclitic) for p in sequence] == [
        ("و", True),
        ("حماة", False),
        ("و", True),
        ("بلدة", False),
    ]


def test_sequences_never_cross_a_paragraph():
    text = "قصف الجيش حماة\nحلب مدينة"
    found = sequences(text, keep_together=[(10, 18)])  # a span across the line break
    assert [(text[s[0].start : s[-1].end]) for s in found] == ["قصف الجيش حماة", "حلب مدينة"]


def test_sentences_a_span_crosses_stay_together():
    text = "وصل د. أحمد إلى حماة. ثم عاد"
    apart = sequences(text)
    assert len(apart) >= 2
    together = sequences(text, keep_together=[(apart[0][-2].start, apart[1][0].end)])
    assert len(together) == len(apart) - 1


def test_learnt_spans_have_exact_offsets(model):
    assert _found(model, TEXT) >= {
        ("جيش الفتح", "ACTOR"),
        ("جبهة النصرة", "ACTOR"),
        ("مورك", "LOCATION"),
    }
    for p in model.predict(TEXT):
        assert TEXT[p.start : p.end].strip() == TEXT[p.start : p.end]
        assert 0.0 <= p.score <= 1.0


def test_a_span_starts_after_a_proclitic(model):
    predictions = {TEXT[p.start : p.end]: p for p in model.predict(TEXT)}
    assert "حماة" in predictions
    assert predictions["حماة"].start == TEXT.index("وحماة") + 1


def test_no_prediction_crosses_a_paragraph(model, documents):
    text = TEXT.replace(" مورك", "\nمورك").replace("جيش الفتح", "جيش\nالفتح")
    for p in model.predict(text, lexicon=lexicon_of(documents)):
        assert "\n" not in text[p.start : p.end]


def test_the_lexicon_of_labelled_names_helps(model, documents):
    assert ("سراقب", "LOCATION") in _found(model, TEXT, lexicon_of(documents))


def test_a_saved_model_predicts_the_same(model, documents):
    stored = json.loads(json.dumps(model.info.to_json()))
    again = Model(bytes(model.data), ModelInfo.from_json(stored))
    lexicon = lexicon_of(documents)
    assert again.predict(TEXT, lexicon=lexicon) == model.predict(TEXT, lexicon=lexicon)
    assert again.uncertainty(TEXT) == model.uncertainty(TEXT)


def test_predict_a_range_only(model):
    second = TEXT.index("\n") + 1
    assert all(p.start >= second for p in model.predict(TEXT, second))


def test_what_the_model_learnt_from(model, documents):
    info = model.info
    assert info.documents == 60
    assert info.labels == ["ACTOR", "LOCATION"]
    assert info.spans == {
        "ACTOR": sum(1 for d in documents for s in d.spans if s[2] == "ACTOR"),
        "LOCATION": sum(1 for d in documents for s in d.spans if s[2] == "LOCATION"),
    }
    assert info.folds == 3
    assert set(info.f1) == {"ACTOR", "LOCATION", "all"}
    assert info.f1["all"] > 0.8  # the patterns are few: held-out folds are easy


def test_uncertainty_is_higher_for_unfamiliar_text(model):
    familiar = model.uncertainty(reports(1, seed=99)[0].text)
    strange = model.uncertainty("الطقس جميل اليوم في المدينة والناس في الأسواق يشترون الخضار")
    assert 0.0 <= familiar < strange <= 1.0


def test_nothing_to_learn_from_is_refused():
    with pytest.raises(InputError, match="no spans to learn from"):
        train([TrainingDocument("نص بلا أي وسم", ())])


def test_a_model_of_other_features_is_refused(model):
    info = ModelInfo.from_json({**model.info.to_json(), "features_version": 0})
    with pytest.raises(InputError, match="train it again"):
        Model(model.data, info)


def test_nested_spans_learn_the_outer_one():
    text = "قصف جيش حماة الحر"
    (sequence,) = sequences(text)
    tags, widened = tags_for(sequence, [(4, 17, "ACTOR"), (8, 12, "LOCATION")])
    assert tags == ["O", "B-ACTOR", "I-ACTOR", "I-ACTOR"]
    assert widened == 0


def test_a_span_inside_a_piece_is_widened_and_counted():
    text = "قصف الجيشان"
    (sequence,) = sequences(text)
    tags, widened = tags_for(sequence, [(4, 9, "ACTOR")])
    assert tags == ["O", "B-ACTOR"]
    assert widened == 1


@given(st.lists(st.sampled_from(["O", "B-A", "I-A", "B-B", "I-B"]), min_size=1, max_size=12))
def test_tags_and_spans_agree(tags):
    text = " ".join("كلمة" for _ in tags)
    (sequence,) = sequences(text)
    chunks = spans_from_tags(sequence, tags)
    again, _ = tags_for(sequence, [c[:3] for c in chunks])
    # Tags read back from the chunks are the same chunks (an I- after nothing starts one).
    assert spans_from_tags(sequence, again) == chunks
    assert all(t == "O" for t, g in zip(again, tags, strict=True) if g == "O")


def test_span_scores_count_exact_matches_only():
    reference = [(1, 0, 4, "A"), (1, 5, 9, "B"), (2, 0, 3, "A")]
    predicted = [(1, 0, 4, "A"), (1, 5, 8, "B"), (2, 0, 3, "B")]
    scores = span_scores(reference, predicted)
    assert scores.precision() == pytest.approx(1 / 3)
    assert scores.recall() == pytest.approx(1 / 3)
    assert scores.f1("A") == pytest.approx(2 * 1 * 0.5 / 1.5)
    assert scores.f1("B") == 0.0
    assert scores.f1_of(["A"]) == scores.f1("A")


def test_the_starter_model_ships_with_its_sources_and_held_out_f1():
    from annotator.core.tagger.starter import LICENCE, starter_model

    model = starter_model()
    assert model is not None
    assert model.info.labels == ["ACTOR", "LOCATION"]
    assert any("AQMAR" in source and "CC BY-SA 3.0" in source for source in model.info.sources)
    assert "Copyright (c) 2021, Mohammed Khalilia" in LICENCE.read_text("utf-8")
    assert 0.5 <= model.info.f1["all"] <= 1.0
    text = "قال المرصد السوري لحقوق الإنسان إن الطائرات الروسية قصفت مدينة حلب ."
    found = {(text[p.start : p.end], p.label) for p in model.predict(text)}
    assert ("حلب", "LOCATION") in found


def test_spans_of_whole_tokens_start_after_a_sure_proclitic():
    from annotator.core.tagger.pieces import after_proclitics

    text = "وصل وحماة وبلدة والجيش السوري ولبنان"
    spans = [(4, 9, "L"), (10, 15, "L"), (16, 29, "A"), (30, 36, "L")]
    moved = after_proclitics(text, spans)
    assert [text[s:e] for s, e, _ in moved] == ["حماة", "بلدة", "الجيش السوري", "لبنان"]
    assert after_proclitics("بلدة", [(0, 4, "L")]) == ((0, 4, "L"),)  # ب is the word's own


def test_a_floor_adds_the_spans_the_best_tagging_left_out(model):
    text = "تقدم لواء الحق نحو تل رفعت وقرية الشيخ عيسى خلال الليل ."  # names it never saw
    best = model.predict(text)
    wider = model.predict(text, floor=0.01)
    assert set(best) <= set(wider)
    extra = set(wider) - set(best)
    assert extra  # at 1%, something else is that probable
    assert all(0.01 <= p.score < 1.0 for p in extra)
    assert len({(p.start, p.end, p.label) for p in wider}) == len(wider)  # no span twice
    suggested = model.suggestions(text, min_score=0.01)
    assert {s.key() for s in suggested} == {(p.start, p.end, p.label) for p in wider}


def test_a_label_seen_only_inside_another_span_is_not_one_it_predicts(documents):
    nested = [
        TrainingDocument(d.text, (*d.spans, (d.spans[0][0], d.spans[0][0] + 1, "SOURCE")))
        for d in documents[:20]
    ]
    model = train(nested, folds=0)
    assert model.info.labels == ["ACTOR", "LOCATION"]  # SOURCE was always inside an ACTOR
    assert model.predict(TEXT, floor=0.01)  # candidates ask only for labels it learnt


def test_two_layers_of_one_text_are_one_in_the_lexicon_views_and_the_folds():
    from annotator.core.tagger.model import _lexicon_views

    text = "قصف جيش العزة بلدة خان طومان"
    first = TrainingDocument(text, ((4, 13, "ACTOR"),), "amira")
    second = TrainingDocument(text, ((4, 13, "ACTOR"), (19, 28, "LOCATION")), "omar")
    other = TrainingDocument("وصل جيش العزة", ((4, 13, "ACTOR"),), "x")
    views = _lexicon_views([first, second, other], [0, 0, 1])
    assert [m.label for m in views[0].find(text)] == ["ACTOR"]  # from the other text only
    assert views[1].find("بلدة خان طومان") == []  # omar's name, in the same text as amira's


def test_a_floor_of_zero_adds_nothing(model):
    text = "تقدم لواء الحق نحو تل رفعت وقرية الشيخ عيسى خلال الليل ."
    assert model.predict(text, floor=0.0) == model.predict(text)
