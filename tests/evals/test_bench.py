"""`minutes bench` as a smoke test at a small size: it runs end to end and its figures hang together.
(The figures quoted for 1k/10k/100k come from running the command, not from this test.)"""

import json
import os
import subprocess
import sys
from pathlib import Path

from evals.synth import generate

ROOT = Path(__file__).resolve().parents[2]


def test_generator_is_deterministic_and_keeps_the_corpus(tmp_path):
    a = generate(tmp_path / "a", 300, ROOT / "corpus", seed=3)
    b = generate(tmp_path / "b", 300, ROOT / "corpus", seed=3)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert a == b and names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for path in (tmp_path / "a").glob("synthetic-*.txt"):
        assert path.read_text() == (tmp_path / "b" / path.name).read_text()
    for path in (ROOT / "corpus").iterdir():
        assert (tmp_path / "a" / path.name).read_bytes() == path.read_bytes()
    meta = json.loads((tmp_path / "a" / "synthetic-000000.meta.json").read_text())
    assert meta["council"] and meta["committee"] and meta["meeting_date"]
    assert "Melton" not in (tmp_path / "a" / "synthetic-000000.txt").read_text()  # places swapped out


def test_bench_smoke(tmp_path):
    minutes = Path(sys.executable).parent / "minutes"
    result = subprocess.run(
        [str(minutes), "bench", "--chunks", "600", "--queries", "30", "--json", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
        env=os.environ,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    f = json.loads(result.stdout)
    assert f["chunks"] >= 400 and f["documents"] > 5
    assert 0 < f["query_ms"]["p50"] <= f["query_ms"]["p95"] <= f["query_ms"]["p99"]
    assert 0 < f["embed_share"] <= 1 and f["ingest_chunks_per_s"] > 0 and f["disk_mb"] > 0
    assert f["answer_correct"] > 0.5 and f["baseline"]["answer_correct"] is not None
    assert f["cold_start_s"] > 0 and f["peak_rss_mb"] > 100
