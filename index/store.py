"""The archive store: rows in a VectorStore and records in a DocumentRegistry, written and swept together."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from ingest.commitments import Commitment
from ingest.faults import checkpoint
from ingest.types import Chunk, Document

from .chroma import ChromaVectors
from .filters import Condition
from .offline import ensure_offline
from .records import StoredChunk, StoredCommitment, StoredSentence
from .registry import DocumentRegistry, FileRegistry
from .vectors import COLLECTIONS, VectorStore

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
    if getattr(chunk, "headings", None):
        meta["headings"] = list(chunk.headings)
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


SCHEMA = 3  # 2: commitments extracted at ingest; 3: chunks keep their headings as a list; a document stored under an older schema is re-ingested


def commitment_metadata(doc: Document, c: Commitment) -> dict[str, Any]:
    """Flat Chroma metadata for one commitment: where it is, what kind, who, by when, and the document's facets."""
    meta: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "source_path": doc.source_path,
        "chunk_id": c.chunk_id,
        "start": c.start,
        "end": c.end,
        "kind": c.kind,
        "summary": c.summary,
    }
    for name in ("owner", "horizon", "due"):
        if getattr(c, name):
            meta[name] = getattr(c, name)
    if c.speakers:
        meta["speakers"] = c.speakers
    return {**meta, **document_facets(doc)}


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
    """The archive's storage: a VectorStore (chunks, sentences, commitments) and a DocumentRegistry, written
    together so a reader never sees a document half-present. Chroma under data_dir/chroma by default."""

    def __init__(
        self,
        data_dir: Path,
        collection: str,
        chroma_url: str | None = None,
        tenant: str | None = None,
        database: str | None = None,
        auth: str | None = None,
        vectors: VectorStore | None = None,
        registry: DocumentRegistry | None = None,
    ):
        """Embedded Chroma under data_dir/chroma, or the Chroma server at chroma_url (same collections either way);
        `vectors` / `registry` put another backend in their place."""
        ensure_offline()
        self.data_dir = Path(data_dir)
        self.collection_name = collection
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.vectors: VectorStore = vectors or ChromaVectors(
            self.data_dir, collection, chroma_url, tenant, database, auth
        )
        self.registry: DocumentRegistry = registry or FileRegistry(self.data_dir / "documents" / collection)
        self.lexical_dir = self.data_dir / "lexical" / collection

    # -- documents ---------------------------------------------------------------------------------------
    def document(self, doc_id: str) -> dict[str, Any] | None:
        """The stored record, or None for an unknown or invalid id (never an error that says what exists)."""
        return self.registry.get(doc_id)

    def documents(self) -> list[dict[str, Any]]:
        """Registry records without their text, sorted by doc id."""
        return self.registry.records()

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
    def write_documents(
        self, batch: list[tuple[Document, list[Chunk], np.ndarray, np.ndarray, list[Commitment]]]
    ) -> None:
        """Write a batch of documents: the rows of all of them first (one upsert per collection), then each one's
        registry record, then their stale rows go. A reader never sees a document missing, and a document is current
        (registered) only once its rows are in; a run killed at any step leaves at worst rows that no record vouches
        for, which the next run sweeps. Commitments are sentences, so each reuses its sentence's vector."""
        rows = {name: _Rows() for name in COLLECTIONS}
        records = []
        for doc, chunks, chunk_vecs, sentence_vecs, commitments in batch:
            rows["chunks"].add(
                [c.id for c in chunks], chunk_vecs, [c.text for c in chunks], [chunk_metadata(doc, c) for c in chunks]
            )
            s_ids, s_docs, s_metas = [], [], []
            for chunk in chunks:
                for i, (sentence, speakers) in enumerate(zip(chunk.sentences, chunk.sentence_speakers, strict=False)):
                    s_ids.append(f"{chunk.id}:{i}")
                    s_docs.append(sentence.text)
                    s_meta = {
                        "chunk_id": chunk.id,
                        "doc_id": doc.doc_id,
                        "content_hash": chunk.content_hash,
                        "start": sentence.start,
                        "end": sentence.end,
                    }
                    if speakers:
                        s_meta["speakers"] = speakers
                    s_metas.append(s_meta)
            rows["sentences"].add(s_ids, sentence_vecs, s_docs, s_metas)
            if commitments:
                row = {sid: n for n, sid in enumerate(s_ids)}
                hashes = {ch.id: ch.content_hash for ch in chunks}
                rows["commitments"].add(
                    [c.id for c in commitments],
                    sentence_vecs[[row[c.id] for c in commitments]],
                    [c.text for c in commitments],
                    [{**commitment_metadata(doc, c), "content_hash": hashes[c.chunk_id]} for c in commitments],
                )
            records.append(_record(doc, chunks, len(s_ids), len(commitments)))
        for name in COLLECTIONS:
            ids_, vectors, texts, metas = rows[name].stacked()
            self.vectors.add(name, ids_, vectors, texts, metas)
            checkpoint(f"after_{name}_written")
        for record in records:
            self.registry.put(record)
            checkpoint("after_registry_written")
        checkpoint("before_sweep")
        self.sweep([record["doc_id"] for record in records])
        checkpoint("after_sweep")

    def registered(self) -> set[str]:
        """Ids of the documents the registry vouches for (file names only; nothing is read)."""
        return self.registry.ids()

    def sweep(self, doc_ids: Iterable[str] | None = None) -> int:
        """Delete chunks, sentences and commitments that no registry record vouches for (stale versions, removed
        documents). Chunks go last, so a sweep cut short leaves chunks behind whenever it leaves anything: what a
        later run's orphan check (index.lexical.settle) looks for."""
        removed = 0
        conditions = [] if doc_ids is None else [Condition("doc_id", "in", list(doc_ids))]
        for name in ("commitments", "sentences", "chunks"):
            current: dict[str, str | None] = {}
            stale = []
            for row in self.vectors.get(name, conditions=conditions):
                doc_id = row.meta["doc_id"]
                if doc_id not in current:
                    current[doc_id] = self.stored_hash(doc_id)
                if row.meta.get("content_hash") != current[doc_id]:
                    stale.append(row.id)
            self.vectors.delete(name, stale)
            removed += len(stale) if name == "chunks" else 0
        return removed

    def remove_document(self, doc_id: str) -> bool:
        """Remove a stored document by id; False for an unknown or invalid id (nothing outside the registry is
        ever touched)."""
        if not self.registry.remove(doc_id):
            return False
        checkpoint("remove_after_registry")
        self.sweep([doc_id])
        return True

    # -- reading -----------------------------------------------------------------------------------------
    def count(self) -> int:
        return self.vectors.count("chunks")

    def chunk_ids(self) -> list[str]:
        return [row.id for row in self.vectors.get("chunks", content=False)]

    def all_chunks(self, vectors: bool = False) -> list[StoredChunk]:
        return [
            StoredChunk.from_row(r.id, r.text, r.meta, r.vector) for r in self.vectors.get("chunks", vectors=vectors)
        ]

    def all_commitments(self, vectors: bool = False) -> list[StoredCommitment]:
        return [
            StoredCommitment.from_row(r.id, r.text, r.meta, r.vector)
            for r in self.vectors.get("commitments", vectors=vectors)
        ]

    def get_chunks(self, ids: Iterable[str]) -> dict[str, StoredChunk]:
        """Chunks by id, with their vectors."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        return {
            r.id: StoredChunk.from_row(r.id, r.text, r.meta, r.vector)
            for r in self.vectors.get("chunks", ids=ids, vectors=True)
        }

    def sentences_for(self, chunk_ids: Iterable[str]) -> list[StoredSentence]:
        """Sentences of these chunks with their ingest-time vectors."""
        chunk_ids = list(chunk_ids)
        if not chunk_ids:
            return []
        rows = self.vectors.get("sentences", conditions=[Condition("chunk_id", "in", chunk_ids)], vectors=True)
        return [StoredSentence.from_row(r.id, r.text, r.meta, r.vector) for r in rows]
