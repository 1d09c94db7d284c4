"""What the user's filters leave of the archive, said in words when they leave nothing to answer from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from index.filters import FILTERS, Condition, date_int, matches

_LABELS = {spec.field: spec.name for spec in FILTERS}


def _facets(record: Mapping[str, Any]) -> dict[str, Any]:
    """A registry record's fields as the filters read them (dates as YYYYMMDD numbers)."""
    meta = dict(record.get("meta") or {})
    day = meta.get("meeting_date")
    meta["meeting_date_int"] = date_int(date.fromisoformat(str(day)[:10])) if day else None
    meta["doc_id"] = record.get("doc_id")
    meta["speakers"] = record.get("speakers") or []
    return meta


def emptied(conditions: list[Condition], filters: Mapping[str, Any], records: Iterable[Mapping[str, Any]]) -> str:
    """Why nothing was found under the filters: which filter no paper passes, and how many papers a date range
    leaves out because they state no date."""
    papers = [_facets(r) for r in records]
    in_force = ", ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in filters.items())
    parts = [f"No paper in the archive passes the filters in force ({in_force})."]
    for c in conditions:
        if not any(matches([c], p) for p in papers):
            parts.append(f"The {_LABELS.get(c.field, c.field)} filter alone leaves none.")
    if any(c.field == "meeting_date_int" for c in conditions):
        undated = sum(1 for p in papers if p["meeting_date_int"] is None)
        if undated:
            parts.append(
                f"{undated} of the {len(papers)} papers state no meeting date, and a date range leaves them out: "
                "clear the dates to include them."
            )
    return " ".join(parts)
