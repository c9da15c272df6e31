"""The relevance model: how well a unit (sentence, item, row) answers the question.

Three signals, each general: the embedder's question-unit similarity (multilingual, so an English question
meets a Vietnamese sentence), weighted overlap of the question's concepts (glossary names in either
language, content words) with the unit and its heading / lead-in, and whether the unit is about the partners
the question names. ``answerability`` is the best combined score; below the calibrated
``Settings.relevance_threshold`` the reports are taken not to answer the question."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answer.analysis import QuestionInfo
from assistant.answer.concepts import Concept, concepts
from assistant.answer.units import Unit, embedding_text, field_label
from assistant.text import detect_language
from index.glossary import Glossary

VectorsFn = Callable[[Sequence[str]], np.ndarray]
DENSE_FLOOR = {True: 0.78, False: 0.73}  # same language / across languages: e5 similarities of unrelated
DENSE_SPAN = {True: 0.12, False: 0.14}  # text sit below the floor; cross-lingual pairs score lower overall
W_DENSE, W_LEXICAL, W_ENTITY, W_TYPE, W_PERIOD = 1.0, 1.0, 0.6, 0.35, 0.4
CONTEXT_WEIGHT = 0.5
W_LANGUAGE = 0.08  # of two passages as relevant, the one in the reader's language is cited first


@dataclass(frozen=True)
class Scored:
    unit: Unit
    score: float
    dense: float
    lexical: float
    entity: float


def _idf(found: list[list[bool]], n_concepts: int) -> list[float]:
    n = len(found) or 1
    return [math.log(1 + n / (1 + sum(row[i] for row in found))) for i in range(n_concepts)]


def _labelled(unit: Unit, wanted: list[Concept]) -> bool:
    """A field whose label the question uses ("Chair: …" for "who chaired …", "Deadline: …" for "when is the
    deadline"): its value is what is asked."""
    label = field_label(unit.text)
    return bool(label) and any(c.found_in(label) for c in wanted)


def lexical_scores(wanted: list[Concept], units: Sequence[Unit]) -> list[float]:
    """Share of the question's concepts (idf-weighted) a unit states; one stated only by its heading or
    lead-in counts half."""
    if not wanted:
        return [0.0] * len(units)
    own = [[c.found_in(u.text) for c in wanted] for u in units]
    ctx = [[c.found_in(u.context) for c in wanted] for u in units]
    idf = _idf([[a or b for a, b in zip(o, x, strict=True)] for o, x in zip(own, ctx, strict=True)], len(wanted))
    total = sum(idf) or 1.0
    return [sum(w * (1.0 if a else CONTEXT_WEIGHT if b else 0.0) for w, a, b in zip(idf, o, x, strict=True)) / total
            for o, x in zip(own, ctx, strict=True)]


def dense_scores(question_vec: np.ndarray | None, units: Sequence[Unit], vectors: VectorsFn | None,
                 language: str) -> list[float]:
    """Cosine similarity mapped to 0..1 between the floor and floor + span of the language pair."""
    if question_vec is None or vectors is None or not units:
        return [0.0] * len(units)
    mat = vectors([embedding_text(u) for u in units])
    q = question_vec / (np.linalg.norm(question_vec) or 1.0)
    out = []
    for u, c in zip(units, mat @ q, strict=True):
        same = detect_language(u.text) == language
        out.append(float(min(1.0, max(0.0, (c - DENSE_FLOOR[same]) / DENSE_SPAN[same]))))
    return out


class RelevanceModel:
    def __init__(self, glossary: Glossary, vectors: VectorsFn | None, embed_query: Callable[[str], np.ndarray] | None
                 ) -> None:
        self.glossary = glossary
        self.vectors = vectors
        self.embed_query = embed_query

    def score(self, info: QuestionInfo, units: Sequence[Unit], about: Callable[[Unit], float],
              in_period: Callable[[Unit], bool] | None = None) -> list[Scored]:
        """Units with their scores, best first. ``about`` rates how much a unit is about the question's
        partners (-1 .. 1); ``in_period`` tells whether a unit falls in the years the question names."""
        wanted = concepts(info, self.glossary)
        qvec = self.embed_query(info.text) if self.embed_query is not None and self.vectors is not None else None
        dense = dense_scores(qvec, units, self.vectors, info.language)
        lexical = lexical_scores(wanted, units)
        out = []
        for u, d, lx in zip(units, dense, lexical, strict=True):
            ent = about(u)
            typed = (W_TYPE if info.answer_type_in(u.text) else 0.0) + (W_TYPE if _labelled(u, wanted) else 0.0)
            period = W_PERIOD if info.years and in_period is not None and in_period(u) else 0.0
            own_language = W_LANGUAGE if detect_language(u.text) == info.language else 0.0
            total = W_DENSE * d + W_LEXICAL * lx + W_ENTITY * ent + typed + period + own_language + 0.1 / (1 + u.rank)
            out.append(Scored(u, total, d, lx, ent))
        out.sort(key=lambda s: (-s.score, s.unit.rank, s.unit.span.start))
        return out


def answerability(scored: Sequence[Scored]) -> float:
    """The question-evidence relevance the decline threshold is compared with: the best unit's dense and
    lexical agreement (entity and answer-type bonuses rank units, they do not make a question answerable)."""
    return max((s.dense + s.lexical for s in scored if s.unit.quotable), default=0.0)

