"""The store works over any VectorStore: an in-memory backend answers as Chroma does, from the same papers."""

from pathlib import Path

import numpy as np

from assistant.engine import Assistant
from assistant.settings import Settings
from index.filters import Condition
from index.records import vector_of
from index.store import Store

from .memory_vectors import MemoryVectors

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_a_second_backend_is_one_class(tmp_path, embedder, corpus_assistant):
    store = Store(tmp_path / "data", "memory", vectors=MemoryVectors())
    a = Assistant(
        Settings.build({"store.data_dir": tmp_path / "data", "store.collection": "memory"}, environ={}),
        embedder=embedder,
        store=store,
    )
    report = a.ingest([CORPUS], progress=False)
    assert report.count("added") == 5 and not list((tmp_path / "data").glob("chroma*"))
    assert a.store.count() == corpus_assistant.store.count()
    for question in ("How much does a helicopter deployment cost?", "What did the police promise about youth groups?"):
        mine, chroma = a.ask(question), corpus_assistant.ask(question)
        assert not mine.abstained and mine.answer == chroma.answer
        assert [(c.doc_id, c.start, c.end) for c in mine.citations] == [
            (c.doc_id, c.start, c.end) for c in chroma.citations
        ]
    assert a.remove("melton-crime-disorder-annual-update-report")
    assert a.store.count() < corpus_assistant.store.count()
    assert all(r.meta["doc_id"] != "melton-crime-disorder-annual-update-report" for r in store.vectors.get("chunks"))


def test_dense_search_is_exact(corpus_assistant):
    """Every chunk is the nearest to its own vector, and the ranking is the brute-force one (Chroma's HNSW missed
    the nearest chunk in a third of fresh builds; index/dense.py)."""
    chunks = corpus_assistant.store.all_chunks(vectors=True)
    lexical = corpus_assistant.resources.lexical
    matrix = np.stack([vector_of(c) for c in chunks])
    for chunk in chunks:
        hits = lexical.nearest(vector_of(chunk), 5, [])
        assert hits[0][0] == chunk.id or hits[0][1] == hits[1][1]  # itself first (or a verbatim twin)
        brute = sorted(zip(chunks, matrix @ vector_of(chunk), strict=True), key=lambda cs: -cs[1])[:5]
        assert [round(s, 5) for _, s in hits] == [round(float(s), 5) for _, s in brute]
    council = "Melton Borough Council"
    filtered = lexical.nearest(vector_of(chunks[0]), 10, [Condition("council", "in", [council])])
    by_id = {c.id: c for c in chunks}
    assert filtered and all(by_id[i].paper.council == council for i, _ in filtered)
