"""Files -> Documents: pick the reader by suffix, attach metadata, report what cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from . import ids
from .docx import read_docx
from .html import read_html
from .limits import Limits, check_size, check_text, check_zip
from .metadata import SIDECAR_SUFFIX, build_meta
from .pdf import read_pdf
from .txt import read_text_file
from .types import Document, IngestError

SUPPORTED = {".txt": "text", ".md": "text", ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}
NOT_DOCUMENTS = {"metadata.csv"}
ZIP_PACKAGES = {"docx"}  # zip-based formats: their entry list is checked against the caps before they are parsed


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[IngestError]]:
    """Expand directories (recursively, sorted); sidecars are metadata, not documents."""
    files: list[Path] = []
    errors: list[IngestError] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            children = sorted(path.rglob("*"))
            # a link that loops or points nowhere is neither file nor folder: say so rather than skip it unseen
            errors += [IngestError(p, "broken or looping link") for p in children if p.is_symlink() and not p.exists()]
            for child in (p for p in children if p.is_file()):
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
        elif path.is_symlink():
            errors.append(IngestError(path, "broken or looping link"))
        else:
            errors.append(IngestError(path, "no such file or directory"))
    return files, errors


def load_document(path: Path, limits: Limits | None = None) -> Document:
    """Read one file into a Document; raises IngestError naming the file and the reason. `limits` caps the file's
    size, what a zip package unpacks to (checked before parsing) and the text's length (Limits() when not given)."""
    kind = SUPPORTED.get(path.suffix.lower())
    limits = limits or Limits()
    check_size(path, limits)
    if kind in ZIP_PACKAGES:
        check_zip(path, limits)
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
    try:
        doc_id = ids.from_path(path)
    except ids.BadDocumentId as exc:
        raise IngestError(path, f"the file name gives no usable document id ({exc})") from exc
    check_text(path, text, limits)
    meta = build_meta(path, text)
    return Document(doc_id=doc_id, source_path=str(path), text=text, meta=meta, pages=pages, warnings=warnings)
