"""Ingest into a real embedded Chroma: counts, idempotence, replacement, bad files, removal."""

import shutil

from index.filters import Condition
from index.lexical import LexicalIndex, fingerprint


def _ids(assistant):
    return set(assistant.store.chunk_ids())


def test_corpus_ingest_reingest_and_change(make_assistant, corpus_dir, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    a = make_assistant()
    report = a.ingest([corpus], progress=False)
    assert report.count("added") == 5 and not report.failed
    docs = {d["doc_id"]: d for d in a.documents()}
    assert set(docs) == {p.stem for p in corpus.glob("*.txt")}
    assert sum(d["chunks"] for d in docs.values()) == a.store.count() > 50
    meta = [r.meta for r in a.store.vectors.get("chunks")]
    assert all(m["council"] and m["doc_id"] and m["section"] is not None and "start" in m for m in meta)
    dated = [m for m in meta if m["doc_id"] == "melton-scrutiny-feedback-to-cabinet-crime-disorder"]
    assert {m["meeting_date"] for m in dated} == {"2024-11-13"} and {m["meeting_date_int"] for m in dated} == {20241113}
    before = _ids(a)

    again = a.ingest([corpus], progress=False)
    assert again.count("unchanged") == 5 and _ids(a) == before

    target = corpus / "redditch-crime-disorder-scrutiny-panel-update-minutes.txt"
    old_ids = {i for i, m in zip(*_chunk_meta(a), strict=False) if m["doc_id"] == target.stem}
    target.write_text(
        target.read_text().replace("£139,250", "£150,000")
        + "\nThe Panel will next meet on the subject of knife crime.\n"
    )
    changed = a.ingest([corpus], progress=False)
    assert changed.count("updated") == 1 and changed.count("unchanged") == 4
    new_ids = {i for i, m in zip(*_chunk_meta(a), strict=False) if m["doc_id"] == target.stem}
    assert new_ids and old_ids.isdisjoint(new_ids)
    assert _ids(a) == (before - old_ids) | new_ids
    sentences = [
        r.meta for r in a.store.vectors.get("sentences", conditions=[Condition("doc_id", "in", [target.stem])])
    ]
    assert {s["chunk_id"] for s in sentences} <= new_ids
    lexical = LexicalIndex.load(a.store.lexical_dir)
    assert lexical.fingerprint == fingerprint(list(_ids(a)))
    answer = a.ask("What annual budget does the North Worcestershire partnership get from the PCC?")
    assert "150,000" in answer.answer and "139,250" not in answer.answer


def _ingested(make_assistant, folder, files: dict[str, str]):
    """Write small text files into folder and ingest them into a fresh assistant."""
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    a = make_assistant()
    a.ingest([folder], progress=False)
    return a


def _chunk_meta(a):
    rows = a.store.vectors.get("chunks")
    return [r.id for r in rows], [r.meta for r in rows]


def test_bad_files_are_reported_and_nothing_stored_is_lost(make_assistant, tmp_path):
    a = _ingested(
        make_assistant,
        tmp_path / "in",
        {"cctv.txt": "The Committee noted that 14 new CCTV cameras were installed in Oakham.\n"},
    )
    before = _ids(a)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("   \n")
    (bad / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (bad / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    (bad / "fine.md").write_text("# Parking\n\nThe council agreed to review parking fines in 2025.\n")
    report = a.ingest([bad], progress=False)
    reasons = {r.path.split("/")[-1]: r.reason for r in report.failed}
    assert set(reasons) == {"empty.txt", "broken.pdf", "sheet.xlsx"}
    assert "empty" in reasons["empty.txt"] and "PDF" in reasons["broken.pdf"] and "unsupported" in reasons["sheet.xlsx"]
    assert report.count("added") == 1
    assert before < _ids(a)
    assert {d["doc_id"] for d in a.documents()} == {"cctv", "fine"}


def test_remove_document(make_assistant, tmp_path):
    a = _ingested(
        make_assistant,
        tmp_path / "src",
        {
            "one.txt": "Graffiti on the underpass was removed within 48 hours.\n",
            "two.txt": "Dog fouling fines were raised to £100.\n",
        },
    )
    assert a.remove("one") and not a.remove("one")
    assert {d["doc_id"] for d in a.documents()} == {"two"}
    assert {r.meta["doc_id"] for r in a.store.vectors.get("chunks")} == {"two"}
    assert a.store.vectors.get("sentences", conditions=[Condition("doc_id", "in", ["one"])]) == []


def test_rerun_after_an_interrupted_replace_leaves_one_copy(make_assistant, tmp_path, embedder):
    """State of a run killed after the registry moved to the new version but before stale chunks went."""
    src = tmp_path / "src"
    a = _ingested(
        make_assistant, src, {"noise.txt": "Noise complaints rose to 212 in the year, officers told the committee.\n"}
    )
    current = _ids(a)
    vec = embedder.embed(["Noise complaints rose to 150."])
    a.store.vectors.add(
        "chunks",
        ["stale-chunk"],
        vec,
        ["Noise complaints rose to 150."],
        [{"doc_id": "noise", "content_hash": "an-older-version", "start": 0, "end": 29}],
    )
    a.store.vectors.add(
        "sentences",
        ["stale-chunk:0"],
        vec,
        ["Noise complaints rose to 150."],
        [{"doc_id": "noise", "chunk_id": "stale-chunk", "content_hash": "an-older-version", "start": 0, "end": 29}],
    )
    report = a.ingest([src], progress=False)
    assert report.count("unchanged") == 1
    assert _ids(a) == current
    assert "stale-chunk:0" not in {r.id for r in a.store.vectors.get("sentences", content=False)}
    assert LexicalIndex.load(a.store.lexical_dir).fingerprint == fingerprint(list(current))
    assert "212" in a.ask("How many noise complaints were there?").answer


def test_prune_removes_documents_whose_files_are_gone(make_assistant, tmp_path):
    src = tmp_path / "src"
    a = _ingested(
        make_assistant,
        src,
        {
            "stays.txt": "Street lighting in Oakham was upgraded to LED in 2023.\n",
            "goes.txt": "The skate park will close for repairs in March.\n",
        },
    )
    (src / "goes.txt").unlink()
    kept = a.ingest([src], progress=False)
    assert {d["doc_id"] for d in a.documents()} == {"stays", "goes"} and not kept.count("pruned")
    report = a.ingest([src], progress=False, prune=True)
    assert report.count("pruned") == 1 and report.count("unchanged") == 1
    assert {d["doc_id"] for d in a.documents()} == {"stays"}
    assert {r.meta["doc_id"] for r in a.store.vectors.get("chunks")} == {"stays"}
    assert a.ask("When will the skate park close?").abstained
