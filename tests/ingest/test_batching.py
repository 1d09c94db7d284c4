"""Many small files: their chunks and sentences are embedded and written to Chroma in batches across documents."""

from assistant.engine import Assistant
from assistant.settings import Settings
from tests.ingest.many_files import write_files


class CountingEmbedder:
    """The real model, with its encoder calls counted."""

    def __init__(self, embedder):
        self.inner, self.calls = embedder, []

    def embed(self, texts, bar=None):
        self.calls.append(len(texts))
        return self.inner.embed(texts, bar=bar)

    def embed_one(self, text):
        return self.inner.embed_one(text)


def test_small_files_are_embedded_and_written_in_batches(tmp_path, embedder, monkeypatch):
    from index.chroma import ChromaVectors

    files = write_files(60, tmp_path / "papers")
    writes = []
    real_add = ChromaVectors.add
    monkeypatch.setattr(
        ChromaVectors, "add", lambda self, coll, ids, *rest: (writes.append(coll), real_add(self, coll, ids, *rest))
    )
    counting = CountingEmbedder(embedder)
    settings = Settings.build({"store.data_dir": tmp_path / "data", "ingest.batch_texts": 200}, environ={})
    a = Assistant(settings, embedder=counting)
    report = a.ingest([tmp_path / "papers"], progress=False)

    assert report.count("added") == len(files) and not report.failed
    texts = report.chunks + sum(d["sentences"] for d in a.documents())
    assert sum(counting.calls) <= texts  # a text repeated across documents is embedded once
    # ~4 texts a file: 60 files in two or three encoder calls of at most 200 texts (a document is never split)
    assert len(counting.calls) <= -(-texts // 200) + 1 and max(counting.calls) <= 200, counting.calls
    assert len(writes) <= 3 * len(counting.calls), writes

    # each stored vector is its own text's: batching across documents never shifts a vector onto another text
    import numpy as np

    from ingest.chunk import chunk_document
    from ingest.load import load_document

    for i in (0, 31, 59):
        chunks = chunk_document(load_document(files[i]))
        mine = {cid: c.vector for cid, c in a.store.get_chunks(c.id for c in chunks).items()}
        alone = embedder.embed([c.index_text for c in chunks])
        assert all(float(np.dot(mine[c.id], v)) > 0.999 for c, v in zip(chunks, alone, strict=False))
        rows = a.store.sentences_for([c.id for c in chunks])
        alone = dict(zip([r.text for r in rows], embedder.embed([r.text for r in rows]), strict=False))
        assert rows and all(float(np.dot(r.vector, alone[r.text])) > 0.999 for r in rows)
