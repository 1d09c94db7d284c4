"""The Answer: what a question gets back, its cited text, leads when it abstains, and how it was reached."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from ingest.vocab import UNNAMED_SPEAKERS

from .cite import Citation

ABSTAIN_TEXT = "The archive does not say. I found no passage that answers this question."
LEADS_TEXT = " The nearest passages are listed as leads."
CITATION_KEYS = (
    "n",
    "doc_id",
    "title",
    "source_path",
    "council",
    "committee",
    "meeting_date",
    "page",
    "section",
    "speakers",
    "uploaded_by",
    "quote",
    "start",
    "end",
)  # what the JSON output gives of each citation


class Retrieved(BaseModel):
    """One passage of the fused ranking handed to answer selection."""

    chunk_id: str
    doc_id: str
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None


class Diagnostics(BaseModel):
    """How the answer was reached: the best sentence's support score and the question's key-term coverage (what
    abstention and the choice between archives read)."""

    best_score: float = 0.0
    coverage: float = 0.0


class Answer(BaseModel):
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    leads: list[Citation] = Field(default_factory=list, description="Nearest passages when the answer abstains.")
    filters: dict = Field(
        default_factory=dict, description="Filters the user set (words in the question are never filters)."
    )
    scope_note: str | None = Field(
        None,
        description="Set whenever the user set a filter: the filters in force in words, and how many papers a date "
        "range leaves out because they state no meeting date (with how to include them).",
    )
    retrieved: list[Retrieved] = Field(
        default_factory=list, description="The fused ranking handed to answer selection."
    )
    writer: dict | None = Field(
        None,
        description="With --llm: each written sentence, verified or the check it "
        "failed; counts generated/dropped; whether it fell back.",
    )
    diagnostics: Diagnostics = Field(default_factory=Diagnostics)
    timings_ms: dict[str, float] = Field(default_factory=dict, description="Milliseconds per phase, and in total.")

    def to_json_dict(self) -> dict:
        data = self.model_dump(mode="json", exclude={"retrieved"})
        data["citations"] = [{k: c[k] for k in CITATION_KEYS} for c in data["citations"]]
        data["leads"] = [{k: c[k] for k in CITATION_KEYS} for c in data["leads"]]
        return data


def scope_of(answer: Answer | Mapping[str, Any]) -> str | None:
    """The scope note of an answer or of its JSON form (what exports and the chat show beside the answer)."""
    return answer.get("scope_note") if isinstance(answer, Mapping) else answer.scope_note


def answer_text(citations: list[Citation], who: bool = False) -> str:
    """Every sentence of the answer carries its [n]; a "who" question's sentences lead with who the minutes name."""
    parts = []
    for c in citations:
        quote = " ".join(c.quote.split())
        named = [s for s in c.speakers if s not in UNNAMED_SPEAKERS] if who else []
        parts.append(f"{', '.join(named)}: “{quote}” [{c.n}]" if named else f"{quote} [{c.n}]")
    return " ".join(parts)


def digest_text(citations: list[Citation]) -> str:
    """An overview, one line per meeting in the order given (date order): where and when, then its cited sentences."""
    meetings: dict[str, list[Citation]] = {}
    for c in citations:
        meetings.setdefault(c.doc_id, []).append(c)
    count = len(meetings)
    lines = [f"{count} meeting{'s' if count != 1 else ''} in the archive speak{'s' if count == 1 else ''} to this:"]
    for group in meetings.values():
        first = group[0]
        where = " · ".join(
            p for p in (first.meeting_date or "undated", first.council, first.committee, first.title) if p
        )
        said = " ".join(f"{' '.join(c.quote.split())} [{c.n}]" for c in group)
        lines.append(f"- {where}: {said}")
    return "\n".join(lines)
