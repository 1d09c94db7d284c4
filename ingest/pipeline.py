"""Files -> Documents -> Chunks -> vectors -> Chroma, then the lexical index: skipping unchanged files, reporting bad ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .chunk import chunk_document
from .load import discover, load_document
from .types import Chunk, Document, IngestError


@dataclass
class FileResult:
    path: str
    status: str  # "added", "updated", "unchanged" or "failed"
    doc_id: str | None = None
    chunks: int = 0
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in ("added", "updated", "unchanged", "failed")]
        return ", ".join(parts)


def _prepare(paths: Iterable[Path], store, chunk_size: int, min_chunk: int, report: IngestReport):
    """Load and chunk every file; failures are recorded and skipped, the rest go on."""
    files, errors = discover(paths)
    report.results += [FileResult(e.path, "failed", reason=e.reason) for e in errors]
    seen: dict[str, str] = {}
    todo: list[tuple[Document, list[Chunk], str]] = []
    for path in files:
        try:
            doc = load_document(path)
            if doc.doc_id in seen:
                raise IngestError(path, f"document id '{doc.doc_id}' is already taken by {seen[doc.doc_id]}")
            seen[doc.doc_id] = str(path)
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


def ingest_paths(
    paths: Iterable[Path],
    store,
    embedder,
    chunk_size: int = 900,
    min_chunk: int = 250,
    progress: bool = True,
) -> IngestReport:
    """Ingest files and directories into the store; the lexical index is re-synced from Chroma afterwards."""
    from index.lexical import sync_lexical

    report = IngestReport()
    todo = _prepare(paths, store, chunk_size, min_chunk, report)
    total = sum(len(chunks) + sum(len(c.sentences) for c in chunks) for _, chunks, _ in todo)
    bar = None
    if progress and total:
        from tqdm import tqdm

        bar = tqdm(total=total, desc="Embedding chunks and sentences", unit="text")
    try:
        for doc, chunks, status in todo:
            chunk_vecs = embedder.embed([c.index_text for c in chunks], bar=bar)
            sentence_vecs = embedder.embed([s.text for c in chunks for s in c.sentences], bar=bar)
            store.write_document(doc, chunks, chunk_vecs, sentence_vecs)
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
    return report
