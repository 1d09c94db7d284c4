"""`minutes ingest` / `minutes remove` killed by SIGKILL at each named step (ingest/faults.py), then run again:
exactly one copy of each current chunk, sentence and commitment, nothing of the old version, registry and BM25 in
step with Chroma. returncode -9 proves the kill landed at that step, whatever the machine's load."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.chunk import chunk_document
from ingest.commitments import extract
from ingest.faults import REMOVE_POINTS, REPLACE_POINTS
from ingest.load import discover, load_document

MINUTES = Path(sys.executable).parent / "minutes"
PAPERS = {
    "oakham-panel": [
        "CCTV IN OAKHAM",
        "The Panel noted that 14 CCTV cameras cover Oakham market place.",
        "The Committee agreed to review the camera contract in May.",
        "Councillor Patel asked whether the cameras were monitored at night.",
    ],
    "melton-scrutiny": [
        "YOUTH GROUPS",
        "Inspector Danvers agreed that beat officers would attend local youth groups.",
        "There had been 40 reports of anti-social behaviour in Melton over the winter.",
        "Members queried the figure for Asfordby.",
    ],
    "syston-licensing": [
        "FLY TIPPING",
        "Fines of 150 pounds were issued for fly tipping in Syston.",
        "The Council will publish the enforcement figures next month.",
        "Mr Wilson advised that 22 Community Protection Notices were served.",
    ],
    "quorn-parish": [
        "STREET LIGHTING",
        "Twelve street lights in Quorn had been repaired since March.",
        "RESOLVED that the lighting budget be increased by 5 per cent.",
        "The Chair thanked officers for the report.",
    ],
}


def _write(folder: Path, version: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (heading, *lines) in PAPERS.items():
        body = [line.replace("Council", "Council (corrected)") if version == 2 else line for line in lines]
        tail = ["Correction noted at the following meeting."] if version == 2 else []
        (folder / f"{name}.txt").write_text("\n\n".join([heading, *body, *tail]) + "\n", encoding="utf-8")


def _expected(folder: Path) -> dict[str, set[str]]:
    ids = {"chunks": set(), "sentences": set(), "commitments": set(), "hashes": set()}
    for path in discover([folder])[0]:
        doc = load_document(path)
        chunks = chunk_document(doc)
        ids["chunks"] |= {c.id for c in chunks}
        ids["sentences"] |= {f"{c.id}:{i}" for c in chunks for i in range(len(c.sentences))}
        ids["commitments"] |= {c.id for c in extract(doc, chunks)}
        ids["hashes"].add((doc.doc_id, doc.content_hash))
    return ids


@pytest.fixture(scope="module")
def base(tmp_path_factory, embedder):
    """Version 1 of the papers, ingested once; each case starts from a copy of this index."""
    from assistant.engine import Assistant
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("crash-base")
    _write(root / "v1", 1)
    _write(root / "v2", 2)
    report = Assistant(Settings.build({"store.data_dir": root / "data"}, environ={}), embedder=embedder).ingest(
        [root / "v1"], progress=False
    )
    assert report.count("added") == len(PAPERS) and not report.failed
    return {"root": root, "v1": _expected(root / "v1"), "v2": _expected(root / "v2")}


def _run(args: list[str], data: Path, fault: str | None, **env) -> int:
    env = {**os.environ, "MINUTES_DATA_DIR": str(data), **env}
    env.pop("MINUTES_FAULT", None)
    if fault:
        env["MINUTES_FAULT"] = fault
    return subprocess.run(
        [str(MINUTES), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600
    ).returncode


def _assert_consistent(data: Path, expected: dict[str, set[str]], old: dict[str, set[str]] | None = None) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from index.lexical import LexicalIndex, fingerprint
    from index.store import Store

    client = chromadb.PersistentClient(path=str(data / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    stored = {
        kind: client.get_collection(name).get(include=[])["ids"]
        for kind, name in (
            ("chunks", "minutes"),
            ("sentences", "minutes-sentences"),
            ("commitments", "minutes-commitments"),
        )
    }
    for kind, got in stored.items():
        assert len(got) == len(set(got)) and set(got) == expected[kind], kind
        if old is not None:
            assert not set(got) & (old[kind] - expected[kind]), f"{kind} of the old version are left"
    registry = Store(data, "minutes").documents()
    assert {(r["doc_id"], r["content_hash"]) for r in registry} == expected["hashes"]
    lexical = LexicalIndex.load(data / "lexical" / "minutes")
    assert lexical.fingerprint == fingerprint(stored["chunks"]) and sorted(lexical.ids) == sorted(stored["chunks"])


def _case(base, tmp_path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(base["root"] / "data", data)
    return data


REPLACE_CASES = [*REPLACE_POINTS, "after_registry_written@2", "batch:after_chunks_written@2", "batch:after_sweep@3"]


@pytest.mark.parametrize("point", REPLACE_CASES)
def test_replacement_killed_at_each_step_then_rerun(base, tmp_path, make_assistant, point):
    """Every paper re-published at once; `batch:` runs one document per batch (MINUTES_INGEST_BATCH_TEXTS=1)."""
    data = _case(base, tmp_path)
    papers = tmp_path / "papers"
    shutil.copytree(base["root"] / "v2", papers)
    batched = point.startswith("batch:")
    extra = {"MINUTES_INGEST_BATCH_TEXTS": "1"} if batched else {}
    code = _run(["ingest", str(papers), "--quiet"], data, point.removeprefix("batch:"), **extra)
    assert code == -signal.SIGKILL, f"the fault {point} was never reached (exit {code})"

    report = make_assistant(data).ingest([papers], progress=False)
    assert not report.failed
    _assert_consistent(data, base["v2"], old=base["v1"])


@pytest.mark.parametrize("point", REMOVE_POINTS)
def test_removal_killed_at_each_step_then_rerun(base, tmp_path, make_assistant, point):
    data = _case(base, tmp_path)
    code = _run(["remove", "melton-scrutiny"], data, point)
    assert code == -signal.SIGKILL, f"the fault {point} was never reached (exit {code})"

    make_assistant(data).remove("melton-scrutiny")
    kept = tmp_path / "kept"
    shutil.copytree(base["root"] / "v1", kept)
    (kept / "melton-scrutiny.txt").unlink()
    _assert_consistent(data, _expected(kept))
