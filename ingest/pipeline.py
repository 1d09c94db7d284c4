"""Files -> Documents -> Chunks -> vectors -> Chroma, then the lexical index: skipping unchanged files, reporting bad ones."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .chunk import chunk_document
from .commitments import extract as extract_commitments
from .limits import Limits
from .load import discover, load_document
from .types import Chunk, Document, IngestError


STATUS_NAMES = {"added": "ingested", "updated": "replaced", "unchanged": "unchanged", "failed": "failed",
                "pruned": "pruned"}


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
            parts.append(f"{self.chunks} chunks from {self.pages} pages in {self.seconds:.1f} s "
                         f"({self.chunks / self.seconds:.1f} chunks/s, {self.pages / self.seconds:.1f} pages/s, "
                         f"{100 * self.embed_seconds / self.seconds:.0f}% in the embedding model)")
        return ", ".join(parts)


def _prepare(paths: Iterable[Path], store, chunk_size: int, min_chunk: int, limits: Limits | None,
             report: IngestReport):
    """Load and chunk every file; failures are recorded and skipped, the rest go on."""
    files, errors = discover(paths)
    report.results += [FileResult(e.path, "failed", reason=e.reason) for e in errors]
    seen: dict[str, str] = {}
    texts = {d.get("text_hash"): d["doc_id"] for d in store.documents() if d.get("text_hash")}
    todo: list[tuple[Document, list[Chunk], str]] = []
    for path in files:
        try:
            doc = load_document(path, limits)
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
                continue
            chunks = chunk_document(doc, chunk_size=chunk_size, min_chunk=min_chunk)
            if not chunks:
                raise IngestError(path, "no text to index")
            todo.append((doc, chunks, "updated" if stored else "added"))
        except IngestError as exc:
            report.results.append(FileResult(exc.path, "failed", reason=exc.reason))
    return todo


def prune(paths: Iterable[Path], store, report: IngestReport) -> None:
    """Remove documents whose source file lay under one of these folders and is gone now."""
    folders = [Path(p).resolve() for p in paths if Path(p).is_dir()]
    for record in store.documents():
        source = Path(record["source_path"]).resolve()
        if any(source.is_relative_to(f) for f in folders) and not source.exists():
            store.remove_document(record["doc_id"])
            report.results.append(FileResult(record["source_path"], "pruned", record["doc_id"],
                                             reason="source file no longer exists"))


def ingest_paths(
    paths: Iterable[Path],
    store,
    embedder,
    chunk_size: int = 900,
    min_chunk: int = 250,
    progress: bool = True,
    limits: Limits | None = None,
    prune_missing: bool = False,
) -> IngestReport:
    """Ingest files and directories into the store; the lexical index is re-synced from Chroma afterwards."""
    from index.lexical import sync_lexical

    started = time.perf_counter()
    report = IngestReport()
    paths = list(paths)
    if prune_missing:
        prune(paths, store, report)
    todo = _prepare(paths, store, chunk_size, min_chunk, limits, report)
    total = sum(len(chunks) + sum(len(c.sentences) for c in chunks) for _, chunks, _ in todo)
    bar = None
    if progress and total:
        from tqdm import tqdm

        bar = tqdm(total=total, desc="Embedding chunks and sentences", unit="text")
    try:
        for doc, chunks, status in todo:
            t0 = time.perf_counter()
            chunk_vecs = embedder.embed([c.index_text for c in chunks], bar=bar)
            sentence_vecs = embedder.embed([s.text for c in chunks for s in c.sentences], bar=bar)
            report.embed_seconds += time.perf_counter() - t0
            store.write_document(doc, chunks, chunk_vecs, sentence_vecs, extract_commitments(doc, chunks))
            report.pages += len(doc.pages)
            report.results.append(FileResult(doc.source_path, status, doc.doc_id, len(chunks), warnings=doc.warnings))
    finally:
        if bar is not None:
            bar.close()
        # write_document sweeps what it writes; an unchanged document may still carry stale chunks from a run
        # killed between its registry write and its sweep.
        unchanged = [r.doc_id for r in report.results if r.status == "unchanged"]
        if unchanged:
            store.sweep(unchanged)
        sync_lexical(store)
        report.seconds = time.perf_counter() - started
    return report
