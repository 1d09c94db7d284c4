"""How far the ONNX encoders (fp32, int8) are from the torch one, and how fast each is: the figures the default was
chosen from. `python -m evals.encoder [--passages 500] [--json]`.

Passages are real: chunks of the dev split's council papers as ingest makes them (the chunk holding each dev
question's evidence first, then an even spread of the rest). Fidelity is each vector's cosine to torch's, and for
the dev questions the overlap of their top 10 passages with torch's and whether the first is the same; retrieval is
the share of answerable questions whose first passage is from a gold paper. Speed: one 12-word question embedded
alone (median of 50 after a warm-up), passages per second in the ingest's batches, and a fresh process's seconds to
its first embedding with the export already cached. Timings on a shared machine are rough; the cosines are not.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from typing import Any

import numpy as np

from index.embedder import Embedder
from ingest.chunk import chunk_document
from ingest.load import load_document
from ingest.types import IngestError

from .metadata import ARCHIVE, provenance, split_of
from .runner import load_questions

QUESTIONS = ARCHIVE / "questions-dev.jsonl"
QUERY = "What did the council decide about the youth centre budget in its 2024 meeting?"
ENCODERS: dict[str, dict[str, Any]] = {
    "torch": {"backend": "torch"},
    "onnx fp32": {"backend": "onnx"},
    "onnx int8": {"quantize": True},
}


def passages(limit: int, questions: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(text as embedded, doc id) of up to `limit` dev-split chunks: evidence chunks first, then an even spread."""
    rows = provenance()
    chunks = []
    for root in ("pdf", "pages"):
        for path in sorted((ARCHIVE / "councils" / root).iterdir()):
            if split_of(path.stem, rows) != "dev":
                continue
            try:
                chunks += [(c, path.stem) for c in chunk_document(load_document(path))]
            except IngestError:
                continue  # a scan without text: refused by ingest too
    wanted = []
    for q in questions:
        quote = " ".join(q.get("evidence", "").split())[:60]
        hits = [
            i for i, (c, d) in enumerate(chunks) if d in q["sources"] and quote and quote in " ".join(c.text.split())
        ]
        wanted += hits[:1]
    wanted = list(dict.fromkeys(wanted))[:limit]
    rest = [i for i in range(len(chunks)) if i not in set(wanted)]
    step = max(1, len(rest) / max(1, limit - len(wanted)))
    wanted += [rest[int(k * step)] for k in range(min(len(rest), limit - len(wanted)))]
    return [chunks[i][0].index_text for i in wanted], [chunks[i][1] for i in wanted]


def cold_start(settings: dict[str, Any]) -> float:
    """Seconds from a fresh interpreter starting to its first question vector (the export already cached)."""
    code = f"from index.embedder import Embedder; Embedder(**{settings!r}).embed_one({QUERY!r})"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=300)
    return round(time.perf_counter() - t0, 2)


def measure(embedder: Embedder, texts: list[str], queries: list[str]) -> dict[str, Any]:
    embedder.embed_one(QUERY)  # load, and warm up
    t0 = time.perf_counter()
    vectors = embedder.embed(texts)
    per_s = len(texts) / (time.perf_counter() - t0)
    times = []
    for _ in range(50):
        t0 = time.perf_counter()
        embedder.embed_one(QUERY)
        times.append((time.perf_counter() - t0) * 1000)
    return {
        "encoder": embedder.describe(),
        "passages": vectors,
        "questions": embedder.embed(queries),
        "query_ms": round(statistics.median(times), 1),
        "passages_per_s": round(per_s, 1),
    }


def compare(run: dict[str, Any], ref: dict[str, Any], items: list[dict[str, Any]], docs: list[str]) -> dict[str, Any]:
    cos_p = (run["passages"] * ref["passages"]).sum(axis=1)
    cos_q = (run["questions"] * ref["questions"]).sum(axis=1)
    top = np.argsort(-(run["questions"] @ run["passages"].T), axis=1, kind="stable")[:, :10]
    ref_top = np.argsort(-(ref["questions"] @ ref["passages"].T), axis=1, kind="stable")[:, :10]
    answerable = [i for i, q in enumerate(items) if q.get("sources")]
    return {
        "cosine_passages_mean": round(float(cos_p.mean()), 7),
        "cosine_passages_min": round(float(cos_p.min()), 7),
        "cosine_questions_min": round(float(cos_q.min()), 7),
        "top10_overlap": round(
            float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(top, ref_top, strict=True)])), 3
        ),
        "top1_same": round(float(np.mean(top[:, 0] == ref_top[:, 0])), 3),
        "gold_doc_at_1": round(float(np.mean([docs[top[i, 0]] in items[i]["sources"] for i in answerable])), 3),
        "query_ms": run["query_ms"],
        "passages_per_s": run["passages_per_s"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=500, help="real passages compared (default 500)")
    parser.add_argument("--no-cold", action="store_true", help="skip the fresh-process timings")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    items = load_questions(QUESTIONS)
    texts, docs = passages(args.passages, items)
    queries = [q["question"] for q in items]
    runs = {name: measure(Embedder(**settings), texts, queries) for name, settings in ENCODERS.items()}
    lengths = (
        Embedder().encoder.tokenizer.encode_batch(texts) if runs["onnx fp32"]["encoder"].startswith("onnx") else []
    )
    figures: dict[str, Any] = {
        "passages": len(texts),
        "over_128_tokens": sum(sum(e.attention_mask) > 128 for e in lengths),
        "questions": len(queries),
    }
    for name, settings in ENCODERS.items():
        figures[name] = {"encoder": runs[name]["encoder"], **compare(runs[name], runs["torch"], items, docs)}
        if not args.no_cold:
            figures[name]["cold_start_s"] = cold_start(settings)
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"{figures['passages']} passages ({figures['over_128_tokens']} over 128 tokens), {len(queries)} questions")
    keys = [k for k in figures["torch"] if k != "encoder"]
    print(f"{'':<22}" + "".join(f"{name:>14}" for name in ENCODERS))
    for key in keys:
        print(f"{key:<22}" + "".join(f"{figures[name][key]:>14}" for name in ENCODERS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
