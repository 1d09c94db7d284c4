"""The query as stages over one typed state: embed → retrieve → route → sentences → score → select → compose →
[digest →] verify → respond [→ write]. Ask and timeline are lists of stages; adding one (a reranker) touches one list."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from index.filters import Condition, Filters
from index.hybrid import Passage, retrieve
from index.records import StoredSentence

from .answer import ABSTAIN_TEXT, LEADS_TEXT, Answer, Diagnostics, Retrieved, answer_text, digest_text
from .cite import Citation, CommitmentFacts, printed_page, verify
from .commitments import CommitmentRecord, asks_for_commitments, listed, owned_text, owner_asked
from .evidence import (
    LEADIN,
    Evidence,
    Selection,
    another_councils,
    compose,
    gather_digest,
    list_end,
    score_evidence,
    select,
)
from .question import QuestionProfile, council_key
from .resources import Resources
from .scope import emptied, scope_note
from .timeline import Timeline
from .timeline import build as build_timeline
from .writer import write_answer


@dataclass
class Query:
    """Everything one question or topic accumulates on its way through the stages."""

    text: str  # what is searched (a follow-up already rewritten)
    filters: Filters
    profile: QuestionProfile
    conditions: list[Condition]
    qvec: np.ndarray | None = None
    topic_vec: np.ndarray | None = None
    passages: list[Passage] = field(default_factory=list)
    commitments: dict[str, CommitmentFacts] = field(default_factory=dict)  # by sentence id
    sentences: list[StoredSentence] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    selection: Selection | None = None
    citations: list[Citation] = field(default_factory=list)
    answer: Answer | None = None
    timeline: Timeline | None = None
    owner: str | None = None  # "what did <owner> promise?": the owner, when the answer lists their commitments
    owned: list[CommitmentRecord] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # milliseconds per phase

    @property
    def vector(self) -> np.ndarray:
        """The question's (or topic's) vector; a stage that needs it before an embed stage ran is a wiring error."""
        if self.qvec is None:
            raise RuntimeError("no query vector: an embed stage must come first")
        return self.qvec

    @property
    def result(self) -> Answer:
        if self.answer is None:
            raise RuntimeError("no answer: the respond stage must come first")
        return self.answer


Stage = Callable[[Resources, Query], None]


def stage(phase: str) -> Callable[[Stage], Stage]:
    """Mark a stage with the timing phase it counts towards (prepare, embed, retrieve, answer, llm)."""

    def mark(fn: Stage) -> Stage:
        fn.phase = phase  # type: ignore[attr-defined]
        return fn

    return mark


def run(stages: list[Stage], r: Resources, q: Query) -> Query:
    for s in stages:
        t0 = time.perf_counter()
        s(r, q)
        phase = getattr(s, "phase", s.__name__)
        q.timings[phase] = q.timings.get(phase, 0.0) + (time.perf_counter() - t0) * 1000
    return q


# -- ask ------------------------------------------------------------------------------------------------------
@stage("embed")
def embed_question(r: Resources, q: Query) -> None:
    """The question's vector (it retrieves), and the vector its sentences are scored against: the topic of "what
    did X say about Y", else the question less its date and council (one encoder call)."""
    focus = q.profile.topic or q.profile.content
    vectors = r.embedder.embed([q.text] + ([focus] if focus and focus != q.text else []))
    q.qvec, q.topic_vec = vectors[0], (vectors[1] if len(vectors) > 1 else None)


@stage("retrieve")
def retrieve_passages(r: Resources, q: Query) -> None:
    s = r.settings.retrieval
    q.passages = retrieve(r.store, r.lexical, q.text, q.vector, q.conditions, s.top_k, s.candidates, s.rrf_k)


@stage("retrieve")
def route_owner(r: Resources, q: Query) -> None:
    """ "What did the police promise?": every commitment of that owner (group or name), as the Commitments tab lists
    them for it (assistant.commitments.listed), less papers known to be another council's than the question names.
    Sets q.owner only when the owner has any; the question is then answered from them alone."""
    who = owner_asked(q.text)
    if not who:
        return
    for council in q.profile.councils:  # "what did Melton council promise?": the council, within Melton's papers
        who = re.sub(rf"(?i)\b{re.escape(council_key(council))}(?:'s)?\b", " ", who).strip() or "the Council"
    named = set(q.profile.councils)
    records = [
        rec
        for rec in listed(r, None, who, q.conditions)
        if not named or not rec.citation.council or rec.citation.council in named
    ]
    if records:
        q.owner = who
        q.owned = [
            rec.model_copy(update={"citation": rec.citation.model_copy(update={"n": i})})
            for i, rec in enumerate(records, start=1)
        ]
        q.citations = [rec.citation for rec in q.owned[: r.settings.commitments.list_top]]


@stage("retrieve")
def route_commitments(r: Resources, q: Query) -> None:
    """For "what did X promise about Y": the relevant commitments (by sentence id), their chunks added to the
    passages."""
    c = r.settings.commitments
    if not c.route_top or not asks_for_commitments(q.text):
        return
    hits = r.commitments.search(q.text, q.vector, q.conditions, min_similarity=c.min_similarity)[: c.route_top]
    have = {p.chunk_id for p in q.passages}
    fetched = r.store.get_chunks(h.commitment.chunk_id for h in hits if h.commitment.chunk_id not in have)
    q.passages += [
        Passage(chunk=chunk, score=0.0, dense=float(np.dot(q.vector, chunk.vector)))
        for chunk in fetched.values()
        if chunk.vector is not None
    ]
    q.commitments = {h.commitment.id: CommitmentFacts(**h.commitment.facts()) for h in hits}


@stage("answer")
def gather_sentences(r: Resources, q: Query) -> None:
    q.sentences = r.store.sentences_for(p.chunk_id for p in q.passages)


@stage("answer")
def score(r: Resources, q: Query) -> None:
    q.evidence = score_evidence(
        q.profile, q.vector, q.passages, q.sentences, r.settings.answer.weights, q.topic_vec, q.commitments
    )


@stage("answer")
def choose(r: Resources, q: Query) -> None:
    q.selection = select(q.profile, q.evidence, r.settings.answer)


@stage("answer")
def quote(r: Resources, q: Query) -> None:
    a = r.settings.answer
    q.citations = compose(q.selection, q.sentences, a.list_chars) if q.selection and not q.selection.abstained else []


@stage("answer")
def continue_lists(r: Resources, q: Query) -> None:
    """A lead-in quoted to the end of its passage: its list goes on in the stored paper, so the quote takes the rest
    of it, up to the next numbered item or list_chars (a long list is split between chunks at ingest)."""
    a = r.settings.answer
    if not a.list_chars or q.selection is None:
        return
    leadins = {e.start for e in q.selection.chosen if LEADIN.search(e.text)}
    chunks = {p.chunk_id: p.chunk for p in q.passages}
    for i, c in enumerate(q.citations):
        chunk = chunks.get(c.chunk_id)
        if chunk is None or c.start not in leadins or chunk.text[c.end - chunk.start :].strip():
            continue
        record = r.store.document(c.doc_id)
        if record is None or record["text"][c.start : c.end] != c.quote:
            continue
        end = list_end(record["text"], c.end, c.start + a.list_chars)
        if end > c.end:
            q.citations[i] = c.model_copy(update={"quote": record["text"][c.start : end], "end": end})


@stage("answer")
def digest(r: Resources, q: Query) -> None:
    """An overview question ("summarise…", "what has been said about…") gets the best sentences of each meeting
    that speaks to it, meetings in date order, instead of the few best sentences overall."""
    if not q.profile.digest or not q.citations or q.selection is None:
        return
    chosen = gather_digest(q.profile, q.evidence, r.settings.answer)
    if chosen:
        picked = Selection(False, chosen, q.selection.best_score, q.selection.coverage)
        q.citations = compose(picked, q.sentences, r.settings.answer.list_chars)


@stage("answer")
def check_quotes(r: Resources, q: Query) -> None:
    q.citations = verified(r, q.citations, q.passages)


@stage("answer")
def respond(r: Resources, q: Query) -> None:
    """The answer from the verified citations, or an abstention with the nearest passages as leads."""
    abstained = not q.citations
    leads = nearest([p for p in q.passages if not another_councils(q.profile, p.paper)]) if abstained else []
    if q.owner:
        text = owned_text(q.owner, q.owned, r.settings.commitments.list_top)
    elif not abstained and q.profile.digest:
        text = digest_text(q.citations)
    elif not abstained:
        text = answer_text(q.citations, who=q.profile.answer_type == "who")
    elif not q.passages and q.conditions:  # the filters left nothing: say which, never promise leads
        text = f"{ABSTAIN_TEXT} {emptied(q.conditions, r.papers)}"
    else:
        text = ABSTAIN_TEXT + (LEADS_TEXT if leads else "")
    sel = q.selection
    q.answer = Answer(
        question=q.text,
        answer=text,
        abstained=abstained,
        citations=q.citations,
        leads=leads,
        filters={k: v for k, v in q.filters.model_dump(mode="json").items() if v},
        scope_note=scope_note(q.filters, q.conditions, r.papers) if not q.filters.is_empty() else None,
        retrieved=[
            Retrieved(
                chunk_id=p.chunk_id,
                doc_id=p.paper.doc_id,
                score=round(p.score, 5),
                dense_rank=p.dense_rank,
                lexical_rank=p.lexical_rank,
            )
            for p in q.passages
        ],
        diagnostics=Diagnostics(
            best_score=round(sel.best_score, 4) if sel else 0.0, coverage=round(sel.coverage, 4) if sel else 0.0
        ),
    )


@stage("llm")
def write(r: Resources, q: Query) -> None:
    """The LLM writes from the numbered passages; only sentences its cited passages support are kept."""
    q.answer = write_answer(r, q.text, q.passages, q.sentences, q.result, lambda cs: verified(r, cs, q.passages))


ASK: list[Stage] = [
    embed_question,
    retrieve_passages,
    route_commitments,
    gather_sentences,
    score,
    choose,
    quote,
    continue_lists,
    digest,
    check_quotes,
    respond,
]


def ask_stages(r: Resources) -> list[Stage]:
    """The extractive stages, and the LLM writer after them when one is configured."""
    return ASK + ([write] if r.settings.llm.spec != "none" else [])


# -- timeline -------------------------------------------------------------------------------------------------
@stage("embed")
def embed_topic(r: Resources, q: Query) -> None:
    q.qvec = r.embedder.embed_one(q.profile.topic or q.text)


@stage("retrieve")
def retrieve_for_timeline(r: Resources, q: Query) -> None:
    t = r.settings.timeline
    q.passages = retrieve(
        r.store, r.lexical, q.text, q.vector, q.conditions, t.passages, t.passages, r.settings.retrieval.rrf_k
    )


@stage("answer")
def by_meeting(r: Resources, q: Query) -> None:
    q.timeline = build_timeline(q.text, q.passages, q.sentences, q.profile.weights, q.vector, r.settings.timeline)


@stage("answer")
def check_timeline_quotes(r: Resources, q: Query) -> None:
    """Keep only quotes the stored documents hold at their offsets; drop meetings left with none."""
    timeline = q.timeline
    if timeline is None:
        return
    records = {m.doc_id: r.store.document(m.doc_id) for m in timeline.meetings}
    for meeting in timeline.meetings:
        record = records.get(meeting.doc_id) or {}
        meeting.citations = [
            c.model_copy(update={"page": printed_page(record, c.start) or c.page})
            for c in meeting.citations
            if record.get("text", "")[c.start : c.end] == c.quote
        ]
    timeline.meetings = [m for m in timeline.meetings if m.citations]


TIMELINE: list[Stage] = [embed_topic, retrieve_for_timeline, gather_sentences, by_meeting, check_timeline_quotes]


# -- shared helpers -------------------------------------------------------------------------------------------
def verified(r: Resources, citations: list[Citation], passages: list[Passage]) -> list[Citation]:
    """Keep only citations whose quote is verbatim in the retrieved chunk and in the stored document (the record is
    the truth: a chunk replaced since retrieval fails there); renumber densely."""
    chunks = {p.chunk_id: p.chunk for p in passages}
    records = {doc_id: r.store.document(doc_id) for doc_id in {c.doc_id for c in citations}}
    kept: list[Citation] = []
    for c in citations:
        chunk = chunks.get(c.chunk_id)
        record = records[c.doc_id]
        text, start = (chunk.text, chunk.start) if chunk else ("", 0)
        if verify(c, text, start, record["text"] if record else None):
            page = printed_page(record, c.start) or c.page
            kept.append(c.model_copy(update={"n": len(kept) + 1, "page": page}))
    return kept


def nearest(passages: list[Passage], n: int = 3) -> list[Citation]:
    """Leads for an abstention: the first line of each of the nearest passages."""
    leads: list[Citation] = []
    for p in passages[:n]:
        first = p.text.strip().split("\n")[0][:300]
        start = p.chunk.start + p.text.index(first)
        leads.append(Citation.from_chunk(len(leads) + 1, p.chunk, first, start, start + len(first), p.score))
    return leads
