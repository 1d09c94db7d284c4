"""PDF files through pypdf: one text per page, page numbers and printed labels kept."""

from __future__ import annotations

import logging
from pathlib import Path

from .types import IngestError, Page

PAGE_SEPARATOR = "\n\n"


def read_pdf(path: Path) -> tuple[str, list[Page], list[str]]:
    """Return (text, pages, warnings); raise IngestError for corrupt, encrypted, empty or image-only PDFs."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if path.stat().st_size == 0:
        raise IngestError(path, "empty file")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for unsupported crypto
                raise IngestError(path, f"encrypted PDF that cannot be opened ({exc})") from exc
            if not opened:
                raise IngestError(path, "encrypted PDF: a password is required")
        texts = [(page.extract_text() or "") for page in reader.pages]
        try:
            labels = list(reader.page_labels)
        except Exception:
            labels = []
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(path, f"corrupt or unreadable PDF ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:
        raise IngestError(path, f"corrupt or unreadable PDF ({exc.__class__.__name__}: {exc})") from exc
    if not texts:
        raise IngestError(path, "PDF has no pages")
    if not any(t.strip() for t in texts):
        raise IngestError(path, "no text layer on any page (a scanned PDF needs OCR)")

    parts: list[str] = []
    pages: list[Page] = []
    warnings: list[str] = []
    pos = 0
    for number, page_text in enumerate(texts, start=1):
        page_text = page_text.replace("\r\n", "\n").replace("\xa0", " ").strip("\n")
        if not page_text.strip():
            warnings.append(f"page {number}: no text layer (needs OCR); skipped")
        label = labels[number - 1] if len(labels) >= number else str(number)
        if parts:
            parts.append(PAGE_SEPARATOR)
            pos += len(PAGE_SEPARATOR)
        pages.append(Page(number, label, pos, pos + len(page_text)))
        parts.append(page_text)
        pos += len(page_text)
    return "".join(parts), pages, warnings
