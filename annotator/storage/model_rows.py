"""The project's tagger model (one row of `tagger_model`) and the documents it learns from.
Part of Project (storage/project.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from annotator.core.assistance import DEFAULT_CONTROL_SHARE
from annotator.core.document import DocStatus
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.suggest import NUMBER_LABEL, lexicon_from_spans
from annotator.core.tagger import Model, ModelInfo, TrainingDocument, train
from annotator.core.tagger.model import FOLDS
from annotator.core.tagger.starter import starter_model
from annotator.storage.values import now

NO_SPANS = (
    "there are no spans to learn from: mark documents done, finish a review, or give a file "
    "with --from"
)


class ModelRows:
    def save_model(self, model: Model, doubts: dict[int, float] | None = None) -> None:
        """Keep `model`, and with it its `doubts` (document row id -> doubt in [0, 1]),
        in one transaction: a training stopped half-way leaves the model before, whole."""
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO tagger_model (id, data, info) VALUES (1, ?, ?)",
                [model.data, json.dumps(model.info.to_json(), ensure_ascii=False)],
            )
            if doubts is not None:
                self.save_doubts(doubts)

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
        """Delete the model (and its doubts); whether there was one."""
        with self.transaction():
            self.db.execute("DELETE FROM document_doubts")
            return self.db.execute("DELETE FROM tagger_model").rowcount > 0

    # -- how unsure the model is of each document it did not learn from ---------------------

    def save_doubts(self, doubts: dict[int, float]) -> None:
        """Replace every document's doubt (document row id -> doubt in [0, 1])."""
        with self.transaction():
            self.db.execute("DELETE FROM document_doubts")
            self.db.conn.executemany(
                "INSERT INTO document_doubts (document_id, doubt) VALUES (?, ?)",
                [(rowid, min(1.0, max(0.0, doubt))) for rowid, doubt in doubts.items()],
            )

    def doubts(self) -> dict[int, float]:
        return dict(self.db.execute("SELECT document_id, doubt FROM document_doubts"))

    # -- which documents were worked with suggestions, which as a control ------------------

    def control_share(self) -> float:
        value = self._one("SELECT value FROM project_info WHERE key = 'control_share'")
        return DEFAULT_CONTROL_SHARE if value is None else float(value)

    def set_control_share(self, share: float) -> None:
        if not 0.0 <= share <= 1.0:
            raise InputError(f"the control share {share} is not between 0 and 1", "usage")
        with self.transaction():
            self.db.execute(
                "INSERT INTO project_info (key, value) VALUES ('control_share', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [repr(share)],
            )

    def assistance_of(self, doc_rowid: int, annotator: str) -> bool | None:
        """How `annotator` first saw the document: with suggestions (True), as a control
        (False), or not recorded (None)."""
        found = self._one(
            "SELECT s.assisted FROM assistance s JOIN annotators a ON a.id = s.annotator_id "
            "WHERE s.document_id = ? AND a.name = ?",
            [doc_rowid, annotator],
        )
        return None if found is None else bool(found)

    def record_assistance(self, doc_rowid: int, annotator: str, assisted: bool) -> None:
        """How `annotator` first saw the document: with suggestions, or as a control. The
        first record stays (a later change of the share does not rewrite the past)."""
        with self.transaction():
            self.db.execute(
                "INSERT OR IGNORE INTO assistance (document_id, annotator_id, assisted, "
                "first_seen) VALUES (?, ?, ?, ?)",
                [doc_rowid, self.annotator_id(annotator), int(assisted), now()],
            )

    def assistance(self) -> dict[tuple[int, str], bool]:
        """(document row id, annotator) -> assisted, for every record."""
        rows = self.db.execute(
            "SELECT s.document_id, a.name, s.assisted FROM assistance s "
            "JOIN annotators a ON a.id = s.annotator_id"
        )
        return {(rowid, name): bool(assisted) for rowid, name, assisted in rows}

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
        self.save_model(model, self._doubts(model, {d.text for d in documents}))
        return model

    def use_starter(self) -> Model:
        """Make the starter model shipped with annotator (core/tagger/starter.py) the
        project's, until a training replaces it."""
        model = starter_model()
        if model is None:
            raise InputError("this build of annotator has no starter model", "no_starter")
        self.save_model(model, self._doubts(model, set()))
        return model

    def _doubts(self, model: Model, learnt: set[str]) -> dict[int, float]:
        """The model's doubt about each document whose text it did not learn from, with the
        lexicon the window's suggestions use."""
        lexicon = lexicon_from_spans(self.span_texts(exclude_labels=(NUMBER_LABEL,)))
        return {
            doc.rowid: model.uncertainty(doc.text, lexicon)
            for doc in self.documents()
            if doc.text not in learnt
        }

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
        # A few queries per annotator and one pass over the texts, not two queries per
        # document (a project of 10,000 documents done).
        layers = []
        for name in wanted:
            done = [
                rowid
                for rowid, status in sorted(self.statuses(name).items())
                if status is DocStatus.DONE and rowid not in gold_done
            ]
            if done:
                layers.append((name, done, self.span_ranges_by_document(name)))
        needed = {rowid for _, done, _ in layers for rowid in done}
        texts = {
            rowid: (uid, text) for rowid, uid, text in self.document_texts() if rowid in needed
        }
        for name, done, spans in layers:
            for rowid in done:
                uid, text = texts[rowid]
                found.append(TrainingDocument(text, tuple(spans.get(rowid, ())), f"{uid} ({name})"))
        return found


def train_in_child(project_path: str, reply, starter: bool = False) -> None:
    """Train the project's model (or, with `starter`, take the starter model and find its
    doubts) in a worker process (the window's), and send back ("trained", ModelInfo as
    JSON) or ("failed", one line, error code) on `reply`, a pipe."""
    from annotator.storage.project import Project  # here: project.py imports this module

    try:
        with Project.open(project_path) as project:
            model = project.use_starter() if starter else project.train_model()
        reply.send(("trained", model.info.to_json(), ""))
    except AnnotatorError as exc:
        reply.send(("failed", str(exc), exc.code))
    except Exception as exc:  # the child's end: the window says it in one line
        reply.send(("failed", f"{type(exc).__name__}: {exc}", "internal"))
    finally:
        reply.close()
