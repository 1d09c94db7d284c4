"""Meeting dates: where papers state their meeting's date (rules as data), and that phrase read as a date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import dateparser

from .header import header, heading
from .vocab import MONTH_FORM_PATTERN, NOT_MEETING_DATE_WORDS, WEEKDAY_PATTERN, alternation, weekday_number

_ORDINAL = r"(?:\s?(?:st|nd|rd|th))?"
# One written date, any common form; the weekday, when given, is checked against the date.
DATE = (
    rf"(?:(?P<weekday>{WEEKDAY_PATTERN})\.?[\s,\-–]*)?"
    r"(?:the\s+)?"  # "Tuesday the 5th of March 2019"
    r"(?P<core>"
    rf"\d{{1,2}}{_ORDINAL}\s*(?:of\s+)?(?:{MONTH_FORM_PATTERN})\.?,?\s+\d{{4}}"  # 13th March 2025
    rf"|(?:{MONTH_FORM_PATTERN})\.?\s+\d{{1,2}}{_ORDINAL},?\s+\d{{4}}"  # March 13, 2025 / April 28th 2015
    r"|(?P<d3>\d{1,2})(?P<sep>[/.])(?P<m3>\d{1,2})(?P=sep)\d{4}"  # 13/03/2025 or 13.03.2025, always day first (UK)
    r")(?![\d/]|\.\d)"
)
DATE_RE = re.compile(DATE, re.I)
TIME = r"\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|hrs|noon)?"
_PARSER = {"DATE_ORDER": "DMY", "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
_VETO = re.compile(rf"\b(?:{alternation(NOT_MEETING_DATE_WORDS)})(?:e?d|s)?\b", re.I)


def parse_date(phrase: str) -> date | None:
    """The date a phrase states, or None when it states none, an impossible one or one whose weekday disagrees."""
    match = DATE_RE.fullmatch(phrase.strip())
    if not match:
        return None
    parsed = dateparser.parse(match["core"], languages=["en"], settings=_PARSER)  # type: ignore[arg-type]
    if parsed is None:
        return None
    day = parsed.date()
    if match["d3"] and (day.day, day.month) != (int(match["d3"]), int(match["m3"])):
        return None  # the parser reads 11/27/2021 as month first; a UK paper never writes that
    if match["weekday"] and weekday_number(match["weekday"]) != day.weekday():
        return None
    return day


@dataclass(frozen=True)
class DateRule:
    """Where one publishing form states the meeting's date: the `date` group of `pattern`, searched in the header
    (or only in its title block); tier 1 states it outright and outranks tier 2 wherever it sits."""

    form: str
    pattern: re.Pattern[str]
    tier: int = 1
    heading_only: bool = False


def _rule(form: str, pattern: str, tier: int = 1, heading_only: bool = False) -> DateRule:
    return DateRule(form, re.compile(pattern.replace("DATE", f"(?P<date>{DATE})"), re.I | re.M), tier, heading_only)


MEETING_DATE_RULES: list[DateRule] = [
    # ModernGov issue history: "Meeting: 19/09/2019 - Corporate Resources Committee (Item 36)"
    _rule("ModernGov issue history", r"^[ \t]*Meeting[ \t]*:[ \t]*DATE[ \t]*[-–]"),
    # Report cover sheets and ModernGov decision notices: "Date of meeting: 13 March 2025", "Date of decision: …",
    # "Decided at meeting: 13/03/2025 - Cabinet"
    _rule(
        "labelled meeting or decision date",
        r"^[ \t]*(?:Date of (?:the )?meeting|Meeting date|Date of decision|Decision date|Decided at meeting)"
        r"[ \t]*[:\t][ \t]*DATE",
    ),
    # ModernGov forward plan / issue details: "Decision due: 1 Aug 2011 by Cabinet"
    _rule("ModernGov decision due", r"^[ \t]*Decision due[ \t]*:[ \t]*DATE"),
    # Minutes' opening sentence: "Minutes of a meeting … held in the Council Chamber, County Hall on Thursday, …",
    # "Held on: Monday 4 March 2019"
    _rule("held on", r"\b(?:held|convened)\b(?:[^.;]|(?<=\d)\.(?=\d)){0,150}?\bon:?\s+(?:the\s+)?DATE"),
    # ModernGov meeting page title and parish headings: "Cabinet - Tuesday, 9th October 2012 10.00 a.m.",
    # "Newtown Parish Council - 3rd November 2015"
    _rule("body - date heading", r"^[^\n]{3,90}?\s[-–]\s+DATE", heading_only=True),
    # A generic "Date:" (or agendas' "Date & Time:") field: a report cover's, but also items' own dates further down,
    # so below tier 1
    _rule("labelled date", r"^[ \t]*Date(?:[ \t]*(?:&|and)[ \t]*Time)?[ \t]*[:\t][ \t]*DATE", tier=2),
    # A title-block line ending in the date (and time), not a sentence ending in one: "Tuesday 13th March 2018", "Voting Agenda, April 23, 2020",
    # "Minutes of the Annual Parish Meeting 25 April 2023", "TUESDAY- -MARCH 2, 2010- -7:00 P.M."
    _rule(
        "heading date line",
        rf"^[^\n]{{0,80}}?(?<![\w/])DATE[ \t,\-–]*(?:(?:at[ \t]+)?{TIME})?[ \t]*$",
        tier=2,
        heading_only=True,
    ),
    # ModernGov decision list: "09/02/2022 - Planning Committee Pilot"
    _rule("date - title heading", r"^[ \t]*DATE[ \t]+[-–][ \t]+\S", tier=2, heading_only=True),
]


def _vetoed(text: str, match: re.Match[str]) -> bool:
    """A print, publication or deadline date, or another meeting's, by the words on its line(s)."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end("date"))
    return bool(_VETO.search(text[line_start : line_end if line_end >= 0 else len(text)]))


def meeting_date(text: str) -> date | None:
    """The first meeting date the highest tier of rules finds in the paper's header; None when none is stated."""
    head, block = header(text), heading(text)
    for tier in sorted({r.tier for r in MEETING_DATE_RULES}):
        found: list[tuple[int, date]] = []
        for rule in (r for r in MEETING_DATE_RULES if r.tier == tier):
            scope = block if rule.heading_only else head
            for match in rule.pattern.finditer(scope):
                day = None if _vetoed(scope, match) else parse_date(match["date"])
                if day:
                    found.append((match.start("date"), day))
                    break
        if found:
            return min(found)[1]
    return None
