"""Metadata and speakers scored straight from the archive's files, without an index or a model (seconds, not minutes).

The same scorers as `minutes eval` (evals/metadata.py, evals/speakers.py), fed by ingest's own reader, metadata and
chunker, so a rule change can be measured on the dev split before a full ingest. `python -m evals.reading --split dev`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ingest.chunk import chunk_document
from ingest.load import load_document
from ingest.types import IngestError

from .metadata import ARCHIVE, GOLD, QMSUM, load_jsonl, provenance, score_metadata, split_of
from .speakers import GOLD as SPEAKER_GOLD
from .speakers import council_of, score_speakers

DEMO = ARCHIVE.parent.parent / "corpus"


def archive_files() -> dict[str, Path]:
    """doc id -> file for every gold-able paper: the real archive, QMSum transcripts and the demo corpus."""
    roots = [ARCHIVE / "councils" / "pdf", ARCHIVE / "councils" / "pages", QMSUM, DEMO]
    return {p.stem: p for root in roots if root.exists() for p in sorted(root.iterdir()) if p.suffix != ".json"}


def without_sidecar(path: Path, into: Path) -> Path:
    """A copy of the paper alone (no .meta.json, no metadata.csv beside it): read as a user's file would be."""
    copy = into / path.name
    shutil.copyfile(path, copy)
    return copy


def read(paths: dict[str, Path]) -> tuple[dict[str, Any], dict[str, str], dict[str, list[Any]]]:
    """Per doc id: its metadata as ingest reads it with sidecars removed, its text and its sentences' speakers."""
    metas, texts, sentences = {}, {}, {}
    scratch = tempfile.TemporaryDirectory()
    for doc_id, path in paths.items():
        try:
            doc = load_document(without_sidecar(path, Path(scratch.name)))
        except IngestError:
            continue  # a paper ingest refuses (a scan without text) is skipped here as it is there
        metas[doc_id] = doc.meta.model_dump(mode="json")
        texts[doc_id] = doc.text
        sentences[doc_id] = [
            SimpleNamespace(start=s.start, end=s.end, speakers=names)
            for chunk in chunk_document(doc)
            for s, names in zip(chunk.sentences, chunk.sentence_speakers, strict=True)
        ]
    scratch.cleanup()
    return metas, texts, sentences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "demo"], action="append", help="only these splits")
    parser.add_argument("--mismatches", action="store_true", help="list the wrong values too")
    args = parser.parse_args(argv)
    rows = provenance()
    files = archive_files()
    gold_meta, gold_speakers = load_jsonl(GOLD), load_jsonl(SPEAKER_GOLD)
    wanted = {g["doc_id"] for g in gold_meta + gold_speakers} & set(files)
    if args.split:
        wanted = {d for d in wanted if split_of(d, rows) in args.split}
    metas, texts, sentences = read({d: files[d] for d in sorted(wanted)})
    splits = {d: split_of(d, rows) for d in wanted}
    metadata = score_metadata(gold_meta, metas, splits)
    speakers = score_speakers(gold_speakers, texts, sentences, splits, {d: council_of(d, rows) for d in wanted})
    out: dict[str, Any] = {
        "metadata": {
            s: {f: {k: v[k] for k in ("precision", "recall", "right", "given", "stated")} for f, v in fields.items()}
            for s, fields in metadata["by_split"].items()
        },
        "speakers": {
            s: {k: v[k] for k in ("precision", "recall", "right", "given", "stated")}
            for s, v in speakers["by_split"].items()
        },
    }
    if args.mismatches:
        out["metadata_mismatches"] = metadata["mismatches"]
        out["speaker_mismatches"] = speakers["mismatches"]
    print(json.dumps(out, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
