"""The project's tagger model (one row of `tagger_model`) and the documents it learns from.
Part of Project (storage/project.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from annotator.core.document import DocStatus
from annotator.core.tagger import Model, ModelInfo, TrainingDocument


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
