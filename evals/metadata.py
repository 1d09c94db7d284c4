"""Document metadata read at ingest scored against labels written by reading the papers (gold/metadata.jsonl).

Per field and split: precision = right / values the system gave; recall = right / values the paper states (gold not
null). A value the system gives where the gold is null (the paper does not state it) counts against precision: the
system's rule is to leave unknown fields empty, never to guess.

Matching rule (fair, not lenient): both values are casefolded, curly quotes and dashes folded, "&" read as "and",
full stops and apostrophes dropped ("A.G.M." = "AGM", "Mary's" = "Marys"), every other non-alphanumeric character
read as a space, and whitespace collapsed; then they must be equal. Council names may also differ by a leading
"The". The gold body matches when the system's committee or its meeting body is equal to it. Dates are compared as
ISO dates. A title equal to the document id read as words (the file-name fallback ingest uses when a paper states
none) is not counted as a given value: it is a label, not a title read from the paper.

Splits: a paper's split in evals/archive/provenance.tsv (dev/test); QMSum transcripts are dev; any other gold paper
(the corpus/ demo papers) is "demo".
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

ARCHIVE = Path(__file__).resolve().parent / "archive"
GOLD_DIR = ARCHIVE / "gold"
GOLD = GOLD_DIR / "metadata.jsonl"
PROVENANCE = ARCHIVE / "provenance.tsv"
QMSUM = ARCHIVE / "qmsum"
FIELDS = ("council", "body", "meeting_date", "doc_type", "title")
SPLIT_ORDER = ("dev", "test", "demo")
MEANINGS = {
    "precision": "share of the values the system gave that equal the gold (a value the paper does not state is wrong)",
    "recall": "share of the values the paper states that the system gave right",
    "right / given / stated": "the counts: values right, values the system gave, values the gold says the paper states",
}


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def provenance(path: Path = PROVENANCE) -> dict[str, dict[str, str]]:
    """The collector's row per council paper, by doc id (split, council, …)."""
    if not Path(path).exists():
        return {}
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return {row["doc_id"]: row for row in csv.DictReader(handle, delimiter="\t")}


def split_of(doc_id: str, rows: dict[str, dict[str, str]]) -> str:
    if doc_id in rows:
        return rows[doc_id]["split"]
    return "dev" if (QMSUM / f"{doc_id}.txt").exists() else "demo"


_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "&": " and "})


def normalise(value: Any) -> str:
    """The comparison form of a metadata value (see the module docstring)."""
    if value is None:
        return ""
    text = str(value).casefold().translate(_FOLD)
    text = re.sub(r"[.']", "", text)
    text = re.sub(r"[^\w]+|_", " ", text)
    return " ".join(text.split())


def _council(value: Any) -> str:
    return normalise(value).removeprefix("the ")


def _date(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()[:10] if value else ""


def same(field: str, gold: Any, system: Any) -> bool:
    """One field's match rule; `system` is a list of candidate values for body (committee, meeting body)."""
    if gold is None:
        return False
    candidates = system if isinstance(system, list) else [system]
    form = {"council": _council, "meeting_date": _date}.get(field, normalise)
    target = form(gold)
    return bool(target) and any(form(c) == target for c in candidates if c)


def system_values(doc_id: str, meta: dict[str, Any]) -> dict[str, Any]:
    """What the system gave per gold field (None where it gave nothing; body: the non-empty candidates)."""
    title = meta.get("title") or None
    if title and normalise(title) == normalise(doc_id.replace("-", " ")):
        title = None  # the file-name fallback, not a title read from the paper
    body = [v for v in (meta.get("committee"), meta.get("meeting_body")) if v]
    return {
        "council": meta.get("council") or None,
        "body": body or None,
        "meeting_date": meta.get("meeting_date") or None,
        "doc_type": meta.get("doc_type") or None,
        "title": title,
    }


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def rates(right: int, given: int, stated: int) -> dict[str, Any]:
    """Precision (right / given), recall (right / stated) and the counts behind them: one shape for every gold."""
    return {
        "precision": _ratio(right, given),
        "recall": _ratio(right, stated),
        "right": right,
        "given": given,
        "stated": stated,
    }


def tally(rows: list[tuple[bool, bool, bool]]) -> dict[str, Any]:
    """rows: (system gave a value, gold states one, they match) -> precision, recall and the counts behind them."""
    right = sum(1 for given, stated, ok in rows if ok and given and stated)
    given = sum(1 for g, _, _ in rows if g)
    stated = sum(1 for _, s, _ in rows if s)
    return {**rates(right, given, stated), "documents": len(rows)}


def score_metadata(
    gold: list[dict[str, Any]], records: dict[str, dict[str, Any]], splits: dict[str, str]
) -> dict[str, Any]:
    """gold: label rows; records: doc_id -> the system's meta; splits: doc_id -> split. Gold ids not in records are
    skipped and counted."""
    present = [g for g in gold if g["doc_id"] in records]
    per: dict[str, dict[str, list[tuple[bool, bool, bool]]]] = {}
    mismatches = []
    for g in present:
        values = system_values(g["doc_id"], records[g["doc_id"]])
        split = splits.get(g["doc_id"], "demo")
        for field in FIELDS:
            given, stated = values[field] is not None, g.get(field) is not None
            ok = same(field, g.get(field), values[field])
            per.setdefault(split, {}).setdefault(field, []).append((given, stated, ok))
            if (given or stated) and not ok:
                mismatches.append(
                    {
                        "doc_id": g["doc_id"],
                        "split": split,
                        "field": field,
                        "gold": g.get(field),
                        "system": values[field],
                    }
                )
    order = [s for s in SPLIT_ORDER if s in per] + sorted(s for s in per if s not in SPLIT_ORDER)
    return {
        "gold_documents": len(gold),
        "scored_documents": len(present),
        "skipped_unknown": len(gold) - len(present),
        "by_split": {s: {f: tally(per[s][f]) for f in FIELDS} for s in order},
        "mismatches": mismatches,
    }


def evaluate_metadata(assistant, path: Path = GOLD) -> dict[str, Any]:
    """Score the index's document records against the gold file."""
    gold = load_jsonl(path)
    records = {d["doc_id"]: d.get("meta") or {} for d in assistant.documents()}
    rows = provenance()
    splits = {g["doc_id"]: split_of(g["doc_id"], rows) for g in gold}
    return {"gold": str(path), **score_metadata(gold, records, splits)}
