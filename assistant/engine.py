"""The facade: one Assistant per Settings over its Resources; ingest, remove, ask, converse, timeline, commitments."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from index.embedder import Embedder
from index.filters import Filters, resolve
from index.lexical import settle
from index.offline import ensure_offline
from index.store import Store
from ingest.faults import checkpoint
from ingest.pipeline import ingest_paths
from ingest.vocab import UNNAMED_SPEAKERS

from .answer import Answer
from .cite import Citation
from .commitments import CommitmentRecord, listed
from .conversation import Turn, rewrite
from .question import profile
from .resources import Resources
from .settings import Settings
from .stages import TIMELINE, Query, ask_stages, respond, route_owner, run
from .timeline import Timeline

__all__ = ["Answer", "Assistant", "QuestionError", "normalise_question"]


class QuestionError(ValueError):
    """An empty or over-long question."""


def normalise_question(text: str | None) -> str:
    """NFKC-folded text without invisible format characters (zero-width spaces, BOMs, word joiners, bidi controls)
    or control characters, whitespace collapsed: what looks empty to the user is empty to the check."""
    text = unicodedata.normalize("NFKC", text or "")
    kept = (
        " " if ch.isspace() else ch
        for ch in text
        if unicodedata.category(ch) not in ("Cf", "Cc", "Cs", "Co") or ch in "\n\t"
    )
    return " ".join("".join(kept).split())


class Assistant:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, store: Store | None = None):
        """`embedder` lets several assistants (tests, eval baseline) share one loaded model; `store` puts another
        backend in place of the configured Chroma."""
        ensure_offline()
        self.settings = settings
        self.resources = Resources(settings, embedder, store)

    @property
    def store(self) -> Store:
        return self.resources.store

    @property
    def embedder(self) -> Embedder:
        return self.resources.embedder

    @property
    def facets(self) -> dict[str, set[str]]:
        return self.resources.facets

    def warm(self) -> None:
        self.resources.warm()

    # -- writing -------------------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[Path],
        progress: bool = True,
        prune: bool = False,
        added_by: str | None = None,
        via: str = "command line",
    ):
        """Load, chunk, embed and write without the readers' lock: questions asked meanwhile are answered from the
        previous state (a document is current only once its rows are in). Only the swap of the refreshed lexical
        index, facets and commitments takes the lock."""
        c, i, r = self.settings.chunk, self.settings.ingest, self.resources
        with r.writing:
            try:
                report = ingest_paths(
                    paths,
                    r.store,
                    r.embedder,
                    c.chunk_size,
                    c.min_chunk,
                    progress=progress,
                    limits=i.limits(),
                    prune_missing=prune,
                    batch_texts=i.batch_texts,
                    added_by=added_by,
                    via=via,
                )
            except BaseException:
                try:
                    settle(r.store)  # a write cut short leaves rows no record vouches for: sweep them now
                finally:
                    r.swap(None)  # unknown state: everything reloads on the next question
                raise
            r.swap(settle(r.store))
        return report

    def remove(self, doc_id: str) -> bool:
        """Remove a document (outside the readers' lock, like ingest). Re-running a removal that was killed part-way
        finishes it: rows of an id the registry no longer holds are swept, and that counts as removed."""
        r = self.resources
        with r.writing:
            removed = r.store.remove_document(doc_id)
            checkpoint("remove_after_sweep")
            if not removed and doc_id not in r.store.registered():
                removed = r.store.sweep([doc_id]) > 0
            r.swap(settle(r.store))
        return removed

    # -- reading -------------------------------------------------------------------------------------------
    def documents(self) -> list[dict]:
        return self.store.documents()

    def document(self, doc_id: str) -> dict | None:
        """The stored record with its full text and page spans (what citations' offsets point into)."""
        return self.store.document(doc_id)

    def document_texts(self, doc_ids) -> dict[str, str]:
        return self.resources.document_texts(doc_ids)

    def check_question(self, question: str) -> str:
        question = normalise_question(question)
        if not any(ch.isalnum() for ch in question):
            raise QuestionError("the question is empty (it has no letters or digits)")
        limit = self.settings.answer.max_question_chars
        if len(question) > limit:
            raise QuestionError(f"the question is {len(question)} characters long; the limit is {limit}")
        return question

    def _query(self, text: str, filters: Filters | None) -> Query:
        """The query state: the checked text, its profile and the user's filters resolved against the index.
        A council named in the question keeps papers known to be another council's from answering (evidence.py);
        it is never a filter: most papers do not state their council, and a filter would hide them."""
        t0 = time.perf_counter()
        text = self.check_question(text)
        r, filters = self.resources, filters or Filters()
        facets = r.facets
        prof = profile(text, r.lexical, facets.get("council", set()), facets.get("speakers", set()))
        q = Query(text=text, filters=filters, profile=prof, conditions=resolve(filters, facets))
        q.timings["prepare"] = (time.perf_counter() - t0) * 1000
        return q

    def ask(self, question: str, filters: Filters | None = None) -> Answer:
        """A question about all of one owner's commitments is answered from them (as the Commitments tab lists
        them); any other goes through the passages."""
        r = self.resources
        q = run([route_owner], r, self._query(question, filters))
        q = run([respond] if q.owner else ask_stages(r), r, q)
        timings = {k: round(v, 2) for k, v in q.timings.items()}
        timings["total"] = round(sum(v for k, v in q.timings.items() if k != "llm"), 2)
        return q.result.model_copy(update={"timings_ms": {**q.result.timings_ms, **timings}})

    def converse(
        self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None
    ) -> tuple[str, str | None, Answer]:
        """Ask within a conversation: a follow-up is rewritten from the previous turn before retrieval.

        Returns (the question searched, the follow-up rule that rewrote it or None, the answer)."""
        question = self.check_question(question)
        previous = history[-1] if history else None
        searched, rule = rewrite(question, previous, self.facets.get("council", set()))
        if rule == "who said that" and previous is not None:
            named = self._who_said(searched, previous)  # shown as how the follow-up was read
            if named is not None:
                return searched, rule, named
        return searched, rule, self.ask(searched, filters)

    def _who_said(self, question: str, previous: Turn) -> Answer | None:
        """ "Who said that?" about the last answer: who the minutes name for its first quote, or that they name no
        one, with the same passage cited (checked against the stored paper again); None to search instead."""
        c = previous.citations[0] if previous.citations else None
        record = self.store.document(c["doc_id"]) if c else None
        if c is None or record is None or record["text"][c["start"] : c["end"]] != c["quote"]:
            return None
        citation = Citation(**{**c, "n": 1, "chunk_id": c.get("chunk_id", "")})
        quote = " ".join(citation.quote.split())
        named = [s for s in citation.speakers if s not in UNNAMED_SPEAKERS]
        if named:
            text = f"The minutes name {', '.join(named)}: “{quote}” [1]"
        else:
            text = f"The minutes do not name who said it: “{quote}” [1]"
        return Answer(question=question, answer=text, abstained=False, citations=[citation])

    def timeline(self, topic: str, filters: Filters | None = None) -> Timeline:
        """What was said about a topic, meeting by meeting (assistant.timeline.Timeline); quotes verified."""
        q = run(TIMELINE, self.resources, self._query(topic, filters))
        if q.timeline is None:
            raise RuntimeError("the timeline stages built no timeline")
        return q.timeline

    def commitments(
        self,
        about: str | None = None,
        owner: str | None = None,
        filters: Filters | None = None,
        limit: int | None = None,
    ) -> list[CommitmentRecord]:
        """Commitments newest first, each verified against the stored text; `about` searches them (hybrid)."""
        r = self.resources
        return listed(r, about, owner, resolve(filters or Filters(), r.facets), limit)

    def owners(self) -> dict[str, dict[str, int]]:
        """Commitment owners by group, with their counts (index.commitments.CommitmentIndex.owners)."""
        return self.resources.commitments.owners()
