"""Hybrid retrieval: exact dense and lexical (BM25) rankings merged by reciprocal rank fusion, read from the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .filters import Condition
from .fusion import rrf
from .lexical import LexicalIndex
from .records import Paper, StoredChunk, vector_of
from .store import Store


@dataclass
class Passage:
    """A retrieved chunk with how it ranked: the unit answer selection reads sentences from."""

    chunk: StoredChunk
    score: float  # fused RRF score
    dense: float = 0.0  # cosine similarity of the chunk to the question
    dense_rank: int | None = None
    lexical_rank: int | None = None

    @property
    def chunk_id(self) -> str:
        return self.chunk.id

    @property
    def text(self) -> str:
        return self.chunk.text

    @property
    def paper(self) -> Paper:
        return self.chunk.paper


def retrieve(
    store: Store,
    lexical: LexicalIndex,
    question: str,
    vector: np.ndarray,
    conditions: Sequence[Condition],
    top_k: int,
    candidates: int = 30,
    rrf_k: int = 60,
) -> list[Passage]:
    dense_hits = lexical.nearest(vector, candidates, list(conditions))  # exact: index/dense.py says why
    lexical_hits = lexical.search(question, candidates, list(conditions))
    dense_ids = [h[0] for h in dense_hits]
    lexical_ids = [h[0] for h in lexical_hits]
    fused = rrf([dense_ids, lexical_ids], k=rrf_k)[:top_k]
    similarity = dict(dense_hits)
    fetched = store.get_chunks(cid for cid, _ in fused)
    passages = []
    for cid, score in fused:
        chunk = fetched.get(cid)
        if chunk is None:  # the in-memory indexes are momentarily ahead of the store; skip rather than cite a ghost
            continue
        sim = similarity[cid] if cid in similarity else float(np.dot(vector, vector_of(chunk)))
        passages.append(
            Passage(
                chunk=chunk,
                score=score,
                dense=sim,
                dense_rank=dense_ids.index(cid) + 1 if cid in dense_ids else None,
                lexical_rank=lexical_ids.index(cid) + 1 if cid in lexical_ids else None,
            )
        )
    return passages
