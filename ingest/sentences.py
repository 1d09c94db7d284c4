"""Sentence spans for minutes prose: abbreviation-aware, offsets exact, no model download."""

# Own splitter: nltk's punkt needs a data download and llama-index's splitters return text, not offsets.

from __future__ import annotations

import re

from .types import Sentence
from .vocab import MONTH_ABBREVIATIONS, TITLE_ABBREVIATIONS

ABBREVIATIONS = (
    TITLE_ABBREVIATIONS
    | MONTH_ABBREVIATIONS
    | {
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "eg",
        "ie",
        "approx",
        "inc",
        "ltd",
        "co",
        "para",
        "paras",
        "ref",
        "cf",
        "al",
        "fig",
        "vol",
        "op",
        "ch",  # statute chapters: "M.G.L. ch. 138 s. 64"
        "sec",
    }
)

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£Ø•·])")
_WORD_BEFORE = re.compile(r"(?:^|[\s(])([A-Za-z][A-Za-z.]*)[.!?]*[\"'”’)\]]*\s*$")


def _is_abbreviation(text_before: str) -> bool:
    match = _WORD_BEFORE.search(text_before)
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    return word in ABBREVIATIONS or word.replace(".", "") in ABBREVIATIONS or len(word) == 1


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split text into sentences; each Sentence's offsets are relative to the document (offset added)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        if text[match.start()] == "." and _is_abbreviation(text[start : match.start() + 1]):
            continue
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    sentences = []
    for s, e in spans:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            sentences.append(Sentence(offset + s + lead, offset + s + lead + len(piece), piece))
    return sentences
