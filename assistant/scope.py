"""What the user's filters leave of the archive, said in words: which filters are in force, the papers a date range
leaves out because they state no date, and which filter leaves nothing when nothing passes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from index.filters import FILTERS, Condition, Filters, date_int, matches

# Each filter as the note says it ("council Melton; meetings from 2023-01-01"), in FILTERS order.
WORDS = {
    "council": "council",
    "committee": "committee",
    "doc_type": "document type",
    "doc_id": "document",
    "speaker": "said by",
    "since": "meetings from",
    "until": "meetings until",
}
_DATE_FIELD = next(spec.field for spec in FILTERS if spec.kind == "date")
_LABELS = {(spec.field, spec.op): WORDS[spec.name] for spec in FILTERS}


def paper_facets(record: Mapping[str, Any]) -> dict[str, Any]:
    """A registry record's fields as the filters read them (dates as YYYYMMDD numbers)."""
    meta = dict(record.get("meta") or {})
    day = meta.get("meeting_date")
    meta[_DATE_FIELD] = date_int(date.fromisoformat(str(day)[:10])) if day else None
    meta["doc_id"] = record.get("doc_id")
    meta["speakers"] = record.get("speakers") or []
    return meta


def in_force(filters: Filters) -> str:
    """The filters the user set, in words, as they set them: 'council Melton; meetings from 2023-01-01'."""
    parts = []
    for spec in FILTERS:
        value = getattr(filters, spec.name)
        if value:
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            parts.append(f"{WORDS[spec.name]} {shown}")
    return "; ".join(parts)


def undated_left_out(conditions: Sequence[Condition], papers: Iterable[Mapping[str, Any]]) -> int:
    """Papers a date range leaves out only because they state no meeting date (they pass every other filter);
    0 when no date range is set."""
    if not any(c.field == _DATE_FIELD for c in conditions):
        return 0
    others = [c for c in conditions if c.field != _DATE_FIELD]
    return sum(1 for p in papers if p.get(_DATE_FIELD) is None and matches(others, p))


def scope_note(filters: Filters, conditions: Sequence[Condition], papers: Iterable[Mapping[str, Any]]) -> str | None:
    """What every answer under filters says with it: the filters in force, and the undated papers a date range
    leaves out with the way to include them. None when the user set no filter (words in a question never are)."""
    if filters.is_empty():
        return None
    note = f"Filters: {in_force(filters)}."
    n = undated_left_out(conditions, papers)
    if n:
        note += (
            f" {n} paper{'s' if n != 1 else ''} state{'' if n != 1 else 's'} no meeting date and "
            f"{'are' if n != 1 else 'is'} left out; clear the dates to include {'them' if n != 1 else 'it'}."
        )
    return note


def emptied(conditions: Sequence[Condition], papers: Iterable[Mapping[str, Any]]) -> str:
    """Why nothing was found under the filters: which filter no paper passes (the scope note says which are in
    force and what a date range leaves out)."""
    papers = list(papers)
    parts = ["No paper in the archive passes all the filters in force."]
    for c in conditions:
        if not any(matches([c], p) for p in papers):
            parts.append(f"The {_LABELS.get((c.field, c.op), c.field)} filter alone leaves none.")
    return " ".join(parts)
