"""Upload rules: what an uploaded file may be, where it is kept, and never replacing a paper unasked.

A paper's id comes from its file name, so an upload named like a paper already in the archive would silently
replace it (and be cited as the council's paper). Unless the user asks to replace, such an upload is kept under
a free name of its own and the summary says so.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest import ids
from ingest.readers import suffixes


@dataclass
class PlannedUpload:
    source: Path  # the uploaded temporary file
    name: str  # the name the user gave it
    target: Path | None = None  # where it is kept (None when refused)
    reason: str = ""  # why it was refused; empty when accepted
    note: str = ""  # what the user should know (a new name, a replacement)


def _free_name(folder: Path, stem: str, suffix: str, taken: Callable[[str], bool]) -> Path:
    n = 2
    while True:
        candidate = folder / f"{stem}-{n}{suffix}"
        if not candidate.exists() and not taken(ids.from_path(candidate)):
            return candidate
        n += 1


def plan_uploads(
    files: list[Path], folder: Path, existing: Callable[[str], object], replace: bool, max_bytes: int
) -> list[PlannedUpload]:
    """Check each upload (type, size, usable name) and copy the accepted ones into `folder` under safe names.

    `existing(doc_id)` tells whether the archive holds that id; with `replace` False a taken id gets a new name."""
    folder.mkdir(parents=True, exist_ok=True)
    plan: list[PlannedUpload] = []
    claimed: set[str] = set()

    def taken(doc_id: str) -> bool:  # in the archive, or claimed by an earlier file of this upload
        return existing(doc_id) is not None or doc_id in claimed

    for source in files:
        item = PlannedUpload(source=source, name=source.name)
        plan.append(item)
        suffix = source.suffix.lower()
        if suffix not in suffixes():
            item.reason = f"unsupported file type '{source.suffix or '(none)'}'"
            continue
        size = source.stat().st_size
        if size > max_bytes:
            item.reason = f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:g} MB limit; not kept"
            continue
        try:
            doc_id = ids.from_path(source)
        except ids.BadDocumentId as exc:
            item.reason = f"the file name gives no usable document id ({exc})"
            continue
        target = folder / f"{doc_id}{suffix}"
        if taken(doc_id) and replace and doc_id not in claimed:
            item.note = f"{source.name} replaces the paper {doc_id} (you asked to replace papers of the same name)"
        elif taken(doc_id):
            target = _free_name(folder, doc_id, suffix, taken)
            item.note = (
                f"{source.name} was added as {ids.from_path(target)}: the archive already holds a paper "
                f"named {doc_id}, which stays as it is (tick 'Replace' to replace it)"
            )
        claimed.add(ids.from_path(target))
        shutil.copyfile(source, target)
        item.target = target
    return plan
