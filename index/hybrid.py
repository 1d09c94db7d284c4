"""Hybrid retrieval: dense (Chroma) and lexical (BM25) rankings merged by reciprocal rank fusion."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .filters import Condition, to_where
from .lexical import LexicalIndex
from .store import Store


@dataclass
class Passage:
    chunk_id: str
    text: str
    metadata: dict[str, Any]
    score: float  # fused RRF score
    dense: float = 0.0  # cosine similarity of the chunk to the question
    dense_rank: int | None = None
    lexical_rank: int | None = None
    timings: dict[str, float] = field(default_factory=dict)


def rrf(rankings: list[list[str]], k: int = 60) -> list[tuple[str, float]]:
    """Reciprocal rank fusion (Cormack et al. 2009): sum of 1/(k + rank) over the rankings an item appears in."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def retrieve(
    store: Store,
    lexical: LexicalIndex,
    question: str,
    vector: np.ndarray,
    conditions: list[Condition],
    top_k: int,
    candidates: int = 30,
    rrf_k: int = 60,
) -> list[Passage]:
    dense_hits = store.query(vector, candidates, to_where(conditions))
    lexical_hits = lexical.search(question, candidates, conditions)
    dense_ids = [h[0] for h in dense_hits]
    lexical_ids = [h[0] for h in lexical_hits]
    fused = rrf([dense_ids, lexical_ids], k=rrf_k)[:top_k]
    known = {h[0]: h for h in dense_hits}
    missing = [cid for cid, _ in fused if cid not in known]
    fetched = store.get_chunks(missing)
    passages = []
    for cid, score in fused:
        if cid in known:
            _, sim, text, meta = known[cid]
        elif cid in fetched:
            text, meta, emb = fetched[cid]
            sim = float(np.dot(vector, emb))
        else:  # the lexical index is momentarily ahead of Chroma; skip rather than cite a ghost
            continue
        passages.append(Passage(
            chunk_id=cid, text=text, metadata=meta, score=score, dense=sim,
            dense_rank=dense_ids.index(cid) + 1 if cid in dense_ids else None,
            lexical_rank=lexical_ids.index(cid) + 1 if cid in lexical_ids else None,
        ))
    return passages
