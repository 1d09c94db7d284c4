"""The explicit outputs of each ingest stage: files -> Document -> Chunk (with Sentence spans)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field


class IngestError(Exception):
    """A file that cannot be ingested; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class DocMeta(BaseModel):
    """Civic metadata of one document; None means unknown (never guessed)."""

    title: str
    council: str | None = None
    committee: str | None = None
    meeting_body: str | None = Field(
        None, description="The meeting the paper went to, where it differs from committee."
    )
    doc_type: str | None = None
    meeting_date: date | None = None
    report_author: str | None = None
    agenda_items: list[str] = Field(default_factory=list)
    attendees: list[str] = Field(default_factory=list)
    note: str | None = None

    @property
    def date_int(self) -> int | None:
        d = self.meeting_date
        return d.year * 10000 + d.month * 100 + d.day if d else None


@dataclass(frozen=True)
class Page:
    number: int  # 1-based physical page
    label: str  # printed page label where the PDF has one, else the number
    start: int
    end: int


def page_at(pages: list[Page], offset: int) -> Page | None:
    """The page a character offset is printed on (the last page for an offset past its start)."""
    for page in pages:
        if page.start <= offset < page.end:
            return page
    return pages[-1] if pages and offset >= pages[-1].start else None


@dataclass
class Document:
    doc_id: str
    source_path: str
    text: str
    meta: DocMeta
    pages: list[Page] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Who added it, how, when and from which file: kept with the paper, never part of its content hash.
    provenance: dict[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        payload = self.text + "\x00" + self.meta.model_dump_json()
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    @property
    def text_hash(self) -> str:
        """Identity of the words alone, whatever the file is called: catches one paper filed under two names."""
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8")).hexdigest()[:16]

    def page_at(self, offset: int) -> Page | None:
        return page_at(self.pages, offset)


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into Document.text
    end: int
    text: str


@dataclass
class Chunk:
    doc_id: str
    position: int
    start: int
    end: int
    text: str  # Document.text[start:end], verbatim
    # The section path: its headings (shortened), then the paragraph label(s) or the lead-in the text sits under,
    # e.g. ["5 Main Considerations", "5.1 Impact of Team Restructure", "5.1.9"]
    headings: list[str]
    context: str  # heading / lead-in text prepended when embedding and indexing, never quoted
    sentences: list[Sentence]
    page: str | None = None
    content_hash: str = ""
    sentence_speakers: list[list[str]] = field(default_factory=list)  # parallel to sentences

    @property
    def section(self) -> str:
        """The section path for people: "5 Main Considerations › 5.1 Impact of Team Restructure › 5.1.9"."""
        return " › ".join(self.headings)

    @property
    def speakers(self) -> list[str]:
        return sorted({name for names in self.sentence_speakers for name in names})

    @property
    def id(self) -> str:
        return hashlib.sha1(f"{self.doc_id}:{self.content_hash}:{self.position}".encode()).hexdigest()[:20]

    @property
    def index_text(self) -> str:
        """What the embedding model and BM25 see: context header, then the verbatim text."""
        return f"{self.context}\n{self.text}" if self.context else self.text
