"""Caps a file must pass before and after it is read: its size, what a zip package unpacks to, the text it yields."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from .types import IngestError

MB = 2**20


@dataclass(frozen=True)
class Limits:
    """The caps; assistant.settings.IngestSettings takes its defaults from here and lets the user change them."""

    max_file_mb: float = 100.0
    max_unzipped_mb: float = 100.0
    max_zip_ratio: float = 100.0
    max_text_chars: int = 5_000_000


def check_size(path: Path, limits: Limits) -> None:
    """Refuse a file over the size cap, before any byte of it is read."""
    size = path.stat().st_size
    if size > limits.max_file_mb * MB:
        raise IngestError(
            path, f"file is {size / MB:.0f} MB, over the {limits.max_file_mb:g} MB limit (raise it with --max-file-mb)"
        )


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a zip package (DOCX) whose entries would unpack past the caps, from its entry list alone.

    Nothing is decompressed here. The declared sizes are what the reader gets at most: Python's zipfile stops an
    entry at its declared size, so a package that lies about its sizes cannot unpack to more than it declares.
    A file that is not a zip at all passes, for its reader to report."""
    try:
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    unpacked = sum(e.file_size for e in entries)
    packed = sum(e.compress_size for e in entries)
    if unpacked > limits.max_unzipped_mb * MB:
        raise IngestError(
            path,
            f"refused: the package unpacks to {unpacked / MB:,.0f} MB, over the "
            f"{limits.max_unzipped_mb:g} MB cap on uncompressed size (a decompression bomb?)",
        )
    ratio = unpacked / max(packed, 1)
    if ratio > limits.max_zip_ratio:
        raise IngestError(
            path,
            f"refused: the package's compression ratio is {ratio:,.0f}:1 ({packed / MB:.1f} MB "
            f"unpacking to {unpacked / MB:,.0f} MB), over the {limits.max_zip_ratio:g}:1 cap "
            f"(a decompression bomb?)",
        )


def check_text(path: Path, text: str, limits: Limits) -> None:
    """Refuse a document whose extracted text is longer than the cap (whatever its format)."""
    if len(text) > limits.max_text_chars:
        raise IngestError(
            path,
            f"refused: the text is {len(text):,} characters long, over the "
            f"{limits.max_text_chars:,}-character cap per document",
        )
