"""The council a paper is from: a council's name where papers state their own (letterhead, heading, running header)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .header import header, heading, heading_lines
from .vocab import (
    COUNCIL_KINDS,
    COUNCIL_PREFIXES,
    MUNICIPAL_PREFIXES,
    NAME_CONNECTORS,
    NOT_NAME_WORDS,
    alternation,
)

_KIND = re.compile(rf"\b(?:{alternation(COUNCIL_KINDS)}|Council)\b", re.I)
_PREFIX = re.compile(rf"\b(?:{alternation(COUNCIL_PREFIXES + MUNICIPAL_PREFIXES)})\b", re.I)
_CONNECTORS = frozenset(NAME_CONNECTORS)
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")
_MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    name: str
    bare: bool  # "<Name> Council" with no kind word: only trusted as a whole line


def _proper(words: str) -> bool:
    """Written as a name (Title Case or CAPITALS), not in running prose ('the parish council')."""
    return all(w[0].isupper() or w.lower() in _CONNECTORS for w in words.split())


def _is_name_word(token: str) -> bool:
    word = token.lower().strip(".")
    return bool(_NAME_WORD.fullmatch(token)) and word not in NOT_NAME_WORDS and word not in _CONNECTORS


def _name_before(line: str, end: int) -> tuple[int, list[str]]:
    """The place name ending at `end` (words walked back until one cannot be part of a name), and where it starts."""
    words = list(re.finditer(r"\S+", line[:end]))
    taken: list[re.Match[str]] = []
    for word in reversed(words):
        token = word.group(0)
        if token.lower() in _CONNECTORS and taken:  # inside a name, never right before its kind ("the City Council")
            taken.append(word)
        elif _is_name_word(token) and len(taken) < _MAX_NAME_WORDS:
            taken.append(word)
        else:
            break
    taken.reverse()
    while taken and taken[0].group(0).lower() in _CONNECTORS:
        taken.pop(0)
    return (taken[0].start() if taken else end), [w.group(0) for w in taken]


def _name_after(line: str, start: int, most: int) -> tuple[int, list[str]]:
    """The place name starting at `start` (at most `most` name words), and where it ends."""
    taken: list[re.Match[str]] = []
    for word in re.finditer(r"[^\s,;:()]+", line[start:]):
        token = word.group(0)
        names = sum(w.group(0).lower() not in _CONNECTORS for w in taken)
        if token.lower() in _CONNECTORS and taken and names < most:
            taken.append(word)
        elif _is_name_word(token) and names < most:
            taken.append(word)
        else:
            break
    while taken and taken[-1].group(0).lower() in _CONNECTORS:
        taken.pop()
    return (start + taken[-1].end() if taken else start), [w.group(0) for w in taken]


def tidy(name: str) -> str:
    """One spacing; a name printed in capitals in the usual case ('BURTON-CUM-WALDEN' -> 'Burton-cum-Walden')."""
    name = " ".join(name.split())
    if name.upper() != name:
        return name

    def word(w: str) -> str:
        parts = re.split(r"([-\s])", w.lower())
        return "".join(p if p.lower() in _CONNECTORS and i else p[:1].upper() + p[1:] for i, p in enumerate(parts))

    return " ".join(word(w) if w.lower() not in _CONNECTORS else w.lower() for w in name.split())


def councils_in(line: str) -> list[Found]:
    """Every council name written on one line, longest first where two overlap."""
    found: list[Found] = []
    for kind in _KIND.finditer(line):
        if not _proper(kind.group(0)):
            continue
        start, words = _name_before(line, kind.start())
        if words:
            bare = kind.group(0).lower() == "council"
            found.append(Found(start, kind.end(), tidy(f"{' '.join(words)} {kind.group(0)}"), bare))
    for prefix in _PREFIX.finditer(line):
        if not _proper(prefix.group(0)):
            continue
        most = 1 if prefix.group(0).lower() in {p.lower() for p in MUNICIPAL_PREFIXES} else 4
        end, words = _name_after(line, prefix.end(), most)
        if words:
            found.append(Found(prefix.start(), end, tidy(f"{prefix.group(0)} {' '.join(words)}"), False))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Found] = []
    for f in found:
        if kept and f.start < kept[-1].end:
            if f.end - f.start > kept[-1].end - kept[-1].start:
                kept[-1] = f
            continue
        kept.append(f)
    return kept


def kind_of(name: str) -> str | None:
    """The kind a council's name ends in ('Newtown Parish Council' -> 'Parish Council'); None for 'City of X'."""
    kinds = [k for k in _KIND.finditer(name) if k.end() == len(name)]
    return tidy(kinds[0].group(0)) if kinds else None


# "Minutes of a meeting of", "Agenda for the", and a committee of the council: "Minutes of the Planning Committee of".
_MEETING_OF = re.compile(
    r"(?:meeting|minutes|agenda|summons)\s+(?:of|for)\s+(?:the\s+|a\s+)?"
    r"(?:(?:[\w&'-]+\s+){0,6}?(?:Committee|Sub-Committee|Panel|Working Group)\s+of\s+(?:the\s+)?)?$",
    re.I,
)
# Parts of a heading line: 'Newtown Parish Council - 3rd November 2015', '…Council: Agenda', '…noted. Newtown …'
_SEGMENTS = re.compile(r"\s+[-–|]\s+|:\s*|\.\s+")


# A part of a heading line that is the name and its sitting: "MINUTES – NEWTOWN PARISH COUNCIL MEETING".
_SITTING_AFTER = re.compile(r"\s+(?:meeting|minutes|agenda)$", re.I)


def _from_title_block(text: str) -> str | None:
    """A letterhead or heading line: the name alone in its part of the line, or opening a line that is a heading
    and not a sentence ('Newtown Town Council Meeting 21 March 2017'); a bare '<Name> Council' only alone."""
    for line in heading(text).splitlines():
        line = line.strip()
        for f in councils_in(line):
            alone = any(_SITTING_AFTER.sub("", part.strip()) == line[f.start : f.end] for part in _SEGMENTS.split(line))
            rest = (line[: f.start] + " " + line[f.end :]).split()
            prose = [w for w in rest if w[:1].islower() and w.lower() not in _CONNECTORS]
            opens = line[: f.start].strip().lower() in ("", "a", "the")
            if alone or (not f.bare and len(line) <= 100 and opens and len(prose) <= 1):
                return f.name
    return None


def _from_meeting_of(text: str) -> str | None:
    """'MINUTES of a meeting of the Northmoor County Council held …', 'A Meeting of Newtown Parish Council will be
    held …': the header says whose meeting it is."""
    flat = " ".join(header(text).split())  # the sentence may run over several lines
    for f in councils_in(flat):
        if not f.bare and _MEETING_OF.search(flat[: f.start]):
            return f.name
    return None


def _from_running_header(text: str) -> str | None:
    """A page header or footer: a line of the council's name alone, printed on two pages or more."""
    lines = Counter(" ".join(line.split()) for line in text.splitlines() if 0 < len(line.strip()) <= 80)
    for line, count in lines.items():
        found = councils_in(line) if count >= 2 else []
        if len(found) == 1 and found[0].name.lower() == line.lower():
            return found[0].name
    return None


# US city papers' own words (procedure, posts and the US spelling), none of which a UK paper uses: two different ones
# make a paper a US city's, whose council is the city itself, "City of X" ("Rivergrove City Council" is its council).
_US_USAGE = re.compile(
    r"\b(?:Councilmembers?|Councilors?|Pledge of Allegiance|Roll Call|City Manager|City Recorder|City Attorney"
    r"|Council President)\b",
    re.I,
)
_MIN_US_WORDS = 2
# A US heading naming its city's council without the city: "MINUTES OF THE REGULAR CITY COUNCIL MEETING".
_UNNAMED_CITY_COUNCIL = re.compile(r"\bcity council\b", re.I)


def _us_city_paper(text: str) -> bool:
    return len({m.group(0).lower().rstrip("s") for m in _US_USAGE.finditer(text)}) >= _MIN_US_WORDS


def _from_us_city_minutes(text: str) -> str | None:
    """US city council minutes headed by the meeting alone ('Minutes of the Regular City Council Meeting'): the
    city they name as 'City of X' throughout (twice or more, and at least twice as often as any other city)."""
    lines = heading_lines(text)
    unnamed = any(_UNNAMED_CITY_COUNCIL.search(line) and not councils_in(line) for line in lines)
    if not unnamed or not _us_city_paper(text):
        return None
    named = Counter(
        f.name
        for line in text.splitlines()
        if "city of" in line.lower()
        for f in councils_in(line)
        if f.name.lower().startswith("city of ")
    ).most_common(2)
    if not named or named[0][1] < 2 or (len(named) > 1 and named[0][1] < 2 * named[1][1]):
        return None
    return named[0][0]


# Where papers name their own council, most telling first; a council named anywhere else (a partner, a
# neighbour, a speaker's employer) is not taken for the paper's.
COUNCIL_RULES: list[tuple[str, Callable[[str], str | None]]] = [
    ("letterhead or heading line in the title block", _from_title_block),
    ("'meeting of <council>' in the header", _from_meeting_of),
    ("running page header or footer", _from_running_header),
    ("US city council minutes: the city the text names", _from_us_city_minutes),
]


def council(text: str) -> str | None:
    """The council the paper is from, by the first rule that finds one; None when the paper does not say. A US
    city's council is given as its city ("Rivergrove City Council" -> "City of Rivergrove")."""
    name = next((name for _form, rule in COUNCIL_RULES if (name := rule(text))), None)
    if name and kind_of(name) == "City Council" and _us_city_paper(text):
        return "City of " + name[: -len("City Council")].strip()
    return name
