"""Files -> Documents: pick the reader by suffix, attach metadata, report what cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .docx import read_docx
from .html import read_html
from .metadata import SIDECAR_SUFFIX, build_meta
from .pdf import read_pdf
from .txt import read_text_file
from .types import Document, IngestError

SUPPORTED = {".txt": "text", ".md": "text", ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}
NOT_DOCUMENTS = {"metadata.csv"}


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[IngestError]]:
    """Expand directories (recursively, sorted); sidecars are metadata, not documents."""
    files: list[Path] = []
    errors: list[IngestError] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.endswith(SIDECAR_SUFFIX) or child.name.startswith(".") or child.name in NOT_DOCUMENTS:
                    continue
                if child.suffix.lower() in SUPPORTED:
                    files.append(child)
                else:
                    errors.append(IngestError(child, f"unsupported file type '{child.suffix or '(none)'}'"))
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                files.append(path)
            else:
                errors.append(IngestError(path, f"unsupported file type '{path.suffix or '(none)'}'"))
        else:
            errors.append(IngestError(path, "no such file or directory"))
    return files, errors


def load_document(path: Path, max_bytes: int | None = None) -> Document:
    """Read one file into a Document; raises IngestError naming the file and the reason."""
    kind = SUPPORTED.get(path.suffix.lower())
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise IngestError(path, f"file is {size / 2**20:.0f} MB, over the {max_bytes / 2**20:.0f} MB limit "
                                f"(raise it with --max-file-mb)")
    warnings: list[str] = []
    if kind == "pdf":
        text, pages, warnings = read_pdf(path)
    elif kind == "text":
        text, pages = read_text_file(path)
    elif kind == "docx":
        text, pages = read_docx(path)
    elif kind == "html":
        text, pages = read_html(path)
    else:
        raise IngestError(path, f"unsupported file type '{path.suffix}'")
    meta = build_meta(path, text)
    return Document(doc_id=path.stem, source_path=str(path), text=text, meta=meta, pages=pages, warnings=warnings)
