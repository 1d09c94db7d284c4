"""The store works over any VectorStore: an in-memory backend answers as Chroma does, from the same papers."""

from pathlib import Path

from assistant.engine import Assistant
from assistant.settings import Settings
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
