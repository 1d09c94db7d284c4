"""Scoring one answer against its gold item, and rolling scores up overall and per question type."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .spans import span_scores

METRIC_KEYS = (
    "hit@1",
    "hit@5",
    "hit@10",
    "mrr",
    "answer_correct",
    "citation_precision",
    "citation_recall",
    "refused_unanswerable",
    "refused_answerable",
    "precision",
    "accuracy",
    "latency_p50_ms",
    "latency_p95_ms",
)
SPAN_KEYS = ("span_hit", "span_precision", "meeting_hit", "rouge1", "rougeL")  # gold-span (QMSum) questions only
METRIC_MEANINGS = {
    "hit@1": "a gold document is the first passage retrieved",
    "hit@5": "a gold document is among the first five passages retrieved",
    "hit@10": "a gold document is among the first ten passages retrieved",
    "mrr": "mean of 1/rank of the first gold document retrieved",
    "evidence_hit": "the gold evidence quote is inside a retrieved passage",
    "answer_correct": "answerable questions answered with every must-include string (span questions: a citation "
    "lands in a gold span)",
    "citation_precision": "citations quoting their document verbatim and, where gold documents are named, from one",
    "citation_recall": "answerable questions citing at least one gold document",
    "refused_unanswerable": "unanswerable questions the assistant refused (the higher the better)",
    "refused_answerable": "answerable questions the assistant wrongly refused (the lower the better)",
    "precision": "answers given that were correct",
    "accuracy": "all questions handled correctly (answered right, or refused when unanswerable)",
    "latency_p50_ms": "median time per question, warm",
    "latency_p95_ms": "95th percentile time per question, warm",
    "span_hit": "a citation overlaps a gold turn span",
    "span_precision": "share of citations inside a gold turn span",
    "meeting_hit": "a citation is in the right meeting",
    "rouge1": "ROUGE-1 F of the answer text against the written gold answer",
    "rougeL": "ROUGE-L F of the answer text against the written gold answer",
}
FAILURES = ("wrongly refused", "wrong document", "right document, wrong sentence", "answered an unanswerable")


def normalise(text: str) -> str:
    """Case- and format-insensitive form: '£139,250' ~ '139250', '1st November 2023' ~ '1 november 2023'."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-")
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    text = re.sub(r"£\s*", "", text)
    text = re.sub(r"\b(\d+)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"[^\w/.'\-]+", " ", text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)
    return " ".join(text.split())


def contains(haystack: str, needle: str) -> bool:
    h, n = f" {normalise(haystack)} ", normalise(needle)
    return bool(n) and re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", h) is not None


_STOP = {"the", "a", "an", "of", "and", "or", "in", "on", "to", "for", "by", "with", "was", "were", "is", "are", "it"}


def fallback_terms(expected: str) -> list[str]:
    """For CSV items without must_include: the expected answer's numbers, capitalised names and key words."""
    numbers = re.findall(r"£?\d[\d,./]*[kKm]?", expected)
    names = re.findall(r"\b[A-Z][a-zA-Z-]+(?:\s+[A-Z][a-zA-Z-]+)*", expected)
    if numbers or names:
        return [n.rstrip(".,") for n in numbers] + [n for n in names if n.lower() not in _STOP]
    return [w for w in re.findall(r"[A-Za-z]{4,}", expected) if w.lower() not in _STOP][:3]


@dataclass
class Scored:
    """Per-question scores; None where a metric does not apply to the question."""

    id: str
    type: str
    answerable: bool
    abstained: bool
    correct: bool
    rank: int | None  # rank of the first gold document among retrieved passages
    evidence_retrieved: bool | None
    citation_ok: list[bool] = field(default_factory=list)
    cites_gold: bool | None = None
    latency_ms: float = 0.0
    council: str | None = None
    split: str | None = None
    spans: dict[str, Any] | None = None  # SPAN_KEYS, for gold-span questions
    failure: str | None = None  # one of FAILURES when the question was not handled correctly


def score(item: dict[str, Any], result: dict[str, Any], documents: dict[str, str]) -> Scored:
    """item: gold question; result: {answer, abstained, citations, retrieved: [doc ids], retrieved_text: [...]}."""
    gold = set(item.get("sources") or [])
    answerable = item["type"] != "unanswerable"
    abstained = bool(result["abstained"])
    must = item.get("must_include") or fallback_terms(item.get("answer", ""))
    spans = None
    if item.get("spans"):
        spans = span_scores(item, result)
        correct = not abstained and spans["span_hit"]
    elif answerable:
        correct = not abstained and bool(must) and all(contains(result["answer"], m) for m in must)
    else:
        correct = abstained
    rank = next((i for i, d in enumerate(result.get("retrieved", []), start=1) if d in gold), None)
    evidence = item.get("evidence") or ""
    evidence_hit = None
    if evidence and answerable:
        evidence_hit = any(normalise(evidence) in normalise(t) for t in result.get("retrieved_text", []))
    citation_ok = []
    for c in result.get("citations", []):
        doc_text = documents.get(c["doc_id"], "")
        verbatim = bool(c["quote"]) and c["quote"] in doc_text
        citation_ok.append(verbatim and (c["doc_id"] in gold if gold else verbatim))
    cites_gold = any(c["doc_id"] in gold for c in result.get("citations", [])) if answerable and gold else None
    return Scored(
        item["id"],
        item["type"],
        answerable,
        abstained,
        correct,
        rank,
        evidence_hit,
        citation_ok,
        cites_gold,
        float(result.get("latency_ms", 0.0)),
        item.get("council"),
        item.get("split"),
        spans,
        None if correct else failure_reason(answerable, abstained, cites_gold),
    )


def failure_reason(answerable: bool, abstained: bool, cites_gold: bool | None) -> str:
    """Why a question failed, in the report's words (FAILURES)."""
    if not answerable:
        return FAILURES[3]
    if abstained:
        return FAILURES[0]
    return FAILURES[2] if cites_gold else FAILURES[1]


def _rate(values: list[bool]) -> float | None:
    return round(float(np.mean(values)), 4) if values else None


def summarise(rows: list[Scored]) -> dict[str, float | None]:
    answerable = [r for r in rows if r.answerable]
    unanswerable = [r for r in rows if not r.answerable]
    ranked = answerable  # every answerable item names its gold documents
    answered = [r for r in rows if not r.abstained]
    latencies = [r.latency_ms for r in rows]
    citations = [ok for r in rows for ok in r.citation_ok]
    return {
        "hit@1": _rate([r.rank is not None and r.rank <= 1 for r in ranked]),
        "hit@5": _rate([r.rank is not None and r.rank <= 5 for r in ranked]),
        "hit@10": _rate([r.rank is not None and r.rank <= 10 for r in ranked]),
        "mrr": round(float(np.mean([1.0 / r.rank if r.rank else 0.0 for r in ranked])), 4) if ranked else None,
        "evidence_hit": _rate([bool(r.evidence_retrieved) for r in answerable if r.evidence_retrieved is not None]),
        "answer_correct": _rate([r.correct for r in answerable]),
        "citation_precision": _rate(citations),
        "citation_recall": _rate([bool(r.cites_gold) for r in answerable if r.cites_gold is not None]),
        "refused_unanswerable": _rate([r.abstained for r in unanswerable]),
        "refused_answerable": _rate([r.abstained for r in answerable]),
        "precision": _rate([r.correct for r in answered]),
        "accuracy": _rate([r.correct for r in rows]),
        "latency_p50_ms": round(float(np.percentile(latencies, 50)), 2) if latencies else None,
        "latency_p95_ms": round(float(np.percentile(latencies, 95)), 2) if latencies else None,
        "questions": len(rows),
        **_span_means(rows),
    }


def _span_means(rows: list[Scored]) -> dict[str, float]:
    spanned = [r.spans for r in rows if r.spans]
    return {k: round(float(np.mean([s[k] for s in spanned])), 4) for k in SPAN_KEYS} if spanned else {}


def summarise_by_type(rows: list[Scored]) -> dict[str, Any]:
    """Overall, then per question type, per split (dev/test) and per council where the questions say them."""

    def group(key) -> dict[str, Any]:
        values = sorted({getattr(r, key) for r in rows if getattr(r, key)})
        return {v: summarise([r for r in rows if getattr(r, key) == v]) for v in values}

    out = {"overall": summarise(rows), "by_type": group("type")}
    for key in ("split", "council"):
        if any(getattr(r, key) for r in rows):
            out[f"by_{key}"] = group(key)
    return out
