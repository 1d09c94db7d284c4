"""Chroma collections for chunks and their sentences, plus a document registry; Chroma is the source of truth."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from ingest import ids
from ingest.faults import checkpoint
from ingest.types import Chunk, Document

from .offline import ensure_offline

META_FIELDS = ("title", "council", "committee", "meeting_body", "doc_type")


def chunk_metadata(doc: Document, chunk: Chunk) -> dict[str, Any]:
    """Flat Chroma metadata (no None values: an unknown field is simply absent, so range filters exclude it)."""
    meta: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "source_path": doc.source_path,
        "content_hash": chunk.content_hash,
        "position": chunk.position,
        "start": chunk.start,
        "end": chunk.end,
        "section": chunk.section,
        "context": chunk.context,
    }
    if chunk.page is not None:
        meta["page"] = chunk.page
    if chunk.speakers:
        meta["speakers"] = chunk.speakers
    return {**meta, **document_facets(doc)}


def document_facets(doc: Document) -> dict[str, Any]:
    """The document's filterable metadata, flat and without None values, for every record derived from it."""
    meta: dict[str, Any] = {name: getattr(doc.meta, name) for name in META_FIELDS if getattr(doc.meta, name)}
    if doc.meta.meeting_date:
        meta["meeting_date"] = doc.meta.meeting_date.isoformat()
        meta["meeting_date_int"] = doc.meta.date_int
    if doc.provenance.get("via") == "upload":  # a citation of an uploaded paper says who uploaded it
        meta["uploaded_by"] = doc.provenance["added_by"]
    return meta


SCHEMA = 2  # 2: commitments extracted at ingest; a document stored under an older schema is re-ingested


def commitment_metadata(doc: Document, c) -> dict[str, Any]:
    """Flat Chroma metadata for one commitment: where it is, what kind, who, by when, and the document's facets."""
    meta: dict[str, Any] = {"doc_id": doc.doc_id, "source_path": doc.source_path, "chunk_id": c.chunk_id,
                            "start": c.start, "end": c.end, "kind": c.kind, "summary": c.summary}
    for name in ("owner", "horizon", "due"):
        if getattr(c, name):
            meta[name] = getattr(c, name)
    if c.speakers:
        meta["speakers"] = c.speakers
    return {**meta, **document_facets(doc)}


def _atomic_write(path: Path, payload: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # not named *.json: a write cut short by a crash must never be read as a registry record
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".partial")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _client(data_dir: Path, url: str | None, tenant: str | None, database: str | None, auth: str | None):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if not url:
        return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=settings)
    from urllib.parse import urlparse

    parsed = urlparse(url if "//" in url else f"http://{url}")
    if not parsed.hostname:
        raise ValueError(f"chroma url {url!r}: expected http://HOST:PORT")
    kwargs = {"tenant": tenant, "database": database}
    try:
        return chromadb.HttpClient(host=parsed.hostname, port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                                   ssl=parsed.scheme == "https", headers={"Authorization": auth} if auth else None,
                                   settings=settings, **{k: v for k, v in kwargs.items() if v})
    except Exception as exc:  # connection refused, bad tenant: say which server
        raise ValueError(f"cannot use the Chroma server at {url}: {exc}") from exc


class _Rows:
    """Rows bound for one collection, gathered across the documents of a batch."""

    def __init__(self):
        self.ids: list[str] = []
        self.vectors: list[np.ndarray] = []
        self.docs: list[str] = []
        self.metas: list[dict] = []

    def add(self, ids: list[str], vectors: np.ndarray, docs: list[str], metas: list[dict]) -> None:
        self.ids += ids
        self.vectors.append(np.asarray(vectors, dtype=np.float32).reshape(len(ids), -1))
        self.docs += docs
        self.metas += metas

    def stacked(self) -> tuple[list[str], np.ndarray, list[str], list[dict]]:
        vectors = np.concatenate(self.vectors) if self.vectors else np.zeros((0, 0), dtype=np.float32)
        return self.ids, vectors, self.docs, self.metas


def _record(doc: Document, chunks: list[Chunk], sentences: int, commitments: int) -> dict[str, Any]:
    """The registry record of a document: what makes it current, its metadata, and its full text."""
    return {
        "schema": SCHEMA,
        "doc_id": doc.doc_id,
        "source_path": doc.source_path,
        "content_hash": doc.content_hash,
        "text_hash": doc.text_hash,
        "meta": json.loads(doc.meta.model_dump_json()),
        "pages": [page.__dict__ for page in doc.pages],
        "chunks": len(chunks),
        "speakers": sorted({name for c in chunks for name in c.speakers}),
        "sentences": sentences,
        "commitments": commitments,
        "warnings": doc.warnings,
        "provenance": doc.provenance,
        "text": doc.text,
    }


class Store:
    """Embedded Chroma (PersistentClient) under data_dir/chroma; documents' full text under data_dir/documents."""

    def __init__(self, data_dir: Path, collection: str, chroma_url: str | None = None, tenant: str | None = None,
                 database: str | None = None, auth: str | None = None):
        """Embedded Chroma under data_dir/chroma, or the Chroma server at chroma_url (same collections either way)."""
        ensure_offline()
        self.data_dir = Path(data_dir)
        self.collection_name = collection
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.client = _client(self.data_dir, chroma_url, tenant, database, auth)
        # embedding_function=None: vectors are always passed in; Chroma's default would download a model.
        # One HNSW build thread: the graph, and so the neighbours found, are the same in embedded and server mode
        # and from run to run; a wide search keeps small archives' dense results exact.
        space = {"hnsw:space": "cosine", "hnsw:num_threads": 1, "hnsw:search_ef": 256}
        self.chunks = self.client.get_or_create_collection(collection, embedding_function=None, metadata=space)
        self.sentences = self.client.get_or_create_collection(
            f"{collection}-sentences", embedding_function=None, metadata=space
        )
        self.commitments = self.client.get_or_create_collection(
            f"{collection}-commitments", embedding_function=None, metadata=space
        )
        self.registry_dir = self.data_dir / "documents" / collection
        self.lexical_dir = self.data_dir / "lexical" / collection
        self._batch = max(1, min(5000, self.client.get_max_batch_size()))

    # -- documents ---------------------------------------------------------------------------------------
    def _registry_path(self, doc_id: str) -> Path:
        """The registry file of a valid id, confirmed to lie inside this collection's registry (BadDocumentId if
        not): ids come from URLs and the command line, and must never name a file elsewhere."""
        path = (self.registry_dir / f"{ids.check(doc_id)}.json").resolve()
        if path.parent != self.registry_dir.resolve():
            raise ids.BadDocumentId(f"{doc_id!r} is not a document id")
        return path

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """The stored record, or None for an unknown or invalid id (never an error that says what exists)."""
        try:
            path = self._registry_path(doc_id)
        except ids.BadDocumentId:
            return None
        if not path.is_file():
            return None
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) and record.get("doc_id") == doc_id else None

    def documents(self) -> list[dict[str, Any]]:
        """Registry records without their text, sorted by doc id."""
        records = []
        for path in sorted(self.registry_dir.glob("*.json")) if self.registry_dir.exists() else []:
            record = self.document(path.stem)  # the same checks as a lookup: a stray file is not a document
            if record is not None:
                record.pop("text", None)
                records.append(record)
        return records

    def stored_hash(self, doc_id: str) -> str | None:
        """The content hash the index holds for doc_id; marked outdated when it was stored under an older SCHEMA."""
        record = self.document(doc_id)
        if record is None:
            return None
        return record["content_hash"] if record.get("schema") == SCHEMA else f"outdated:{record['content_hash']}"

    def facets(self) -> dict[str, set[str]]:
        """Values each facet takes in the archive: metadata fields, plus every speaker."""
        values: dict[str, set[str]] = {name: set() for name in (*META_FIELDS, "speakers")}
        for record in self.documents():
            for name in META_FIELDS:
                if record["meta"].get(name):
                    values[name].add(record["meta"][name])
            values["speakers"].update(record.get("speakers", []))
        return values

    # -- writing -----------------------------------------------------------------------------------------
    def _upsert(self, collection, ids: list[str], vectors: np.ndarray, docs: list[str], metas: list[dict]) -> None:
        for i in range(0, len(ids), self._batch):
            collection.upsert(
                ids=ids[i:i + self._batch],
                embeddings=vectors[i:i + self._batch],
                documents=docs[i:i + self._batch],
                metadatas=metas[i:i + self._batch],
            )

    def write_document(self, doc: Document, chunks: list[Chunk], chunk_vecs: np.ndarray, sentence_vecs: np.ndarray,
                       commitments: list = ()) -> None:
        """One document: write_documents with a batch of one."""
        self.write_documents([(doc, chunks, chunk_vecs, sentence_vecs, list(commitments))])

    def write_documents(self, batch: list[tuple[Document, list[Chunk], np.ndarray, np.ndarray, list]]) -> None:
        """Write a batch of documents: the rows of all of them first (one upsert per collection), then each one's
        registry record, then their stale rows go. A reader never sees a document missing, and a document is current
        (registered) only once its rows are in; a run killed at any step leaves at worst rows that no record vouches
        for, which the next run sweeps. Commitments are sentences, so each reuses its sentence's vector."""
        rows = {"chunks": _Rows(), "sentences": _Rows(), "commitments": _Rows()}
        records = []
        for doc, chunks, chunk_vecs, sentence_vecs, commitments in batch:
            rows["chunks"].add([c.id for c in chunks], chunk_vecs, [c.text for c in chunks],
                               [chunk_metadata(doc, c) for c in chunks])
            s_ids, s_docs, s_metas = [], [], []
            for chunk in chunks:
                for i, (sentence, speakers) in enumerate(zip(chunk.sentences, chunk.sentence_speakers)):
                    s_ids.append(f"{chunk.id}:{i}")
                    s_docs.append(sentence.text)
                    s_meta = {"chunk_id": chunk.id, "doc_id": doc.doc_id, "content_hash": chunk.content_hash,
                              "start": sentence.start, "end": sentence.end}
                    if speakers:
                        s_meta["speakers"] = speakers
                    s_metas.append(s_meta)
            rows["sentences"].add(s_ids, sentence_vecs, s_docs, s_metas)
            if commitments:
                row = {sid: n for n, sid in enumerate(s_ids)}
                hashes = {ch.id: ch.content_hash for ch in chunks}
                rows["commitments"].add([c.id for c in commitments], sentence_vecs[[row[c.id] for c in commitments]],
                                        [c.text for c in commitments],
                                        [{**commitment_metadata(doc, c), "content_hash": hashes[c.chunk_id]}
                                         for c in commitments])
            records.append(_record(doc, chunks, len(s_ids), len(commitments)))
        for name in ("chunks", "sentences", "commitments"):
            self._upsert(getattr(self, name), *rows[name].stacked())
            checkpoint(f"after_{name}_written")
        for record in records:
            _atomic_write(self._registry_path(record["doc_id"]), json.dumps(record, ensure_ascii=False))
            checkpoint("after_registry_written")
        checkpoint("before_sweep")
        self.sweep([record["doc_id"] for record in records])
        checkpoint("after_sweep")

    def registered(self) -> set[str]:
        """Ids of the documents the registry vouches for (file names only; nothing is read)."""
        return {p.stem for p in self.registry_dir.glob("*.json")} if self.registry_dir.exists() else set()

    def sweep(self, doc_ids: Iterable[str] | None = None) -> int:
        """Delete chunks, sentences and commitments that no registry record vouches for (stale versions, removed
        documents). Chunks go last, so a sweep cut short leaves chunks behind whenever it leaves anything: what a
        later run's orphan check (ingest.pipeline.settle) looks for."""
        removed = 0
        for collection in (self.commitments, self.sentences, self.chunks):
            got = collection.get(include=["metadatas"]) if doc_ids is None else collection.get(
                where={"doc_id": {"$in": list(doc_ids)}}, include=["metadatas"])
            current = {}
            stale = []
            for id_, meta in zip(got["ids"], got["metadatas"]):
                doc_id = meta["doc_id"]
                if doc_id not in current:
                    current[doc_id] = self.stored_hash(doc_id)
                if meta.get("content_hash") != current[doc_id]:
                    stale.append(id_)
            for i in range(0, len(stale), self._batch):
                collection.delete(ids=stale[i:i + self._batch])
            removed += len(stale) if collection is self.chunks else 0
        return removed

    def remove_document(self, doc_id: str) -> bool:
        """Remove a stored document by id; False for an unknown or invalid id (nothing outside the registry is
        ever touched)."""
        if self.document(doc_id) is None:
            return False
        path = self._registry_path(doc_id)
        path.unlink()
        checkpoint("remove_after_registry")
        self.sweep([doc_id])
        return True

    # -- reading -----------------------------------------------------------------------------------------
    def count(self) -> int:
        return self.chunks.count()

    def all_chunks(self) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        ids, texts, metas = [], [], []
        total = self.chunks.count()
        for offset in range(0, total, self._batch):
            got = self.chunks.get(include=["documents", "metadatas"], limit=self._batch, offset=offset)
            ids += got["ids"]
            texts += got["documents"]
            metas += got["metadatas"]
        return ids, texts, metas

    def all_commitments(self) -> list[dict[str, Any]]:
        """Every commitment's metadata with its id and sentence text."""
        out = []
        total = self.commitments.count()
        for offset in range(0, total, self._batch):
            got = self.commitments.get(include=["documents", "metadatas"], limit=self._batch, offset=offset)
            out += [{**meta, "id": id_, "text": text} for id_, text, meta in zip(got["ids"], got["documents"],
                                                                                 got["metadatas"])]
        return out

    def query_commitments(self, vector: np.ndarray, n: int, where: dict | None) -> list[tuple[str, float]]:
        """Dense search over commitments: (commitment id, cosine similarity), best first."""
        n = min(n, self.commitments.count())
        if n <= 0:
            return []
        got = self.commitments.query(query_embeddings=[vector], n_results=n, where=where, include=["distances"])
        return [(id_, 1.0 - d) for id_, d in zip(got["ids"][0], got["distances"][0])]

    def query(self, vector: np.ndarray, n: int, where: dict | None) -> list[tuple[str, float, str, dict]]:
        """Dense search: (chunk id, cosine similarity, text, metadata), best first."""
        n = min(n, self.chunks.count())
        if n <= 0:
            return []
        got = self.chunks.query(query_embeddings=[vector], n_results=n, where=where,
                                include=["documents", "metadatas", "distances"])
        return [(i, 1.0 - d, t, m) for i, d, t, m in
                zip(got["ids"][0], got["distances"][0], got["documents"][0], got["metadatas"][0])]

    def get_chunks(self, ids: list[str]) -> dict[str, tuple[str, dict, np.ndarray]]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        got = self.chunks.get(ids=ids, include=["documents", "metadatas", "embeddings"])
        return {i: (t, m, e) for i, t, m, e in zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"])}

    def sentences_for(self, chunk_ids: list[str]) -> list[tuple[str, str, dict, np.ndarray]]:
        """Sentences of these chunks with their ingest-time vectors: (id, text, metadata, vector)."""
        if not chunk_ids:
            return []
        got = self.sentences.get(where={"chunk_id": {"$in": list(chunk_ids)}},
                                 include=["documents", "metadatas", "embeddings"])
        return list(zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"]))
