"""Evidence: the passages' sentences scored against the question, the best chosen, quoted and cited (or none)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from index.hybrid import Passage
from index.lexical import tokenize
from index.records import Paper, StoredSentence

from .cite import Citation, CommitmentFacts
from .question import QuestionProfile, answer_type, has_answer_type
from .settings import AnswerSettings, ScoreWeights

# A sentence that opens like this leans on the one before it, so the quote takes both.
CONTINUATION = re.compile(
    r"^(In response|In answer|This|These|That|It|They|He|She|Also|However|As a result|"
    r"Regarding|Following|Confirmed|Noted)\b"
)
# A lead-in: what it introduces follows it ("… made the following suggestions:", "… were elected as follows.").
LEADIN = re.compile(r"(?::|\bas follows\W*|\bthe following\b[^.]{0,60}[.:]?)\s*$", re.I)
# A sentence that reports a question ("Members queried …", "…?") is answered by the sentence after it.
ASKS = re.compile(
    r"(\?\s*$)|^(A Member|Members|Councillors?|The Committee|It was)\s+(asked|queried|questioned|enquired)\b"
)

# Meeting housekeeping: where and when the meeting was held, welcomes, apologies, declarations, approving the last
# minutes, opening, closing and moving on. It frames a meeting and answers none of its questions, unless asked.
PROCEDURAL = re.compile(
    r"\b(?:(?:meeting|council|committee|it)\b[^.]{0,80}?\b(?:was|will be|is to be)\s+held|the date (?:for|of) the next|welcomed?\s+(?:everyone|all|members|those)|"
    r"apologies\s+(?:for absence\s+)?(?:were|was|had been)\s+received|no apologies|declarations? of interest|"
    r"minutes of the (?:previous|last) meeting|called the meeting to order|meeting (?:closed|ended|opened) at|"
    r"date of (?:the )?next meeting|next meeting (?:will|is|would)|(?:we|I)(?:'ll| will| shall)? now (?:go|move|proceed|"
    r"turn)|(?:move|moving) on to (?:the )?next item)\b",
    re.I,
)


# A question about the housekeeping itself ("Where was the meeting held?", "Who sent apologies?").
ASKS_PROCEDURE = re.compile(r"\b(?:held|welcom\w*|apolog\w*|declar\w*|next meeting|previous minutes|to order)\b", re.I)


# An agenda item's title: a reference code ("(16-501)", "5-C", "Item 7") or an agenda verb ("To consider …",
# "Public Hearing to …", "Discussion of …") opening it, or Title Case throughout. It names the business the question
# is about and says nothing of what was said or decided, so it outscores the item's own sentences on shared words.
_ITEM_REF = r"(?:\(\d{1,4}-\d{1,4}[A-Z]?\)|\d{1,3}-[A-Z]\b|item\s+\d+\w*\b|[A-Z]{2,5}\d{2}-\d{2,5}\b)"
AGENDA_TITLE = re.compile(
    rf"^\s*(?:{_ITEM_REF}\s*[-–:.]?\s*)?(?:to (?:consider|receive|note|approve|agree|confirm|discuss|review|"
    r"determine)|(?:public )?hearing (?:to|on)|(?:consider|recommendation to|discussion (?:of|on)|update on|"
    r"presentation (?:on|of|by)|report (?:of|from|on))\b)",
    re.I,
)
_ITEM_CODE = re.compile(rf"^\s*{_ITEM_REF}", re.I)
# A question about the business itself ("what was on the agenda", "which items were due before …").
ASKS_AGENDA = re.compile(r"\b(?:agenda|items?|business|due before|to be considered|on the table)\b", re.I)


def agenda_title(sentence: str, question: str) -> bool:
    """An item's title the question does not ask about (see AGENDA_TITLE)."""
    if ASKS_AGENDA.search(question):
        return False
    if AGENDA_TITLE.search(sentence) or _ITEM_CODE.search(sentence):
        return True
    if sentence.rstrip().endswith((".", "?", "!")):  # a title has no full stop; a sentence of names does
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", sentence)[1:]
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def procedural(sentence: str, question: str) -> bool:
    """Housekeeping the question does not ask about."""
    return bool(PROCEDURAL.search(sentence)) and not ASKS_PROCEDURE.search(question)


@dataclass(eq=False)  # identity: the same sentence is one piece of evidence
class Evidence:
    """A sentence of a retrieved passage, scored as support for an answer to the question."""

    sentence: StoredSentence
    passage: Passage
    vector: np.ndarray
    score: float = 0.0
    dense: float = 0.0
    lexical: float = 0.0
    commitment: CommitmentFacts | None = None
    typed: bool = True  # holds what the question asks for (a date for "when", an outcome for "what was decided")
    title: bool = False  # an agenda item's title the question does not ask about (agenda_title)

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end

    @property
    def speakers(self) -> list[str]:
        return list(self.sentence.speakers)


@dataclass
class Selection:
    abstained: bool
    chosen: list[Evidence]
    best_score: float
    coverage: float


def _context_tokens(passage: Passage) -> set[str]:
    c, paper = passage.chunk, passage.paper
    return set(tokenize(" ".join((c.context, c.section, paper.council or "", paper.committee or ""))))


def another_councils(profile: QuestionProfile, paper: Paper) -> bool:
    """A paper known to be another council's than the one the question names: it cannot answer for it (a paper
    whose council is unknown can)."""
    return bool(profile.councils and paper.council and paper.council not in profile.councils)


def in_its_year(profile: QuestionProfile, passage: Passage) -> bool:
    """The passage can speak for the year the question names: its paper met that year, or its text names it. A
    question naming no year is met by any passage; an undated paper is judged by its text alone."""
    if not profile.years:
        return True
    date = passage.paper.meeting_date or ""
    if date[:4] in profile.years:
        return True
    text = f"{passage.chunk.context} {passage.text}"
    return any(year in text for year in profile.years)


def score_evidence(
    profile: QuestionProfile,
    qvec: np.ndarray,
    passages: list[Passage],
    sentences: list[StoredSentence],
    weights: ScoreWeights,
    topic_vec: np.ndarray | None = None,
    commitments: dict[str, CommitmentFacts] | None = None,
) -> list[Evidence]:
    """topic_vec: for "what did X say about Y", Y's vector; X is matched lexically through the section context.
    commitments: for a question asking what was promised or agreed, the relevant commitments by sentence id."""
    by_chunk = {p.chunk_id: p for p in passages}
    context = {p.chunk_id: _context_tokens(p) for p in passages}
    before = _preceding(sentences, by_chunk)
    dated = {p.chunk_id: in_its_year(profile, p) for p in passages}
    last_start = {s.chunk_id: s.start for s in sorted(sentences, key=lambda s: s.start)}  # each chunk's last sentence
    w = weights
    out = []
    for sentence in sentences:
        passage = by_chunk.get(sentence.chunk_id)
        if passage is None:
            continue
        text = sentence.text
        vec = np.asarray(sentence.vector, dtype=np.float32)
        dense = float(np.dot(qvec, vec))
        if topic_vec is not None:  # the topic of "what did X say about Y" alone; the question's content beside it
            focus = float(np.dot(topic_vec, vec))
            dense = focus if profile.topic else (dense + focus) / 2
        # The sentence's own words, its chunk's headings, and the sentence before it in the same paragraph: an
        # outcome ("It was agreed to take up the offer.") names its subject in the sentence that raised it.
        lexical = profile.coverage(set(tokenize(text)) | context[passage.chunk_id] | before.get(sentence.id, set()))
        score_adjust = w.procedural if procedural(text, profile.text) else 0.0
        title = agenda_title(text, profile.text)
        if title:
            score_adjust += w.agenda_title
        if ASKS.search(text):  # a question put at the meeting: its reply answers, the question is context
            score_adjust += w.asks
        score = w.sentence * dense + w.chunk * passage.dense + w.lexical * lexical + score_adjust
        matched = has_answer_type(profile.answer_type, text, profile.text) if profile.answer_type else True
        if profile.answer_type:
            score += w.type_match if matched else w.type_miss
        if LEADIN.search(text) and not _has_items(sentence, last_start):
            score += w.leadin
        if len(text.split()) < 5:
            score += w.short
        if not dated[passage.chunk_id]:
            score += w.other_year
        if profile.speakers and set(profile.speakers) & set(sentence.speakers):
            score += w.speaker
        if another_councils(profile, passage.paper):
            continue
        commitment = (commitments or {}).get(sentence.id)
        if commitment:
            score += w.commitment
        out.append(Evidence(sentence, passage, vec, score, dense, lexical, commitment, matched, title))
    out.sort(key=lambda e: -e.score)
    return out


def _answers_part(
    part: str, best: Evidence, evidence: list[Evidence], chosen: list[Evidence], a: AnswerSettings
) -> Evidence | None:
    """The sentence of the best one's item that answers a further part of the question: it holds what the part asks
    for (a date for "when …"), or names its terms; else the next sentence of the best one's paragraph. Sentences of
    the best one's passage qualify whatever their score against the whole question (the part asks something else);
    those of the next passage must score within complete_within."""
    kind = answer_type(part)
    terms = set(tokenize(part))
    same = best.passage.chunk.id
    near = [
        e
        for e in evidence
        if e not in chosen
        and _follows_on(best.passage, e.passage)
        and (e.passage.chunk.id == same or e.score >= best.score - a.complete_within)
    ]
    for e in near:
        if has_answer_type(kind, e.text, part) if kind else bool(terms & set(tokenize(e.text))):
            return e
    after = [e for e in near if e.passage.chunk.id == same and e.start >= best.end]
    if after:
        nxt = min(after, key=lambda e: e.start)
        offset = _chunk_start(best.passage)
        gap = best.passage.text[best.end - offset : nxt.start - offset]
        if "\n\n" not in gap:
            return nxt
    return None


def _has_items(sentence: StoredSentence, last_start: dict[str, int]) -> bool:
    """Something follows the lead-in in its passage (its items)."""
    return last_start.get(sentence.chunk_id, -1) > sentence.start


def _follows_on(first: Passage, other: Passage) -> bool:
    """The same passage, or the next one of the same paper (an item's outcome often opens the next chunk)."""
    a, b = first.chunk, other.chunk
    return a.id == b.id or (a.doc_id == b.doc_id and b.position == a.position + 1)


def _preceding(sentences: list[StoredSentence], by_chunk: dict[str, Passage]) -> dict[str, set[str]]:
    """Each sentence's previous sentence's tokens, when both sit in one paragraph of one chunk."""
    out: dict[str, set[str]] = {}
    ordered = sorted(sentences, key=lambda s: (s.chunk_id, s.start))
    for prev, cur in zip(ordered, ordered[1:], strict=False):
        passage = by_chunk.get(cur.chunk_id)
        if passage is None or prev.chunk_id != cur.chunk_id:
            continue
        gap = passage.text[prev.end - passage.chunk.start : cur.start - passage.chunk.start]
        if "\n\n" not in gap:
            out[cur.id] = set(tokenize(prev.text))
    return out


def select(profile: QuestionProfile, evidence: list[Evidence], a: AnswerSettings) -> Selection:
    """The best sentence decides whether to answer; near-equal others from elsewhere join it."""
    if not evidence:
        return Selection(True, [], 0.0, 0.0)
    # A question about the meeting of a named day is answered from that meeting's paper (or an undated one): the
    # minutes of 26 June that defer an item "to July 11" do not say what July 11 decided.
    if profile.meetings:
        evidence = [e for e in evidence if e.passage.paper.meeting_date in profile.meetings | {None}]
        if not evidence:
            return Selection(True, [], 0.0, 0.0)
    best = evidence[0]
    chunk_tokens = set(tokenize(best.passage.text)) | _context_tokens(best.passage)
    coverage = profile.coverage(chunk_tokens)
    if best.score < a.abstain_below or coverage < a.min_coverage:
        return Selection(True, [], best.score, coverage)
    # An agenda item's title names the business; the item's own sentences after it say what was said or decided.
    if best.title:
        body = [e for e in evidence[1:] if e.start > best.end and _follows_on(best.passage, e.passage) and not e.title]
        if body and body[0].score >= best.score - a.complete_within:
            best = body[0]
    chosen = [best]
    # The best sentence names the subject but not what was asked ("The Clerk presented the proposal …"): the
    # sentence of the same item that holds it ("Committee resolved to defer the proposal …") completes the answer.
    if not best.typed:
        same_item = [e for e in evidence[1:] if e.typed and _follows_on(best.passage, e.passage)]
        if same_item and same_item[0].score >= best.score - a.complete_within:
            chosen.append(same_item[0])
    # A question of several parts ("how tall …, and when …"): each further part gets the sentence of the same item
    # that answers it, else the sentence right after the best one (the answer's own second half).
    for part in profile.parts:
        extra = _answers_part(part, best, evidence, chosen, a)
        if extra is not None and len(chosen) < a.max_sentences:
            chosen.append(extra)
    # A question naming several councils gets the best supported sentence from each of them.
    for council in profile.councils:
        if len(chosen) >= a.max_sentences or any(e.passage.paper.council == council for e in chosen):
            continue
        own = [e for e in evidence if e.passage.paper.council == council and e.score >= a.abstain_below]
        if own:
            chosen.append(own[0])
    # A question setting two years side by side ("in 2012 compared with 2016") gets the best sentence for each.
    if len(profile.years) > 1:
        for year in sorted(profile.years):
            if len(chosen) >= a.max_sentences or any((e.passage.paper.meeting_date or "")[:4] == year for e in chosen):
                continue
            single = replace(profile, years={year})
            own = [e for e in evidence if e.score >= a.abstain_below and in_its_year(single, e.passage)]
            if own and own[0] not in chosen:
                chosen.append(own[0])
    # A figure or a date is the answer itself: a passage about the subject without one does not answer.
    # The figure must sit in the item asked about: a payments list elsewhere holds figures, not this one.
    if profile.answer_type in a.must_hold and not any(e.typed and _follows_on(best.passage, e.passage) for e in chosen):
        return Selection(True, [], best.score, coverage)
    # Several councils or years named, or an overview asked for: sentences of several papers may answer together.
    spans_papers = len(profile.councils) > 1 or len(profile.years) > 1 or profile.digest
    for cand in evidence[1:]:
        if len(chosen) >= a.max_sentences or cand.score < best.score - a.keep_within:
            break
        if cand in chosen or any(float(np.dot(cand.vector, e.vector)) > a.duplicate_similarity for e in chosen):
            continue
        if not spans_papers and cand.passage.paper.doc_id != best.passage.paper.doc_id:
            continue  # a one-paper question: a near-equal sentence of another paper is a distractor, not support
        chosen.append(cand)
    # The question put at the meeting after the reply it prompted: the reply answers, the question is its context.
    if ASKS.search(best.text):
        replies = [e for e in evidence[1:] if e.start >= best.end and _follows_on(best.passage, e.passage)]
        reply = next((e for e in replies if not ASKS.search(e.text)), None)
        if reply is not None and reply not in chosen and reply.score >= best.score - a.complete_within:
            chosen.insert(1, reply)
    chosen.sort(key=lambda e: bool(ASKS.search(e.text)))
    return Selection(False, chosen[: a.max_sentences], best.score, coverage)


def quote_span(cand: Evidence, siblings: list[tuple[int, int]], list_chars: int = 0) -> tuple[int, int]:
    """The sentence's span, widened to the sentence before when it continues one, or after when it asks one; a
    lead-in ("… as follows:") takes the items after it in its passage, up to list_chars more characters."""
    start, end = cand.start, cand.end
    text, offset = cand.passage.text, _chunk_start(cand.passage)
    if list_chars and LEADIN.search(cand.text):
        items = sorted(s for s in siblings if s[0] >= end)
        for item in items:
            if item[1] - cand.end > list_chars:
                break
            end = item[1]
        return start, end

    def same_paragraph(a: int, b: int) -> bool:
        return "\n" not in text[a - offset : b - offset]

    if CONTINUATION.match(cand.text):
        before = [s for s in siblings if s[1] <= start]
        if before and same_paragraph(max(before)[1], start):
            start = max(before)[0]
    if ASKS.search(cand.text):
        after = [s for s in siblings if s[0] >= end]
        if after and same_paragraph(end, min(after)[0]):
            end = min(after)[1]
    return start, end


# The next numbered agenda item or minute ("7. Trustees …", "12 Planning"): where a list under a lead-in ends.
NEXT_ITEM = re.compile(r"\n\s*\d{1,3}(?:\.\d+)*\.?\s+[A-Z]")


def list_end(text: str, start: int, limit: int) -> int:
    """Where a list that starts at `start` ends: before the next numbered item, else at the last line end (or the
    last sentence end) before `limit`."""
    stop = NEXT_ITEM.search(text, start, limit)
    if stop:
        return len(text[: stop.start()].rstrip())
    window = text[start:limit]
    cut = max(window.rfind("\n"), window.rfind(". ") + 1 if ". " in window else -1)
    if limit >= len(text):
        return len(text.rstrip())
    return start + len(window[:cut].rstrip()) if cut > 0 else start


def _chunk_start(passage: Passage) -> int:
    return passage.chunk.start


def compose(selection: Selection, sentences: list[StoredSentence], list_chars: int = 0) -> list[Citation]:
    """One citation per chosen sentence, numbered in order of score (verified before use)."""
    spans_by_chunk: dict[str, list[tuple[int, int]]] = {}
    for s in sentences:
        spans_by_chunk.setdefault(s.chunk_id, []).append((s.start, s.end))
    citations: list[Citation] = []
    for cand in selection.chosen:
        start, end = quote_span(cand, spans_by_chunk.get(cand.passage.chunk_id, []), list_chars)
        offset = _chunk_start(cand.passage)
        quote = cand.passage.text[start - offset : end - offset]
        if any(c.start <= start and end <= c.end for c in citations):
            continue
        # A quote widened to its neighbour overlaps a sentence already cited alone: one citation of the wider
        # span, under the earlier number (the answer would otherwise say the same sentence twice).
        overlap = next(
            (
                i
                for i, c in enumerate(citations)
                if c.doc_id == cand.passage.paper.doc_id and c.start < end and start < c.end
            ),
            None,
        )
        if overlap is not None:
            old = citations[overlap]
            if old.chunk_id == cand.passage.chunk_id:
                lo, hi = min(old.start, start), max(old.end, end)
                wider = cand.passage.text[lo - offset : hi - offset]
                citations[overlap] = old.model_copy(update={"quote": wider, "start": lo, "end": hi})
            continue
        n = len(citations) + 1
        citation = Citation.from_chunk(n, cand.passage.chunk, quote, start, end, cand.score, cand.speakers)
        citations.append(citation.model_copy(update={"commitment": cand.commitment}) if cand.commitment else citation)
    return citations


def gather_digest(profile: QuestionProfile, evidence: list[Evidence], a: AnswerSettings) -> list[Evidence]:
    """For an overview: per meeting (paper) that can speak for the question's council and year, its best sentences
    scoring within digest_within of the best; the best-supported meetings first chosen, then put in date order
    (undated last) and each meeting's sentences in reading order."""
    if not evidence:
        return []
    floor = max(evidence[0].score - a.digest_within, a.abstain_below)
    meetings: dict[str, list[Evidence]] = {}
    for e in evidence:
        if e.score < floor:
            break
        paper = e.passage.paper
        if another_councils(profile, paper) or not in_its_year(profile, e.passage):
            continue
        if paper.doc_id not in meetings and len(meetings) >= a.digest_meetings:
            continue
        group = meetings.setdefault(paper.doc_id, [])
        similar = any(float(np.dot(e.vector, g.vector)) > a.duplicate_similarity for g in group)
        if len(group) < a.digest_sentences and not similar:
            group.append(e)
    ordered = sorted(
        meetings.values(),
        key=lambda g: (
            g[0].passage.paper.meeting_date is None,
            g[0].passage.paper.meeting_date or "",
            g[0].passage.paper.doc_id,
        ),
    )
    return [e for group in ordered for e in sorted(group, key=lambda e: e.start)]
