"""Follow-up questions: rewrite "and what about Charnwood?" or "who said that?" from the previous turn.

Rules are data (FOLLOW_UPS), tried in order; the first that matches rewrites the question, and the rewritten
question is what is searched and what the user is shown. A question no rule matches is searched as asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .question import SPEAKER_TOPIC, councils_named


@dataclass(frozen=True)
class Turn:
    """What a follow-up can lean on: the question as searched, and the answer's citations (as JSON dicts)."""

    question: str
    searched: str
    citations: tuple[dict, ...] = ()


@dataclass(frozen=True)
class FollowUp:
    name: str
    pattern: re.Pattern
    rewrite: Callable[[re.Match, Turn, set[str]], str | None]


_PRONOUNS = re.compile(r"\b(he|she|they|him|her|them|that|this|it|those|these)\b", re.I)
_PERSON = re.compile(r"\b(he|she|they|him|her|them)\b", re.I)
_THING = re.compile(r"\b(that|this|it|those|these)\b", re.I)
_ABOUT = re.compile(r"\b(about|on|regarding|concerning)\s+(?P<topic>[^?]+?)\s*\??\s*$", re.I)
_MAX_FOLLOW_UP_WORDS = 8


def topic_of(turn: Turn) -> str | None:
    """What the turn was about: Y in "what did X say about Y" or "… about Y"; None if it does not say."""
    match = SPEAKER_TOPIC.match(turn.searched) or _ABOUT.search(turn.searched)
    return match.group("topic").strip() if match else None


def _speaker(turn: Turn) -> str | None:
    for c in turn.citations:
        if c.get("speakers"):
            return c["speakers"][0]
    match = SPEAKER_TOPIC.match(turn.searched)
    return match.group("speaker").strip() if match else None


def _who_said(match: re.Match, prev: Turn, councils: set[str]) -> str | None:
    if not prev.citations:
        return None
    words = prev.citations[0]["quote"].split()
    quote = " ".join(words[:30]) + (" …" if len(words) > 30 else "")
    return f'Who said "{quote}"?'


def _what_about(match: re.Match, prev: Turn, councils: set[str]) -> str | None:
    other = match.group("x").strip().rstrip("?").strip()
    new = councils_named(other, councils)
    if new:
        old = councils_named(prev.searched, councils)
        key = new[0].split()[0]
        if old:
            text = prev.searched
            for council in old:
                text = re.sub(rf"\b{re.escape(council.split()[0])}\b", key, text, flags=re.I)
            return text
        return f"{prev.searched.rstrip(' ?')} in {key}?"
    about = _ABOUT.search(prev.searched)
    if about:
        return prev.searched[: about.start("topic")] + other + "?"
    return f"What has been said about {other}?"


def _pronoun(match: re.Match, prev: Turn, councils: set[str]) -> str | None:
    question = match.string.strip()
    if len(question.split()) > _MAX_FOLLOW_UP_WORDS:
        return None
    rewritten = question
    speaker = _speaker(prev)
    if speaker and _PERSON.search(rewritten):
        rewritten = _PERSON.sub(speaker, rewritten, count=1)
    topic = topic_of(prev)
    if topic and _THING.search(rewritten):
        rewritten = _THING.sub(topic, rewritten, count=1)
    if rewritten == question:
        return f"{question.rstrip(' ?')} ({prev.searched.rstrip(' ?')})?"
    return rewritten


FOLLOW_UPS: tuple[FollowUp, ...] = (
    FollowUp(
        "who said that",
        re.compile(
            r"^\s*(?:and\s+|so\s+)?who\s+(?:said|says|mentioned|stated|reported|raised|promised|agreed)\s+"
            r"(?:that|this|it)\s*\??\s*$",
            re.I,
        ),
        _who_said,
    ),
    FollowUp(
        "what about",
        re.compile(r"^\s*(?:and|but|so)?\s*(?:what|how)\s+about\s+(?:in\s+|for\s+|at\s+)?(?P<x>.+?)\s*\??\s*$", re.I),
        _what_about,
    ),
    FollowUp("and in", re.compile(r"^\s*(?:and|also)\s+(?:in|for|at)\s+(?P<x>.+?)\s*\??\s*$", re.I), _what_about),
    FollowUp(
        "same for",
        re.compile(r"^\s*(?:and\s+)?(?:the\s+)?same\s+(?:for|in|at)\s+(?P<x>.+?)\s*\??\s*$", re.I),
        _what_about,
    ),
    FollowUp("pronoun", _PRONOUNS, _pronoun),
)


def rewrite(question: str, previous: Turn | None, councils: set[str]) -> tuple[str, str | None]:
    """(question to search, name of the rule that rewrote it or None)."""
    if previous is None:
        return question, None
    for rule in FOLLOW_UPS:
        match = rule.pattern.search(question) if rule.name == "pronoun" else rule.pattern.match(question)
        if match:  # the first rule whose pattern matches decides, even if it has nothing to add
            rewritten = rule.rewrite(match, previous, councils)
            if rewritten and rewritten.strip() != question.strip():
                return rewritten, rule.name
            return question, None
    return question, None
