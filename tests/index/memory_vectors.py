"""An in-memory VectorStore: the one class a second backend needs (exact cosine search, filters by `matches`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from index.filters import Condition, matches
from index.vectors import COLLECTIONS, Row


class MemoryVectors:
    def __init__(self):
        self.rows: dict[str, dict[str, Row]] = {name: {} for name in COLLECTIONS}

    def add(
        self,
        collection: str,
        ids: Sequence[str],
        vectors: np.ndarray,
        texts: Sequence[str],
        metas: Sequence[dict[str, Any]],
    ) -> None:
        for id_, vec, text, meta in zip(ids, vectors, texts, metas, strict=False):
            self.rows[collection][id_] = Row(id_, text, dict(meta), np.asarray(vec, dtype=np.float32))

    def delete(self, collection: str, ids: Sequence[str]) -> None:
        for id_ in ids:
            self.rows[collection].pop(id_, None)

    def query(
        self, collection: str, vector: np.ndarray, n: int, conditions: Sequence[Condition] = ()
    ) -> list[tuple[Row, float]]:
        found = [
            (r, float(np.dot(vector, r.vector)))
            for r in self.rows[collection].values()
            if matches(list(conditions), r.meta)
        ]
        return [(r._replace(vector=None), s) for r, s in sorted(found, key=lambda rs: -rs[1])[:n]]

    def get(
        self,
        collection: str,
        ids: Sequence[str] | None = None,
        conditions: Sequence[Condition] = (),
        content: bool = True,
        vectors: bool = False,
    ) -> list[Row]:
        rows = self.rows[collection]
        chosen = [rows[i] for i in ids if i in rows] if ids is not None else list(rows.values())
        chosen = [r for r in chosen if matches(list(conditions), r.meta)]
        return [
            Row(r.id, r.text if content else "", r.meta if content else {}, r.vector if vectors else None)
            for r in chosen
        ]

    def count(self, collection: str) -> int:
        return len(self.rows[collection])
