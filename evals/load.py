"""Load on a served app: N concurrent gradio_client sessions, each asking M corpus questions through `/ask`.

Prints errors, throughput and latency p50/p95; a measurement to quote, not a test with a time limit.
"""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .runner import load_questions


@dataclass
class LoadResult:
    sessions: int
    per_session: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    connect_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict:
        lat = sorted(self.latencies_ms)

        def pct(p: float) -> float | None:
            return round(lat[min(len(lat) - 1, int(p * len(lat)))], 1) if lat else None

        return {
            "sessions": self.sessions,
            "questions_per_session": self.per_session,
            "requests": self.sessions * self.per_session,
            "answered": len(lat),
            "errors": len(self.errors),
            "seconds": round(self.seconds, 2),
            "throughput_qps": round(len(lat) / self.seconds, 2) if self.seconds else None,
            "latency_p50_ms": pct(0.50),
            "latency_p95_ms": pct(0.95),
            "latency_max_ms": pct(1.0),
            "latency_mean_ms": round(statistics.fmean(lat), 1) if lat else None,
            "connect_p50_ms": round(statistics.median(self.connect_ms), 1) if self.connect_ms else None,
        }


def run(
    url: str, questions: list[str], sessions: int = 50, per_session: int = 10, auth: tuple[str, str] | None = None
) -> LoadResult:
    """Every session connects, then asks its M questions one after another (a person waiting for each answer)."""
    from gradio_client import Client  # noqa: PLC0415 — only the load run needs it, not `minutes` at large

    result = LoadResult(sessions, per_session)
    lock = threading.Lock()
    start_together = threading.Barrier(sessions)

    def session(i: int) -> None:
        t0 = time.perf_counter()
        try:
            client = Client(url, auth=auth, verbose=False)
        except Exception as exc:  # a refused connection is a measured error, not a crash of the load run
            with lock:
                result.errors.append(f"session {i}: connect: {exc}")
            start_together.abort()
            return
        with lock:
            result.connect_ms.append((time.perf_counter() - t0) * 1000)
        try:
            start_together.wait()
        except threading.BrokenBarrierError:
            pass
        for j in range(per_session):
            question = questions[(i * per_session + j) % len(questions)]
            t = time.perf_counter()
            try:
                markdown, _ = client.predict(question, api_name="/ask")
                if not markdown:
                    raise ValueError("empty answer")
            except Exception as exc:
                with lock:
                    result.errors.append(f"session {i} q{j}: {exc}")
                continue
            with lock:
                result.latencies_ms.append((time.perf_counter() - t) * 1000)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        list(pool.map(session, range(sessions)))
    result.seconds = time.perf_counter() - t0
    return result


def corpus_questions(path: Path) -> list[str]:
    return [item["question"] for item in load_questions(path)]
