"""Commitments: sentences in which someone resolves, agrees, promises, plans or is asked to act — with the owner,
the horizon ("next month") and, when the meeting date is known, the due date it resolves to.

Rules are data and lean towards precision: a false commitment misleads an officer more than a missed one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .types import Chunk, Document
from .vocab import GROUP_SPEAKERS, MONTH_PATTERN, UNNAMED_SPEAKERS, month_number

# Cues, in the order they are tried; the first that matches names the kind.
CUES: tuple[tuple[str, re.Pattern], ...] = (
    ("resolution", re.compile(r"^\s*(?:It was\s+)?RESOLVED\b(?!\s*(?:that|:)?\s*$)", re.I)),
    ("recommendation", re.compile(r"\brecommend(?:s|ed)?\s+(?:that|to)\b|\bwould be recommended\b", re.I)),
    (
        "agreement",
        re.compile(
            r"\b(?:agreed|undertook|committed|pledged|promised|offered)\s+(?:that|to\s+(?!during|at|in|with|by)\w+)",
            re.I,
        ),
    ),
    ("request", re.compile(r"\b(?:was|were)\s+asked\s+to\s+\w+|\brequested\s+that\b", re.I)),
    (
        "plan",
        re.compile(
            r"\b(?:due to be \w+ed|(?:is|are) due to (?!the\b|its\b|their\b|his\b|her\b)\w+|plans? (?:to|are in)|"
            r"planned|proposed|aim to|intends? to|(?:are|is|were|was) hoping to|going to|a plan to)\b",
            re.I,
        ),
    ),
    (
        "promise",
        re.compile(
            r"\b(?:will|would|shall)\s+(?:no longer\s+|soon\s+|continue\s+|look\s+to\s+|also\s+)?"
            r"(?!(?:allow|assist|benefit|cost|have|rather|always|remain|need|mean|help|seem|appear|like|"
            r"lead|be dependent|be able|depend|expect|receive|say|then)\b)\w+",
            re.I,
        ),
    ),
    ("promise", re.compile(r"\b(?:is|was|are|were) happy (?:to|for)\b", re.I)),
)
# A sentence like this is not a commitment whatever cue it carries.
NOT_COMMITMENTS = re.compile(
    r"\?\s*$|^(?:A Member|Members|Councillors?|The Committee|It was)\s+(?:asked|queried|questioned|enquired|requested whether)\b"
    r"|\bit is hoped\b|\bhoped that\b|\bhopeful\b"  # hedges
    r"|\b(?:annually|each year|every year|usually|always|normally)\b"  # standing procedures, not undertakings
    r"|\bif\b[^.;:]*?,\s*(?:there|the|we|it|they|he|she)\b[^.;:]*?\b(?:will|would)\b",  # consequences of an "if"
    re.I,
)
# A bare lead-in that makes the next sentence a resolution or a recommendation of the named body.
RESOLVED_LEADIN = re.compile(r"^\s*(?:It was\s+)?RESOLVED\s*(?:that|:)?\s*$", re.I)
THAT_BODY_LEADIN = re.compile(r"^\s*That\s+(?P<body>(?:the\s+)?[A-Z][\w ]{2,60}?)\s*:\s*$")
_ACTOR = r"(?P<owner>(?:the |The )?(?:[A-Z][\w’'&/-]*)(?:\s+(?:[A-Z][\w’'&/-]*|of|and|for)){0,5})"
_NOT_PASSIVE = r"(?!\s+(?:soon\s+|then\s+)?be\s+\w+ed\b(?!\s+to\b))"  # "X will be required to" keeps X as owner
ACTIVE_OWNER = re.compile(
    rf"(?:^|, |that )(?:However, |In response, )?{_ACTOR}\s+"
    r"(?:will|would|shall|agreed|undertook|committed|pledged|promised|offered|(?:is|are|was|were) "
    rf"(?:due|hoping|happy|asked)|aim|intends?|plans?)\b{_NOT_PASSIVE}"
)
PASSIVE_AGENT = re.compile(
    r"\b(?:be|been)\s+\w+ed\s+(?:[a-z]+\s+){0,4}?by\s+(?P<owner>(?:the|a|an|[A-Z][\w’'&/-]*)"
    r"(?:\s+[\w’'&/-]+){0,5}?)(?=\s+(?:who|which|that|to|in|on|for|with|and|as|after)\b|[,.;:]|$)"
)
NOT_OWNERS = {"This", "These", "There", "It", "We", "Hate Crime There", "However", "If"}
NOT_NAMED = UNNAMED_SPEAKERS | GROUP_SPEAKERS  # speaker tags that cannot own a commitment
LEAD_PHRASES = re.compile(
    r"^\s*(?:In response,?|However,?|At the meeting,?|It was noted that|It was advised that|"
    r"Members were advised that|the Committee were informed that)\s*",
    re.I,
)

# Horizons, declared as (pattern, resolver(meeting date, match) -> due string or None).
HORIZONS: tuple[tuple[re.Pattern, Callable[[date | None, re.Match[str]], str | None]], ...] = (
    (
        re.compile(
            rf"\b(?:by|in|from|during|before|after)\s+(?:the end of\s+)?(?P<month>{MONTH_PATTERN})\s+(?P<year>20\d\d)\b"
        ),
        lambda d, m: f"{m['year']}-{month_number(m['month']):02d}",
    ),
    (re.compile(r"\bnext month\b", re.I), lambda d, m: _add_months(d, 1)),
    (re.compile(r"\b(?:early|later|end of)?\s*next year\b", re.I), lambda d, m: str(d.year + 1) if d else None),
    (
        re.compile(r"\b(?:later|end of|early|by the end of)\s+this year\b", re.I),
        lambda d, m: str(d.year) if d else None,
    ),
    (
        re.compile(r"\b(?:over|within|in)\s+the\s+(?:next|coming)\s+(?P<n>\d+)\s+months\b", re.I),
        lambda d, m: _add_months(d, int(m["n"])),
    ),
    (re.compile(r"\bover the coming months\b|\bin the coming months\b", re.I), lambda d, m: None),
    (
        re.compile(r"\b(?:for|in|during|by)\s+(?P<span>20\d\d\s*[/-]\s*(?:20)?\d\d)\b"),
        lambda d, m: m["span"].replace(" ", ""),
    ),
    (re.compile(r"\b(?:in|by|during|until)\s+(?P<year>20\d\d)\b"), lambda d, m: m["year"]),
    (re.compile(r"\bat the next meeting\b|\bnext meeting\b", re.I), lambda d, m: None),
    (re.compile(r"\bin due course\b|\bsoon\b|\bshortly\b", re.I), lambda d, m: None),
    (re.compile(r"\b(?P<n>\d+)-month\b", re.I), lambda d, m: None),
)


def _add_months(d: date | None, n: int) -> str | None:
    if d is None:
        return None
    months = d.year * 12 + d.month - 1 + n
    return f"{months // 12}-{months % 12 + 1:02d}"


@dataclass
class Commitment:
    doc_id: str
    chunk_id: str
    sentence_index: int  # position of the sentence within its chunk (its vector is that sentence's)
    start: int
    end: int
    text: str  # the sentence, verbatim
    kind: str
    summary: str
    owner: str | None = None
    horizon: str | None = None
    due: str | None = None  # YYYY-MM, YYYY or a span such as 2024-27, resolved against the meeting date
    speakers: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.chunk_id}:{self.sentence_index}"


def _owner(text: str, speakers: list[str], body: str | None) -> str | None:
    """Who is to act: the body a resolution or recommendation names, the agent of a passive ("by MBC"), the subject
    of an active commitment ("The Council will"), else the named person the minutes say spoke it."""
    if body:
        return body
    agent = PASSIVE_AGENT.search(text)
    if agent:
        return agent["owner"].strip()
    for match in ACTIVE_OWNER.finditer(text):
        owner = match["owner"].strip()
        if owner not in NOT_OWNERS and not owner.lower().startswith(("this ", "there ")):
            return owner
    named = [s for s in speakers if s not in NOT_NAMED]
    return named[0] if named else None


def _horizon(text: str, meeting: date | None) -> tuple[str | None, str | None]:
    for pattern, resolve in HORIZONS:
        match = pattern.search(text)
        if match:
            return " ".join(match.group(0).split()), resolve(meeting, match)
    return None, None


def _summary(text: str, limit: int = 28) -> str:
    words = LEAD_PHRASES.sub("", " ".join(text.split())).split()
    out = " ".join(words[:limit]) + (" …" if len(words) > limit else "")
    return out[:1].upper() + out[1:]


def extract(doc: Document, chunks: list[Chunk]) -> list[Commitment]:
    """Every commitment in the document, in reading order, each pointing at its exact sentence."""
    found: list[Commitment] = []
    previous = ""
    meeting_body = doc.meta.meeting_body or doc.meta.committee
    for chunk in chunks:
        speakers_of = chunk.sentence_speakers or [[] for _ in chunk.sentences]
        # the chunker may have lifted a bare "RESOLVED that" into the chunk's section path as a lead-in
        leadin = chunk.headings[-1] if chunk.headings else ""
        for i, (sentence, speakers) in enumerate(zip(chunk.sentences, speakers_of, strict=False)):
            text = sentence.text
            kind, body = None, None
            if RESOLVED_LEADIN.match(previous) or (i == 0 and RESOLVED_LEADIN.match(leadin)):
                kind, body = "resolution", meeting_body
            elif that_body := THAT_BODY_LEADIN.match(previous):
                kind, body = "recommendation", that_body["body"]
            elif not NOT_COMMITMENTS.search(text):
                kind = next((name for name, cue in CUES if cue.search(text)), None)
                if kind == "resolution":
                    body = meeting_body
            previous = text
            if kind is None or len(text.split()) < 4:
                continue
            horizon, due = _horizon(text, doc.meta.meeting_date)
            found.append(
                Commitment(
                    doc_id=doc.doc_id,
                    chunk_id=chunk.id,
                    sentence_index=i,
                    start=sentence.start,
                    end=sentence.end,
                    text=text,
                    kind=kind,
                    summary=_summary(text),
                    owner=_owner(text, speakers, body),
                    horizon=horizon,
                    due=due,
                    speakers=list(speakers),
                )
            )
    return found
