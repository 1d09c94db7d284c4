"""The facade: one Assistant per Settings, loading the model and index once; ingest, ask, list, remove."""

from __future__ import annotations

import threading
import time
import unicodedata
from pathlib import Path
from typing import Iterable

import numpy as np

from pydantic import BaseModel, Field

from index.filters import Filters, resolve
from index.offline import ensure_offline

from .answer import ABSTAIN_TEXT, another_councils, answer_text, compose, score_candidates, select
from .cite import Citation, verify
from .commitments import FIELDS as COMMITMENT_FIELDS
from .commitments import CommitmentRecord, asks_for_commitments
from .conversation import Turn, rewrite
from .question import profile
from .settings import Settings


class QuestionError(ValueError):
    """An empty or over-long question."""


def normalise_question(text: str | None) -> str:
    """NFKC-folded text without invisible format characters (zero-width spaces, BOMs, word joiners, bidi controls)
    or control characters, whitespace collapsed: what looks empty to the user is empty to the check."""
    text = unicodedata.normalize("NFKC", text or "")
    kept = (" " if ch.isspace() else ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc", "Cs", "Co")
            or ch in "\n\t")
    return " ".join("".join(kept).split())


class Answer(BaseModel):
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = Field(default_factory=list)
    leads: list[Citation] = Field(default_factory=list, description="Nearest passages when the answer abstains.")
    filters: dict = Field(default_factory=dict, description="Filters the user set (words in the question are never filters).")
    retrieved: list[dict] = Field(default_factory=list, description="The fused ranking handed to answer selection.")
    writer: dict | None = Field(None, description="With --llm: each written sentence, verified or the check it "
                                                  "failed; counts generated/dropped; whether it fell back.")
    timings_ms: dict[str, float] = Field(default_factory=dict)

    def to_json_dict(self) -> dict:
        keys = ("n", "doc_id", "title", "source_path", "council", "committee", "meeting_date", "page", "section",
                "speakers", "uploaded_by", "quote", "start", "end")
        data = self.model_dump(mode="json", exclude={"retrieved"})
        data["citations"] = [{k: c[k] for k in keys} for c in data["citations"]]
        data["leads"] = [{k: c[k] for k in keys} for c in data["leads"]]
        return data


class Assistant:
    def __init__(self, settings: Settings, embedder=None):
        """`embedder` lets several assistants (tests, eval baseline) share one loaded model."""
        ensure_offline()
        self.settings = settings
        self._store = None
        self._embedder = embedder
        self._lexical = None
        self._facets = None
        self._commitments = None
        self._llm = None
        self._lock = threading.RLock()  # guards the in-memory indexes; held only to load them or swap them in
        self._writing = threading.Lock()  # one ingest or removal at a time; questions never wait for it

    @property
    def store(self):
        if self._store is None:
            from index.store import Store

            s = self.settings.store
            self._store = Store(s.data_dir, s.collection, s.chroma_url, s.tenant, s.database, s.chroma_auth)
        return self._store

    @property
    def embedder(self):
        if self._embedder is None:
            from index.embedder import Embedder

            e = self.settings.embed
            self._embedder = Embedder(e.model, device=e.device, batch_size=e.batch_size)
        return self._embedder

    @property
    def lexical(self):
        with self._lock:
            if self._lexical is None:
                from index.lexical import sync_lexical

                self._lexical = sync_lexical(self.store)
            return self._lexical

    @property
    def commitment_index(self):
        with self._lock:
            if self._commitments is None:
                from index.commitments import CommitmentIndex

                self._commitments = CommitmentIndex(self.store)
            return self._commitments

    def warm(self) -> None:
        """Load the model, both indexes, the facets and the commitments now rather than on the first question
        (at 100k chunks the facets and the commitment index take seconds to read)."""
        self.embedder.embed_one("warm up")
        _ = self.lexical, self.facets, self.commitment_index

    def ingest(self, paths: Iterable[Path], progress: bool = True, prune: bool = False, added_by: str | None = None,
               via: str = "command line"):
        """Load, chunk, embed and write without the readers' lock: questions asked meanwhile are answered from the
        previous state (a document is current only once its rows are in). Only the swap of the refreshed lexical
        index, facets and commitments takes the lock."""
        from ingest.pipeline import ingest_paths

        c, i = self.settings.chunk, self.settings.ingest
        with self._writing:
            try:
                report = ingest_paths(paths, self.store, self.embedder, c.chunk_size, c.min_chunk, progress=progress,
                                      limits=i.limits(), prune_missing=prune, batch_texts=i.batch_texts,
                                      added_by=added_by, via=via)
            except BaseException:
                self._swap(None)  # unknown state: everything reloads on the next question
                raise
            self._swap(report.lexical)
        return report

    def _swap(self, lexical) -> None:
        """Rebuild what questions read (outside the lock; facets and commitments only if already loaded), then swap
        it all in at once under the lock. None for `lexical` drops everything to be reloaded lazily."""
        facets = commitments = None
        if lexical is not None:
            facets = self.store.facets() if self._facets is not None else None
            if self._commitments is not None:
                from index.commitments import CommitmentIndex

                commitments = CommitmentIndex(self.store)
        with self._lock:
            self._lexical, self._facets, self._commitments = lexical, facets, commitments

    @property
    def facets(self) -> dict[str, set[str]]:
        """Council/committee/type values in the index, read once per ingest rather than per question."""
        with self._lock:
            if self._facets is None:
                self._facets = self.store.facets()
            return self._facets

    def documents(self) -> list[dict]:
        return self.store.documents()

    def document(self, doc_id: str) -> dict | None:
        """The stored record with its full text and page spans (what citations' offsets point into)."""
        return self.store.document(doc_id)

    def document_texts(self, doc_ids) -> dict[str, str]:
        records = {d: self.store.document(d) for d in set(doc_ids)}
        return {d: r["text"] for d, r in records.items() if r}

    def remove(self, doc_id: str) -> bool:
        """Remove a document (outside the readers' lock, like ingest). Re-running a removal that was killed part-way
        finishes it: rows of an id the registry no longer holds are swept, and that counts as removed."""
        from ingest.faults import checkpoint
        from ingest.pipeline import settle

        with self._writing:
            removed = self.store.remove_document(doc_id)
            checkpoint("remove_after_sweep")
            if not removed and doc_id not in self.store.registered():
                removed = self.store.sweep([doc_id]) > 0
            self._swap(settle(self.store))
        return removed

    def check_question(self, question: str) -> str:
        question = normalise_question(question)
        if not any(ch.isalnum() for ch in question):
            raise QuestionError("the question is empty (it has no letters or digits)")
        limit = self.settings.answer.max_question_chars
        if len(question) > limit:
            raise QuestionError(f"the question is {len(question)} characters long; the limit is {limit}")
        return question

    def _prepare(self, text: str, filters: Filters | None):
        """The question's profile, and the user's filters resolved against the index."""
        filters = filters or Filters()
        facets = self.facets
        prof = profile(text, self.lexical, facets.get("council", set()), facets.get("speakers", set()))
        # A council named in the question keeps papers known to be another council's from answering (answer.py);
        # it is never a filter: most papers do not state their council, and a filter would hide them.
        return prof, filters, resolve(filters, facets)

    def ask(self, question: str, filters: Filters | None = None) -> Answer:
        from index.hybrid import retrieve

        t0 = time.perf_counter()
        question = self.check_question(question)
        prof, filters, conditions = self._prepare(question, filters)
        t1 = time.perf_counter()
        vectors = self.embedder.embed([question] + ([prof.topic] if prof.topic else []))
        qvec, topic_vec = vectors[0], (vectors[1] if prof.topic else None)
        t2 = time.perf_counter()
        r = self.settings.retrieval
        passages = retrieve(self.store, self.lexical, question, qvec, conditions, r.top_k, r.candidates, r.rrf_k)
        commitments = self._route_to_commitments(question, qvec, conditions, passages)
        t3 = time.perf_counter()
        sentences = self.store.sentences_for([p.chunk_id for p in passages])
        a = self.settings.answer
        candidates = score_candidates(prof, qvec, passages, sentences, topic_vec, commitments)
        selection = select(prof, candidates, a.abstain_below, a.min_coverage, a.keep_within, a.max_sentences)
        citations = self._verified(compose(selection, sentences)) if not selection.abstained else []
        abstained = not citations
        leads = self._leads([p for p in passages if not another_councils(prof, p.metadata)]) if abstained else []
        text = ABSTAIN_TEXT if abstained else answer_text(citations, who=prof.answer_type == "who")
        t4 = time.perf_counter()
        applied = {k: v for k, v in filters.model_dump(mode="json").items() if v}
        answer = Answer(
            question=question, answer=text, abstained=abstained, citations=citations, leads=leads, filters=applied,
            retrieved=[{"chunk_id": p.chunk_id, "doc_id": p.metadata["doc_id"], "score": round(p.score, 5),
                        "dense_rank": p.dense_rank, "lexical_rank": p.lexical_rank} for p in passages],
            timings_ms={"prepare": _ms(t0, t1), "embed": _ms(t1, t2), "retrieve": _ms(t2, t3),
                        "answer": _ms(t3, t4), "total": _ms(t0, t4),
                        "best_score": round(selection.best_score, 4), "coverage": round(selection.coverage, 4)},
        )
        if self.settings.llm.spec != "none":
            answer = self._write(question, passages, sentences, answer)
        return answer

    @property
    def llm(self):
        if self._llm is None:
            from .llm import build

            s = self.settings.llm
            self._llm = build(s.spec, s.api_key, s.timeout)
        return self._llm

    def _write(self, question: str, passages, sentences, extractive: Answer) -> Answer:
        """The LLM writes from the numbered passages; only sentences its cited passages support are kept."""
        from .writer import REFUSAL, assemble, prompt, split_answer, verify

        s = self.settings.llm
        given = passages[:s.passages]
        t0 = time.perf_counter()
        try:
            reply = str(self.llm.complete(prompt(question, given)).text or "").strip()
        except Exception as exc:  # unreachable endpoint, timeout, bad key: the extractive answer stands, and says why
            info = {"llm": s.spec, "error": f"{type(exc).__name__}: {exc}"[:300], "generated": 0, "dropped": 0,
                    "fallback": True, "sentences": []}
            return extractive.model_copy(update={"writer": info})
        by_chunk: dict[str, list] = {}
        for row in sentences:
            by_chunk.setdefault(row[2]["chunk_id"], []).append(row)
        written = [] if reply.startswith(REFUSAL) else split_answer(reply)
        verify(written, given, by_chunk, self.embedder.embed, s.min_support)
        text, citations = assemble(written, given, strike=s.unsupported == "strike")
        citations = self._verified(citations)
        info = {"llm": s.spec, "reply": reply, "refused": reply.startswith(REFUSAL), "generated": len(written),
                "dropped": sum(not w.verified for w in written), "fallback": False,
                "sentences": [{"text": w.text, "verified": w.verified, "failed": w.failed, "cited": w.cited,
                               "support": w.support} for w in written]}
        timings = {**extractive.timings_ms, "llm": _ms(t0, time.perf_counter())}
        if not citations:  # nothing verified (or a refusal): the extractive answer, which may itself abstain
            info["fallback"] = True
            return extractive.model_copy(update={"writer": info, "timings_ms": timings})
        return extractive.model_copy(update={"answer": text, "abstained": False, "citations": citations, "leads": [],
                                             "writer": info, "timings_ms": timings})

    def _route_to_commitments(self, question: str, qvec, conditions, passages) -> dict[str, dict]:
        """For "what did X promise about Y": the relevant commitments (by sentence id), their chunks added to passages."""
        c = self.settings.commitments
        if not c.route_top or not asks_for_commitments(question):
            return {}
        from index.hybrid import Passage

        hits = self.commitment_index.search(question, qvec, conditions, min_similarity=c.min_similarity)[:c.route_top]
        have = {p.chunk_id for p in passages}
        fetched = self.store.get_chunks([h.meta["chunk_id"] for h in hits if h.meta["chunk_id"] not in have])
        for cid, (text, meta, emb) in fetched.items():
            passages.append(Passage(chunk_id=cid, text=text, metadata=meta, score=0.0, dense=float(np.dot(qvec, emb))))
        return {h.id: {k: h.meta.get(k) for k in COMMITMENT_FIELDS} for h in hits}

    def commitments(self, about: str | None = None, owner: str | None = None, filters: Filters | None = None,
                    limit: int | None = None) -> list[CommitmentRecord]:
        """Commitments newest first, each verified against the stored text; `about` searches them (hybrid)."""
        conditions = resolve(filters or Filters(), self.facets)
        index = self.commitment_index
        if about and about.strip():
            c = self.settings.commitments
            hits = index.search(about, self.embedder.embed_one(about), conditions, owner, c.min_similarity)
            hits.sort(key=lambda h: (-(h.meta.get("meeting_date_int") or 0), -h.score))
        else:
            hits = index.list(conditions, owner)
        texts = self.document_texts(h.meta["doc_id"] for h in hits)
        records = []
        for hit in hits[:limit]:
            m = hit.meta
            if texts.get(m["doc_id"], "")[int(m["start"]):int(m["end"])] != hit.text:
                continue  # stale or corrupt: never cite a sentence the document does not hold there
            records.append(CommitmentRecord.from_hit(len(records) + 1, hit))
        return records

    def timeline(self, topic: str, filters: Filters | None = None):
        """What was said about a topic, meeting by meeting (assistant.timeline.Timeline); quotes verified."""
        from index.hybrid import retrieve

        from .timeline import build

        topic = self.check_question(topic)
        prof, _, conditions = self._prepare(topic, filters)
        qvec = self.embedder.embed_one(prof.topic or topic)
        t = self.settings.timeline
        passages = retrieve(self.store, self.lexical, topic, qvec, conditions, t.passages, t.passages,
                            self.settings.retrieval.rrf_k)
        sentences = self.store.sentences_for([p.chunk_id for p in passages])
        timeline = build(topic, passages, sentences, prof.weights, qvec, t.min_similarity)
        texts = self.document_texts(m.doc_id for m in timeline.meetings)
        for meeting in timeline.meetings:
            meeting.citations = [c for c in meeting.citations if texts.get(c.doc_id, "")[c.start:c.end] == c.quote]
        timeline.meetings = [m for m in timeline.meetings if m.citations]
        return timeline

    def converse(self, question: str, history: list[Turn] = (), filters: Filters | None = None
                 ) -> tuple[str, str | None, Answer]:
        """Ask within a conversation: a follow-up is rewritten from the previous turn before retrieval.

        Returns (the question searched, the follow-up rule that rewrote it or None, the answer)."""
        question = self.check_question(question)
        previous = history[-1] if history else None
        searched, rule = rewrite(question, previous, self.facets.get("council", set()))
        return searched, rule, self.ask(searched, filters)

    def _verified(self, citations: list[Citation]) -> list[Citation]:
        """Keep only citations whose quote is verbatim in the chunk and the stored document; renumber densely."""
        chunks = self.store.get_chunks([c.chunk_id for c in citations])
        records = {doc_id: self.store.document(doc_id) for doc_id in {c.doc_id for c in citations}}
        kept = []
        for c in citations:
            text, meta, _ = chunks.get(c.chunk_id, ("", {"start": 0}, None))
            record = records[c.doc_id]
            if verify(c, text, int(meta["start"]), record["text"] if record else None):
                kept.append(c.model_copy(update={"n": len(kept) + 1}))
        return kept

    def _leads(self, passages, n: int = 3) -> list[Citation]:
        leads = []
        for p in passages[:n]:
            first = p.text.strip().split("\n")[0][:300]
            start = int(p.metadata["start"]) + p.text.index(first)
            leads.append(Citation.from_chunk(len(leads) + 1, p.metadata, p.chunk_id, first, start, start + len(first), p.score))
        return leads


def _ms(a: float, b: float) -> float:
    return round((b - a) * 1000, 2)
