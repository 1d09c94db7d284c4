"""What the store hands back, typed: a paper's facets, stored chunks, sentences and commitments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Paper:
    """The facets every row derived from a document carries: what a citation names and what filters read."""

    doc_id: str
    source_path: str = ""
    title: str | None = None
    council: str | None = None
    committee: str | None = None
    meeting_body: str | None = None
    doc_type: str | None = None
    meeting_date: str | None = None  # ISO date
    meeting_date_int: int | None = None  # YYYYMMDD, for range filters
    uploaded_by: str | None = None  # for papers added through the app

    @classmethod
    def from_row(cls, meta: Mapping[str, Any]) -> Paper:
        return cls(
            doc_id=meta["doc_id"],
            source_path=meta.get("source_path", ""),
            title=meta.get("title"),
            council=meta.get("council"),
            committee=meta.get("committee"),
            meeting_body=meta.get("meeting_body"),
            doc_type=meta.get("doc_type"),
            meeting_date=meta.get("meeting_date"),
            meeting_date_int=meta.get("meeting_date_int"),
            uploaded_by=meta.get("uploaded_by"),
        )

    @property
    def name(self) -> str:
        """The title, or the document id where the paper states none."""
        return self.title or self.doc_id

    def row(self) -> dict[str, Any]:
        """Flat, without None values: an unknown field is absent, so a range filter excludes it."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


def _vector(value: Any) -> np.ndarray | None:
    return None if value is None else np.asarray(value, dtype=np.float32)


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as stored: verbatim text, where it sits in its document, its headings and speakers."""

    id: str
    text: str
    paper: Paper
    start: int
    end: int
    position: int = 0
    section: str = ""
    headings: tuple[str, ...] = ()
    context: str = ""  # heading / lead-in text indexed with the chunk, never quoted
    page: str | None = None
    speakers: tuple[str, ...] = ()
    content_hash: str = ""
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_row(cls, id_: str, text: str, meta: Mapping[str, Any], vector: Any = None) -> StoredChunk:
        return cls(
            id=id_,
            text=text,
            paper=Paper.from_row(meta),
            start=int(meta["start"]),
            end=int(meta["end"]),
            position=int(meta.get("position", 0)),
            section=meta.get("section") or "",
            headings=tuple(meta.get("headings") or ()),
            context=meta.get("context") or "",
            page=meta.get("page"),
            speakers=tuple(meta.get("speakers") or ()),
            content_hash=meta.get("content_hash", ""),
            vector=_vector(vector),
        )

    @property
    def doc_id(self) -> str:
        return self.paper.doc_id


@dataclass(frozen=True)
class StoredSentence:
    """One sentence of a chunk with its ingest-time vector; offsets are into the document text."""

    id: str
    text: str
    chunk_id: str
    doc_id: str
    start: int
    end: int
    speakers: tuple[str, ...] = ()
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_row(cls, id_: str, text: str, meta: Mapping[str, Any], vector: Any = None) -> StoredSentence:
        return cls(
            id=id_,
            text=text,
            chunk_id=meta["chunk_id"],
            doc_id=meta["doc_id"],
            start=int(meta["start"]),
            end=int(meta["end"]),
            speakers=tuple(meta.get("speakers") or ()),
            vector=_vector(vector),
        )


COMMITMENT_FACTS = ("kind", "owner", "horizon", "due", "summary")


@dataclass(frozen=True)
class StoredCommitment:
    """A sentence that commits someone to something: what kind, who, by when, and where it is."""

    id: str
    text: str
    paper: Paper
    chunk_id: str
    start: int
    end: int
    kind: str
    summary: str
    owner: str | None = None
    horizon: str | None = None
    due: str | None = None
    speakers: tuple[str, ...] = ()
    row: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)  # the flat stored metadata
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_row(cls, id_: str, text: str, meta: Mapping[str, Any], vector: Any = None) -> StoredCommitment:
        return cls(
            id=id_,
            text=text,
            paper=Paper.from_row(meta),
            chunk_id=meta["chunk_id"],
            start=int(meta["start"]),
            end=int(meta["end"]),
            kind=meta["kind"],
            summary=meta["summary"],
            owner=meta.get("owner"),
            horizon=meta.get("horizon"),
            due=meta.get("due"),
            speakers=tuple(meta.get("speakers") or ()),
            row=dict(meta),
            vector=_vector(vector),
        )

    def facts(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in COMMITMENT_FACTS}


def vector_of(record: StoredChunk | StoredSentence | StoredCommitment) -> np.ndarray:
    """A record's vector; asking for one that was fetched without it is a programming error, said as such."""
    if record.vector is None:
        raise ValueError(f"{record.id} was read without its vector")
    return record.vector
