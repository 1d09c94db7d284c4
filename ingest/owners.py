"""Who owns a commitment, grouped into the body they answer for: police ranks and the police under Police,
councillors, officers and the council's own names under the Council, committees, panels and their chairs under the
Committee; any other named body (a partner) is its own group. Rules read the forms owners are written in, never names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .vocab import COUNCIL_TITLES, COUNCIL_WORDS, HONORIFICS, OFFICE_TITLES, POLICE_TITLES, alternation

POLICE, COUNCIL, COMMITTEE, OTHERS = "Police", "the Council", "the Committee", "Others"

# Titles written before a person's name that place the person in a group ("Inspector Danvers", "Cllr Smith").
GROUP_TITLES: dict[str, tuple[str, ...]] = {POLICE: POLICE_TITLES, COUNCIL: COUNCIL_TITLES}
# What makes an owner that is not a titled person one of a group's bodies or posts; the form found first in the name
# decides, ties in this order ("Police and Crime Panel" is the police's; "Council Officers", "Head of Housing",
# "MBC" are the council's).
GROUP_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (POLICE, re.compile(r"\b(?:police|policing|constabulary)\b", re.I)),
    (
        COUNCIL,
        re.compile(
            r"\b(?:council|cabinet|executive|officers?|head of|director|chief executive|portfolio holder|"
            r"lead member|cabinet member|leader|mayor|clerk)\b",
            re.I,
        ),
    ),
    (COUNCIL, re.compile(r"^[A-Z]{1,3}[BD]C$")),  # a council's initials: MBC, RBC, NWDC
    (
        COMMITTEE,
        re.compile(r"\b(?:(?:sub-?)?committee|panel|board|scrutiny|chair(?:man|woman|person)?|members)\b", re.I),
    ),
)
PERSON = re.compile(rf"^(?:{alternation((*HONORIFICS, *OFFICE_TITLES))})\.?\s+[A-Z]")
_TITLE_GROUP = {t: group for group, titles in GROUP_TITLES.items() for t in titles}
_GROUP_TITLE = re.compile(rf"^(?P<title>{alternation(_TITLE_GROUP)})\.?\s+[A-Z]")


@dataclass(frozen=True)
class OwnerGroup:
    group: str  # Police, the Council, the Committee, a partner's own name, or Others
    person: bool  # the owner is a titled person ("Inspector Danvers"), not a body


def plain(name: str) -> str:
    """A name as owner filters compare it: lower case, without a leading 'the'."""
    return re.sub(r"^the\s+", "", " ".join(name.split()).lower())


def _a_council(owner: str, councils: Iterable[str]) -> bool:
    """The owner is a council's name less its kind ('Melton' for 'Melton Borough Council')."""
    words = plain(owner).split()
    for council in councils:
        name = (council or "").lower().split()
        if words and name[: len(words)] == words and all(w in COUNCIL_WORDS for w in name[len(words) :]):
            return True
    return False


def owner_group(owner: str, councils: Iterable[str] = ()) -> OwnerGroup:
    """The group an owner belongs to: by the title before a person's name, else by the first group word in a body's
    name, else a council's place name, else a named body is its own group. `councils`: the council names the owner
    may stand for by its place name (the council of the paper it was found in)."""
    owner = " ".join(owner.split())
    titled = _GROUP_TITLE.match(owner)
    if titled:
        return OwnerGroup(_TITLE_GROUP[titled["title"]], True)
    if PERSON.match(owner):
        return OwnerGroup(OTHERS, True)  # a person the title does not place ("Mr Cotton")
    found = [(m.start(), i, group) for i, (group, form) in enumerate(GROUP_FORMS) if (m := form.search(owner))]
    if found:
        return OwnerGroup(min(found)[2], False)
    if _a_council(owner, councils):
        return OwnerGroup(COUNCIL, False)
    bare = re.sub(r"^[Tt]he\s+", "", owner)
    if bare[:1].isupper():
        return OwnerGroup(f"the {bare}" if bare != owner else bare, False)  # a named partner is its own group
    return OwnerGroup(OTHERS, False)  # an unnamed owner ("a 3rd party company")
