"""Word files through python-docx: paragraphs, headings, numbered and bulleted lists, and tables, in body order."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from .types import IngestError, Page


def _paragraph_line(paragraph) -> str:
    text = " ".join(paragraph.text.split())
    if not text:
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("Heading") or style == "Title":
        level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
        return f"{'#' * min(level, 6)} {text}"
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if style.startswith("List") or numbered:
        return f"- {text}"
    return text


def read_docx(path: Path) -> tuple[str, list[Page]]:
    """One logical page: Word files carry no fixed pagination."""

    if path.stat().st_size == 0:
        raise IngestError(path, "empty file")
    if not zipfile.is_zipfile(path):
        raise IngestError(path, "not a Word document (.docx is a zip package; this file is not one)")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx reports damaged packages through several exception types
        raise IngestError(path, f"corrupt or unreadable Word document ({exc.__class__.__name__}: {exc})") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            line = _paragraph_line(block)
            if line:
                lines += ["", line] if line.startswith("#") else [line]
        elif isinstance(block, Table):
            lines.append("")
            for row in block.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                lines.append("\t".join(dict.fromkeys(cells)))  # merged cells repeat; keep each once
            lines.append("")
    text = "\n".join(lines).strip()
    if not text:
        raise IngestError(path, "no text in the Word document")
    return text, [Page(1, "1", 0, len(text))]
