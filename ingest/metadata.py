"""Civic metadata. Precedence: NAME.meta.json sidecar > a metadata.csv row beside the file > what the text states.

Nothing is guessed: a field no source gives stays unknown (a sidecar key set to null says so explicitly).
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .bodies import meeting_body
from .councils import council
from .dates import meeting_date
from .titles import heading_type, title
from .types import DocMeta, IngestError
from .vocab import ATTENDEE_PATTERN

SIDECAR_SUFFIX = ".meta.json"

# Fields read by a single pattern: (field, pattern), group 1 is the value. Council, meeting body, date and title
# each have their own table of publishing forms (councils.py, bodies.py, dates.py, titles.py).
TEXT_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("report_author", re.compile(r"^\s*Report Author\s*:\s*([^,\t\n]+)", re.I | re.M)),
]
# Document type by the first rule whose pattern occurs (at least `times` times): (type, pattern, times).
DOC_TYPES: list[tuple[str, re.Pattern[str], int]] = [
    ("feedback", re.compile(r"^\s*Report/Comments of\s*:|^\s*Title\s*:\s*Scrutiny feedback", re.I | re.M), 1),
    # The minutes' own label, the resolutions, the attendance ("PRESENT:", "Members present:", "Those present:")
    (
        "minutes",
        re.compile(
            r"^\s*Minutes\s*:?\s*$|^\s*RESOLVED\b|^\s*(?:Members[ \t]+|Councillors[ \t]+|Those[ \t]+)?Present[ \t]*:",
            re.I | re.M,
        ),
        1,
    ),
    # A ModernGov items table run into lines: "<item> <description> Minutes: <the minute>", item after item
    ("minutes", re.compile(r"\S[ \t]+Minutes:[ \t]+[A-Z]"), 2),
    # An officer's report cover: its author or sender, its purpose, its recommendations' heading
    (
        "report",
        re.compile(
            r"^\s*(?:Report Author|Report (?:of|by|from))\s*:|^\s*(?:\d+\.?\s+)?Purpose of (?:the\s+)?Report\b"
            r"|^\s*(?:\d+\.?\s+)?Recommendations?\s*:?\s*$",
            re.I | re.M,
        ),
        1,
    ),
    # The agenda's own heading line, a summons or notice of the meeting (not a statutory notice: "NOTICE IS HEREBY
    # GIVEN that the accounts …" is no agenda)
    (
        "agenda",
        re.compile(
            r"^\s*AGENDA\s*$|\bsummoned to attend\b|\bnotice is hereby given that (?:a|an|the)\s+(?:\w+\s+)?meeting\b",
            re.I | re.M,
        ),
        1,
    ),
]


def _text_type(text: str) -> str | None:
    for name, pattern, times in DOC_TYPES:
        if pattern.search(text) if times == 1 else len(pattern.findall(text)) >= times:
            return name
    return None


# Agenda item titles: the line after a ModernGov "Agenda item" marker, or an all-capitals heading line.
AGENDA_ITEM = re.compile(r"^\s*Agenda item\s*\n+\s*(?!Agenda item)(.+)$|^\s*([A-Z][A-Z ,/&'’-]{8,80}[A-Z])\s*$", re.M)
# Searched in whitespace-folded text, so a sentence wrapped across PDF lines still counts.
ATTENDANCE = re.compile(r"\b(?:In attendance|Assisting with consideration of the report)\b[^.]*|\bPresent\s*:[^.]*")
_TITLED = re.compile(rf"\b(?:{ATTENDEE_PATTERN})\s+(?:[A-Z][a-z]+\s+)?[A-Z][a-z'’-]+")


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


def extract_from_text(text: str) -> dict[str, Any]:
    """What the text itself states, by the first rule that matches for each field."""
    found: dict[str, Any] = {}
    doc_type = heading_type(text) or _text_type(text)
    if doc_type:
        found["doc_type"] = doc_type
    items = [" ".join((m.group(1) or m.group(2)).split()) for m in AGENDA_ITEM.finditer(text)]
    if items and doc_type in ("minutes", "agenda"):
        found["agenda_items"] = list(dict.fromkeys(items))
    flat = " ".join(text.split())
    attendees = [name for span in ATTENDANCE.findall(flat) for name in _TITLED.findall(span)]
    if attendees:
        found["attendees"] = list(dict.fromkeys(attendees))
    named = council(text)
    # The paper's own title (a "Title:" field, a ModernGov page's line, the heading); chunk contexts add the file
    # name's words to it (titles.context_label), so storing the heading loses none of what the file name says.
    stated: dict[str, Any] = {"council": named, "committee": meeting_body(text, named), "title": title(text)}
    stated["meeting_date"] = meeting_date(text)
    found.update({name: value for name, value in stated.items() if value})
    for name, pattern in TEXT_RULES:
        match = pattern.search(text)
        value = " ".join(match.group(1).split()) if match else None
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


CSV_NAME = "metadata.csv"
LIST_FIELDS = ("agenda_items", "attendees")


def read_csv_row(path: Path) -> dict[str, Any]:
    """The row for this file in a metadata.csv beside it (column doc_id or file); empty cells give nothing."""
    table = path.with_name(CSV_NAME)
    if not table.exists():
        return {}
    try:
        with table.open(newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                key = (row.get("doc_id") or row.get("file") or "").strip()
                if key in (path.stem, path.name):
                    values: dict[str, Any] = {
                        k: v.strip() for k, v in row.items() if k and k not in ("doc_id", "file") and v and v.strip()
                    }
                    for name in LIST_FIELDS:
                        if name in values:
                            values[name] = [v.strip() for v in values[name].split(";") if v.strip()]
                    return values
    except (OSError, csv.Error) as exc:
        raise IngestError(table, f"unreadable metadata table ({exc})") from exc
    return {}


def build_meta(path: Path, text: str) -> DocMeta:
    """Sidecar > metadata.csv > text; a sidecar null means 'known to be unknown'; title falls back to the file name."""
    values = extract_from_text(text)
    values.update(read_csv_row(path))
    values.update(read_sidecar(path))
    values["meeting_date"] = _parse_date(values.get("meeting_date"), str(path))
    if not values.get("title"):
        values["title"] = path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    for name in LIST_FIELDS:
        values[name] = values.get(name) or []
    known = set(DocMeta.model_fields)
    return DocMeta(**{k: v for k, v in values.items() if k in known})
