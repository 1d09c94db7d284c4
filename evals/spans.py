"""Gold-span questions (QMSum style): does an answer cite inside the turns an annotator marked, and how close is
its text to the written gold answer (ROUGE-1/ROUGE-L F, Google's `rouge-score`, the reference implementation)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=256)
def _turns(path: str) -> tuple[tuple[int, int], ...]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple((int(a), int(b)) for a, b in data["turns"])


@lru_cache(maxsize=1)
def _rouge():
    from rouge_score import rouge_scorer  # noqa: PLC0415 — pulls in nltk; only transcript questions need it

    return rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=True)


def as_question(item: dict[str, Any], question_file: Path) -> dict[str, Any]:
    """A QMSum query in the project's schema: its meeting is the gold document, its turn spans the gold places."""
    turns = question_file.parent / "qmsum-turns" / f"{item['meeting']}.json"
    if not turns.exists():
        raise ValueError(f"{question_file}: {item['id']} has spans but {turns} is missing")
    return {
        **item,
        "type": item.get("type", "span"),
        "sources": [item["meeting"]],
        "answer": item["gold_answer"],
        "must_include": [],
        "turns_file": str(turns),
    }


def gold_ranges(item: dict[str, Any]) -> list[tuple[int, int]]:
    """Character ranges of the gold turn spans (turn ranges are inclusive)."""
    turns = _turns(item["turns_file"])
    return [(turns[a][0], turns[min(b, len(turns) - 1)][1]) for a, b in item["spans"]]


def span_scores(item: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """span_hit: a citation overlaps a gold span; span_precision: the share of citations that do; meeting_hit: a
    citation is in the right meeting; rouge1/rougeL: F-measure of the answer text against the written answer."""
    ranges = gold_ranges(item)
    citations = result.get("citations", [])
    inside = [
        c["doc_id"] == item["meeting"] and any(c["start"] < b and c["end"] > a for a, b in ranges) for c in citations
    ]
    rouge = _rouge().score(item["gold_answer"], "" if result.get("abstained") else result.get("answer", ""))
    return {
        "span_hit": any(inside),
        "span_precision": sum(inside) / len(inside) if inside else 0.0,
        "meeting_hit": any(c["doc_id"] == item["meeting"] for c in citations),
        "rouge1": rouge["rouge1"].fmeasure,
        "rougeL": rouge["rougeL"].fmeasure,
    }
