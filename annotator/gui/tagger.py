"""The project's tagger in the window: its suggestions beside the rules' and the lexicon's,
training in a worker process (on demand, when a document is marked done, after every N new
spans), the status bar's word on it, and its settings.

Model suggestions are shown only once the model's cross-validated F1 reaches a threshold,
as INCEpTION does: an untrained model would lead the annotator astray (annotators drift
toward what a machine proposes).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.tagger import Model, ModelInfo
from annotator.core.tagger.model import DEFAULT_MIN_SCORE
from annotator.gui.plain_text import plain_label
from annotator.gui.workers import TrainingWorker

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from annotator.gui.main_window import MainWindow
    from annotator.storage import Project

MIN_SCORE_KEY = "tagger/min_score"
MIN_F1_KEY = "tagger/min_f1"
RETRAIN_KEY = "tagger/retrain_every"
DEFAULT_MIN_F1 = 0.5  # below this cross-validated F1, the model suggests nothing
DEFAULT_RETRAIN_EVERY = 25  # new spans between automatic trainings (0: only on demand)


class TaggerSettings:
    """The thresholds and the retraining pace, kept in the app's settings."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _number(self, key: str, default: float) -> float:
        try:
            return float(self.settings.value(key, default))
        except (TypeError, ValueError):
            return default

    @property
    def min_score(self) -> float:
        return self._number(MIN_SCORE_KEY, DEFAULT_MIN_SCORE)

    @property
    def min_f1(self) -> float:
        return self._number(MIN_F1_KEY, DEFAULT_MIN_F1)

    @property
    def retrain_every(self) -> int:
        return int(self._number(RETRAIN_KEY, DEFAULT_RETRAIN_EVERY))

    def save(self, min_score: float, min_f1: float, retrain_every: int) -> None:
        self.settings.setValue(MIN_SCORE_KEY, min_score)
        self.settings.setValue(MIN_F1_KEY, min_f1)
        self.settings.setValue(RETRAIN_KEY, retrain_every)


class Tagger(QObject):
    """The window's model: loaded from the project, retrained in the background, and
    offered to the suggestions only once it is good enough."""

    changed = Signal()  # a new model (or none): the suggestions of the model must be found anew
    message = Signal(str, int)

    def __init__(self, project: Project, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.project = project
        self.settings = TaggerSettings(settings)
        self.status = plain_label(QLabel())
        self.worker: TrainingWorker | None = None
        self._training = False
        self.new_spans = 0  # since the last training began
        self.model: Model | None = None
        self.problem = ""  # why the project's model could not be read
        try:
            self.model = project.model()
        except AnnotatorError as exc:  # trained by a version with other features
            self.problem = str(exc)
        self._show_status()

    # -- what the suggestions use -----------------------------------------------------------

    def usable(self) -> Model | None:
        """The model, if its measured F1 reaches the threshold."""
        model = self.model
        if model is None or model.info.f1.get("all", 0.0) < self.settings.min_f1:
            return None
        return model

    # -- training ---------------------------------------------------------------------------

    @property
    def training(self) -> bool:
        # Not worker.isRunning(): the thread emits `finished` before it clears its running
        # flag, so a busy GUI thread can handle the signal while isRunning() is still true.
        return self._training

    def train(self, starter: bool = False) -> TrainingWorker | None:
        """Train now, in a worker process (nothing if a training is under way); with
        `starter`, take the starter model shipped with annotator instead."""
        if self.training:
            self.message.emit(self.tr("The model is being trained already."), 4000)
            return None
        self.new_spans = 0
        worker = TrainingWorker(Path(self.project.path), starter)
        worker.trained.connect(self._trained)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._ended)
        self.worker = worker
        self._training = True
        worker.start()
        self._show_status()
        return worker

    def spans_added(self, count: int) -> None:
        """`count` new spans: retrain after every `retrain_every` of them."""
        self.new_spans += count
        every = self.settings.retrain_every
        if every and self.new_spans >= every and not self.training:
            self.train()

    def document_done(self) -> None:
        if not self.training:
            self.train()

    def stop(self) -> None:
        if self.worker is not None and self.worker.isRunning():
            self.worker.requestInterruption()
            self.worker.wait()

    def _ended(self) -> None:
        self._training = False
        self._show_status()

    def _trained(self, info: ModelInfo) -> None:
        try:
            self.model = self.project.model()
        except AnnotatorError as exc:
            self.message.emit(str(exc), 10000)
            return
        self._show_status()
        if self.usable() is None and self.model is not None:
            self.message.emit(
                self.tr(
                    "The model's F1 is {f1:.2f}: it suggests nothing until it reaches {min:.2f}."
                ).format(f1=info.f1.get("all", 0.0), min=self.settings.min_f1),
                8000,
            )
        self.changed.emit()

    def _failed(self, said: str, code: str) -> None:
        if code == "no_training_spans":
            said = self.tr("Nothing to learn from yet: mark a document done first.")
        self.message.emit(self.tr("The model was not trained: {why}").format(why=said), 8000)

    def _show_status(self) -> None:
        if self.training:
            self.status.setText(self.tr("Model: training…"))
            return
        if self.model is None:
            self.status.setText(self.tr("Model: none yet"))
            return
        info = self.model.info
        f1 = (
            f"F1 {info.f1['all']:.2f}"
            if "all" in info.f1
            else self.tr("F1 not measured")  # trained without cross-validation
        )
        if info.starter:
            self.status.setText(self.tr("Model: the starter model · {f1}").format(f1=f1))
            return
        when = datetime.fromisoformat(info.trained_at).astimezone().strftime("%H:%M")
        self.status.setText(
            self.tr("Model: trained {when} on {spans} spans · {f1}").format(
                when=when, spans=sum(info.spans.values()), f1=f1
            )
        )


def attach(window: MainWindow) -> None:
    """The window's model: its messages in the status bar; a new model's suggestions in the
    article and its doubts in the document list."""
    tagger = window.tagger

    def model_changed() -> None:
        # Every source: once the model suggests, the open document may turn out a control.
        window.article.replace_suggestions()
        window.say_if_control()
        window.documents.model.set_doubts(window.project.doubts())

    tagger.message.connect(window.say)
    tagger.changed.connect(model_changed)
    window.documents.model.set_doubts(window.project.doubts())
    if tagger.problem:  # found before anyone listened (a model of older features)
        window.say(tagger.problem, 10000)


def open_most_uncertain(window: MainWindow) -> None:
    """Document > Next most uncertain document: the unfinished one the model is least
    sure of, among those the list shows (its filter holds)."""
    current = window.current.rowid if window.current is not None else None
    target = window.documents.most_uncertain(skip=current)  # of the documents listed
    if target is None:
        window.say(
            window.tagger.tr("No unfinished document has a doubt yet: train the model first."),
            6000,
        )
    else:
        window.open_document(target)


def ask_settings(tagger: Tagger, parent: QWidget) -> bool:
    """The model's settings in a dialog; whether they were changed."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(dialog.tr("Model suggestions"))
    form = QFormLayout(dialog)
    min_score = QDoubleSpinBox()
    min_score.setRange(0.0, 1.0)
    min_score.setSingleStep(0.05)
    min_score.setValue(tagger.settings.min_score)
    form.addRow(dialog.tr("Show a suggestion from the score"), min_score)
    min_f1 = QDoubleSpinBox()
    min_f1.setRange(0.0, 1.0)
    min_f1.setSingleStep(0.05)
    min_f1.setValue(tagger.settings.min_f1)
    form.addRow(dialog.tr("Suggest only once the model's F1 reaches"), min_f1)
    every = QSpinBox()
    every.setRange(0, 10000)
    every.setValue(tagger.settings.retrain_every)
    every.setSpecialValueText(dialog.tr("only on demand"))
    form.addRow(dialog.tr("Train again after this many new spans"), every)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    tagger.settings.save(min_score.value(), min_f1.value(), every.value())
    tagger.changed.emit()
    return True
