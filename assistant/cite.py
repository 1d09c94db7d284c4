"""Citations: what each one carries, how it is checked against the stored text, how it is printed."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from index.records import Paper, StoredChunk
from ingest.types import Page, page_at


class CommitmentFacts(BaseModel):
    """What a cited sentence commits to, when it is a commitment (read from the commitment index)."""

    kind: str = Field(description="resolution, recommendation, agreement, request, plan or promise")
    owner: str | None = Field(None, description="Who is to act, where the text names them.")
    horizon: str | None = Field(None, description="The time words in the text, e.g. 'early next year'.")
    due: str | None = Field(None, description="The horizon resolved against the meeting date: YYYY-MM, YYYY or a span.")
    summary: str = ""

    def line(self) -> str:
        """e.g. 'agreement by Inspector Danvers, due 2024-03'."""
        when = f", due {self.due}" if self.due else (f", {self.horizon}" if self.horizon else "")
        return self.kind + (f" by {self.owner}" if self.owner else "") + when


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
    commitment: CommitmentFacts | None = None  # when the quoted sentence is a commitment
    quote: str
    chunk_id: str
    start: int  # character offsets of the quote in the document text
    end: int
    score: float = 0.0

    @classmethod
    def of(
        cls,
        n: int,
        paper: Paper,
        chunk_id: str,
        quote: str,
        start: int,
        end: int,
        score: float = 0.0,
        speakers: Sequence[str] = (),
        page: str | None = None,
        section: str | None = None,
    ) -> Citation:
        return cls(
            n=n,
            doc_id=paper.doc_id,
            title=paper.name,
            source_path=paper.source_path,
            council=paper.council,
            committee=paper.committee,
            meeting_date=paper.meeting_date,
            page=page,
            section=section,
            quote=quote,
            chunk_id=chunk_id,
            start=start,
            end=end,
            score=round(score, 4),
            speakers=list(speakers),
            uploaded_by=paper.uploaded_by,
        )

    @classmethod
    def from_chunk(
        cls,
        n: int,
        chunk: StoredChunk,
        quote: str,
        start: int,
        end: int,
        score: float = 0.0,
        speakers: Sequence[str] = (),
    ) -> Citation:
        return cls.of(n, chunk.paper, chunk.id, quote, start, end, score, speakers, chunk.page, chunk.section)

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
            parts.append(self.commitment.line())
        return " · ".join(p for p in parts if p)


def printed_page(record: dict | None, offset: int) -> str | None:
    """The label of the page the quote starts on, from the stored document's page spans: a chunk that runs over a
    page break must not send the reader to the page the chunk starts on."""
    pages = [Page(**p) for p in (record or {}).get("pages", [])]
    page = page_at(pages, offset)
    return str(page.label) if page else None


def verify(citation: Citation, chunk_text: str, chunk_start: int, document_text: str | None) -> bool:
    """The quote must start in the cited chunk and match it verbatim at its offsets, and match the stored document
    when we have it; a quote running on past its chunk (a list whose items continue) needs the document."""
    local = citation.start - chunk_start
    inside = citation.quote[: max(0, len(chunk_text) - local)]
    if local < 0 or not inside.strip() or chunk_text[local : local + len(inside)] != inside:
        return False
    if len(inside) < len(citation.quote) and document_text is None:
        return False
    if document_text is not None and document_text[citation.start : citation.end] != citation.quote:
        return False
    return True


def format_sources(citations: list[Citation], heading: str = "Sources") -> str:
    lines = [f"{heading}:"]
    for c in citations:
        lines.append(f"  [{c.n}] {c.where()}")
        lines.append(f"      “{' '.join(c.quote.split())}”")  # the PDF's line breaks folded; offsets unchanged
        lines.append(f"      ({c.doc_id}, chars {c.start}-{c.end})")
    return "\n".join(lines)
