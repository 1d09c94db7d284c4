"""The meeting body a paper records or went to, as its heading or its labelled fields name it."""

from __future__ import annotations

import re
from collections.abc import Callable

from .councils import councils_in, kind_of, tidy
from .dates import DATE, DATE_RE
from .header import header, heading, heading_lines
from .vocab import (
    BODY_WORDS,
    MONTH_FORM_PATTERN,
    NAMED_SITTINGS,
    POST_WORDS,
    SITTING_WORDS,
    STANDALONE_BODIES,
    WEEKDAY_PATTERN,
    alternation,
)


def _rx(pattern: str) -> re.Pattern[str]:
    """A line rule with DATE standing for any written date."""
    return re.compile(pattern.replace("DATE", DATE), re.I | re.M)


_BODY_END = re.compile(rf"(?:^|\s)(?:{alternation(BODY_WORDS)})$", re.I)
_TIME_ONLY = re.compile(r"^[\s\d.:,apmhrs()-]*$", re.I)
# A body's name, as a heading runs it on: capitalised words, the small words inside names, and sitting words;
# it stops at 'held', a weekday, a month, a number or a word in running prose.
_STOP = re.compile(rf"^(?:held|{WEEKDAY_PATTERN}|{MONTH_FORM_PATTERN}|minutes|agenda)$|\d", re.I)
_INSIDE = frozenset({"and", "&", "of", "for", "the", "meeting"}) | SITTING_WORDS | NAMED_SITTINGS


def _run_of_name(raw: str) -> str:
    """The words of a name at the start of `raw`, up to where the heading goes on to the date, venue or prose."""
    words: list[str] = []
    for token in raw.split():
        word = token.strip(",-–:;")
        if _STOP.search(word) or not (word[:1].isupper() or word.lower() in _INSIDE):
            break
        words.append(word)
    while words and words[-1].lower() in {"and", "&", "of", "for", "the"}:
        words.pop()
    return " ".join(words)


# A meeting with its own name, of a body: "Annual Meeting of Newtown Parish Council", "Inaugural Meeting of the …".
_NAMED_MEETING_OF = re.compile(rf"^(?P<named>{alternation(NAMED_SITTINGS)})\s+meeting\s+of\s+(?P<of>.+)$", re.I)
# A committee of its council: "Planning Committee of Newtown Parish Council", "Finance Committee of the Council".
_OF_PARENT = re.compile(rf"^(?P<body>.+?\b(?:{alternation(BODY_WORDS)}))\s+of\s+(?:the\s+)?(?P<parent>.+)$", re.I)
_OWN_COUNCIL_WORDS = frozenset({"council", "parish council", "town council", "community council"})
# Local councils whose own meetings are called by their kind ("Parish Council"), not "Council".
_LOCAL_KINDS = frozenset({"parish council", "town council", "community council"})


def _clean_body(raw: str, council: str | None) -> str | None:
    """The body's name from a heading's words: sitting words and a trailing 'meeting' dropped unless the meeting
    has its own name ('Annual Parish Meeting'); the paper's own council given as its kind ('Parish Council')."""
    words = raw.split()
    addressed = re.match(r"(?:all\s+)?(?:members|councillors)\s+of\s+", raw, re.I)  # "To: Members of the Cabinet"
    if addressed:
        words = raw[addressed.end() :].split()
    while words and words[0].lower() in SITTING_WORDS | {"the"}:
        words = words[1:]
    named = _NAMED_MEETING_OF.match(" ".join(words))
    if named:  # "Annual Meeting of Newtown Parish Council" -> "Parish Council Annual Meeting"
        of = _clean_body(named["of"], council)
        return tidy(f"{of} {named['named']} Meeting") if of else None
    parent = _OF_PARENT.match(" ".join(words))
    if parent and (councils_in(parent["parent"]) or parent["parent"].lower() in _OWN_COUNCIL_WORDS):
        words = parent["body"].split()  # "Planning Committee of Newtown Parish Council" -> "Planning Committee"
    if len(words) > 2 and [w.lower() for w in words[:2]] == ["meeting", "of"]:
        words = words[2:]
        words = words[1:] if words and words[0].lower() == "the" else words
    if not words or words[0].lower() not in NAMED_SITTINGS:
        while (len(words) > 1 and words[-1].lower() == "meeting") or (words and words[-1].lower() in SITTING_WORDS):
            words = words[:-1]
    body = tidy(" ".join(words))
    own = councils_in(body)
    if not council and len(own) == 1 and own[0].name == body:
        council = body
    if council:
        place = council[: len(council) - len(kind_of(council) or "")].strip()
        if body.lower().startswith(council.lower()):
            rest = body[len(council) :].strip()
            keeps_kind = not rest or not _BODY_END.search(rest) or rest.split()[-1].lower() in ("meeting", "agm")
            body = " ".join(filter(None, (kind_of(council) if keeps_kind else None, rest)))
        elif place and body.lower().startswith(place.lower() + " "):
            body = body[len(place) :].strip()
    if body.lower() == "council" and council and (kind_of(council) or "").lower() in _LOCAL_KINDS:
        body = kind_of(council) or body  # a parish's "meeting of the Council" is its Parish Council
    if not body or not _BODY_END.search(body) or (" " not in body and body.lower() not in STANDALONE_BODIES):
        return None
    if POST_WORDS & {w.lower() for w in body.split()}:
        return None  # "Leader of the Council", "Chief Executive": a post, not a meeting
    return body


# A heading naming no body, the meeting's own: "Minutes", "Minutes of a Meeting held on …", "Minutes – 3 March 2020",
# "Meeting held on Tuesday 3 March 2020 in the Village Hall", "Draft Agenda".
_OWN_SITTING = _rx(
    rf"^(?:(?:{alternation(SITTING_WORDS)})\s+)*(?:(?:minutes|agenda)(?:\s+of\s+(?:(?:a|the)\s+)?"
    rf"(?:(?:{alternation(SITTING_WORDS)})\s+)*meeting(?=\s+(?:held|on|at)\b))?|meeting(?=\s+(?:held|on|at)\b))"
    r"(?:\s+(?:held|on|at)\b|[^\w\n]*(?:DATE[^\n]*)?$)"
)
# What is left of a heading line around its council's name when the line is the council's own minutes or agenda:
# "MINUTES – NEWTOWN PARISH COUNCIL MEETING", "Minutes: Newtown Parish Council".
_OWN_BEFORE = re.compile(rf"^\W*(?:(?:{alternation(SITTING_WORDS)})\s+)*(?:minutes|agenda)\W*$", re.I)
_OWN_AFTER = _rx(r"^\W*(?:meeting)?[^\w\n]*(?:DATE[^\n]*)?$")


def _from_letterhead(text: str, council: str | None) -> str | None:
    """'Newtown Parish Council - Minutes', 'Newtown Town Council Meeting 21 March 2017', or the council's name over
    'Minutes of a Meeting held on …': the council's own meeting, so the body is the council (by its kind)."""
    follows = _rx(rf"^\W*(?:(?:{alternation(SITTING_WORDS)})\s+)*(?:meeting\s+)?(?:minutes|agenda|DATE)")
    lines = heading_lines(text)
    for at, line in enumerate(lines):
        for found in councils_in(line):
            alone = line.strip(" -–:|") == line[found.start : found.end]
            below = lines[at + 1] if at + 1 < len(lines) else ""
            if found.start < 3 and (follows.match(line[found.end :]) or alone and _OWN_SITTING.match(below)):
                return kind_of(found.name)
            if _OWN_BEFORE.match(line[: found.start]) and _OWN_AFTER.match(line[found.end :]):
                return kind_of(found.name)
    return None


def _body_over_its_minutes(text: str, council: str | None) -> str | None:
    """A body's name heading its own minutes or agenda, on the line above or before the word: 'Full Governing Board
    Meeting' / 'Minutes', 'PLANNING COMMITTEE' / 'MINUTES OF THE MEETING HELD ON …', 'Licensing Committee Agenda'."""
    lines = heading_lines(text)
    for at, line in enumerate(lines):
        name = _run_of_name(line)
        rest = line[len(name) :].strip(" -–:|") if line.startswith(name) else None
        below = lines[at + 1] if at + 1 < len(lines) else ""
        if not name or rest is None or councils_in(name):
            continue
        if (rest and _OWN_SITTING.match(rest)) or (not rest and _OWN_SITTING.match(below)):
            return _clean_body(name, council)
    return None


# A body's word in a heading line, besides the council's own name: another body's meeting, not the council's.
_OTHER_BODY = re.compile(
    r"\b(?:Committee|Sub-Committee|Panel|Board|Commission|Cabinet|Executive|Forum|Working Group)\b", re.I
)


def _own_sitting_of_local_council(text: str, council: str | None) -> str | None:
    """A parish's 'Minutes of the Meeting held on …' naming no body, its council named elsewhere (a running header,
    a letterhead further up): the council's own meeting, given by its kind ('Parish Council')."""
    kind = kind_of(council) if council else None
    if not kind or kind.lower() not in _LOCAL_KINDS:
        return None
    lines = heading_lines(text)
    own = any(_OWN_SITTING.match(line) and re.search(r"\bmeeting\b", line, re.I) for line in lines)
    others = any(_OTHER_BODY.search(_without_councils(line)) for line in lines)
    return kind if own and not others else None


def _without_councils(line: str) -> str:
    for found in reversed(councils_in(line)):
        line = line[: found.start] + line[found.end :]
    return line


def _over_date_line(text: str, council: str | None) -> str | None:
    """A body's name on the line above the meeting's date line ('Social Services Board' / 'Thursday, 26 May 2023')."""
    lines = heading_lines(text)
    for line, below in zip(lines, lines[1:], strict=False):
        date = DATE_RE.search(below)
        if date and _TIME_ONLY.match(below[: date.start()] + below[date.end() :]) and len(line) <= 80:
            return _clean_body(_run_of_name(line), council) if _run_of_name(line) == line.rstrip(",") else None
    return None


# A line broken mid-name: it ends on a small word or a dash, or the next line goes on in lower case.
_RUNS_ON = re.compile(r"(?:^|\s)(?:of|the|and|for|a|an|&)$|[-–,]$", re.I)
_PROSE_CHARS = 100


def _runs(lines: list[str], prose: bool = False) -> list[str]:
    """Heading lines, each run on into the next where it breaks mid-name ('Minutes of the Special Meeting of the' /
    'Rent Review Advisory Committee'); unless `prose`, sentences are left out (a full stop, a long line), but not a
    line in capitals ('MINUTES OF THE … HELD ON 13 MARCH 2019 AT COUNTY HALL.')."""
    runs: list[str] = []
    for line in lines:
        sentence = (len(line) > _PROSE_CHARS or line.endswith(".")) and not line.isupper()
        if sentence and not prose:
            runs.append("")  # nothing runs on across a sentence
            continue
        if runs and runs[-1] and (_RUNS_ON.search(runs[-1]) or line[:1].islower()):
            runs[-1] = f"{runs[-1]} {line}"
        else:
            runs.append(line)
    return [run for run in runs if run]


_CUE_OF = _rx(r"\b(?:minutes|agenda|meeting)\s+(?:of|for)\s+(?:the\s+|a\s+)?(?P<rest>.+)")


def _from_minutes_of(text: str, council: str | None) -> str | None:
    """'Minutes of the Special Meeting of the Rent Review Committee', 'A Meeting of Newtown Parish Council will…'."""
    for run in _runs(heading_lines(text)):
        for cue in _CUE_OF.finditer(run):
            before = run[: cue.start()].split()[-1:]
            if before and before[0].lower() in NAMED_SITTINGS:  # 'Inaugural Meeting of …': a meeting with its name
                return _clean_body(f"{before[0]} meeting of {_run_of_name(cue['rest'])}", council)
            body = _clean_body(_run_of_name(cue["rest"]), council)
            if body:
                return body
    return None


# A summons or notice of meeting, a sentence: "You are hereby summoned to attend a meeting of the Parish Council …",
# "Notice is hereby given that a Meeting of the Planning Committee will be held …".
_SUMMONS = re.compile(
    r"\b(?:(?:summoned|invited|requested) to attend|notice is hereby given that)\s+(?:a|an|the)\s+(?:\w+\s+)?"
    r"meeting\s+of\s+(?P<rest>[^.]+)",
    re.I,
)


def _from_summons(text: str, council: str | None) -> str | None:
    lines = [line.strip() for line in header(text).splitlines() if line.strip()]
    match = next((m for run in _runs(lines, prose=True) if (m := _SUMMONS.search(run))), None)
    return _clean_body(_run_of_name(match["rest"]), council) if match else None


# A US resolution or ordinance, by its heading ("RESOLUTION NO. 259-2018", "ORDINANCE NO. 89-2018").
_ENACTMENT = re.compile(r"^(?:Resolution|Ordinance)\s+No\b", re.I)
# Its caption or enacting clause names the body that passes it: "BEFORE THE CITY COUNCIL OF …", "BE IT RESOLVED by
# the City Council of Newtown", "BE IT ORDAINED BY THE BOARD OF …", "THE CITY COUNCIL OF THE CITY OF X ORDAINS".
_ENACTED_BY = re.compile(
    rf"(?:^[ \t]*BEFORE[ \t]+THE|\b(?:RESOLVED|ORDAINED|ENACTED)[ \t]+by[ \t]+the|\bTHEREFORE,?[ \t]+THE)[ \t]+"
    rf"(?P<body>(?:[\w&'-]+[ \t]+){{0,5}}?(?:{alternation(BODY_WORDS)}))[ \t]+of\b",
    re.I | re.M,
)


def _from_enactment(text: str, council: str | None) -> str | None:
    """A resolution's or ordinance's own words for the body that passes it."""
    if not any(_ENACTMENT.match(line) for line in heading_lines(text)):
        return None
    match = _ENACTED_BY.search(text)
    return _clean_body(match["body"], council) if match else None


# A letterhead in columns, as US boards print it: the city's name, then the board's opening one of the next two lines
# with its members' names run on beside it ("City of Boston Commissioners:" / … / "Licensing Board Jane Q. Doe").
_LETTERHEAD_BODY = re.compile(
    rf"^(?P<body>(?:[A-Z][\w&'-]*[ \t]+){{1,5}}?(?:{alternation(BODY_WORDS)}))\b(?![ \t]+of\b)"
)
_COLUMN_LINES = 2


def _under_letterhead(text: str, council: str | None) -> str | None:
    lines = heading_lines(text)
    for at, line in enumerate(lines):
        if any(f.start == 0 for f in councils_in(line)):
            for below in lines[at + 1 : at + 1 + _COLUMN_LINES]:
                match = _LETTERHEAD_BODY.match(below)
                body = _clean_body(match["body"], council) if match else None
                if body and " " in body:
                    return body
            return None
    return None


# An officer's report: its recommendations addressed to the meeting it goes to, under their heading
# ("2 Recommendation" / "That Scrutiny Committee:", "Recommendations: It is recommended that the Cabinet approves …").
_RECOMMENDATION = re.compile(
    r"^[ \t]*(?:\d+(?:\.\d+)*\.?[ \t]+)?Recommendations?[ \t]*:?[ \t]*\n\s*(?:\d+(?:\.\d+)*\.?[ \t]+)?"
    r"(?:It is recommended[ \t]+)?that[ \t]+(?:the[ \t]+)?(?P<body>[^\n]{3,80})",
    re.I | re.M,
)
_RECOMMENDATION_CHARS = 5000  # a report's recommendations come after its cover and summary


def _recommended_to(text: str, council: str | None) -> str | None:
    match = _RECOMMENDATION.search(text[:_RECOMMENDATION_CHARS])
    body = _clean_body(_run_of_name(match["body"]), council) if match else None
    return body if body and "members" not in body.lower().split() else None


# Where papers name the meeting body, most explicit first: (form, pattern with a `body` group, scope) or a reader.
_LABELLED: list[tuple[str, re.Pattern[str], Callable[[str], str]]] = [
    ("ModernGov issue history", _rx(r"^[ \t]*Meeting[ \t]*:[ \t]*DATE[ \t]*[-–][ \t]*(?P<body>[^\n(]+)"), header),
    (
        "ModernGov decision notice",
        _rx(r"^[ \t]*Decided at meeting[ \t]*:[ \t]*DATE[ \t]*[-–][ \t]*(?P<body>[^\n(]+)"),
        header,
    ),
    ("ModernGov decision notice", _rx(r"^[ \t]*Decision Maker[ \t]*:[ \t]*(?P<body>[^\n]+)"), header),
    ("ModernGov forward plan", _rx(r"^[ \t]*Decision due[ \t]*:[ \t]*DATE[ \t]+by[ \t]+(?P<body>[^\n]+)"), header),
    # "Committee: Planning Committee", "Meeting: Cabinet", "Report to: Cabinet", "Name of Committee: …", "Meeting of: …";
    # in a cover table the value ends at a tab or a wide gap ("Meeting:\tCabinet\tDate:\t13 March 2025")
    (
        "report cover field",
        _rx(
            r"^[ \t]*(?:Name of (?:the )?(?:Committee|Meeting)|Committee|Meeting(?: of)?|Report to)[ \t]*:[ \t]*"
            r"(?P<body>[^\n\t]{3,80}?)[ \t]*(?:$|\t| {3,})"
        ),
        header,
    ),
    # A report cover's table: "To: Cabinet" over "Date: 13 November 2024" (a "To:" line alone could be a letter's)
    (
        "report cover 'To:' over its date",
        _rx(r"^[ \t]*To[ \t]*:[ \t]*(?P<body>[^\n]{3,80}?)[ \t]*\n[ \t]*Date[ \t]*:"),
        header,
    ),
    ("ModernGov meeting title", _rx(r"^[ \t]*(?P<body>[^\n]{3,90}?)[ \t]+[-–][ \t]+DATE"), heading),
]
_READERS: list[tuple[str, Callable[[str, str | None], str | None]]] = [
    ("minutes of / meeting of <body>", _from_minutes_of),
    ("council letterhead over its own minutes or agenda", _from_letterhead),
    ("body's name over the date line", _over_date_line),
    ("summons or notice of meeting", _from_summons),
    ("US resolution or ordinance: the body that passes it", _from_enactment),
    ("US board letterhead in columns", _under_letterhead),
    ("report's recommendations addressed to a body", _recommended_to),
    ("body's name over or before its own minutes or agenda", _body_over_its_minutes),
    ("a local council's own meeting, its name elsewhere", _own_sitting_of_local_council),
]


def meeting_body(text: str, council: str | None) -> str | None:
    """The body whose meeting the paper records or went to; None when the paper does not say."""
    for _form, pattern, scope in _LABELLED:
        match = pattern.search(scope(text))
        if match and not DATE_RE.search(match["body"]):
            body = _clean_body(" ".join(match["body"].split()), council)
            if body:
                return body
    for _form, read in _READERS:
        body = read(text, council)
        if body:
            return body
    return None
