"""Document ids: the one rule for what a document id may be, used at ingest, lookup and removal.

An id is a key, never a path: it is made from the file name at ingest and checked against the same pattern
wherever one arrives from outside (a URL's ?doc=, `minutes remove`, the API), so '..', '/' and the like never
reach the file system.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_ID_CHARS = 120
_ID = re.compile(rf"[A-Za-z0-9][A-Za-z0-9_.-]{{0,{MAX_ID_CHARS - 1}}}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


class BadDocumentId(ValueError):
    """An id that does not follow the rule; the message says what it may hold."""


def is_valid(doc_id: object) -> bool:
    return isinstance(doc_id, str) and _ID.fullmatch(doc_id) is not None and ".." not in doc_id


def check(doc_id: object) -> str:
    """The id itself when valid; else BadDocumentId (callers turn it into 'No document ...')."""
    if not is_valid(doc_id):
        raise BadDocumentId(
            f"{str(doc_id)[:80]!r} is not a document id (letters, digits, '.', '_' and '-' only, "
            f"at most {MAX_ID_CHARS} characters)"
        )
    return doc_id  # type: ignore[return-value]


def from_path(path: Path) -> str:
    """The id a file gets: its name without the suffix, folded to the id alphabet ('Minutes 3 May.pdf' ->
    'Minutes-3-May'); raises BadDocumentId when nothing usable is left."""
    stem = unicodedata.normalize("NFKD", Path(path).stem).encode("ascii", "ignore").decode()
    slug = _UNSAFE.sub("-", stem)
    slug = re.sub(r"\.{2,}", ".", slug).strip("-._")[:MAX_ID_CHARS].rstrip("-._")
    return check(slug)
