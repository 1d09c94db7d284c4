"""Commitments for people: each with its owner, horizon and due date, and a citation to its exact sentence."""

from __future__ import annotations

import re

from index.commitments import CommitmentHit

from .cite import Citation, CommitmentFacts

# A question that asks what was promised, agreed, resolved or planned is answered from the commitments.
COMMITMENT_QUESTION = re.compile(
    r"\b(promis\w*|commit(?:ted|ments?)?|undert(?:ook|aken|ake)|pledg\w*|agreed|agree to|resolved?|resolutions?|"
    r"plann?(?:ed|ing)? to|intend\w* to|what will|what would|going to)\b",
    re.I,
)
COLUMNS = (
    "n",
    "meeting_date",
    "council",
    "committee",
    "kind",
    "owner",
    "commitment",
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

    @classmethod
    def from_hit(cls, n: int, hit: CommitmentHit) -> CommitmentRecord:
        c = hit.commitment
        citation = Citation.of(n, c.paper, c.chunk_id, c.text, c.start, c.end, hit.score, c.speakers)
        return cls(citation=citation, **c.facts())

    def line(self) -> str:
        """One line for the terminal: date, council, owner, the commitment, when it is due, and its [n]."""
        c = self.citation
        when = f" (due {self.due})" if self.due else (f" ({self.horizon})" if self.horizon else "")
        who = f"{self.owner}: " if self.owner else ""
        return f"[{c.n}] {c.meeting_date or 'date not stated'} · {c.council or '?'} · {who}{self.summary}{when}"

    def to_row(self) -> dict:
        c = self.citation
        values = {
            **c.model_dump(),
            "kind": self.kind,
            "owner": self.owner,
            "commitment": self.summary,
            "horizon": self.horizon,
            "due": self.due,
        }
        return {k: values[k] for k in COLUMNS}


def asks_for_commitments(question: str) -> bool:
    return bool(COMMITMENT_QUESTION.search(question))
