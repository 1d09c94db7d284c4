"""PDF files through pypdf: text per page with printed labels; running headers/footers dropped, hyphens joined, tables as rows."""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError

from .types import IngestError, Page

PAGE_SEPARATOR = "\n\n"
RUN_ON = "\n"  # between pages when a sentence runs over the page break
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.I)
_CELL_GAP = re.compile(r" {3,}")
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
EDGE_LINES = 2  # how many lines at the top and bottom of a page may be running heads or feet


def _shape(line: str) -> str:
    """A running line's identity: short lines get numbers masked ('Page 3' ~ 'Page 4'); longer ones must match exactly."""
    words = " ".join(line.split()).lower()
    return re.sub(r"\d+", "#", words) if len(words.split()) <= 6 else words


def _layout_lines(raw: str) -> list[str]:
    """pypdf layout text -> lines: common indent removed, wide column gaps become tabs (table cells)."""
    lines = [line.rstrip() for line in raw.splitlines()]
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents) if indents else 0
    out: list[str] = []
    for line in lines:
        line = line[cut:]
        body = line.strip()
        if not body:
            if out and out[-1] != "":
                out.append("")
            continue
        if len(_CELL_GAP.findall(body)) >= 2:
            body = _CELL_GAP.sub("\t", body)
        else:
            body = " ".join(body.split())
        out.append(body)
    while out and out[-1] == "":
        out.pop()
    return out


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Shapes of lines that recur at the top or bottom of at least half the pages (two pages at least)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [line for line in lines if line]
        counts.update({_shape(line) for line in content[:EDGE_LINES] + content[-EDGE_LINES:]})
    return {shape for shape, n in counts.items() if n >= max(2, (len(pages) + 1) // 2)}


def _strip_edges(lines: list[str], running: set[str]) -> list[str]:
    content = [i for i, line in enumerate(lines) if line]
    edges = set(content[:EDGE_LINES] + content[-EDGE_LINES:])
    kept = [
        line
        for i, line in enumerate(lines)
        if not (i in edges and (_shape(line) in running or _PAGE_NUMBER.match(line.strip())))
    ]
    while kept and kept[0] == "":
        kept.pop(0)
    return kept


def read_pdf(path: Path) -> tuple[str, list[Page], list[str]]:
    """Return (text, pages, warnings); raise IngestError for corrupt, encrypted, empty or image-only PDFs."""

    if path.stat().st_size == 0:
        raise IngestError(path, "empty file")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:  # owner-password-only files (the common "protected" PDF) open with the empty user password
                opened = reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for unsupported crypto
                raise IngestError(
                    path, f"encrypted, and its encryption cannot be opened ({exc.__class__.__name__}: {exc})"
                ) from exc
            if not opened:
                raise IngestError(path, "encrypted (needs a password): save an unprotected copy to ingest it")
        raw = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
        try:
            labels = list(reader.page_labels)
        except Exception:
            labels = []
    except IngestError:
        raise
    except DependencyError as exc:  # AES without the `cryptography` package: the file is fine, the install is not
        raise IngestError(path, f"encrypted, and this install cannot decrypt it ({exc})") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(path, f"corrupt or unreadable PDF ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:  # pypdf surfaces malformed files through many exception types
        raise IngestError(path, f"corrupt or unreadable PDF ({exc.__class__.__name__}: {exc})") from exc
    if not raw:
        raise IngestError(path, "PDF has no pages")
    if not any(t.strip() for t in raw):
        raise IngestError(path, "no text layer on any page (a scanned PDF needs OCR)")

    page_lines = [_layout_lines(t) for t in raw]
    running = _running_lines(page_lines)
    parts: list[str] = []
    pages: list[Page] = []
    warnings: list[str] = []
    pos = 0
    for number, lines in enumerate(page_lines, start=1):
        page_text = _HYPHEN_BREAK.sub("", "\n".join(_strip_edges(lines, running))).strip("\n")
        if not page_text.strip():
            warnings.append(f"page {number}: no text layer, needs OCR; skipped")
        label = labels[number - 1] if len(labels) >= number else str(number)
        if parts:
            previous = parts[-1].rstrip()
            runs_on = previous and not previous.endswith((".", "?", "!", ":")) and page_text[:1].islower()
            separator = RUN_ON if runs_on else PAGE_SEPARATOR
            parts.append(separator)
            pos += len(separator)
        pages.append(Page(number, label, pos, pos + len(page_text)))
        parts.append(page_text)
        pos += len(page_text)
    return "".join(parts), pages, warnings
