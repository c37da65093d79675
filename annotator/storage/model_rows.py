"""The project's tagger model (one row of `tagger_model`) and the documents it learns from.
Part of Project (storage/project.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from annotator.core.document import DocStatus
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.tagger import Model, ModelInfo, TrainingDocument, train
from annotator.core.tagger.model import FOLDS

NO_SPANS = (
    "there are no spans to learn from: mark documents done, finish a review, or give a file "
    "with --from"
)


class ModelRows:
    def save_model(self, model: Model) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO tagger_model (id, data, info, trained_at) "
                "VALUES (1, ?, ?, ?)",
                [
                    model.data,
                    json.dumps(model.info.to_json(), ensure_ascii=False),
                    model.info.trained_at,
                ],
            )

    def model(self) -> Model | None:
        """The trained model, or None. A model of features this version no longer computes
        is refused (InputError "train it again")."""
        row = self.db.execute("SELECT data, info FROM tagger_model WHERE id = 1").fetchone()
        if row is None:
            return None
        return Model(bytes(row[0]), ModelInfo.from_json(json.loads(row[1])))

    def model_info(self) -> ModelInfo | None:
        """What the model learnt from, without loading it."""
        row = self.db.execute("SELECT info FROM tagger_model WHERE id = 1").fetchone()
        return None if row is None else ModelInfo.from_json(json.loads(row[0]))

    def drop_model(self) -> bool:
        """Delete the model; whether there was one."""
        with self.transaction():
            return self.db.execute("DELETE FROM tagger_model").rowcount > 0

    def train_model(
        self,
        annotators: Iterable[str] | None = None,
        gold_only: bool = False,
        extra: Iterable[TrainingDocument] = (),
        extra_source: str = "",
        folds: int = FOLDS,
    ) -> Model:
        """Train the model on `training_documents` (and `extra` ones, from files) and keep
        it, replacing the one before: what `annotator train` and the window both do."""
        documents = self.training_documents(annotators, gold_only)
        sources = [f"{len(documents)} documents of the project"] if documents else []
        extra = list(extra)
        if extra:
            documents += extra
            sources.append(f"{len(extra)} documents from {extra_source}")
        if not any(d.spans for d in documents):
            raise InputError(NO_SPANS, "no_training_spans")
        model = train(documents, folds=folds, sources=sources)
        self.save_model(model)
        return model

    def training_documents(
        self, annotators: Iterable[str] | None = None, gold_only: bool = False
    ) -> list[TrainingDocument]:
        """What a model learns from: the gold layer of every document whose adjudication is
        done; with `gold_only`, nothing else. Otherwise also, for each document without
        finished gold, the layer of each annotator (of `annotators`, or any) who marked it
        done. Suggestions an annotator rejected count as text with no span in it."""
        gold_done = {rowid for rowid, status in self.gold_statuses().items() if status == "done"}
        found = []
        for rowid in sorted(gold_done):
            doc = self.document(rowid)
            spans = tuple((g.start, g.end, g.label) for g in self.gold_spans(rowid))
            found.append(TrainingDocument(doc.text, spans, f"{doc.id} (gold)"))
        if gold_only:
            return found
        wanted = self.annotators() if annotators is None else list(annotators)
        for name in wanted:
            for rowid, status in sorted(self.statuses(name).items()):
                if status is not DocStatus.DONE or rowid in gold_done:
                    continue
                doc = self.document(rowid)
                spans = tuple((s.start, s.end, s.label) for s in self.spans(rowid, name))
                found.append(TrainingDocument(doc.text, spans, f"{doc.id} ({name})"))
        return found


def train_in_child(project_path: str, reply) -> None:
    """Train the project's model in a worker process (the window's), and send back
    ("trained", ModelInfo as JSON) or ("failed", one line, error code) on `reply`, a pipe."""
    from annotator.storage.project import Project  # here: project.py imports this module

    try:
        with Project.open(project_path) as project:
            model = project.train_model()
        reply.send(("trained", model.info.to_json(), ""))
    except AnnotatorError as exc:
        reply.send(("failed", str(exc), exc.code))
    except Exception as exc:  # the child's end: the window says it in one line
        reply.send(("failed", f"{type(exc).__name__}: {exc}", "internal"))
    finally:
        reply.close()
