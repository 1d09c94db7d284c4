"""A paper's header and title block: where its own council, meeting, date and title are stated."""

from __future__ import annotations

import re

from .vocab import BUSINESS_STARTS, alternation

HEADER_CHARS = 1500  # further in, a council, body or date is more often another's than the paper's
HEADING_LINES = 10  # a title block: letterhead, title, date, venue
# The business opens with the attendance list, the items, or the first numbered item ("1. Apologies").
_BUSINESS = re.compile(rf"^[ \t]*(?:(?:{alternation(BUSINESS_STARTS)})\b|\d{{1,3}}\.[ \t]+\S)", re.I | re.M)


# Cyrillic and Greek letters drawn like Latin ones, which pasted or converted text sometimes carries in an English
# line ("То: Cabinet" with a Cyrillic Т and о): read as the Latin letters in any line that has Latin letters too.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХаеорсухіјѕІЈЅΑΒΕΗΙΚΜΝΟΡΤΥΧοι", "ABEKMHOPCTXaeopcyxijsIJSABEHIKMNOPTYXoi")
_LATIN = re.compile(r"[A-Za-z]")


def latin(text: str) -> str:
    """The text with look-alike letters read as Latin in its Latin lines (same length, so offsets agree)."""
    return "".join(
        line.translate(_LOOKALIKES) if _LATIN.search(line) else line for line in text.splitlines(keepends=True)
    )


def header(text: str) -> str:
    """The text before the business starts, at most HEADER_CHARS (look-alike letters read as Latin)."""
    head = latin(text[:HEADER_CHARS])
    start = _BUSINESS.search(head)
    return head[: start.start()] if start else head


def heading(text: str) -> str:
    """The header's first HEADING_LINES non-empty lines (a prefix of the text, so offsets agree)."""
    head = header(text)
    seen = 0
    for line in re.finditer(r"[^\n]*\n?", head):
        if line.group(0).strip():
            seen += 1
            if seen == HEADING_LINES:
                return head[: line.end()]
    return head


def heading_lines(text: str) -> list[str]:
    """The title block's non-empty lines, stripped."""
    return [line.strip() for line in heading(text).splitlines() if line.strip()]
