"""A sequence tagger that learns from the annotators' spans (a linear-chain CRF through
python-crfsuite): pieces of text (pieces.py), their features (features.py), training and
prediction (model.py), exact-span scores and cross-validation (scoring.py)."""

from annotator.core.tagger.model import Model, ModelInfo, Prediction, TrainingDocument, train
from annotator.core.tagger.scoring import Scores, span_scores

__all__ = [
    "Model",
    "ModelInfo",
    "Prediction",
    "Scores",
    "TrainingDocument",
    "span_scores",
    "train",
]
