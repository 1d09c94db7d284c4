"""Citations: what each one carries, how it is checked against the stored text, how it is printed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class Citation(BaseModel):
    n: int
    doc_id: str
    title: str
    source_path: str
    council: str | None = None
    committee: str | None = None
    meeting_date: str | None = None
    page: str | None = None
    section: str | None = None
    speakers: list[str] = []  # who said the quoted sentence, where the minutes name them
    uploaded_by: str | None = None  # for papers added through the app: who uploaded it
    commitment: dict | None = None  # kind, owner, horizon, due: when the quoted sentence is a commitment
    quote: str
    chunk_id: str
    start: int  # character offsets of the quote in the document text
    end: int
    score: float = 0.0

    @classmethod
    def from_chunk(cls, n: int, meta: dict[str, Any], chunk_id: str, quote: str, start: int, end: int,
                   score: float = 0.0, speakers: list[str] | None = None) -> "Citation":
        return cls(
            n=n, doc_id=meta["doc_id"], title=meta.get("title", meta["doc_id"]), source_path=meta.get("source_path", ""),
            council=meta.get("council"), committee=meta.get("committee"), meeting_date=meta.get("meeting_date"),
            page=meta.get("page"), section=meta.get("section"), quote=quote, chunk_id=chunk_id, start=start, end=end,
            score=round(score, 4), speakers=list(speakers or []), uploaded_by=meta.get("uploaded_by"),
        )

    def where(self) -> str:
        """One line saying where the quote is: title, council, committee, date, page, section."""
        parts = [self.title, self.council, self.committee, self.meeting_date or "date not stated"]
        if self.page and self.page != "1":
            parts.append(f"p. {self.page}")
        if self.section:
            parts.append(f"§ {self.section}")
        if self.speakers:
            parts.append("said by " + ", ".join(self.speakers))
        if self.uploaded_by:
            parts.append(f"uploaded by {self.uploaded_by}")
        if self.commitment:
            c = self.commitment
            parts.append(c["kind"] + (f" by {c['owner']}" if c.get("owner") else "")
                         + (f", due {c['due']}" if c.get("due") else (f", {c['horizon']}" if c.get("horizon") else "")))
        return " · ".join(p for p in parts if p)


def verify(citation: Citation, chunk_text: str, chunk_start: int, document_text: str | None) -> bool:
    """The quote must occur verbatim in the cited chunk at its offsets, and in the stored document when we have it."""
    local = citation.start - chunk_start
    if chunk_text[local:local + len(citation.quote)] != citation.quote or not citation.quote.strip():
        return False
    if document_text is not None and document_text[citation.start:citation.end] != citation.quote:
        return False
    return True


def format_sources(citations: list[Citation], heading: str = "Sources") -> str:
    lines = [f"{heading}:"]
    for c in citations:
        lines.append(f"  [{c.n}] {c.where()}")
        lines.append(f"      “{c.quote}”")
        lines.append(f"      ({c.doc_id}, chars {c.start}-{c.end})")
    return "\n".join(lines)
