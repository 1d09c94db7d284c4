"""Files -> Documents -> Chunks -> vectors -> the store: skipping unchanged files, reporting bad ones (the caller then
brings the lexical index in step: index.lexical.settle)."""

from __future__ import annotations

import getpass
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from tqdm import tqdm

from .chunk import CHUNK_SIZE, MIN_CHUNK, chunk_document
from .commitments import extract as extract_commitments
from .faults import checkpoint
from .limits import Limits
from .load import discover, load_document
from .types import Chunk, Document, IngestError

STATUS_NAMES = {
    "added": "ingested",
    "updated": "replaced",
    "unchanged": "unchanged",
    "failed": "failed",
    "pruned": "pruned",
}


@dataclass
class FileResult:
    path: str
    status: str  # "added", "updated", "unchanged", "failed" or "pruned"
    doc_id: str | None = None
    chunks: int = 0
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    embed_seconds: float = 0.0
    pages: int = 0

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def chunks(self) -> int:
        return sum(r.chunks for r in self.results if r.status in ("added", "updated"))

    def summary(self) -> str:
        parts = [f"{self.count(s)} {name}" for s, name in STATUS_NAMES.items() if s != "pruned" or self.count(s)]
        if self.chunks and self.seconds:
            parts.append(
                f"{self.chunks} chunks from {self.pages} pages in {self.seconds:.1f} s "
                f"({self.chunks / self.seconds:.1f} chunks/s, {self.pages / self.seconds:.1f} pages/s, "
                f"{100 * self.embed_seconds / self.seconds:.0f}% in the embedding model)"
            )
        return ", ".join(parts)


def provenance(path: Path, added_by: str | None, via: str) -> dict[str, str]:
    """Who added a file, how ('command line' or 'upload') and when (UTC), and the file's name."""

    try:
        user = added_by or getpass.getuser()
    except OSError:  # no user name in this environment
        user = "unknown"
    return {
        "file": path.name,
        "added_by": user,
        "via": via,
        "added_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _prepared(
    files: list[Path],
    store,
    chunk_size: int,
    min_chunk: int,
    limits: Limits | None,
    report: IngestReport,
    bar,
    added_by: str | None = None,
    via: str = "command line",
) -> Iterator[tuple[Document, list[Chunk], str]]:
    """Load and chunk file by file, yielding what needs writing; failures and unchanged files are recorded here.

    A generator, so only one batch of documents is held in memory at a time."""
    seen: dict[str, str] = {}
    texts = {d.get("text_hash"): d["doc_id"] for d in store.documents() if d.get("text_hash")}
    for path in files:
        try:
            doc = load_document(path, limits)
            doc.provenance = provenance(path, added_by, via)
            if doc.doc_id in seen:
                raise IngestError(path, f"document id '{doc.doc_id}' is already taken by {seen[doc.doc_id]}")
            seen[doc.doc_id] = str(path)
            same = texts.get(doc.text_hash)
            if same and same != doc.doc_id:
                raise IngestError(path, f"same text as the document '{same}', already indexed; skipped")
            texts[doc.text_hash] = doc.doc_id
            stored = store.stored_hash(doc.doc_id)
            if stored == doc.content_hash:
                report.results.append(FileResult(str(path), "unchanged", doc.doc_id, warnings=doc.warnings))
            else:
                chunks = chunk_document(doc, chunk_size=chunk_size, min_chunk=min_chunk)
                if not chunks:
                    raise IngestError(path, "no text to index")
                yield doc, chunks, "updated" if stored else "added"
                continue
        except IngestError as exc:
            report.results.append(FileResult(exc.path, "failed", reason=exc.reason))
        if bar is not None:
            bar.update(1)


def _texts(chunks: list[Chunk]) -> list[str]:
    """What is embedded for a document: each chunk (with its context), then each sentence."""
    return [c.index_text for c in chunks] + [s.text for c in chunks for s in c.sentences]


def _batches(prepared: Iterable[tuple[Document, list[Chunk], str]], batch_texts: int):
    """Documents gathered until the next would take the batch past `batch_texts` texts (one alone may exceed it)."""
    batch: list[tuple[Document, list[Chunk], str]] = []
    size = 0
    for item in prepared:
        n = len(_texts(item[1]))
        if batch and size + n > batch_texts:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += n
    if batch:
        yield batch


def _embed(batch: list[tuple[Document, list[Chunk], str]], embedder) -> list[tuple[np.ndarray, np.ndarray]]:
    """One encoder call for the whole batch (each distinct text once: minutes repeat their boilerplate), split back
    into (chunk vectors, sentence vectors) per document."""
    texts = [t for _, chunks, _ in batch for t in _texts(chunks)]
    row = {text: n for n, text in enumerate(dict.fromkeys(texts))}
    vectors = embedder.embed(list(row))[[row[t] for t in texts]]
    out, at = [], 0
    for _, chunks, _ in batch:
        n_chunks, n_sentences = len(chunks), sum(len(c.sentences) for c in chunks)
        out.append((vectors[at : at + n_chunks], vectors[at + n_chunks : at + n_chunks + n_sentences]))
        at += n_chunks + n_sentences
    return out


def prune(paths: Iterable[Path], store, report: IngestReport) -> None:
    """Remove documents whose source file lay under one of these folders and is gone now."""
    folders = [Path(p).resolve() for p in paths if Path(p).is_dir()]
    for record in store.documents():
        source = Path(record["source_path"]).resolve()
        if any(source.is_relative_to(f) for f in folders) and not source.exists():
            store.remove_document(record["doc_id"])
            report.results.append(
                FileResult(record["source_path"], "pruned", record["doc_id"], reason="source file no longer exists")
            )


def ingest_paths(
    paths: Iterable[Path],
    store,
    embedder,
    chunk_size: int = CHUNK_SIZE,
    min_chunk: int = MIN_CHUNK,
    progress: bool = True,
    limits: Limits | None = None,
    prune_missing: bool = False,
    batch_texts: int = 512,
    added_by: str | None = None,
    via: str = "command line",
) -> IngestReport:
    """Ingest files and directories into the store, embedding and writing many documents at a time (up to
    `batch_texts` chunks and sentences). The store is all this writes: the caller re-syncs what reads it."""
    started = time.perf_counter()
    report = IngestReport()
    paths = list(paths)
    if prune_missing:
        prune(paths, store, report)
    files, errors = discover(paths)
    report.results += [FileResult(e.path, "failed", reason=e.reason) for e in errors]
    bar = None
    if progress and files:
        bar = tqdm(total=len(files), desc="Ingesting (load, chunk, embed, write)", unit="file")
    try:
        prepared = _prepared(files, store, chunk_size, min_chunk, limits, report, bar, added_by, via)
        for batch in _batches(prepared, batch_texts):
            t0 = time.perf_counter()
            vectors = _embed(batch, embedder)
            report.embed_seconds += time.perf_counter() - t0
            checkpoint("after_embedding")
            store.write_documents(
                [
                    (doc, chunks, chunk_vecs, sentence_vecs, extract_commitments(doc, chunks))
                    for (doc, chunks, _), (chunk_vecs, sentence_vecs) in zip(batch, vectors, strict=False)
                ]
            )
            for doc, chunks, status in batch:
                report.pages += len(doc.pages)
                report.results.append(
                    FileResult(doc.source_path, status, doc.doc_id, len(chunks), warnings=doc.warnings)
                )
            if bar is not None:
                bar.update(len(batch))
    finally:
        if bar is not None:
            bar.close()
        # write_documents sweeps what it writes; an unchanged document may still carry stale chunks from a run
        # killed between its registry write and its sweep.
        unchanged = [r.doc_id for r in report.results if r.status == "unchanged"]
        if unchanged:
            store.sweep(unchanged)
        report.seconds = time.perf_counter() - started
    return report
