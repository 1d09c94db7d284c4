"""The document registry: one record per paper (metadata, pages, full text), the index's word on what is current."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Protocol

from ingest import ids


class DocumentRegistry(Protocol):
    """Records by document id. A record is what citations' offsets point into, and a document is current only
    while its record exists (rows no record vouches for are swept)."""

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The record, or None for an unknown or invalid id (never an error that says what exists)."""

    def put(self, record: dict[str, Any]) -> None:
        """Write a record atomically (a crash leaves the old record or the new, never half of one)."""

    def remove(self, doc_id: str) -> bool:
        """Delete a record; False for an unknown or invalid id."""

    def ids(self) -> set[str]:
        """Ids of the documents the registry vouches for (nothing is read)."""

    def records(self) -> list[dict[str, Any]]:
        """All records without their text, sorted by id."""


def _atomic_write(path: Path, payload: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # not named *.json: a write cut short by a crash must never be read as a registry record
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".partial")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class FileRegistry:
    """One JSON file per document under a directory; ids are checked and confined to it."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def _path(self, doc_id: str) -> Path:
        """The file of a valid id, confirmed to lie inside the directory (BadDocumentId if not): ids come from URLs
        and the command line, and must never name a file elsewhere."""
        path = (self.directory / f"{ids.check(doc_id)}.json").resolve()
        if path.parent != self.directory.resolve():
            raise ids.BadDocumentId(f"{doc_id!r} is not a document id")
        return path

    def get(self, doc_id: str) -> dict[str, Any] | None:
        try:
            path = self._path(doc_id)
        except ids.BadDocumentId:
            return None
        if not path.is_file():
            return None
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) and record.get("doc_id") == doc_id else None

    def put(self, record: dict[str, Any]) -> None:
        _atomic_write(self._path(record["doc_id"]), json.dumps(record, ensure_ascii=False))

    def remove(self, doc_id: str) -> bool:
        if self.get(doc_id) is None:
            return False
        self._path(doc_id).unlink()
        return True

    def ids(self) -> set[str]:
        return {p.stem for p in self.directory.glob("*.json")} if self.directory.exists() else set()

    def records(self) -> list[dict[str, Any]]:
        records = []
        for path in sorted(self.directory.glob("*.json")) if self.directory.exists() else []:
            record = self.get(path.stem)  # the same checks as a lookup: a stray file is not a document
            if record is not None:
                record.pop("text", None)
                records.append(record)
        return records
