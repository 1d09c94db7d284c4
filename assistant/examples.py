"""Example questions drawn from the archive's own headings and speakers, kept only if the archive answers them."""

from __future__ import annotations

import re
from itertools import zip_longest

from index.records import StoredChunk
from ingest.vocab import EXAMPLE_PATTERN

# Report boilerplate headings that every paper has: not topics anyone asks about.
GENERIC = re.compile(
    r"^(summary|recommendations?|reasons?( for recommendations?)?|background|introduction( and overview)?|"
    r"consultation|options considered|next steps.*|.*implications.*|risk.*|appendi(x|ces).*|purpose.*|"
    r"resolved.*|agenda item|minutes|apologies.*|declarations?.*|summary of .*|strategies|main considerations|"
    r"during the discussion.*|.*the following)$",
    re.I,
)
NUMBERING = re.compile(r"^[\divxlc.()\s–-]+(?=[A-Z])|^\d+(\.\d+)*\s+")
TITLED = re.compile(rf"^({EXAMPLE_PATTERN})\s+\w+$")


def _topics(chunks: list[StoredChunk]) -> dict[str, list[str]]:
    """Per document, its distinctive headings in reading order."""
    out: dict[str, list[str]] = {}
    for chunk in chunks:
        for part in chunk.headings:
            heading = NUMBERING.sub("", part.strip()).strip(" :")
            words = heading.split()
            if (
                not 2 <= len(words) <= 6
                or heading.endswith("…")
                or GENERIC.match(heading)
                or heading.isupper()
                or any(ch.isdigit() for ch in heading)
            ):
                continue
            topics = out.setdefault(chunk.doc_id, [])
            if heading not in topics:
                topics.append(heading)
    return out


def _phrase(heading: str) -> str:
    words = [w if (w.isupper() or w.strip("()").isupper()) else w.lower() for w in heading.split()]
    return " ".join(words)


def candidates(chunks: list[StoredChunk], speakers: set[str]) -> list[str]:
    """Questions in an order that spreads them over documents: one topic from each, then a named speaker, …"""
    per_doc = _topics(chunks)
    topic_qs = [q for group in zip_longest(*per_doc.values()) for q in group if q]
    named = sorted(s for s in speakers if TITLED.match(s))
    speaker_qs = [f"What did {s} say?" for s in named]
    out = []
    for t, s in zip_longest(topic_qs, speaker_qs):
        if t:
            out.append(f"What was said about {_phrase(t)}?")
        if s:
            out.append(s)
    return out


def _substantial(answer) -> bool:
    """An answer worth showing off: not an abstention, and not led by a bare heading or a lead-in ending in ':'."""
    if answer.abstained:
        return False
    first = answer.citations[0].quote.strip()
    return len(first.split()) >= 8 and not first.endswith(":")


def example_questions(assistant, n: int = 5, tries: int = 20) -> list[str]:
    """Up to n corpus questions the assistant answers with substance, tried in `candidates` order."""
    chosen = []
    for question in candidates(assistant.store.all_chunks(), assistant.facets.get("speakers", set()))[:tries]:
        if _substantial(assistant.ask(question)):
            chosen.append(question)
        if len(chosen) == n:
            break
    return chosen
