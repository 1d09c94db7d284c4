"""Commitment extraction scored against hand labels (evals/commitments_gold.jsonl): precision, recall, owners.

A predicted commitment matches a gold one when their spans overlap in the same document; each gold label is
matched at most once. Owners are compared leniently (one contains the other, case-insensitive).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

GOLD = Path(__file__).resolve().parent / "commitments_gold.jsonl"


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def locate(text: str, evidence: str) -> tuple[int, int] | None:
    """Where the evidence sits in the document, whitespace-insensitive."""
    match = re.search(r"\s+".join(map(re.escape, evidence.split())), text)
    return match.span() if match else None


def _same_owner(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return False
    p, g = predicted.lower().removeprefix("the "), gold.lower().removeprefix("the ")
    return p in g or g in p


def score_extraction(
    predicted: list[dict[str, Any]], gold: list[dict[str, Any]], documents: dict[str, str]
) -> dict[str, Any]:
    """predicted: commitment metadata dicts (doc_id, start, end, owner, …) for the documents the gold covers."""
    spans = {}
    for g in gold:
        span = locate(documents.get(g["doc_id"], ""), g["evidence"])
        if span is None:
            raise ValueError(f"gold {g['id']}: evidence not found in {g['doc_id']}")
        spans[g["id"]] = span
    covered = {g["doc_id"] for g in gold}
    predicted = [p for p in predicted if p["doc_id"] in covered]
    matched_gold: dict[str, dict] = {}
    false_positives = []
    for p in sorted(predicted, key=lambda p: (p["doc_id"], p["start"])):
        hit = next(
            (
                g
                for g in gold
                if g["id"] not in matched_gold
                and g["doc_id"] == p["doc_id"]
                and p["start"] < spans[g["id"]][1]
                and spans[g["id"]][0] < p["end"]
            ),
            None,
        )
        if hit:
            matched_gold[hit["id"]] = p
        else:
            false_positives.append(p)
    with_owner = [g for g in gold if g.get("owner") and g["id"] in matched_gold]
    owners_right = sum(_same_owner(matched_gold[g["id"]].get("owner"), g["owner"]) for g in with_owner)
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": len(matched_gold),
        "precision": round(len(matched_gold) / len(predicted), 3) if predicted else None,
        "recall": round(len(matched_gold) / len(gold), 3) if gold else None,
        "owner_accuracy": round(owners_right / len(with_owner), 3) if with_owner else None,
        "missed": [g["id"] for g in gold if g["id"] not in matched_gold],
        "false_positives": [{"doc_id": p["doc_id"], "text": p.get("text", "")[:160]} for p in false_positives],
    }


def evaluate_commitments(assistant, path: Path = GOLD) -> dict[str, Any]:
    gold = load_gold(path)
    documents = {d: assistant.document(d)["text"] for d in {g["doc_id"] for g in gold} if assistant.document(d)}
    predicted = [{**c.row, "id": c.id, "text": c.text} for c in assistant.store.all_commitments()]
    return score_extraction(predicted, gold, documents)
