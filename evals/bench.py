"""`minutes bench`: ingest and query figures on a synthetic archive of a chosen size, beside the naive baseline.

At ~40 texts/s the model cannot embed 100k chunks and their sentences inside a benchmark's time, so a synthetic
sentence reuses the vector of the corpus sentence it was varied from (found by its skeleton: the words left when
numbers, names and places are removed) and a chunk's vector is the mean of its sentences'. The real model embeds
each skeleton once, and every real-corpus text as itself; ingest throughput is reported for what the model really
did. The query path (Chroma HNSW, BM25, fusion, answer selection) runs at the full size on real vectors.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from assistant.settings import Settings
from ingest.sentences import split_sentences

from .baseline import NaiveBaseline
from .metrics import score, summarise
from .runner import documents_of, load_questions, project_answerer
from .synth import generate

SKELETON = re.compile(r"\d[\d,.]*|\b[A-Z][a-z]+\b")


class ReuseEmbedder:
    """The real Embedder behind a skeleton cache (see the module docstring); same interface as Embedder."""

    def __init__(self, embedder):
        self.inner = embedder
        self.model_name, self.batch_size = embedder.model_name, embedder.batch_size
        self.cache: dict[str, np.ndarray] = {}
        self.model_texts = 0
        self.model_seconds = 0.0

    @property
    def dim(self) -> int:
        return self.inner.dim

    @property
    def identity(self) -> str:
        return self.inner.identity  # the real model's vectors, so the archive is stamped with its encoder

    def _sentences(self, texts: list[str]) -> np.ndarray:
        keys = [" ".join(SKELETON.sub("", t).split()).lower() for t in texts]
        todo = list(dict.fromkeys(k for k in keys if k not in self.cache))
        if todo:
            originals = {k: t for k, t in zip(keys, texts, strict=True)}
            t0 = time.perf_counter()
            for key, vec in zip(todo, self.inner.embed([originals[k] for k in todo]), strict=True):
                self.cache[key] = vec
            self.model_seconds += time.perf_counter() - t0
            self.model_texts += len(todo)
        return np.stack([self.cache[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)

    def embed(self, texts, bar=None) -> np.ndarray:
        out = []
        for text in texts:
            parts = [s.text for s in split_sentences(text)] or [text]
            vec = self._sentences(parts).mean(axis=0)
            out.append(vec / (np.linalg.norm(vec) or 1.0))
            if bar is not None:
                bar.update(1)
        return np.stack(out).astype(np.float32) if out else np.zeros((0, self.dim), np.float32)

    def embed_one(self, text: str) -> np.ndarray:
        return self.inner.embed_one(text)  # questions are always embedded by the real model


def _disk_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 2) if ordered else 0.0


def _cold_start(data_dir: Path, collection: str, question: str) -> float:
    """Seconds from a fresh `minutes ask` process starting to its answer on stdout (the encoder chosen by the
    environment, as this process's was)."""
    t0 = time.perf_counter()
    subprocess.run(
        [
            str(Path(sys.executable).parent / "minutes"),
            "ask",
            question,
            "--data-dir",
            str(data_dir),
            "--collection",
            collection,
            "--json",
        ],
        capture_output=True,
        check=True,
        timeout=600,
    )
    return round(time.perf_counter() - t0, 2)


def run(
    settings: Settings,
    chunks: int,
    queries: int,
    corpus: Path,
    questions_file: Path,
    baseline: bool = True,
    seed: int = 7,
    progress: bool = True,
    *,
    make_assistant: Callable[..., Any],
    embedder,
) -> dict:
    """`make_assistant(settings, embedder=…)` builds the engine and `embedder` is the real model, both given by the
    caller (the CLI) so that evals/ does not construct the engine it measures."""
    data_dir = Path(settings.store.data_dir)
    archive = data_dir / f"archive-{chunks}-{seed}"
    manifest = generate(archive, chunks, corpus, seed) if not archive.exists() else {"chunks_target": chunks}
    embedder = embedder.for_archive(None)  # the CLI's default archive is not the one measured here
    reuse = ReuseEmbedder(embedder)
    collection = f"bench-{chunks}-{seed}"
    assistant = make_assistant(
        settings.model_copy(update={"store": settings.store.model_copy(update={"collection": collection})}),
        embedder=reuse,
    )
    report = assistant.ingest([archive], progress=progress)
    if report.failed:
        raise ValueError(f"bench archive failed to ingest: {report.failed[0].path}: {report.failed[0].reason}")
    assistant.resources._embedder = embedder  # questions go through the real model, as in use
    assistant.warm()
    items = [i for i in load_questions(questions_file) if i["type"] != "unanswerable"]
    answer = project_answerer(assistant)
    documents = documents_of(assistant)
    timings, scored = [], []
    for i in range(queries):
        item = items[i % len(items)]
        result = answer(item["question"])
        timings.append(result["timings_ms"])
        if i < len(items):
            scored.append(score(item, result, documents))
    totals = [t["total"] for t in timings]
    figures = {
        "encoder": embedder.describe(),
        "chunks": assistant.store.count(),
        "documents": len(documents),
        "synthetic_papers": manifest.get("synthetic_papers"),
        "ingest_seconds": round(report.seconds, 1),
        "ingest_chunks_per_s": round(report.chunks / report.seconds, 1) if report.seconds else None,
        "embed_share": round(report.embed_seconds / report.seconds, 3) if report.seconds else None,
        "model_texts": reuse.model_texts,
        "disk_mb": _disk_mb(data_dir / "chroma") + _disk_mb(data_dir / "lexical" / collection),
        "query_ms": {
            "p50": _pct(totals, 0.5),
            "p95": _pct(totals, 0.95),
            "p99": _pct(totals, 0.99),
            "retrieval_p50": _pct([t["embed"] + t["retrieve"] for t in timings], 0.5),
            "answer_p50": _pct([t["answer"] for t in timings], 0.5),
        },
        "answer_correct": summarise(scored)["answer_correct"],
        "cold_start_s": _cold_start(data_dir, collection, items[0]["question"]),
    }
    if baseline:
        naive = NaiveBaseline(settings, archive, reuse)
        b_lat, b_scored = [], []
        for i in range(queries):
            item = items[i % len(items)]
            result = naive.answer(item["question"])
            b_lat.append(result["latency_ms"])
            if i < len(items):
                b_scored.append(score(item, result, documents))
        figures["baseline"] = {
            "query_ms": {"p50": _pct(b_lat, 0.5), "p95": _pct(b_lat, 0.95)},
            "answer_correct": summarise(b_scored)["answer_correct"],
        }
    figures["peak_rss_mb"] = round(
        max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        / 1024,
        1,
    )
    return figures


def table(f: dict) -> str:
    q = f["query_ms"]
    rows = [
        ("encoder", f["encoder"]),
        ("chunks", f["chunks"]),
        ("documents", f["documents"]),
        ("ingest s", f["ingest_seconds"]),
        ("ingest chunks/s", f["ingest_chunks_per_s"]),
        ("embed share", f["embed_share"]),
        ("texts through the model", f["model_texts"]),
        ("disk MB", f["disk_mb"]),
        ("query p50 / p95 / p99 ms", f"{q['p50']} / {q['p95']} / {q['p99']}"),
        ("retrieval p50 ms", q["retrieval_p50"]),
        ("answer p50 ms", q["answer_p50"]),
        ("answer correct", f["answer_correct"]),
        ("cold start s", f["cold_start_s"]),
        ("peak RSS MB", f["peak_rss_mb"]),
    ]
    if "baseline" in f:
        b = f["baseline"]
        rows += [
            ("baseline query p50 / p95 ms", f"{b['query_ms']['p50']} / {b['query_ms']['p95']}"),
            ("baseline answer correct", b["answer_correct"]),
            (
                "latency ratio p50 (project/baseline)",
                round(q["p50"] / b["query_ms"]["p50"], 2) if b["query_ms"]["p50"] else None,
            ),
        ]
    return "\n".join(f"{k:<38}{v}" for k, v in rows)
