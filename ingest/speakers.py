"""Who is speaking or reported in a sentence ("Inspector Danvers highlighted", "Members queried", "In response, …")."""

from __future__ import annotations

import re

from .vocab import HONORIFIC_PATTERN, HONORIFICS, OFFICE_TITLES, SHORT_FORMS, UNNAMED_SPEAKERS, alternation

VERBS = (
    r"(?:also\s+)?(?:highlighted|advised|added|agreed|stated|said|says|commented|explained|confirmed|noted|"
    r"reported|asked|queried|outlined|informed|responded|introduced|thanked|suggested|proposed|raised|presented|"
    r"summarised|summarized|welcomed|reminded|requested|recognised|undertook|promised|emphasised|emphasized|"
    r"acknowledged|provided|gave|expressed|felt|wished|highlighting|moved|seconded|replied|clarified|shared|"
    r"reiterated|declared|conveyed|observed|indicated|mentioned|believed|urged|questioned|enquired|inquired|"
    r"described|updated|detailed|announced|recommended|pointed out|spoke|answered|addressed)"
)
# Offices a minute names instead of a person ("The Town Clerk advised", "The Head of Planning explained", "The City
# Attorney responded"): the last word (or phrase) of the office, after up to four capitalised words.
OFFICES = (
    "Clerk",
    "Officer",
    "Manager",
    "Director",
    "Attorney",
    "Solicitor",
    "Engineer",
    "Treasurer",
    "Secretary",
    "Executive",
    "Leader",
    "Mayor",
    "Planner",
    "Inspector",
    "Commander",
    "Administrator",
    "Coordinator",
    "Co-ordinator",
    "Adviser",
    "Advisor",
    "Consultant",
    "Auditor",
    r"Head of [A-Z][\w&-]+(?: [A-Z][\w&-]+)?",
    "Portfolio Holder",
    r"Cabinet Member(?: for [A-Z][\w&-]+(?: [A-Z][\w&-]+)?)?",
    "Chief Executive",
)
TITLES = {h.lower(): SHORT_FORMS.get(h, h) for h in HONORIFICS}  # any written form -> the title it is filed under
_TITLE = rf"(?:{HONORIFIC_PATTERN}|{alternation(OFFICE_TITLES)})"
# Person: a title, optional first name or initial, surname; then (after an optional ", role,") a speech verb.
PERSON = re.compile(
    rf"\b(?P<title>{_TITLE})\.?\s+(?:(?:[A-Z][a-z]+|[A-Z]\.?)\s+)?(?P<surname>[A-Z][a-zA-Z'’-]+)"
    rf"(?:,[^,.]{{0,90}},)?,?\s+{VERBS}\b"
)
PERSON_LABEL = re.compile(rf"^(?P<title>{_TITLE})\.?\s+(?:[A-Z][\w'’.-]*\s+)*?(?P<surname>[A-Z][\w'’-]+)$")
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
# An office named instead of a person: "The Assistant Town Clerk advised …" -> "The Assistant Town Clerk".
OFFICE = re.compile(
    rf"\bThe\s+(?P<office>(?:[A-Z][\w&'’-]*\s+){{0,4}}?(?:{'|'.join(OFFICES)}))(?:,[^,.]{{0,90}},)?\s+{VERBS}\b"
)
# Minutes that name members by two initials at the start of a sentence ("KC outlined …", "DN advised …"); three
# capitals are as often a body ("GCC confirmed", "NHS advised") as a person.
INITIALS = re.compile(rf"^\s*(?P<initials>[A-Z]{{2}})\s+{VERBS}\b")
# "Proposed by Cllr Smith, seconded by …" / "Moved by RB": the proposer is the speaker.
PROPOSER = re.compile(
    rf"\b(?:Proposed|Moved)\s+by\s+(?:(?P<title>{_TITLE})\.?\s+(?:[A-Z][a-z]+\s+|[A-Z]\.?\s+)?(?P<surname>[A-Z][a-zA-Z'’-]+)|(?P<initials>[A-Z]{{2,3}})\b)"
)


# A transcript turn: "The Chair: …", "Kirsty Williams AM: …", "Mr. Dave Epp (Chatham-Kent—Leamington, CPC): …".
# The label is a title and name, a role, or two to four capitalised words, before a colon on the same line; a one-word
# label ("Resolved:", "Present:") is minutes' structure, not a speaker.
TURN = re.compile(
    rf"^\s*(?P<label>(?:(?:{_TITLE})\.?|Hon\.?|The)\s+[A-Z][^:\n]{{0,100}}?|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,3}}"
    rf"(?:\s+\([^)\n]{{1,100}}\))?)[ \t]*:[ \t]+\S"
)
POST_NOMINALS = re.compile(r"\s+(?:AM|MS|MP|MSP|MLA|MEP|OBE|MBE|CBE|QC|KC)\b\.?")
NOT_TURNS = re.compile(
    r"^(?:Agenda|Item|Minute|Minutes|Present|Apologies|Action|Note|Resolved|Decision|Date|Time|Venue)\b"
)


def turn_speaker(text: str) -> str | None:
    """The speaker a transcript turn opens with, as a reader names them: brackets (riding, party, the person
    acting as Chair) and post-nominals dropped, a title and surname where there is a title."""
    match = TURN.match(text)
    if not match or NOT_TURNS.match(match.group("label")):
        return None
    label = re.sub(r"\s*\([^)]*\)?\)?", "", match.group("label")).strip()
    label = POST_NOMINALS.sub("", label).strip()
    words = label.split()
    if not words or len(words) > 6:
        return None
    person = PERSON_LABEL.match(label)
    return canonical(person.group("title"), person.group("surname")) if person else label


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
    for office in OFFICE.finditer(text):
        found.append((office.start(), "The " + " ".join(office.group("office").split())))
    initials = INITIALS.match(text)
    if initials:
        found.append((initials.start("initials"), initials.group("initials")))
    for proposer in PROPOSER.finditer(text):
        who = proposer.group("initials") or canonical(proposer.group("title"), proposer.group("surname"))
        found.append((proposer.start(), who))
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
