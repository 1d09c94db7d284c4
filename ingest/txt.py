"""Plain text and Markdown files: decoded (UTF-8, else Windows-1252), newlines normalised, one logical page."""

from __future__ import annotations

from pathlib import Path

from .types import IngestError, Page


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM); other bytes are read as Windows-1252, the usual council-office legacy."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")


def read_text_file(path: Path) -> tuple[str, list[Page]]:
    raw = path.read_bytes()
    if not raw.strip():
        raise IngestError(path, "empty file")
    if b"\x00" in raw[:4096]:
        raise IngestError(path, "binary content in a text file")
    text = decode(raw)
    if not text.strip():
        raise IngestError(path, "empty file")
    return text, [Page(1, "1", 0, len(text))]
