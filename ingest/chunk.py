"""Structure-aware chunking: agenda items, numbered paragraphs and bullets stay whole; sentences are never split."""

# Own chunker: llama-index's SentenceSplitter counts tokens and knows nothing of 5.1.9 / (xi) / Ø structure,
# nor keeps the character offsets a citation needs.

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .sentences import split_sentences
from .speakers import NO_CAST, NOT_PEOPLE, Cast, gender, introduces, mentions_other, speakers_in, turn_speaker
from .titles import context_label
from .types import Chunk, Document, Sentence

# Paragraph markers, declared as data and tried in order: (kind, pattern whose group 1 is the label).
MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("numbered", re.compile(r"^[ \t]*(?:[-–•·Ø][ \t]*)?(\d{1,2}(?:\.\d{1,3})+)\.?[ \t]+")),
    ("number", re.compile(r"^[ \t]*(\d{1,2})\.?[ \t]+(?=[A-Z])")),
    ("roman", re.compile(r"^[ \t]*(?:[-–][ \t]*)?(\((?:[ivxlcdm]+|[a-zA-Z])\))[ \t]*")),
    ("letter", re.compile(r"^[ \t]*(?:[-–][ \t]*)?([a-zA-Z]\))[ \t]+")),
    ("markdown", re.compile(r"^[ \t]*(#{1,6})[ \t]+")),
    ("bullet", re.compile(r"^[ \t]*([-–•·Ø*▪◦])[ \t]+")),
]
ITEM_KINDS = {"roman", "letter", "bullet"}
BOILERPLATE = {"agenda item", "minutes:", "supporting documents:", "to follow"}
HEADING_MAX_CHARS = 80
CHUNK_SIZE = 900  # most characters in a chunk; a sentence is never split to keep to it
MIN_CHUNK = 250  # small neighbouring items under one heading merge until a chunk reaches this size


@dataclass
class _Para:
    start: int  # content start, after any marker
    end: int
    kind: str  # a MARKERS kind or "plain"
    label: str


@dataclass
class _Unit:
    start: int
    end: int
    label: str
    group: int
    headings: tuple[str, ...]
    leadin: str
    sentences: list[Sentence] = field(default_factory=list)


def _table_row(line: str) -> bool:
    """Cells split by tabs. A justified prose line that a PDF extractor spaced with single tabs between words
    ("Councillor\tSmith\treported\tthat …") is not one: splitting it as a row cut its sentence at every line end."""
    body = line.strip(" \t")
    if "\t" not in body and line.count("\t") < 3:
        return False
    cells = [c.split() for c in body.split("\t") if c.strip()]
    words = sum(len(c) for c in cells)
    spaced_prose = (
        "\t\t" not in body
        and words >= 6
        and max(len(c) for c in cells) <= 3
        and (len(cells) >= 6 or sum(len(c) == 1 for c in cells) >= 0.7 * len(cells))
    )
    return not spaced_prose


def _paragraphs(text: str) -> list[_Para]:
    """Runs of lines; a marker, a blank line or a short unpunctuated line (a heading) starts a new one."""
    paras: list[_Para] = []
    current: _Para | None = None
    prev_line = ""
    pos = 0
    for line in text.splitlines(keepends=True):
        line_start, pos = pos, pos + len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            current, prev_line = None, ""
            continue
        kind, label, content_start = "plain", "", line_start + len(body) - len(body.lstrip())
        if _table_row(body):
            kind = "table"  # a table row: kept as its own line, never a heading
        for name, pattern in [] if kind == "table" else MARKERS:
            match = pattern.match(body)
            if match:
                kind, label, content_start = name, match.group(1), line_start + match.end()
                break
        prev = prev_line.strip()
        starts_new = current is None or kind != "plain" or len(prev) < 60 or prev.endswith((".", "?", "!", ":"))
        content_end = line_start + len(body.rstrip())
        if starts_new or current is None:
            current = _Para(content_start, content_end, kind, label)
            paras.append(current)
        else:
            current.end = content_end
        prev_line = body
    return paras


def _is_heading(para: _Para, content: str) -> bool:
    if para.kind == "markdown":
        return True
    if para.kind in ITEM_KINDS or para.kind == "table" or len(content) > HEADING_MAX_CHARS:
        return False
    return not content.endswith((".", "?", "!", ":", ";", ",")) and len(content.split()) <= 12


def _heading_level(para: _Para, stack: list[tuple[int, bool, str]]) -> tuple[int, bool]:
    """(level, numbered): numbered headings nest by their dots; others sit one below the deepest numbered."""
    if para.kind == "markdown":
        return len(para.label), True
    if para.kind in ("numbered", "number"):
        return para.label.count(".") + 1, True
    numbered = [level for level, is_numbered, _ in stack if is_numbered]
    return (max(numbered) if numbered else 0) + 1, False


def _units(doc: Document) -> list[_Unit]:
    text = doc.text
    stack: list[tuple[int, bool, str]] = []
    units: list[_Unit] = []
    leadin, leadin_group, group, table_group = "", -1, 0, -1
    for para in _paragraphs(text):
        content = text[para.start : para.end]
        if content.strip().lower() in BOILERPLATE:
            continue
        if _is_heading(para, content):
            level, numbered = _heading_level(para, stack)
            while stack and stack[-1][0] >= level:
                stack.pop()
            title = f"{para.label} {content}" if para.kind in ("numbered", "number") else content
            title = title.replace("**", "")
            stack.append((level, numbered, title.strip()))
            leadin = ""
            continue
        group += 1
        label = para.label if para.kind in ("numbered", "number", "roman", "letter") else ""
        if para.kind == "table" and units and units[-1].group == table_group:
            unit_group, unit_leadin = table_group, units[-1].leadin
        elif para.kind in ITEM_KINDS and leadin:
            unit_group, unit_leadin = leadin_group, leadin
        else:
            unit_group, unit_leadin = group, ""
            leadin = ""
        if content.rstrip().endswith(":") or (para.kind in ("numbered", "number") and para.kind not in ITEM_KINDS):
            leadin, leadin_group = content.strip(), unit_group
        table_group = unit_group if para.kind == "table" else -1
        units.append(
            _Unit(
                para.start,
                para.end,
                label,
                unit_group,
                tuple(h for _, _, h in stack),
                unit_leadin,
                split_sentences(content, para.start),
            )
        )
    return units


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _section_path(headings: tuple[str, ...], labels: list[str], leadin: str) -> list[str]:
    """Where a chunk sits: its headings, shortened, then its paragraph labels ("5.1.9", "(i)–(iv)") or lead-in."""
    parts = [_short(h, 60) for h in headings]
    labels = [label for label in labels if label]
    if labels:
        parts.append(labels[0] if len(labels) == 1 or labels[0] == labels[-1] else f"{labels[0]}–{labels[-1]}")
    elif leadin:
        parts.append(_short(leadin.rstrip(":"), 60))
    return parts


def transcript_turns(units: list[_Unit]) -> dict[int, str]:
    """Each unit's turn speaker, when the document reads as a transcript: a third or more of its paragraphs open
    "Name: …" and some speaker takes the floor more than once. Otherwise none: in a report "Financial
    Implications: …" and "Report Author: …" are labels, each used once, not speakers."""
    turns = {id(u): t for u in units if u.sentences and (t := turn_speaker(u.sentences[0].text))}
    returns = max(Counter(turns.values()).values(), default=0) >= 2
    return turns if returns and len(turns) >= max(3, len(units) / 3) else {}


# A sentence opening "He"/"She" continues the last speaker ("She advised that drones …" after "PC Spiers advised …");
# "They" is as often the residents or a body as a person, so it is left alone.
PRONOUN = re.compile(r"^[\s•\uf0b7·▪◦*-]*(?P<pronoun>He|She)\b")
OPENS_LIST = re.compile(r":\s*$")  # "… confirmed the following:": the next paragraph or bullets are the list
VOTE = re.compile(r"\bvot(?:e|es|ed|ing)\b|\bAyes\b|\broll call\b", re.I)  # "… by the following vote:" is a tally
BULLETED = re.compile(r"^\s*[•\uf0b7·▪◦*-]")  # a bullet glyph a PDF's text kept but the markers do not read
NUMBERED_LABEL = re.compile(r"^\d")  # a numbered paragraph starts a new item
# "… confirmed via email the following : There is no update …": the paragraph's later sentences are that list.
FOLLOWING = re.compile(r"\b(?:the following|as follows)\s*:\s*\S")


def _unit_speakers(units: list[_Unit], turns: dict[int, str], cast: Cast = NO_CAST) -> dict[int, list[list[str]]]:
    """Each unit's sentences' speakers (by unit id), read in document order: a transcript turn's speaker; else who the
    sentence names; else, for a sentence opening "He"/"She", the one person or office last named in the same item
    (never across a heading or a numbered paragraph, nor once another titled person is mentioned, nor against a
    title's gender); else the speaker of the lead-in it sits under."""
    out: dict[int, list[list[str]]] = {}
    last: str | None = None  # the one person or office named last in this item
    listing: list[str] = []  # the speaker of a lead-in paragraph ("… reported the following:") and its list
    fresh = False  # the unit just before was that lead-in
    headings: tuple[str, ...] | None = None
    for unit in units:
        turn = turns.get(id(unit))
        if turn:  # every sentence of a transcript turn ("The Chair: …") is the turn's speaker's
            out[id(unit)] = [[turn] for _ in unit.sentences]
            continue
        if unit.headings != headings or NUMBERED_LABEL.match(unit.label):
            last, listing = None, []
        headings = unit.headings
        in_list = bool(unit.leadin) or bool(unit.sentences and BULLETED.match(unit.sentences[0].text))
        if listing and not in_list and not fresh:
            listing = []  # one plain paragraph after the lead-in is its list; the next is the minutes again
        fresh = False
        # A bullet under "Inspector Danvers highlighted the following:" is hers unless it names someone else; so is a
        # paragraph under a heading that is itself a speaker's line ("CC advised").
        inherited = speakers_in(unit.leadin, cast) if unit.leadin else []
        heading = introduces(headings[-1], cast) if headings else []
        inherited = inherited or listing or heading
        spoken: list[list[str]] = []
        within: list[str] = []  # the speaker of "… the following: …" earlier in this paragraph
        for sentence in unit.sentences:
            own = speakers_in(sentence.text, cast)
            named = [n for n in own if n not in NOT_PEOPLE]
            pronoun = PRONOUN.match(sentence.text)
            if named:
                last = named[0] if len(named) == 1 else None
            elif pronoun and last and gender(last) in (None, pronoun.group("pronoun").lower()):
                own = [last]
            elif last and mentions_other(sentence.text, last):
                last = None  # "… asked Mr Pierce …": a later "He" may be either
            if named and FOLLOWING.search(sentence.text):
                within = named[:1]
            spoken.append(own or within or inherited)
        out[id(unit)] = spoken
        lead = next((names for names in reversed(spoken) if names), [])
        opener = unit.sentences[-1].text if unit.sentences else ""
        if OPENS_LIST.search(opener) and not VOTE.search(opener) and lead:
            listing, fresh = lead, True
    return out


def chunk_document(doc: Document, chunk_size: int = CHUNK_SIZE, min_chunk: int = MIN_CHUNK) -> list[Chunk]:
    """Group paragraphs into chunks of at most chunk_size characters; an over-long paragraph splits at sentences."""
    units = _units(doc)
    turns = transcript_turns(units)  # by unit id; a long turn's pieces keep its speaker
    pieces: list[list[_Unit]] = []
    for unit in units:
        if unit.end - unit.start <= chunk_size or len(unit.sentences) <= 1:
            pieces.append([unit])
            continue

        def piece(part: list[Sentence], unit: _Unit = unit) -> list[_Unit]:
            cut = _Unit(part[0].start, part[-1].end, unit.label, unit.group, unit.headings, unit.leadin, part)
            if id(unit) in turns:
                turns[id(cut)] = turns[id(unit)]
            return [cut]

        part: list[Sentence] = []
        for sentence in unit.sentences:
            if part and sentence.end - part[0].start > chunk_size:
                pieces.append(piece(part))
                part = []
            part.append(sentence)
        pieces.append(piece(part))

    speakers = _unit_speakers([unit for (unit,) in pieces], turns, Cast.of(doc.text))
    merged: list[list[_Unit]] = []
    for (unit,) in pieces:
        if merged:
            current = merged[-1]
            size = current[-1].end - current[0].start
            same_heading = current[0].headings == unit.headings
            fits = unit.end - current[0].start <= chunk_size
            same_group = current[-1].group == unit.group
            if same_heading and fits and (same_group or size < min_chunk):
                current.append(unit)
                continue
        merged.append([unit])

    chunks = []
    content_hash = doc.content_hash
    for position, group in enumerate(merged):
        start, end = group[0].start, group[-1].end
        leadin = next((u.leadin for u in group if u.leadin), "")
        text = doc.text[start:end]
        context_parts = [context_label(doc.meta.title, doc.doc_id), *group[0].headings]
        if leadin and leadin not in text:
            context_parts.append(leadin)
        page = doc.page_at(start)
        sentence_speakers = [names for unit in group for names in speakers[id(unit)]]
        chunks.append(
            Chunk(
                doc_id=doc.doc_id,
                position=position,
                start=start,
                end=end,
                text=text,
                headings=_section_path(group[0].headings, [u.label for u in group], leadin),
                context=" — ".join(_short(p, 120) for p in context_parts if p),
                sentences=[s for u in group for s in u.sentences],
                page=page.label if page else None,
                content_hash=content_hash,
                sentence_speakers=sentence_speakers,
            )
        )
    return chunks
