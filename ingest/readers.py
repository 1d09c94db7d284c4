"""Which reader opens which file: one registry of the formats ingest reads, their suffixes and labels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .docx import read_docx
from .html import read_html
from .pdf import read_pdf
from .txt import read_text_file
from .types import Page


class Read(NamedTuple):
    """What every registered reader returns, so the loader needs no per-format branch."""

    text: str
    pages: list[Page]
    warnings: list[str]


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]  # lower-case, dotted
    read: Callable[[Path], Read]
    label: str  # how a person names the format: "PDF", "Word", "web page"
    zip_package: bool = False  # a zip-based format: its entry list is checked against the caps before it is parsed


def plain(read: Callable[[Path], tuple[str, list[Page]]]) -> Callable[[Path], Read]:
    """Adapt a reader that returns (text, pages) and never warns to the common Read shape."""

    def read_plain(path: Path) -> Read:
        text, pages = read(path)
        return Read(text, pages, [])

    return read_plain


def _read_pdf(path: Path) -> Read:
    return Read(*read_pdf(path))


READERS: list[Reader] = [
    Reader("text", (".txt", ".md"), plain(read_text_file), "text"),
    Reader("pdf", (".pdf",), _read_pdf, "PDF"),
    Reader("docx", (".docx",), plain(read_docx), "Word", zip_package=True),
    Reader("html", (".html", ".htm"), plain(read_html), "web page"),
]


def register(reader: Reader) -> Reader:
    """Add a format; a suffix already claimed by another reader is refused rather than silently shadowed."""
    claimed = set(suffixes())
    clash = [s for s in reader.suffixes if s.lower() in claimed]
    if clash:
        raise ValueError(f"suffix already has a reader: {', '.join(clash)}")
    READERS.append(reader)
    return reader


def reader_for(path: Path | str) -> Reader | None:
    """The reader for this file's suffix (case-insensitive), None when no format claims it."""
    suffix = Path(path).suffix.lower()
    return next((r for r in READERS if suffix in (s.lower() for s in r.suffixes)), None)


def suffixes() -> tuple[str, ...]:
    """Every readable suffix, lower-case and dotted, in registry order."""
    return tuple(s.lower() for r in READERS for s in r.suffixes)


def describe() -> str:
    """The formats for people: 'text (.txt, .md), PDF (.pdf), …'."""
    return ", ".join(f"{r.label} ({', '.join(s.lower() for s in r.suffixes)})" for r in READERS)
