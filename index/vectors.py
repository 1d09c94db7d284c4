"""The vector store interface: all the rest of the code may ask of Chroma, or of any backend put in its place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol

import numpy as np

from .filters import Condition

COLLECTIONS = ("chunks", "sentences", "commitments")  # the logical collections every backend keeps


class Row(NamedTuple):
    id: str
    text: str
    meta: dict[str, Any]
    vector: np.ndarray | None = None


class VectorStore(Protocol):
    """Rows (id, text, flat metadata, vector) in named collections; filters arrive as backend-neutral Conditions
    and each backend translates them (Chroma to a `where`, the in-memory fake to `filters.matches`)."""

    def add(
        self,
        collection: str,
        ids: Sequence[str],
        vectors: np.ndarray,
        texts: Sequence[str],
        metas: Sequence[dict[str, Any]],
    ) -> None:
        """Insert or replace rows by id."""

    def delete(self, collection: str, ids: Sequence[str]) -> None:
        """Delete rows by id (unknown ids are ignored)."""

    def query(
        self, collection: str, vector: np.ndarray, n: int, conditions: Sequence[Condition] = ()
    ) -> list[tuple[Row, float]]:
        """The n rows nearest the vector that meet every condition, with cosine similarity, best first (the
        backend's own, possibly approximate, search: answers use the exact in-memory one, index/dense.py)."""

    def get(
        self,
        collection: str,
        ids: Sequence[str] | None = None,
        conditions: Sequence[Condition] = (),
        content: bool = True,
        vectors: bool = False,
    ) -> list[Row]:
        """Rows by id, or all rows meeting the conditions; `content=False` returns ids only (empty text and
        metadata), `vectors=True` adds each row's vector."""

    def count(self, collection: str) -> int:
        """Rows in the collection."""
