"""What questions read, loaded once per Assistant and swapped whole after a write: store, model, BM25, facets,
commitments, LLM."""

from __future__ import annotations

import threading
from pathlib import Path

from index.commitments import CommitmentIndex
from index.embedder import Embedder, check_index_encoder, identity
from index.lexical import LexicalIndex, sync_lexical
from index.store import Store

from .llm import build as build_llm
from .scope import paper_facets
from .settings import Settings


class Resources:
    """Lazily loaded, so a command that only lists documents never loads the model. `lock` guards the in-memory
    indexes and is held only to load or swap them; `writing` lets one ingest or removal run at a time while
    questions go on being answered from the previous state."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, store: Store | None = None):
        self.settings = settings
        self._store = store
        self._embedder = embedder
        self._view: Embedder | None = None
        self._view_of: Embedder | None = None
        self._lexical: LexicalIndex | None = None
        self._facets: dict[str, set[str]] | None = None
        self._commitments: CommitmentIndex | None = None
        self._papers: list[dict] | None = None
        self._llm = None
        self.lock = threading.RLock()
        self.writing = threading.Lock()

    @property
    def store(self) -> Store:
        if self._store is None:
            s = self.settings.store
            self._store = Store(s.data_dir, s.collection, s.chroma_url, s.tenant, s.database, s.chroma_auth)
        return self._store

    @property
    def embedder(self) -> Embedder:
        """The model as this archive uses it: before its first vectors, the archive's encoder is checked."""
        if self._embedder is None:
            e = self.settings.embed
            self._embedder = Embedder(
                e.model,
                device=e.device,
                batch_size=e.batch_size,
                backend=e.backend,
                quantize=e.quantize,
                threads=e.threads,
                cache_dir=e.cache_dir,
            )
        given = self._embedder
        if self._view is None or self._view_of is not given:  # built, handed in, or swapped in by the bench
            if isinstance(given, Embedder):
                self._view = given.for_archive(self._check_encoder)
            else:  # a wrapper made for this archive (the bench's): checked now if it says what it is
                if hasattr(given, "identity"):
                    self._check_encoder(given)
                self._view = given
            self._view_of = given
        return self._view

    def _check_encoder(self, embedder) -> None:
        """An index is read and extended with the encoder that built it (EncoderMismatch, a ValueError, if not):
        its identity is kept beside the registry, under data_dir/encoders/. Runs before this archive's first
        vectors, not when the model is merely handed on (to the bench, to other collections)."""
        s = self.settings.store
        check_index_encoder(
            Path(s.data_dir) / "encoders" / f"{s.collection}.json",
            embedder.identity,
            indexed=self.store.count() > 0,
            legacy=identity(embedder.model_name, "fp32"),
        )

    @property
    def lexical(self) -> LexicalIndex:
        with self.lock:
            if self._lexical is None:
                self._lexical = sync_lexical(self.store)
            return self._lexical

    @property
    def commitments(self) -> CommitmentIndex:
        with self.lock:
            if self._commitments is None:
                self._commitments = CommitmentIndex(self.store)
            return self._commitments

    @property
    def facets(self) -> dict[str, set[str]]:
        """Council/committee/type values in the index, read once per ingest rather than per question."""
        with self.lock:
            if self._facets is None:
                self._facets = self.store.facets()
            return self._facets

    @property
    def papers(self) -> list[dict]:
        """Each paper's filterable fields (assistant.scope.paper_facets), read once per ingest: what the scope note
        counts (the papers a date range leaves out)."""
        with self.lock:
            if self._papers is None:
                self._papers = [paper_facets(r) for r in self.store.documents()]
            return self._papers

    @property
    def llm(self):
        if self._llm is None:
            s = self.settings.llm
            self._llm = build_llm(s.spec, s.api_key, s.timeout)
        return self._llm

    def warm(self) -> None:
        """Load the model, both indexes, the facets and the commitments now rather than on the first question
        (at 100k chunks the facets and the commitment index take seconds to read)."""
        self.embedder.embed_one("warm up")
        _ = self.lexical, self.facets, self.commitments

    def swap(self, lexical: LexicalIndex | None) -> None:
        """Rebuild what questions read (outside the lock; facets and commitments only if already loaded), then swap
        it all in at once under the lock. None for `lexical` drops everything to be reloaded lazily."""
        facets = commitments = None
        if lexical is not None:
            facets = self.store.facets() if self._facets is not None else None
            commitments = CommitmentIndex(self.store) if self._commitments is not None else None
        with self.lock:
            self._lexical, self._facets, self._commitments = lexical, facets, commitments
            self._papers = None  # reread when a question next needs it

    def document_texts(self, doc_ids) -> dict[str, str]:
        records = {d: self.store.document(d) for d in set(doc_ids)}
        return {d: r["text"] for d, r in records.items() if r}
