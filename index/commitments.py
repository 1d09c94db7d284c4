"""Hybrid search over commitments: BM25 and Chroma on the commitment sentences, fused by RRF, kept if relevant.

Commitments are few beside chunks, so their BM25 index is built in memory from Chroma and rebuilt when the
commitment ids change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .filters import Condition, matches, to_where
from .hybrid import rrf
from .lexical import LexicalIndex, fingerprint


@dataclass
class CommitmentHit:
    id: str
    text: str
    meta: dict[str, Any]
    score: float = 0.0  # fused RRF score (0 when listed without a topic)
    dense: float = 0.0
    lexical: float = 0.0


class CommitmentIndex:
    def __init__(self, store):
        self.store = store
        records = store.all_commitments()
        self.records = {r["id"]: r for r in records}
        ids = list(self.records)
        self.fingerprint = fingerprint(ids)
        texts = [f"{r.get('owner', '')} {r['text']}" for r in records]
        self.lexical = LexicalIndex.build(ids, texts, [self._flat(r) for r in records]) if ids else None

    @staticmethod
    def _flat(record: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in record.items() if k not in ("id", "text")}

    def is_current(self) -> bool:
        return fingerprint(self.store.commitments.get(include=[])["ids"]) == self.fingerprint

    def list(self, conditions: list[Condition], owner: str | None = None) -> list[CommitmentHit]:
        """All commitments passing the filters, newest meeting first (undated last), then in reading order."""
        hits = [CommitmentHit(r["id"], r["text"], self._flat(r)) for r in self.records.values()
                if matches(conditions, r) and _owned_by(r, owner)]
        return sorted(hits, key=_newest_first)

    def search(self, about: str, vector: np.ndarray, conditions: list[Condition], owner: str | None = None,
               min_similarity: float = 0.5, candidates: int = 50, rrf_k: int = 60) -> list[CommitmentHit]:
        """Commitments about a topic: any that share a key term with it (BM25 > 0) or are close in meaning."""
        if self.lexical is None:
            return []
        lexical = dict(self.lexical.search(about, candidates, conditions))
        dense = dict(self.store.query_commitments(vector, candidates, to_where(conditions)))
        relevant = [cid for cid in set(lexical) | set(dense)
                    if cid in self.records and (lexical.get(cid, 0) > 0 or dense.get(cid, 0) >= min_similarity)]
        fused = dict(rrf([sorted(lexical, key=lambda c: -lexical[c]), sorted(dense, key=lambda c: -dense[c])], rrf_k))
        hits = []
        for cid in relevant:
            r = self.records[cid]
            if not _owned_by(r, owner):
                continue
            hits.append(CommitmentHit(cid, r["text"], self._flat(r), fused.get(cid, 0.0), dense.get(cid, 0.0),
                                      lexical.get(cid, 0.0)))
        return sorted(hits, key=lambda h: -h.score)


def _owned_by(record: dict[str, Any], owner: str | None) -> bool:
    if not owner:
        return True
    wanted = owner.lower()
    names = [record.get("owner") or ""] + list(record.get("speakers") or [])
    return any(wanted in name.lower() for name in names if name)


def _newest_first(hit: CommitmentHit) -> tuple:
    return (-(hit.meta.get("meeting_date_int") or 0), hit.meta["doc_id"], hit.meta["start"])
