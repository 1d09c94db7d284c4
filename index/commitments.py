"""Hybrid search over commitments: BM25 and exact dense search on the commitment sentences, fused by RRF, kept if
relevant.

Commitments are few beside chunks, so their BM25 index is built in memory from the store and rebuilt when the
commitment ids change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .filters import Condition, matches
from .fusion import rrf
from .lexical import LexicalIndex
from .records import StoredCommitment, vector_of
from .store import Store


@dataclass(frozen=True)
class CommitmentHit:
    commitment: StoredCommitment
    score: float = 0.0  # fused RRF score (0 when listed without a topic)
    dense: float = 0.0
    lexical: float = 0.0


class CommitmentIndex:
    def __init__(self, store: Store):
        self.store = store
        records = store.all_commitments(vectors=True)
        self.records = {r.id: r for r in records}
        ids = list(self.records)
        texts = [f"{r.owner or ''} {r.text}" for r in records]
        vectors = np.stack([vector_of(r) for r in records]) if records else None
        self.lexical = LexicalIndex.build(ids, texts, [dict(r.row) for r in records], vectors) if ids else None

    def newest_first(self, conditions: Sequence[Condition], owner: str | None = None) -> list[CommitmentHit]:
        """All commitments passing the filters, newest meeting first (undated last), then in reading order."""
        hits = [
            CommitmentHit(r) for r in self.records.values() if matches(list(conditions), r.row) and _owned_by(r, owner)
        ]
        return sorted(hits, key=_newest_first)

    def search(
        self,
        about: str,
        vector: np.ndarray,
        conditions: Sequence[Condition],
        owner: str | None = None,
        min_similarity: float = 0.5,
        candidates: int = 50,
        rrf_k: int = 60,
    ) -> list[CommitmentHit]:
        """Commitments about a topic: any that share a key term with it (BM25 > 0) or are close in meaning."""
        if self.lexical is None:
            return []
        lexical = dict(self.lexical.search(about, candidates, list(conditions)))
        dense = dict(self.lexical.nearest(vector, candidates, list(conditions)))  # exact: index/dense.py says why
        relevant = [
            cid
            for cid in set(lexical) | set(dense)
            if cid in self.records and (lexical.get(cid, 0) > 0 or dense.get(cid, 0) >= min_similarity)
        ]
        fused = dict(rrf([sorted(lexical, key=lambda c: -lexical[c]), sorted(dense, key=lambda c: -dense[c])], rrf_k))
        hits = [
            CommitmentHit(self.records[cid], fused.get(cid, 0.0), dense.get(cid, 0.0), lexical.get(cid, 0.0))
            for cid in relevant
            if _owned_by(self.records[cid], owner)
        ]
        return sorted(hits, key=lambda h: (-h.score, h.commitment.id))  # ties by id, never by set order


def _owned_by(record: StoredCommitment, owner: str | None) -> bool:
    if not owner:
        return True
    wanted = owner.lower()
    names = [record.owner or ""] + list(record.speakers)
    return any(wanted in name.lower() for name in names if name)


def _newest_first(hit: CommitmentHit) -> tuple:
    c = hit.commitment
    return (-(c.paper.meeting_date_int or 0), c.paper.doc_id, c.start)
