"""Extractive answers: score the passages' sentences against the question, cite the best, or abstain."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from index.hybrid import Passage
from index.lexical import tokenize

from .cite import Citation
from .question import QuestionProfile, has_answer_type

ABSTAIN_TEXT = "The archive does not say. I found no passage that answers this question; the nearest passages are listed as leads."
# A sentence that opens like this leans on the one before it, so the quote takes both.
CONTINUATION = re.compile(r"^(In response|In answer|This|These|That|It|They|He|She|Also|However|As a result|"
                          r"Regarding|Following|Confirmed|Noted)\b")
# A sentence that reports a question ("Members queried …", "…?") is answered by the sentence after it.
ASKS = re.compile(r"(\?\s*$)|^(A Member|Members|Councillors?|The Committee|It was)\s+(asked|queried|questioned|enquired)\b")
WEIGHTS = {"sentence": 0.55, "chunk": 0.15, "lexical": 0.30, "type_match": 0.06, "type_miss": -0.08,
           "leadin": -0.08, "short": -0.06, "speaker": 0.06, "commitment": 0.06}


@dataclass
class Candidate:
    sentence_id: str
    text: str
    start: int
    end: int
    passage: Passage
    vector: np.ndarray
    score: float = 0.0
    dense: float = 0.0
    lexical: float = 0.0
    speakers: list[str] = field(default_factory=list)
    commitment: dict | None = None


@dataclass
class Selection:
    abstained: bool
    chosen: list[Candidate]
    best_score: float
    coverage: float


def _context_tokens(passage: Passage) -> set[str]:
    meta = passage.metadata
    return set(tokenize(" ".join(str(meta.get(k, "")) for k in ("context", "section", "council", "committee"))))


def another_councils(profile: QuestionProfile, metadata: dict) -> bool:
    """A paper known to be another council's than the one the question names: it cannot answer for it (a paper
    whose council is unknown can)."""
    council = metadata.get("council")
    return bool(profile.councils and council and council not in profile.councils)


def score_candidates(profile: QuestionProfile, qvec: np.ndarray, passages: list[Passage],
                     sentences: list[tuple[str, str, dict, np.ndarray]], topic_vec: np.ndarray | None = None,
                     commitments: dict[str, dict] | None = None) -> list[Candidate]:
    """topic_vec: for "what did X say about Y", Y's vector; X is matched lexically through the section context.
    commitments: for a question asking what was promised or agreed, the relevant commitments by sentence id."""
    by_chunk = {p.chunk_id: p for p in passages}
    context = {p.chunk_id: _context_tokens(p) for p in passages}
    out = []
    for sid, text, meta, vec in sentences:
        passage = by_chunk.get(meta["chunk_id"])
        if passage is None:
            continue
        vec = np.asarray(vec, dtype=np.float32)
        dense = float(np.dot(topic_vec if topic_vec is not None else qvec, vec))
        lexical = profile.coverage(set(tokenize(text)) | context[passage.chunk_id])
        score = WEIGHTS["sentence"] * dense + WEIGHTS["chunk"] * passage.dense + WEIGHTS["lexical"] * lexical
        if profile.answer_type:
            matched = has_answer_type(profile.answer_type, text, profile.text)
            score += WEIGHTS["type_match"] if matched else WEIGHTS["type_miss"]
        if text.rstrip().endswith(":"):
            score += WEIGHTS["leadin"]
        if len(text.split()) < 5:
            score += WEIGHTS["short"]
        speakers = list(meta.get("speakers") or [])
        if profile.speakers and set(profile.speakers) & set(speakers):
            score += WEIGHTS["speaker"]
        if another_councils(profile, passage.metadata):
            continue
        commitment = (commitments or {}).get(sid)
        if commitment:
            score += WEIGHTS["commitment"]
        out.append(Candidate(sid, text, meta["start"], meta["end"], passage, vec, score, dense, lexical, speakers,
                             commitment))
    out.sort(key=lambda c: -c.score)
    return out


def select(profile: QuestionProfile, candidates: list[Candidate], abstain_below: float, min_coverage: float,
           keep_within: float, max_sentences: int) -> Selection:
    """The best sentence decides whether to answer; near-equal others from elsewhere join it."""
    if not candidates:
        return Selection(True, [], 0.0, 0.0)
    best = candidates[0]
    chunk_tokens = set(tokenize(best.passage.text)) | _context_tokens(best.passage)
    coverage = profile.coverage(chunk_tokens)
    if best.score < abstain_below or coverage < min_coverage:
        return Selection(True, [], best.score, coverage)
    chosen = [best]
    # A question naming several councils gets the best supported sentence from each of them.
    for council in profile.councils:
        if len(chosen) >= max_sentences or any(c.passage.metadata.get("council") == council for c in chosen):
            continue
        own = [c for c in candidates if c.passage.metadata.get("council") == council and c.score >= abstain_below]
        if own:
            chosen.append(own[0])
    for cand in candidates[1:]:
        if len(chosen) >= max_sentences or cand.score < best.score - keep_within:
            break
        if cand in chosen or any(float(np.dot(cand.vector, c.vector)) > 0.9 for c in chosen):
            continue
        chosen.append(cand)
    return Selection(False, chosen, best.score, coverage)


def quote_span(cand: Candidate, siblings: list[tuple[int, int]]) -> tuple[int, int]:
    """The sentence's span, widened to the sentence before when it continues one, or after when it asks one."""
    start, end = cand.start, cand.end
    text, offset = cand.passage.text, _chunk_start(cand.passage)

    def same_paragraph(a: int, b: int) -> bool:
        return "\n" not in text[a - offset:b - offset]

    if CONTINUATION.match(cand.text):
        before = [s for s in siblings if s[1] <= start]
        if before and same_paragraph(max(before)[1], start):
            start = max(before)[0]
    if ASKS.search(cand.text):
        after = [s for s in siblings if s[0] >= end]
        if after and same_paragraph(end, min(after)[0]):
            end = min(after)[1]
    return start, end


def _chunk_start(passage: Passage) -> int:
    return int(passage.metadata["start"])


def compose(selection: Selection, sentences: list[tuple[str, str, dict, np.ndarray]]) -> list[Citation]:
    """One citation per chosen sentence, numbered in order of score (verified before use)."""
    spans_by_chunk: dict[str, list[tuple[int, int]]] = {}
    for _, _, meta, _ in sentences:
        spans_by_chunk.setdefault(meta["chunk_id"], []).append((meta["start"], meta["end"]))
    citations: list[Citation] = []
    for cand in selection.chosen:
        start, end = quote_span(cand, spans_by_chunk.get(cand.passage.chunk_id, []))
        offset = _chunk_start(cand.passage)
        quote = cand.passage.text[start - offset:end - offset]
        if any(c.start <= start and end <= c.end for c in citations):
            continue
        n = len(citations) + 1
        citation = Citation.from_chunk(n, cand.passage.metadata, cand.passage.chunk_id, quote, start, end,
                                       cand.score, cand.speakers)
        citations.append(citation.model_copy(update={"commitment": cand.commitment}) if cand.commitment else citation)
    return citations


UNNAMED_SPEAKERS = frozenset({"In response"})  # a speaker tag that says someone answered, not who


def answer_text(citations: list[Citation], who: bool = False) -> str:
    """Every sentence of the answer carries its [n]; a "who" question's sentences lead with who the minutes name."""
    parts = []
    for c in citations:
        quote = " ".join(c.quote.split())
        named = [s for s in c.speakers if s not in UNNAMED_SPEAKERS] if who else []
        parts.append(f"{', '.join(named)}: “{quote}” [{c.n}]" if named else f"{quote} [{c.n}]")
    return " ".join(parts)
