"""Timelines: what was said about a topic, meeting by meeting, each line a cited sentence."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from index.lexical import tokenize

from .cite import Citation

MIN_WORDS = 5  # shorter "sentences" are headings and table labels: they say nothing on their own
PER_MEETING = 6  # most sentences listed per meeting: a timeline is an overview, the reader has the rest


class Meeting(BaseModel):
    meeting_date: str | None
    council: str | None
    committee: str | None
    title: str
    doc_id: str
    citations: list[Citation] = Field(default_factory=list)

    def heading(self) -> str:
        return " · ".join(p for p in (self.meeting_date or "date not stated", self.council, self.committee,
                                      self.title) if p)

    @property
    def label(self) -> str:
        """Short label for a chart axis."""
        place = (self.council or "").split()[0] if self.council else ""
        return f"{self.meeting_date or 'undated'} {place}".strip()


class Timeline(BaseModel):
    topic: str
    meetings: list[Meeting] = Field(default_factory=list)

    def counts(self) -> list[dict]:
        """Mentions per meeting, oldest first: the chart's data."""
        return [{"meeting": f"{m.label} · {m.title[:30]}", "mentions": len(m.citations)} for m in self.meetings]


def relevant_sentences(topic_terms: dict[str, float], qvec: np.ndarray, sentences, min_similarity: float,
                       min_coverage: float = 0.5) -> list[tuple[float, str, str, dict]]:
    """(score, sentence id, text, metadata) for sentences that carry most of the topic's weight in its own words,
    or are close enough in meaning; best first."""
    total = sum(topic_terms.values()) or 1.0
    kept = []
    for sid, text, meta, vec in sentences:
        if len(text.split()) < MIN_WORDS:
            continue
        tokens = set(tokenize(text))
        coverage = sum(w for t, w in topic_terms.items() if t in tokens) / total if topic_terms else 0.0
        similarity = float(np.dot(qvec, np.asarray(vec, dtype=np.float32)))
        if coverage >= min_coverage or similarity >= min_similarity:
            kept.append((0.5 * coverage + 0.5 * similarity, sid, text, meta))
    return sorted(kept, key=lambda k: -k[0])


def build(topic: str, passages, sentences, topic_terms: dict[str, float], qvec: np.ndarray,
          min_similarity: float) -> Timeline:
    """Group the relevant sentences by the meeting (document) they come from; meetings oldest first, undated last."""
    by_chunk = {p.chunk_id: p for p in passages}
    meetings: dict[str, Meeting] = {}
    for _, sid, text, meta in relevant_sentences(topic_terms, qvec, sentences, min_similarity):
        passage = by_chunk.get(meta["chunk_id"])
        if passage is None:
            continue
        m = passage.metadata
        meeting = meetings.setdefault(m["doc_id"], Meeting(
            meeting_date=m.get("meeting_date"), council=m.get("council"), committee=m.get("committee"),
            title=m.get("title", m["doc_id"]), doc_id=m["doc_id"]))
        if len(meeting.citations) < PER_MEETING:
            meeting.citations.append(Citation.from_chunk(0, m, passage.chunk_id, text, int(meta["start"]),
                                                         int(meta["end"]), speakers=meta.get("speakers")))
    ordered = sorted(meetings.values(), key=lambda g: (g.meeting_date is None, g.meeting_date or "", g.doc_id))
    n = 0
    for meeting in ordered:
        meeting.citations.sort(key=lambda c: c.start)  # reading order within a meeting
        for i, c in enumerate(meeting.citations):
            n += 1
            meeting.citations[i] = c.model_copy(update={"n": n})
    return Timeline(topic=topic, meetings=ordered)
