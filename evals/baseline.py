"""The bar to clear: a plain llama-index pipeline (SimpleDirectoryReader -> SentenceSplitter -> VectorStoreIndex on Chroma, top-2, top chunk as the answer)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from index.offline import ensure_offline


def _llama_embedding(embedder):
    """Our already-loaded sentence-transformers model behind llama-index's BaseEmbedding interface."""
    from llama_index.core.embeddings import BaseEmbedding

    class SharedEmbedding(BaseEmbedding):
        def _get_query_embedding(self, query: str) -> list[float]:
            return embedder.embed_one(query).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return embedder.embed_one(text).tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed(texts).tolist()

    return SharedEmbedding(model_name=embedder.model_name, embed_batch_size=embedder.batch_size)


def _pdf_reader():
    """The plain PDF reader a llama-index user gets from llama-index-readers-file (one text per file, pypdf's plain
    extraction); without it SimpleDirectoryReader reads a PDF's bytes as text and the baseline never had a chance."""
    from llama_index.core import Document
    from llama_index.core.readers.base import BaseReader

    class PlainPdf(BaseReader):
        def load_data(self, file, extra_info=None, **kwargs):
            from pypdf import PdfReader

            text = "\n".join(page.extract_text() or "" for page in PdfReader(str(file)).pages)
            return [Document(text=text, metadata=dict(extra_info or {}))]

    return PlainPdf()


class NaiveBaseline:
    def __init__(self, settings, corpus_dir: Path, embedder):
        ensure_offline()
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.vector_stores.chroma import ChromaVectorStore

        docs = SimpleDirectoryReader(
            str(corpus_dir),
            required_exts=[".txt", ".md", ".pdf"],
            recursive=True,
            file_extractor={".pdf": _pdf_reader()},
        ).load_data()
        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        collection = client.get_or_create_collection("naive-baseline", embedding_function=None)
        storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
        self.index = VectorStoreIndex.from_documents(
            docs,
            storage_context=storage,
            embed_model=_llama_embedding(embedder),
            transformations=[SentenceSplitter()],
            show_progress=False,
        )
        self.retriever = self.index.as_retriever(similarity_top_k=2)

    def answer(self, question: str) -> dict[str, Any]:
        t0 = time.perf_counter()
        nodes = self.retriever.retrieve(question)
        latency = (time.perf_counter() - t0) * 1000
        top = nodes[0] if nodes else None
        cite = []
        if top is not None:
            doc_id = Path(top.node.metadata.get("file_name", "")).stem
            cite = [
                {
                    "n": 1,
                    "doc_id": doc_id,
                    "quote": top.node.get_content(),
                    "start": getattr(top.node, "start_char_idx", None) or 0,  # TextNode's offsets
                    "end": getattr(top.node, "end_char_idx", None) or 0,
                }
            ]
        return {
            "answer": top.node.get_content() if top else "",
            "abstained": top is None,
            "citations": cite,
            "retrieved": [Path(n.node.metadata.get("file_name", "")).stem for n in nodes],
            "retrieved_text": [n.node.get_content() for n in nodes],
            "latency_ms": latency,
        }
