"""kill -9 during `minutes ingest`, then a re-run: exactly one copy of each current chunk, BM25 in step with Chroma."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.chunk import chunk_document
from ingest.load import discover, load_document

MINUTES = Path(sys.executable).parent / "minutes"


def _ingest(folder: Path, data: Path, kill_after: float | None = None) -> int | None:
    env = {**os.environ, "MINUTES_DATA_DIR": str(data)}
    proc = subprocess.Popen([str(MINUTES), "ingest", str(folder), "--quiet"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if kill_after is None:
        return proc.wait(timeout=600)
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    return None


def _expected(folder: Path) -> tuple[set[str], set[str]]:
    chunks = [c for f in discover([folder])[0] for c in chunk_document(load_document(f))]
    return {c.id for c in chunks}, {f"{c.id}:{i}" for c in chunks for i in range(len(c.sentences))}


@pytest.mark.parametrize("kill_after", [4.0, 8.0, 12.0])
def test_killed_ingest_then_rerun_is_consistent(tmp_path, corpus_dir, kill_after):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from index.lexical import LexicalIndex, fingerprint

    folder = tmp_path / "corpus"
    shutil.copytree(corpus_dir, folder)
    data = tmp_path / "data"
    assert _ingest(folder, data) == 0
    # A re-published version of every paper: each must replace the old one, and the run is killed part-way.
    for path in folder.glob("*.txt"):
        path.write_text(path.read_text().replace("Council", "Council (corrected)") + "\nCorrection noted.\n")
    _ingest(folder, data, kill_after=kill_after)
    assert _ingest(folder, data) == 0

    chunk_ids, sentence_ids = _expected(folder)
    client = chromadb.PersistentClient(path=str(data / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    stored_chunks = client.get_collection("minutes").get(include=[])["ids"]
    stored_sentences = client.get_collection("minutes-sentences").get(include=[])["ids"]
    assert len(stored_chunks) == len(set(stored_chunks)) and set(stored_chunks) == chunk_ids
    assert set(stored_sentences) == sentence_ids
    lexical = LexicalIndex.load(data / "lexical" / "minutes")
    assert lexical.fingerprint == fingerprint(stored_chunks) and sorted(lexical.ids) == sorted(stored_chunks)
