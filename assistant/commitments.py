"""Commitments for people: each with its owner, horizon and due date, and a citation to its exact sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import Field

from index.commitments import CommitmentHit
from index.filters import Condition
from ingest.owners import owner_group, plain

from .cite import Citation, CommitmentFacts, printed_page
from .resources import Resources

# A question that asks what was promised, agreed, resolved or planned is answered from the commitments.
COMMITMENT_QUESTION = re.compile(
    r"\b(promis\w*|commit(?:ted|ments?)?|undert(?:ook|aken|ake)|pledg\w*|agreed|agree to|resolved?|resolutions?|"
    r"plann?(?:ed|ing)? to|intend\w* to|what will|what would|going to)\b",
    re.I,
)
# "What did the police promise?": a question that asks for everything an owner committed to and nothing more is
# answered with that owner's commitments, as the Commitments tab lists them for the same owner.
_VERB = (
    r"(?:promised?|committed|commit|agreed?|undert(?:ook|aken|ake)|pledged?|resolved?|offered|offer|planned|plan|"
    r"intended|intend)"
)
_NOUN = r"(?:promises|commitments|undertakings|pledges|resolutions|agreements)"
_END = r"\s*[?.!]*\s*$"
OWNED_QUESTIONS = (
    re.compile(
        rf"^\s*what\s+(?:did|has|have|had|does|do|will|would)\s+(?P<who>.+?)\s+{_VERB}(?:\s+to)?(?:\s+do)?{_END}",
        re.I,
    ),
    re.compile(
        rf"^\s*what\s+{_NOUN}\s+(?:did|has|have|had|were)\s+(?P<who>.+?)(?:\s+(?:make|made|given|gave|give|offered|offer))?{_END}",
        re.I,
    ),
    re.compile(
        rf"^\s*(?:list|show(?:\s+me)?|what\s+(?:are|were))\s+(?:all\s+)?(?:the\s+)?{_NOUN}\s+"
        rf"(?:of|by|from|made\s+by)\s+(?P<who>.+?){_END}",
        re.I,
    ),
    re.compile(rf"^\s*what\s+(?:are|were)\s+(?P<who>.+?)['’]s?\s+{_NOUN}{_END}", re.I),
)
NOT_OWNERS = frozenset({"you", "we", "i", "they", "it", "he", "she", "people", "anyone", "someone", "everyone"})
COLUMNS = (
    "n",
    "meeting_date",
    "council",
    "committee",
    "kind",
    "owner",
    "commitment",
    "group",  # after the columns CSV readers already had, so their positions hold
    "horizon",
    "due",
    "quote",
    "doc_id",
    "title",
    "page",
    "start",
    "end",
)  # to_row's keys, in order: the CSV header


class CommitmentRecord(CommitmentFacts):
    """A commitment for people: its facts and a citation to its exact sentence."""

    citation: Citation
    group: str | None = Field(None, description="The owner's group: Police, the Council, the Committee, a partner…")

    @classmethod
    def from_hit(cls, n: int, hit: CommitmentHit, group: str | None = None) -> CommitmentRecord:
        c = hit.commitment
        citation = Citation.of(n, c.paper, c.chunk_id, c.text, c.start, c.end, hit.score, c.speakers)
        citation.commitment = CommitmentFacts(**c.facts())
        return cls(citation=citation, group=group, **c.facts())

    def line(self) -> str:
        """One line for the terminal: date, council, owner, the commitment, when it is due, and its [n]."""
        c = self.citation
        when = f" (due {self.due})" if self.due else (f" ({self.horizon})" if self.horizon else "")
        group = f" ({self.group})" if self.group and plain(self.group) != plain(self.owner or "") else ""
        who = f"{self.owner}{group}: " if self.owner else ""
        return f"[{c.n}] {c.meeting_date or 'date not stated'} · {c.council or '?'} · {who}{self.summary}{when}"

    def to_row(self) -> dict:
        c = self.citation
        values = {
            **c.model_dump(),
            "kind": self.kind,
            "group": self.group,
            "owner": self.owner,
            "commitment": self.summary,
            "horizon": self.horizon,
            "due": self.due,
        }
        return {k: values[k] for k in COLUMNS}


def asks_for_commitments(question: str) -> bool:
    return bool(COMMITMENT_QUESTION.search(question))


def listed(
    r: Resources,
    about: str | None,
    owner: str | None,
    conditions: Sequence[Condition],
    limit: int | None = None,
) -> list[CommitmentRecord]:
    """Commitments newest first, each verified against the stored text; `about` searches them (hybrid); `owner` is
    a group or part of a name. What the Commitments tab lists and a chat question about an owner's commitments
    quotes: one function, so the two agree."""
    index = r.commitments
    if about and about.strip():
        min_similarity = r.settings.commitments.min_similarity
        hits = index.search(about, r.embedder.embed_one(about), conditions, owner, min_similarity)
        hits.sort(key=lambda h: (-(h.commitment.paper.meeting_date_int or 0), -h.score))
    else:
        hits = index.newest_first(conditions, owner)
    documents = {d: r.store.document(d) for d in {h.commitment.paper.doc_id for h in hits[:limit]}}
    records: list[CommitmentRecord] = []
    for hit in hits[:limit]:
        c = hit.commitment
        document = documents.get(c.paper.doc_id) or {}
        if document.get("text", "")[c.start : c.end] != c.text:
            continue  # stale or corrupt: never cite a sentence the document does not hold there
        group = index.groups.get(c.id)
        record = CommitmentRecord.from_hit(len(records) + 1, hit, group.group if group else None)
        page = printed_page(document, c.start)
        records.append(record.model_copy(update={"citation": record.citation.model_copy(update={"page": page})}))
    return records


def owner_asked(question: str) -> str | None:
    """Who a question about all of one owner's commitments names ("what did the police promise?" -> "the police"),
    for the same owner filter as the Commitments tab's (a group, or part of a name); None for any other question
    (one with a topic is answered from passages)."""
    for form in OWNED_QUESTIONS:
        match = form.match(question)
        who = " ".join(match["who"].split()) if match else ""
        if who and who.lower() not in NOT_OWNERS and len(who.split()) <= 6:
            return who
    return None


def owned_text(who: str, records: Sequence[CommitmentRecord], shown: int) -> str:
    """The answer to "what did <owner> promise?": the owner's commitments newest meeting first, one line each, as
    the Commitments tab lists them for the same owner."""
    n = len(records)
    group = owner_group(who).group
    label = group if plain(group) == plain(who) else who  # "the police" -> "Police"
    lines = [f"{n} commitment{'s' if n != 1 else ''} by {label} in the archive, newest meeting first:"]
    for r in records[:shown]:
        c = r.citation
        where = " · ".join(p for p in (c.meeting_date or "undated", c.council, r.owner) if p)
        lines.append(f"- {where}: {' '.join(c.quote.split())} [{c.n}]")
    if n > shown:
        lines.append(f"{n - shown} more: the Commitments tab lists all {n} with Owner “{label}”.")
    return "\n".join(lines)
