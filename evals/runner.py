"""Run question sets through the real pipeline (and optionally the naive baseline), score and write the results."""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .baseline import NaiveBaseline
from .commitments import evaluate_commitments, load_gold
from .metadata import evaluate_metadata, load_jsonl
from .metrics import Scored, score, summarise_by_type
from .report import write_report
from .spans import as_question
from .speakers import evaluate_speakers

CSV_HEADERS = ("question", "expected_answer", "expected_sources")


def load_questions(path: Path) -> list[dict[str, Any]]:
    """JSONL in the project's schema, or CSV with headers question, expected_answer, expected_sources."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such question file")
    items: list[dict[str, Any]] = []
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [h for h in CSV_HEADERS if h not in (reader.fieldnames or [])]
            if missing:
                raise ValueError(
                    f"{path}: CSV needs the headers {', '.join(CSV_HEADERS)}; missing {', '.join(missing)}"
                )
            for i, row in enumerate(reader, start=1):
                sources = [s.strip() for s in (row["expected_sources"] or "").replace(";", ",").split(",") if s.strip()]
                expected = (row["expected_answer"] or "").strip()
                items.append(
                    {
                        "id": f"{path.stem}-{i}",
                        "question": row["question"].strip(),
                        "answer": expected,
                        "must_include": [],
                        "sources": sources,
                        "evidence": "",
                        "type": (row.get("type") or "").strip() or ("factual" if expected else "unanswerable"),
                    }
                )
        return items
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not valid JSON ({exc})") from exc
        if "spans" in item:  # a QMSum-style query: gold turn spans in a transcript
            item = as_question(item, path)
        for key in ("id", "question", "type"):
            if key not in item:
                raise ValueError(f"{path}:{n}: missing '{key}'")
        items.append(item)
    return items


def project_answerer(assistant) -> Callable[[str], dict[str, Any]]:
    """Adapter: question -> result dict the scorer reads, from the real Assistant."""

    def answer(question: str) -> dict[str, Any]:
        t0 = time.perf_counter()
        ans = assistant.ask(question)
        latency = (time.perf_counter() - t0) * 1000
        chunks = assistant.store.get_chunks(r.chunk_id for r in ans.retrieved)
        data = ans.to_json_dict()
        data["retrieved"] = [r.doc_id for r in ans.retrieved]
        data["retrieved_text"] = [chunks[r.chunk_id].text for r in ans.retrieved if r.chunk_id in chunks]
        data["latency_ms"] = latency
        return data  # with --llm, data["writer"] says what the LLM wrote and what verification dropped

    return answer


def run_system(
    items: list[dict[str, Any]],
    answer: Callable[[str], dict[str, Any]],
    documents: dict[str, str],
    progress: bool = True,
    label: str = "project",
) -> tuple[list[dict[str, Any]], list[Scored]]:
    answer(items[0]["question"])  # warm: latency is measured on a loaded model and index
    results, scored = [], []
    iterator = items
    if progress:
        iterator = tqdm(items, desc=f"Evaluating {label}", unit="q")
    for item in iterator:
        result = answer(item["question"])
        s = score(item, result, documents)
        scored.append(s)
        results.append(
            {
                "id": item["id"],
                "type": item["type"],
                "question": item["question"],
                "expected": item.get("answer", ""),
                "must_include": item.get("must_include", []),
                "sources": item.get("sources", []),
                "system": label,
                "correct": s.correct,
                "failure": s.failure,
                "split": item.get("split"),
                "council": item.get("council"),
                **(s.spans or {}),
                "abstained": s.abstained,
                "rank": s.rank,
                "latency_ms": round(s.latency_ms, 2),
                "answer": result["answer"],
                "citations": result.get("citations", []),
                "retrieved": result.get("retrieved", []),
                "writer": result.get("writer"),
            }
        )
    return results, scored


def documents_of(assistant) -> dict[str, str]:
    return {d["doc_id"]: (assistant.store.document(d["doc_id"]) or {}).get("text", "") for d in assistant.documents()}


def evaluate(
    assistant,
    question_files: list[Path],
    baseline: str | None = None,
    corpus_dir: Path | None = None,
    out_dir: Path | None = None,
    progress: bool = True,
    commitments_gold: Path | None = None,
    metadata_gold: Path | None = None,
    speakers_gold: Path | None = None,
) -> dict[str, Any]:
    """Answer metrics per system; with commitments_gold (and its documents indexed), extraction precision/recall;
    with metadata_gold / speakers_gold (and any of their documents indexed), what ingest read scored against them."""
    items = [item for path in question_files for item in load_questions(path)]
    if not items:
        raise ValueError("no questions to evaluate")
    documents = documents_of(assistant)
    if not documents:
        raise ValueError("the index is empty: run `minutes ingest corpus/` first")
    results, scored = run_system(items, project_answerer(assistant), documents, progress, "project")
    summary: dict[str, Any] = {"project": summarise_by_type(scored)}
    written = [r["writer"] for r in results if r.get("writer")]
    if written:  # what the LLM writer added and what verification took away
        generated = sum(w["generated"] for w in written)
        summary["project"]["overall"]["llm_sentences"] = generated
        summary["project"]["overall"]["llm_dropped_share"] = (
            round(sum(w["dropped"] for w in written) / generated, 3) if generated else None
        )
        summary["project"]["overall"]["llm_fallback_share"] = round(
            sum(w["fallback"] for w in written) / len(written), 3
        )
    if baseline:
        naive = NaiveBaseline(assistant.settings, corpus_dir or Path("corpus"), assistant.embedder)
        b_results, b_scored = run_system(items, naive.answer, documents, progress, "baseline")
        summary["baseline"] = summarise_by_type(b_scored)
        results += b_results
    if commitments_gold is not None:
        if {g["doc_id"] for g in load_gold(commitments_gold)} <= set(documents):
            summary["commitments"] = evaluate_commitments(assistant, commitments_gold)
    for key, gold, scorer in (
        ("metadata", metadata_gold, evaluate_metadata),
        ("speakers", speakers_gold, evaluate_speakers),
    ):
        if gold is not None and {g["doc_id"] for g in load_jsonl(gold)} & set(documents):
            summary[key] = scorer(assistant, gold)
    if out_dir is not None:
        write_report(Path(out_dir), summary, results)
    return summary
