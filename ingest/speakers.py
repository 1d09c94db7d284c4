"""Who is speaking or reported in a sentence ("Inspector Danvers highlighted", "Members queried", "In response, …")."""

from __future__ import annotations

import re

from .vocab import HONORIFIC_PATTERN, HONORIFICS, SHORT_FORMS, UNNAMED_SPEAKERS

VERBS = (
    r"(?:also\s+)?(?:highlighted|advised|added|agreed|stated|said|says|commented|explained|confirmed|noted|"
    r"reported|asked|queried|outlined|informed|responded|introduced|thanked|suggested|proposed|raised|presented|"
    r"summarised|welcomed|reminded|requested|recognised|undertook|promised|emphasised|acknowledged|provided|"
    r"gave|expressed|felt|wished|highlighting)"
)
TITLES = {h.lower(): SHORT_FORMS.get(h, h) for h in HONORIFICS}  # any written form -> the title it is filed under
_TITLE = rf"(?:{HONORIFIC_PATTERN})"
# Person: a title, optional first name or initial, surname; then (after an optional ", role,") a speech verb.
PERSON = re.compile(
    rf"\b(?P<title>{_TITLE})\.?\s+(?:(?:[A-Z][a-z]+|[A-Z]\.?)\s+)?(?P<surname>[A-Z][a-zA-Z'’-]+)"
    rf"(?:,[^,.]{{0,90}},)?,?\s+{VERBS}\b"
)
# Groups and offices, declared as data: (pattern, canonical name).
GROUPS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:A Member|Members|Councillors|Ward Members)\s+{VERBS}\b"), "Members"),
    (re.compile(rf"\bThe (?:Chair|Chairman|Chairperson)(?: of the [A-Z][\w ]+?)?\s+{VERBS}\b"), "The Chair"),
    (re.compile(rf"\bOfficers\s+{VERBS}\b"), "Officers"),
    (re.compile(rf"\bThe Committee\s+(?:was|were)?\s*{VERBS}\b"), "The Committee"),
    (re.compile(rf"\bThe Portfolio Holder\b[^.]{{0,80}}?\s+{VERBS}\b"), "The Portfolio Holder"),
    (
        re.compile(rf"\bCabinet Lead Member\b[^.]{{0,40}}?\s+{VERBS}\b|\bpresented by Cabinet Lead Member\b"),
        "Cabinet Lead Member",
    ),
    (re.compile(r"^\s*In response\b|\bIn response,"), "In response"),
]


def canonical(title: str, surname: str) -> str:
    return f"{TITLES.get(title.lower().rstrip('.'), title)} {surname}"


def speakers_in(text: str) -> list[str]:
    """Canonical speakers named in text, in order of first mention ('Inspector Audrey Danvers' -> 'Inspector Danvers')."""
    found: list[tuple[int, str]] = []
    for match in PERSON.finditer(text):
        found.append((match.start(), canonical(match.group("title"), match.group("surname"))))
    for pattern, name in GROUPS:
        group = pattern.search(text)
        if group:
            found.append((group.start(), name))
    names = list(dict.fromkeys(name for _, name in sorted(found)))
    # "In response" marks an unnamed answer; when the responder is named, the name says more.
    return [n for n in names if n not in UNNAMED_SPEAKERS] if len(names) > 1 else names


def named_in_question(question: str, known: set[str]) -> list[str]:
    """Known speakers the question names, by full name or surname ('Danvers' -> 'Inspector Danvers')."""
    named = []
    for speaker in sorted(known):
        surname = speaker.split()[-1]
        if speaker.split()[0] in ("Members", "Officers", "The", "In", "Cabinet"):
            continue
        if re.search(rf"\b{re.escape(surname)}\b", question):
            named.append(speaker)
    return named
