"""Exact dense search in memory: every vector of a collection in one matrix, searched by a product.

Chroma 1.5.9's HNSW search can miss a live record right after it is written (a test paper's only chunk, the
nearest to the question by far, was left out of the top 30 in 4 of 12 fresh builds; chroma-core/chroma#7758
reports the same after deletes), and a missing best passage turns into a confident answer from the wrong paper.
At archive sizes (100k chunks × 384 floats = 150 MB) a matrix product is exact, deterministic and fast enough,
so the store stays the source of truth and the search is ours.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

# One BLAS thread for the product: OpenBLAS's idle workers spin after a threaded call and took the cores from the
# next question's embedding (warm query p50 on the bench 30 -> 45 ms with them, 24 ms without).
_BLAS = ThreadpoolController()


class DenseIndex:
    """Row i of `matrix` is the L2-normalised vector of `ids[i]`, so cosine similarity is a dot product."""

    def __init__(self, ids: list[str], matrix: np.ndarray):
        self.ids = ids
        matrix = np.asarray(matrix, dtype=np.float32)
        self.matrix = matrix.reshape(len(ids), -1) if ids else np.zeros((0, 0), dtype=np.float32)

    def search(self, vector: np.ndarray, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """(id, cosine similarity) of the k rows nearest the vector among those the mask keeps, best first; equal
        scores in row order, so the same archive always answers the same way."""
        if not self.ids or k <= 0:
            return []
        with _BLAS.limit(limits=1, user_api="blas"):
            scores = self.matrix @ np.asarray(vector, dtype=np.float32)
        rows = np.arange(len(self.ids)) if mask is None else np.flatnonzero(mask)
        if rows.size == 0:
            return []
        k = min(k, rows.size)
        picked = rows[np.argpartition(-scores[rows], k - 1)[:k]] if k < rows.size else rows
        ordered = sorted(picked.tolist(), key=lambda r: (-float(scores[r]), r))
        return [(self.ids[r], float(scores[r])) for r in ordered]

    def save(self, directory: Path) -> None:
        np.save(Path(directory) / "vectors.npy", self.matrix)

    @classmethod
    def load(cls, directory: Path, ids: list[str]) -> DenseIndex | None:
        """The saved matrix for these ids (the lexical index's, in the same order), or None if absent or stale."""
        path = Path(directory) / "vectors.npy"
        if not path.exists():
            return None
        matrix = np.load(path)
        return cls(ids, matrix) if matrix.shape[0] == len(ids) else None
