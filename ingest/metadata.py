"""Civic metadata: a sidecar NAME.meta.json wins, then what the text states; nothing is guessed."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .types import DocMeta, IngestError

SIDECAR_SUFFIX = ".meta.json"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\s+(\d{{4}})"

# Extraction rules as data, highest precedence first: (field, pattern). Group 1 (or the date groups) is the value.
TEXT_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("meeting_date", re.compile(rf"^\s*(?:Date|Meeting date|Date of meeting)\s*:\s*{_DATE}", re.I | re.M)),
    ("meeting_date", re.compile(rf"\bmet on\s+(?:\w+day\s+)?{_DATE}", re.I)),
    ("title", re.compile(r"^\s*Title\s*:\s*(.+)$", re.I | re.M)),
    ("council", re.compile(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\s+(?:Borough|District|County|City|Town|Parish)\s+Council)\b")),
    ("committee", re.compile(r"^\s*(?:Committee|Meeting)\s*:\s*(.+)$", re.I | re.M)),
]


def _parse_date(value: Any, source: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    raise IngestError(source, f"meeting_date {value!r} is not a date (use YYYY-MM-DD)")


def _match_date(match: re.Match[str]) -> date | None:
    day, month, year = match.groups()[-3:]
    try:
        return datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date()
    except ValueError:
        return None


def extract_from_text(text: str) -> dict[str, Any]:
    """What the text itself states, by the first rule that matches for each field."""
    found: dict[str, Any] = {}
    for name, pattern in TEXT_RULES:
        if name in found:
            continue
        match = pattern.search(text)
        if not match:
            continue
        value = _match_date(match) if name == "meeting_date" else " ".join(match.group(1).split())
        if value:
            found[name] = value
    return found


def read_sidecar(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise IngestError(sidecar, f"unreadable metadata sidecar ({exc})") from exc
    if not isinstance(data, dict):
        raise IngestError(sidecar, "metadata sidecar must hold a JSON object")
    return data


def build_meta(path: Path, text: str) -> DocMeta:
    """Sidecar keys (even null: 'known to be unknown') override text extraction; title falls back to the file name."""
    values = extract_from_text(text)
    values.update(read_sidecar(path))
    values["meeting_date"] = _parse_date(values.get("meeting_date"), str(path))
    if not values.get("title"):
        values["title"] = path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    known = set(DocMeta.model_fields)
    return DocMeta(**{k: v for k, v in values.items() if k in known})
