"""The Chroma backend of the VectorStore interface: embedded (PersistentClient) or a `chroma run` server."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from .filters import Condition
from .vectors import COLLECTIONS, Row


def _clause(c: Condition) -> dict[str, Any]:
    if c.op != "contains":
        return {c.field: {f"${c.op}": c.value}}
    options = [{c.field: {"$contains": v}} for v in c.value]  # list metadata: any of the wanted values
    return options[0] if len(options) == 1 else {"$or": options}


def to_where(conditions: Sequence[Condition]) -> dict[str, Any] | None:
    """Backend-neutral conditions as a Chroma `where`."""
    clauses = [_clause(c) for c in conditions]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _client(data_dir: Path, url: str | None, tenant: str | None, database: str | None, auth: str | None):
    import chromadb  # noqa: PLC0415 — a second to import: commands that never open the store skip it
    from chromadb.config import Settings as ChromaSettings  # noqa: PLC0415 — as above

    settings = ChromaSettings(anonymized_telemetry=False)
    if not url:
        return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=settings)
    parsed = urlparse(url if "//" in url else f"http://{url}")
    if not parsed.hostname:
        raise ValueError(f"chroma url {url!r}: expected http://HOST:PORT")
    kwargs = {"tenant": tenant, "database": database}
    try:
        return chromadb.HttpClient(
            host=parsed.hostname,
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            headers={"Authorization": auth} if auth else None,
            settings=settings,
            **{k: v for k, v in kwargs.items() if v},
        )
    except Exception as exc:  # connection refused, bad tenant: say which server
        raise ValueError(f"cannot use the Chroma server at {url}: {exc}") from exc


class ChromaVectors:
    """Three Chroma collections named after the archive: NAME (chunks), NAME-sentences, NAME-commitments."""

    def __init__(
        self,
        data_dir: Path,
        name: str,
        url: str | None = None,
        tenant: str | None = None,
        database: str | None = None,
        auth: str | None = None,
    ):
        self.client = _client(Path(data_dir), url, tenant, database, auth)
        # embedding_function=None: vectors are always passed in; Chroma's default would download a model.
        # One HNSW build thread: the graph, and so the neighbours found, are the same in embedded and server mode
        # and from run to run; a wide search keeps small archives' dense results exact.
        space = {"hnsw:space": "cosine", "hnsw:num_threads": 1, "hnsw:search_ef": 256}
        names = {"chunks": name, "sentences": f"{name}-sentences", "commitments": f"{name}-commitments"}
        self.collections = {
            logical: self.client.get_or_create_collection(names[logical], embedding_function=None, metadata=space)
            for logical in COLLECTIONS
        }
        self.batch = max(1, min(5000, self.client.get_max_batch_size()))

    def add(
        self,
        collection: str,
        ids: Sequence[str],
        vectors: np.ndarray,
        texts: Sequence[str],
        metas: Sequence[dict[str, Any]],
    ) -> None:
        target, b = self.collections[collection], self.batch
        for i in range(0, len(ids), b):
            target.upsert(
                ids=list(ids[i : i + b]),
                embeddings=vectors[i : i + b],
                documents=list(texts[i : i + b]),
                metadatas=list(metas[i : i + b]),
            )

    def delete(self, collection: str, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), self.batch):
            self.collections[collection].delete(ids=list(ids[i : i + self.batch]))

    def query(
        self, collection: str, vector: np.ndarray, n: int, conditions: Sequence[Condition] = ()
    ) -> list[tuple[Row, float]]:
        target = self.collections[collection]
        n = min(n, target.count())
        if n <= 0:
            return []
        got = target.query(
            query_embeddings=[vector],
            n_results=n,
            where=to_where(conditions),
            include=["documents", "metadatas", "distances"],
        )
        return [
            (Row(i, t, m), 1.0 - d)
            for i, d, t, m in zip(
                got["ids"][0], got["distances"][0], got["documents"][0], got["metadatas"][0], strict=False
            )
        ]

    def get(
        self,
        collection: str,
        ids: Sequence[str] | None = None,
        conditions: Sequence[Condition] = (),
        content: bool = True,
        vectors: bool = False,
    ) -> list[Row]:
        target = self.collections[collection]
        include = (["documents", "metadatas"] if content else []) + (["embeddings"] if vectors else [])
        if ids is not None or conditions or not content:
            if ids is not None and not ids:
                return []
            got = target.get(ids=list(ids) if ids is not None else None, where=to_where(conditions), include=include)
            pages = [got]
        else:  # everything: in pages, so a large archive is never one response
            pages = [
                target.get(include=include, limit=self.batch, offset=offset)
                for offset in range(0, target.count(), self.batch)
            ]
        rows = []
        for got in pages:
            n = len(got["ids"])
            texts = got["documents"] if content else [""] * n
            metas = got["metadatas"] if content else [{}] * n
            embs = got["embeddings"] if vectors else [None] * n
            rows += [Row(i, t, m, e) for i, t, m, e in zip(got["ids"], texts, metas, embs, strict=False)]
        return rows

    def count(self, collection: str) -> int:
        return self.collections[collection].count()
