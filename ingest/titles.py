"""A paper's title and kind (minutes, agenda, report, decision) from its own heading, not its file name."""

from __future__ import annotations

import re

from .councils import councils_in
from .dates import DATE_RE, TIME
from .header import header, heading_lines
from .vocab import BODY_WORDS, alternation

# ModernGov pages open with the page's kind, then the item's or issue's title on the next line.
_ITEM_PAGE = re.compile(r"^(?:Agenda item|Issue - meetings|Issue - decisions|Issue details|Decision details)$", re.I)
# ModernGov meeting pages: "Agenda and minutes" (or "Agenda, decisions and minutes"), then "<Body> - <date>".
_MEETING_PAGE = re.compile(r"^Agenda(?:,? (?:reports|decisions))? and (?:draft )?(?:minutes|decisions)$", re.I)
# A report's cover: "Agenda Item 7" over its title.
_REPORT_COVER = re.compile(r"^Agenda Item \d+[A-Za-z]?$", re.I)
# What makes a line a paper's heading rather than its first words.
_CUE = re.compile(r"\b(?:minutes|agenda|meeting|report|notice|resolution|ordinance|decisions?|summons)\b", re.I)
_LABEL = re.compile(r"^[^:]{1,40}:\s")  # "Venue: Guildhall", "Contact: …"
_JOIN = re.compile(r"\b(?:of|the|for|on|to|and)\s*$|[-–]\s*$", re.I)  # a heading printed over two lines
# A next line that goes on naming the meeting ("Special Meeting of the", "COVID-19 Virtual Meeting").
_GOES_ON = re.compile(r"^(?:[\w-]+\s+){0,3}meeting(?:\s+of(?:\s+the)?)?$", re.I)
_VENUE = re.compile(r"\s+held\s+(?:at|in|virtually)\b.*$", re.I)  # the venue after the heading's meeting
_SMALL = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "a", "an", "by", "held", "cum", "upon"})
_MAX_TITLE = 150
_TITLE_FIELD = re.compile(r"^\s*Title\s*:\s*(.+)$", re.I | re.M)
_MAX_PROSE_WORDS = 2
_TIME = re.compile(TIME, re.I)


def _heading_like(line: str, labelled: bool = False) -> bool:
    """Short, not a table row or a sentence; unless `labelled` (an item's own title), not a labelled field and
    not running prose (more than two lower-case words besides the small ones headings use)."""
    if not line or len(line) > _MAX_TITLE or "|" in line or line.endswith(":"):
        return False
    if not labelled and _LABEL.match(line) and not councils_in(line.split(":")[0]):
        return False
    if not labelled and sum(w[:1].islower() and w not in _SMALL for w in line.split()) > _MAX_PROSE_WORDS:
        return False
    return not (line.endswith(".") and not re.search(r"\.\w+\.$|\b\w\.$", line))


def _tidy(title: str) -> str:
    """One spacing; a title printed in capitals in the usual case ('MINUTES OF THE …' -> 'Minutes of the …')."""
    title = " ".join(title.split()).strip(" ,;–-")
    if title.upper() != title:
        return title
    words = title.lower().split()
    return " ".join(w if i and w in _SMALL else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _after(lines: list[str], at: int) -> str | None:
    while at + 1 < len(lines) and lines[at + 1] == lines[at]:
        at += 1  # the page kind printed twice
    below = lines[at + 1] if at + 1 < len(lines) else ""
    return _tidy(below) if _heading_like(below, labelled=True) else None


def _only_date(line: str) -> bool:
    """A date (and time) alone: a title block's date line, not a title."""
    date = DATE_RE.search(line)
    if date is None:
        return False
    return not re.search(r"[A-Za-z]{3,}", _TIME.sub("", line[: date.start()] + line[date.end() :]))


def title_field(text: str) -> str | None:
    """A report cover's "Title:" field."""
    field = _TITLE_FIELD.search(text[:3000])
    return _tidy(field.group(1)) if field else None


# A report cover: its title line, then its labelled fields ("Crime and Disorder - Annual Update" / "Report Author: …").
_COVER_FIELD = re.compile(
    r"^(?:Report Author|Report (?:of|by|from|to)|Author|Lead Officer|Chief Officer Responsible|Portfolio Holder)\b"
    r"[^:\t]{0,30}[:\t]",
    re.I,
)
# A status stamped on its own line over a minutes heading ("APPROVED" / "MEETING MINUTES …"): part of the title.
_STATUS_LINE = re.compile(r"^(?:approved|draft|agreed|unapproved|unconfirmed|confirmed)$", re.I)
# Whose meeting a heading names: a body's word (not "Meeting"); a heading without one is named by the line above.
_NAMES_BODY = re.compile(
    rf"\b(?:{alternation(w for w in BODY_WORDS if w != 'Meeting')}|(?:parish|town|annual|inaugural) meeting)\b", re.I
)


def _name_line(line: str) -> bool:
    """A letterhead's council or a body's name alone on its line ("AYTON COMMUNITY COUNCIL", "PLANNING BOARD")."""
    whole = [f for f in councils_in(line) if f.start == 0 and f.end == len(line)]
    words = line.split()
    body = len(words) >= 2 and bool(_NAMES_BODY.search(words[-1])) and all(w[:1].isupper() for w in words)
    return bool(whole) or body


def _named_from_above(lines: list[str], at: int, found: str) -> str:
    """A heading that names no one ("Minutes of a Meeting held on …", "APPROVED MINUTES") under the council's or the
    body's name (a date line may sit between): "Newtown Community Council: Minutes of a Meeting held on …"; a status
    line over it ("APPROVED") leads it. (A date line under such a heading is joined to it by _title.)"""
    above = at - 1
    if above >= 0 and _STATUS_LINE.match(lines[above]):
        return f"{_tidy(lines[above])} {found}"
    if above >= 1 and _only_date(lines[above]):
        above -= 1
    if above < 0 or not _names_no_one(found) or not _name_line(lines[above]):
        return found
    return f"{_tidy(lines[above])}: {found}"


def _names_no_one(heading: str) -> bool:
    return not (_NAMES_BODY.search(heading) or councils_in(heading))


def _title(text: str) -> tuple[str | None, str | None, str]:
    """(title, the heading line that says what the paper is, the form the title was read from)."""
    field = title_field(text)
    if field:
        return field, None, "Title field"
    lines = heading_lines(text)
    for at, line in enumerate(lines):
        if _ITEM_PAGE.match(line):
            return _after(lines, at), None, "ModernGov item page"
        if _REPORT_COVER.match(line):
            return _after(lines, at), None, "report cover"
        if _MEETING_PAGE.match(line):
            below = lines[at + 1] if at + 1 < len(lines) else ""
            meeting = re.search(r"\s[-–]\s", below) and DATE_RE.search(below)
            return _tidy(below if meeting else line), line, "ModernGov meeting page"
    if len(lines) > 1 and _COVER_FIELD.match(lines[1]) and _heading_like(lines[0]) and not _only_date(lines[0]):
        return _tidy(lines[0]), None, "report cover"
    for at, line in enumerate(lines):
        if not _heading_like(line) or _only_date(line) or not (_CUE.search(line) or DATE_RE.search(line)):
            continue
        start = at
        while at + 1 < len(lines) and _heading_like(lines[at + 1]):
            below = lines[at + 1]
            if not (_JOIN.search(line) or _GOES_ON.match(below)):
                break
            at += 1
            line = f"{line} {below}"
        found = _tidy(_VENUE.sub("", line))
        if _names_no_one(found) and at + 1 < len(lines) and _only_date(lines[at + 1]):
            found = f"{found} {_tidy(lines[at + 1])}"  # "Voting Hearing Agenda" / "March 24, 2022": the date says which
        return _named_from_above(lines, start, found), found, "heading"
    return None, None, "none"


def title(text: str) -> str | None:
    """The paper's own title, by the first of: a 'Title:' field, a ModernGov page's item or meeting line, a report
    cover's item title, or the first heading line that says what the paper is; None when it has no heading."""
    return _title(text)[0]


# The kind of paper by the heading line that says what it is, first match: (kind, pattern).
HEADING_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("decision", re.compile(r"^(?:Resolution|Ordinance) No\b", re.I)),  # US resolutions and ordinances
    ("minutes", re.compile(r"\bminutes\b", re.I)),  # "Agenda and minutes" pages hold the minutes
    ("agenda", re.compile(r"\b(?:agenda|summons)\b|\bnotice of (?:the\s+)?(?:\w+\s+){0,2}meeting\b", re.I)),
]
# Outcomes against the items: a record of what was decided, whatever its heading calls it ("Voting Agenda").
_OUTCOMES = re.compile(r"^\s*(?:RESOLVED|GRANTED|REFUSED|APPROVED|DENIED|CARRIED)\b", re.M)
# A licensing or hearing board's voting record, headed as its agenda ("Voting Agenda", US boards): each item followed
# by its outcome on a line of its own ("Granted", "No Violation", "Violation - Warning"), three or more times.
_OUTCOME_LINE = re.compile(
    r"^[ \t]*(?:Granted|Refused|Denied|Approved|Deferred|Continued|No Violation|Violation(?:[ \t]+[-–][ \t]*[^\n]{1,40})?)"
    r"[ \t]*$",
    re.I | re.M,
)
_MIN_OUTCOME_LINES = 3
# ModernGov decision pages, decision notices and issue pages (which state the decision's status).
_DECISION_PAGE = re.compile(
    r"^(?:Issue - decisions|Decision details|Decision notice|Record of (?:\w+ )?decisions?)$", re.I
)
_DECISION_FIELDS = re.compile(r"^\s*(?:Decision status|Decision Maker|Date of decision)\s*:", re.I | re.M)


def heading_type(text: str) -> str | None:
    """The paper's kind as its heading states it; None when the heading does not say."""
    if any(_DECISION_PAGE.match(line) for line in heading_lines(text)) or _DECISION_FIELDS.search(header(text)):
        return "decision"
    _, says, form = _title(text)
    if form == "report cover":
        return "report"
    kind = next((kind for kind, pattern in HEADING_TYPES if says and pattern.search(says)), None)
    if kind == "agenda" and len(_OUTCOME_LINE.findall(text)) >= _MIN_OUTCOME_LINES:
        return "decision"
    return None if kind == "agenda" and _OUTCOMES.search(text) else kind


def _file_words(doc_id: str) -> str:
    return " ".join(doc_id.replace("_", " ").replace("-", " ").split())


def context_label(paper_title: str | None, doc_id: str) -> str:
    """What a chunk's context names its paper by: its title, then the file name's words the title lacks, e.g.
    "Agenda and minutes (worcester planning committee undated applications)"; a heading's title alone loses the
    words a file name gives (the place, the committee, the subject), the file name alone loses the heading's."""
    words = _file_words(doc_id)
    if not paper_title:
        return words.capitalize()
    have = set(re.findall(r"\w+", paper_title.casefold()))
    extra = [w for w in words.split() if w.casefold() not in have]
    return f"{paper_title} ({' '.join(extra)})" if extra else paper_title
