"""Example questions for the first screen, a few per kind of user, drawn from the archive's own phrases and
speakers (never from a list of demo topics) and kept only if the archive answers them with substance."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from index.records import StoredChunk
from ingest.vocab import EXAMPLE_PATTERN, HONORIFICS

KINDS = {
    "councillor": "A councillor might ask",
    "officer": "An officer might ask",
    "evaluator": "To check the sources, ask",
}  # kind -> how the first screen introduces its questions

# Words that make a phrase a piece of procedure, grammar or filler rather than a topic anyone asks about.
FILLER = frozenset(
    """a an and or of to in on for with by at from as is was were be been being are that this these those it its
    their there which who whom what when where will would should could may might can not no yes also any all each
    other such than then into over under about after before during between per via our we you they he she his her
    them us has have had now out back place take took taken come came find made make gave give set further more
    most less much many some very well good hard true long term near future brief prior regarding following
    including information details additional documents case studies key focus wider new next last first second
    third floor work being used number total part section item items agenda minutes minute meeting meetings
    council councils committee committees chair chairman chairperson vice members member officer officers report
    reports recommendation recommendations resolved resolution motion page pages appendix paper papers draft
    approved approval vote voted seconded moved held present apologies declaration declarations interest
    interests noted agreed discussed discussion update updates year years month months week weeks day days date
    time period public session record business respectfully submitted duly signed circulated responded explained
    asked said stated told against even though past going forward move roll call one two three four five six
    seven eight nine ten""".split()
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
TITLED = re.compile(rf"^({EXAMPLE_PATTERN})\s+\w+$")
CLAUSE = re.compile(r"(?<=[.!?;:])\s+|\n")


@dataclass
class _Phrase:
    docs: set[str] = field(default_factory=set)
    count: int = 0
    forms: Counter = field(default_factory=Counter)
    speakers: Counter = field(default_factory=Counter)


def _phrases(chunks: list[StoredChunk], names: set[str]) -> dict[tuple[str, str], _Phrase]:
    """Two-word phrases of content words, per (word, word-less-plural-s) key: where and how they are written."""
    out: dict[tuple[str, str], _Phrase] = defaultdict(_Phrase)
    for chunk in chunks:
        for clause in CLAUSE.split(chunk.text):
            words = WORD.findall(clause)
            for w1, w2 in zip(words, words[1:], strict=False):
                l1, l2 = w1.lower(), w2.lower()
                if {l1, l2} & (FILLER | names) or min(len(l1), len(l2)) < 3 or l1.endswith("ed") or l2.endswith("ed"):
                    continue
                phrase = out[(l1, l2.removesuffix("s"))]
                phrase.docs.add(chunk.doc_id)
                phrase.count += 1
                phrase.forms[f"{w1} {w2}"] += 1
                phrase.speakers.update(chunk.speakers)
    return out


def topics(chunks: list[StoredChunk], speakers: set[str], facets: dict[str, set[str]] | None = None) -> list[str]:
    """Topics the archive's papers share: two-word phrases in at least two papers and at most half of them,
    common nouns ('planning application') before capitalised names, then the most widely used first. Words of
    people's, councils' and committees' names are left out (they are filters and speakers, not topics)."""
    return [form for form, _ in _ranked(chunks, speakers, facets)]


def _ranked(chunks, speakers, facets) -> list[tuple[str, _Phrase]]:
    named = set(speakers) | {v for f in ("council", "committee", "meeting_body") for v in (facets or {}).get(f, ())}
    names = {w.lower() for n in (*named, *HONORIFICS) for w in WORD.findall(n)}
    phrases = _phrases(chunks, names)
    papers = len({c.doc_id for c in chunks})
    ranked = []
    for phrase in phrases.values():
        if not 2 <= len(phrase.docs) <= max(2, papers // 2):
            continue
        form = phrase.forms.most_common(1)[0][0]
        ranked.append((form[0].isupper(), -len(phrase.docs), -phrase.count, form, phrase))
    ranked.sort(key=lambda r: r[:4])
    return [(r[3] if r[0] and r[3].split()[1][0].isupper() else r[3].lower(), r[4]) for r in ranked]


def candidates(chunks: list[StoredChunk], speakers: set[str], facets: dict[str, set[str]] | None = None):
    """Questions per kind of user, best first: a councillor asks what was decided; an officer wants a briefing
    across meetings; an evaluator checks who said what (a named speaker on a topic they spoke to)."""
    ranked = _ranked(chunks, speakers, facets)
    forms = [form for form, _ in ranked]
    named = [s for s in speakers if TITLED.match(s)]
    spoke = Counter(s for c in chunks for s in c.speakers if s in named)
    pairs = []
    for speaker, _ in spoke.most_common():
        spoken = [(p.speakers[speaker], -i, form) for i, (form, p) in enumerate(ranked) if p.speakers[speaker]]
        topic = max(spoken)[2] if spoken else None  # the topic they spoke to most, the better-ranked on a tie
        pairs.append(f"What did {speaker} say about {topic}?" if topic else f"What did {speaker} say?")
    return {
        "councillor": [f"What was decided about {t}?" for t in forms[0::2]],
        "officer": [f"What has been said about {t} across the meetings?" for t in forms[1::2]],
        "evaluator": pairs,
    }


def _substantial(answer) -> bool:
    """An answer worth showing off: not an abstention, and not led by a bare heading or a lead-in ending in ':'."""
    if answer.abstained:
        return False
    first = answer.citations[0].quote.strip()
    return len(first.split()) >= 8 and not first.endswith(":")


def example_questions(assistant, n: int = 2, tries: int = 6) -> dict[str, list[str]]:
    """Up to n questions per kind of user (KINDS) that the assistant answers with substance, each kind trying at
    most `tries` candidates in order; a kind with none answered is left out."""
    facets = assistant.facets
    chunks = assistant.store.all_chunks()
    chosen: dict[str, list[str]] = {}
    for kind, questions in candidates(chunks, facets.get("speakers", set()), facets).items():
        kept: list[str] = []
        for question in questions[:tries]:
            if len(kept) >= n:
                break
            if _substantial(assistant.ask(question)):
                kept.append(question)
        if kept:
            chosen[kind] = kept
    return chosen
