"""Files -> Documents: pick the reader by suffix, attach metadata, report what cannot be read."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import ids
from .limits import Limits, check_size, check_text, check_zip
from .metadata import SIDECAR_SUFFIX, build_meta
from .readers import reader_for
from .types import Document, IngestError

NOT_DOCUMENTS = {"metadata.csv"}


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
                if reader_for(child) is not None:
                    files.append(child)
                else:
                    errors.append(IngestError(child, f"unsupported file type '{child.suffix or '(none)'}'"))
        elif path.is_file():
            if reader_for(path) is not None:
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
    reader = reader_for(path)
    limits = limits or Limits()
    check_size(path, limits)
    if reader is None:
        raise IngestError(path, f"unsupported file type '{path.suffix}'")
    if reader.zip_package:
        check_zip(path, limits)
    text, pages, warnings = reader.read(path)
    try:
        doc_id = ids.from_path(path)
    except ids.BadDocumentId as exc:
        raise IngestError(path, f"the file name gives no usable document id ({exc})") from exc
    check_text(path, text, limits)
    meta = build_meta(path, text)
    return Document(doc_id=doc_id, source_path=str(path), text=text, meta=meta, pages=pages, warnings=warnings)
