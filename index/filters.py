"""Metadata filters declared as data: one spec each, resolved to backend-neutral Conditions that each backend
translates (Chroma: index.chroma.to_where; BM25: LexicalIndex.mask; anything else: `matches`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field


@dataclass(frozen=True)
class FilterSpec:
    name: str  # the CLI flag / UI control / Filters field
    field: str  # the chunk metadata key it reads
    op: str  # "in", "gte" or "lte"
    kind: str  # "facet": matched against the index's own values; "exact"; "date"
    help: str


FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec("council", "council", "in", "facet", "council name, or a distinctive part of it (e.g. Melton)"),
    FilterSpec("committee", "committee", "in", "facet", "committee or meeting body, or a part of its name"),
    FilterSpec("doc_type", "doc_type", "in", "facet", "document type: minutes, report, feedback, agenda"),
    FilterSpec("doc_id", "doc_id", "in", "exact", "document id (file name without extension)"),
    FilterSpec(
        "speaker", "speakers", "contains", "facet", "who spoke or is reported (e.g. Danvers, Members, The Chair)"
    ),
    FilterSpec("since", "meeting_date_int", "gte", "date", "meetings on or after this date (YYYY-MM-DD)"),
    FilterSpec("until", "meeting_date_int", "lte", "date", "meetings on or before this date (YYYY-MM-DD)"),
)
FACET_FIELDS = tuple(spec.field for spec in FILTERS if spec.kind == "facet")


class FilterError(ValueError):
    """A filter value that matches nothing in the index; the message lists what is there."""


class Filters(BaseModel):
    council: list[str] = Field(default_factory=list)
    committee: list[str] = Field(default_factory=list)
    doc_type: list[str] = Field(default_factory=list)
    doc_id: list[str] = Field(default_factory=list)
    speaker: list[str] = Field(default_factory=list)
    since: date | None = None
    until: date | None = None

    def is_empty(self) -> bool:
        return not any(getattr(self, spec.name) for spec in FILTERS)


def date_int(value: date) -> int:
    """A date as the YYYYMMDD number range filters compare."""
    return value.year * 10000 + value.month * 100 + value.day


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: Any  # a list for "in", an int for the date bounds


def resolve(filters: Filters, facets: Mapping[str, set[str]]) -> list[Condition]:
    """Map user wording onto stored values: 'melton' -> 'Melton Borough Council'; unknown values raise FilterError."""
    conditions = []
    for spec in FILTERS:
        value = getattr(filters, spec.name)
        if not value:
            continue
        if spec.kind == "date":
            conditions.append(Condition(spec.field, spec.op, date_int(value)))
            continue
        if spec.kind == "exact":
            conditions.append(Condition(spec.field, "in", list(value)))
            continue
        known = sorted(facets.get(spec.field, set()))
        chosen: list[str] = []
        for wanted in value:
            w = wanted.strip().lower()
            hits = [k for k in known if k.lower() == w] or [k for k in known if w and w in k.lower()]
            if not hits:
                raise FilterError(f"no {spec.name} matches {wanted!r}; the archive has: {', '.join(known) or 'none'}")
            chosen.extend(h for h in hits if h not in chosen)
        conditions.append(Condition(spec.field, spec.op, chosen))
    return conditions


def matches(conditions: list[Condition], metadata: Mapping[str, Any]) -> bool:
    for c in conditions:
        value = metadata.get(c.field)
        if value is None:
            return False
        if c.op == "in" and value not in c.value:
            return False
        if c.op == "contains" and not set(c.value) & set(value):
            return False
        if c.op == "gte" and not value >= c.value:
            return False
        if c.op == "lte" and not value <= c.value:
            return False
    return True
