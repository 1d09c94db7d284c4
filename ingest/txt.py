"""Plain text and Markdown files: decoded, newlines normalised, one logical page."""

from __future__ import annotations

from pathlib import Path

from .types import IngestError, Page


def read_text_file(path: Path) -> tuple[str, list[Page]]:
    raw = path.read_bytes()
    if not raw.strip():
        raise IngestError(path, "empty file")
    if b"\x00" in raw[:4096]:
        raise IngestError(path, "binary content in a text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    if not text.strip():
        raise IngestError(path, "empty file")
    return text, [Page(1, "1", 0, len(text))]
