"""Hybrid search over commitments: BM25 and exact dense search on the commitment sentences, fused by RRF, kept if
relevant.

Commitments are few beside chunks, so their BM25 index is built in memory from the store and rebuilt when the
commitment ids change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ingest.owners import OwnerGroup, owner_group, plain

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
        self.groups = {r.id: group_of(r) for r in records}  # read by every owner filter
        ids = list(self.records)
        texts = [f"{r.owner or ''} {r.text}" for r in records]
        vectors = np.stack([vector_of(r) for r in records]) if records else None
        self.lexical = LexicalIndex.build(ids, texts, [dict(r.row) for r in records], vectors) if ids else None

    def newest_first(self, conditions: Sequence[Condition], owner: str | None = None) -> list[CommitmentHit]:
        """All commitments passing the filters, newest meeting first (undated last), then in reading order."""
        hits = [
            CommitmentHit(r)
            for r in self.records.values()
            if matches(list(conditions), r.row) and self.owned_by(r, owner)
        ]
        return sorted(hits, key=_newest_first)

    def owned_by(self, record: StoredCommitment, owner: str | None) -> bool:
        """The owner filter: the owner's group ("Police" finds Inspector Danvers), or part of the owner's or a
        speaker's name ("Danvers")."""
        if not owner:
            return True
        wanted, group = plain(owner), self.groups.get(record.id)
        if group is not None and plain(group.group) == wanted:
            return True
        return any(wanted in name.lower() for name in (record.owner or "", *record.speakers) if name)

    def owners(self) -> dict[str, dict[str, int]]:
        """Owners by group, with how many commitments each owns: {group: {owner: count}}, groups and owners sorted."""
        found: dict[str, dict[str, int]] = {}
        for r in self.records.values():
            group = self.groups[r.id]
            if group is not None and r.owner:
                owners = found.setdefault(group.group, {})
                owners[r.owner] = owners.get(r.owner, 0) + 1
        return {g: dict(sorted(found[g].items())) for g in sorted(found, key=str.lower)}

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
            if self.owned_by(self.records[cid], owner)
        ]
        return sorted(hits, key=lambda h: (-h.score, h.commitment.id))  # ties by id, never by set order


def group_of(record: StoredCommitment) -> OwnerGroup | None:
    """The group of the commitment's owner (ingest.owners); a bare place name stands for its paper's council."""
    return owner_group(record.owner, [record.paper.council or ""]) if record.owner else None


def _newest_first(hit: CommitmentHit) -> tuple:
    c = hit.commitment
    return (-(c.paper.meeting_date_int or 0), c.paper.doc_id, c.start)
