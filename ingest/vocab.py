"""Words and forms council papers use: month names, honorifics, speaker tags — one home for each."""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Short month forms written with a full stop ("Sept."), so the full stop does not end a sentence; "May" is a
# whole word, and "may." does end one.
MONTH_ABBREVIATIONS = frozenset({m[:3].lower() for m in MONTHS if len(m) > 3} | {"sept"})


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first, so a form never loses to its own prefix ('Mr' in 'Mrs')."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def month_number(name: str) -> int:
    """1 for 'January' (any case), … 12 for 'December'."""
    return [m.lower() for m in MONTHS].index(name.lower()) + 1


MONTH_PATTERN = alternation(MONTHS)

# Every written form of a person's title, as papers write it; a short form is filed under its full title.
HONORIFICS = (
    "Chief Inspector",
    "Inspector",
    "Insp",
    "Mrs",
    "Mr",
    "Ms",
    "Miss",
    "Dr",
    "Cllr",
    "Councillor",
    "Sergeant",
    "Sgt",
    "Superintendent",
    "PCSO",
)
SHORT_FORMS = {"Insp": "Inspector", "Cllr": "Councillor", "Sgt": "Sergeant"}

# The narrower lists below are what each rule has always read; widening one would change what it finds.
# Attendance lines ("Present: Cllr Smith"): civilian titles, councillors, Inspector ranks and PCSOs only.
ATTENDEE_TITLES = ("Chief Inspector", "Inspector", "Mrs", "Mr", "Ms", "Dr", "Cllr", "Councillor", "PCSO")
# Answers to "who" questions: full titles, not Miss or the short police ranks ("Chief Inspector" holds "Inspector").
WHO_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Inspector", "Councillor", "Cllr", "PCSO", "Sergeant", "Superintendent")
# Speakers offered as example questions ("What did Inspector Danvers say?"): the titles speakers are filed under
# less PCSO, plus Cllr.
EXAMPLE_TITLES = (
    "Inspector",
    "Sergeant",
    "Councillor",
    "Cllr",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Superintendent",
    "Chief Inspector",
)
# Title short forms written with a full stop ("Cllr. Smith"), so the full stop does not end a sentence.
TITLE_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "cllr", "cllrs", "insp", "supt", "sgt", "pc", "prof", "rev", "hon"}
)

HONORIFIC_PATTERN = alternation(HONORIFICS)
ATTENDEE_PATTERN = alternation(ATTENDEE_TITLES)
WHO_PATTERN = alternation(WHO_TITLES)
EXAMPLE_PATTERN = alternation(EXAMPLE_TITLES)
# The titles whose surnames the bench's synthetic archive swaps for made-up ones (evals/synth.py).
SYNTH_TITLES = ("Inspector", "Councillor", "Cllr", "Mr", "Mrs", "Ms", "Dr", "Sergeant")

# Speaker tags (ingest.speakers) that name no one person.
UNNAMED_SPEAKERS = frozenset({"In response"})  # a tag saying someone answered, not who
GROUP_SPEAKERS = frozenset({"Members"})  # a group, not a person
