"""Timelines: what was said about a topic, meeting by meeting, each line a cited sentence."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from index.hybrid import Passage
from index.lexical import tokenize
from index.records import StoredSentence

from .cite import Citation
from .settings import TimelineSettings


class Meeting(BaseModel):
    meeting_date: str | None
    council: str | None
    committee: str | None
    title: str
    doc_id: str
    citations: list[Citation] = Field(default_factory=list)

    def heading(self) -> str:
        """Date, council, committee and title; an undated paper leads with its title (the timeline says "Undated"
        once, above all of them)."""
        if self.meeting_date is None:
            return " · ".join(p for p in (self.title, self.council, self.committee) if p)
        return " · ".join(p for p in (self.meeting_date, self.council, self.committee, self.title) if p)

    @property
    def label(self) -> str:
        """Short label for a chart axis: the date and place of a dated meeting, an undated paper's title."""
        if self.meeting_date is None:
            return self.title
        place = (self.council or "").split()[0] if self.council else ""
        return f"{self.meeting_date} {place}".strip()


UNDATED = "Undated"  # the one heading the undated papers are listed under, after the dated meetings


class Timeline(BaseModel):
    topic: str
    meetings: list[Meeting] = Field(default_factory=list)

    def sections(self) -> list[tuple[str | None, list[Meeting]]]:
        """The dated meetings (no heading), oldest first, then the undated papers under UNDATED; empty ones left
        out."""
        dated = [m for m in self.meetings if m.meeting_date]
        undated = [m for m in self.meetings if not m.meeting_date]
        return [(h, ms) for h, ms in ((None, dated), (UNDATED, undated)) if ms]

    def counts(self) -> list[dict]:
        """Mentions per meeting in timeline order (dated oldest first, then undated): the chart's data, one distinct
        label per bar."""
        rows: list[dict] = []
        seen: dict[str, int] = {}
        for m in self.meetings:
            label = m.label
            seen[label] = seen.get(label, 0) + 1
            if seen[label] > 1:  # two meetings with one date and place, or two papers with one title
                label = f"{label} ({seen[label]})"
            rows.append({"meeting": label, "mentions": len(m.citations)})
        return rows


def relevant_sentences(
    topic_terms: dict[str, float], qvec: np.ndarray, sentences: list[StoredSentence], t: TimelineSettings
) -> list[tuple[float, StoredSentence]]:
    """(score, sentence) for sentences that carry most of the topic's weight in its own words, or are close enough
    in meaning; best first."""
    total = sum(topic_terms.values()) or 1.0
    kept = []
    for sentence in sentences:
        if len(sentence.text.split()) < t.min_words:
            continue
        tokens = set(tokenize(sentence.text))
        coverage = sum(w for term, w in topic_terms.items() if term in tokens) / total if topic_terms else 0.0
        similarity = float(np.dot(qvec, np.asarray(sentence.vector, dtype=np.float32)))
        if coverage >= t.min_coverage or similarity >= t.min_similarity:
            kept.append((t.coverage_weight * coverage + (1 - t.coverage_weight) * similarity, sentence))
    return sorted(kept, key=lambda k: -k[0])


def build(
    topic: str,
    passages: list[Passage],
    sentences: list[StoredSentence],
    topic_terms: dict[str, float],
    qvec: np.ndarray,
    t: TimelineSettings,
) -> Timeline:
    """Group the relevant sentences by the meeting (document) they come from; meetings oldest first, then the
    undated papers by title."""
    by_chunk = {p.chunk_id: p for p in passages}
    meetings: dict[str, Meeting] = {}
    for _, sentence in relevant_sentences(topic_terms, qvec, sentences, t):
        passage = by_chunk.get(sentence.chunk_id)
        if passage is None:
            continue
        paper = passage.paper
        meeting = meetings.setdefault(
            paper.doc_id,
            Meeting(
                meeting_date=paper.meeting_date,
                council=paper.council,
                committee=paper.committee,
                title=paper.name,
                doc_id=paper.doc_id,
            ),
        )
        if len(meeting.citations) < t.per_meeting:
            meeting.citations.append(
                Citation.from_chunk(
                    0, passage.chunk, sentence.text, sentence.start, sentence.end, speakers=sentence.speakers
                )
            )
    ordered = sorted(
        meetings.values(),
        key=lambda g: (
            g.meeting_date is None,
            g.meeting_date or "",
            g.title.lower() if not g.meeting_date else "",
            g.doc_id,
        ),
    )
    n = 0
    for meeting in ordered:
        meeting.citations.sort(key=lambda c: c.start)  # reading order within a meeting
        for i, c in enumerate(meeting.citations):
            n += 1
            meeting.citations[i] = c.model_copy(update={"n": n})
    return Timeline(topic=topic, meetings=ordered)
