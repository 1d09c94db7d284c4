"""An answer's sources for people: one card per passage, numbered chips under the answer, [n] links, the panel.

Document text is escaped here through tabs/render.py's escape_html/escape, once, as everywhere else.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from assistant.cite import Citation
from assistant.pages import PageUnavailable, page_image
from ingest.types import Page, page_at

from .render import CONTEXT_CHARS, document_link, escape, escape_html, window

QUOTE_TITLE = 300  # characters of a quote shown when hovering over its [n]


def passages(citations: list[Citation], documents: dict[str, str]) -> list[list[Citation]]:
    """Citations grouped one list per passage, in the order first cited: sentences of one document whose context
    windows touch share a card (each highlighted in it), so neighbouring sentences do not get near-identical cards.
    A citation whose quote is not at its offsets in the stored text keeps a card of its own."""
    groups: list[list[Citation]] = []
    for c in citations:
        text = documents.get(c.doc_id)
        if text is not None and text[c.start : c.end] == c.quote:
            for group in groups:
                first = group[0]
                exact = text[first.start : first.end] == first.quote
                near = c.start <= max(x.end for x in group) + CONTEXT_CHARS and c.end >= first.start - CONTEXT_CHARS
                if first.doc_id == c.doc_id and exact and near:
                    group.append(c)
                    break
            else:
                groups.append([c])
        else:
            groups.append([c])
    return [sorted(g, key=lambda x: x.start) for g in groups]


def _fold(text: str) -> str:
    """escape_html, keeping one space where the text began or ended with whitespace (segments join as written)."""
    if not text.strip():
        return " " if text else ""
    return (" " if text[0].isspace() else "") + escape_html(text) + (" " if text[-1].isspace() else "")


def _marked(text: str, lo: int, hi: int, spans: list[tuple[int, int, str]]) -> str:
    """text[lo:hi] escaped (whitespace folded), each (start, end, class) span in it wrapped in <mark>."""
    merged: list[list] = []  # overlapping spans (a sentence cited twice, once with its neighbour) are one mark
    for start, end, cls in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1], merged[-1][2] = max(end, merged[-1][1]), merged[-1][2] or cls
        else:
            merged.append([start, end, cls])
    out, at = [], lo
    for start, end, cls in merged:
        start, end = max(start, at), min(end, hi)
        if start >= end:
            continue
        attr = f' class="{cls}"' if cls else ""
        out += [_fold(text[at:start]), f"<mark{attr}>{escape_html(text[start:end])}</mark>"]
        at = end
    out.append(_fold(text[at:hi]))
    return "".join(out).strip()


def passage_html(group: list[Citation], document_text: str | None, focus: int | None = None) -> str:
    """The passage around a group's sentences, each cited sentence highlighted (the focused one marked apart)."""
    first = group[0]
    if not document_text or document_text[first.start : first.end] != first.quote:
        return f"<mark>{escape_html(first.quote)}</mark>"
    lo, hi = min(c.start for c in group), max(c.end for c in group)
    before, _, after = window(document_text, lo, hi, CONTEXT_CHARS)
    start, end = lo - len(before.removeprefix("… ")), hi + len(after.removesuffix(" …"))
    spans = [(c.start, c.end, "ma-focus" if c.n == focus else "") for c in group]
    lead, tail = ("… " if start > 0 else ""), (" …" if end < len(document_text) else "")
    return lead + _marked(document_text, start, end, spans) + tail


def _numbers(group: list[Citation]) -> str:
    return "".join(f"<b>[{c.n}]</b>" for c in sorted(group, key=lambda x: x.n))


def card_html(group: list[Citation], document_text: str | None, lead: bool = False) -> str:
    """One source card per passage: where it is, every cited sentence highlighted in its context, a link to it."""
    first = min(group, key=lambda c: c.n)
    kind = "lead" if lead else "source"
    return (
        f'<div class="ma-card ma-{kind}">'
        f'<div class="ma-where">{_numbers(group)} {escape_html(first.where())}</div>'
        f'<blockquote class="ma-passage">{passage_html(group, document_text)}</blockquote>'
        f'<a class="ma-open" href="{html.escape(document_link(first.doc_id, first.start, first.end))}" '
        f'target="_blank">Open the document at this passage</a></div>'
    )


def chip_value(group: list[Citation]) -> str:
    """What a chip asks the source panel for: the document and each cited span with its number."""
    return group[0].doc_id + "|" + ",".join(f"{c.n}:{c.start}-{c.end}" for c in group)


def chip_html(group: list[Citation]) -> str:
    """A compact numbered chip under the answer; clicking it (or one of its [n]) opens the source panel."""
    first = min(group, key=lambda c: c.n)
    names = " ".join(f"c{c.n}" for c in group)
    label = " · ".join(p for p in (first.title, first.meeting_date) if p)
    return (
        f'<button class="ma-chip" name="{names}" value="{html.escape(chip_value(group))}" '
        f'title="{escape_html(first.where())}">{_numbers(group)} <span>{escape_html(label)}</span></button>'
    )


MARKER = re.compile(r"\\\[(\d+)\\\]")  # an "[n]" in the answer text as escape() leaves it


def _markers(line: str, quotes: dict[int, str]) -> str:
    """An escaped answer line with each [n] a link to its source (the quote on hover); unknown numbers stay text."""

    def link(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in quotes:
            return f"[{n}]"
        quote = quotes[n] if len(quotes[n]) <= QUOTE_TITLE else quotes[n][:QUOTE_TITLE] + "…"
        return f'<a class="ma-ref" href="#c{n}" name="c{n}" title="{escape_html(quote)}">[{n}]</a>'

    return MARKER.sub(link, line)


def chat_message(answer, documents: dict[str, str], asked: str | None = None) -> str:
    """The assistant's chat turn, answer first: what was searched when a follow-up was rewritten, the answer with
    each [n] linked, the note on the filters in force, numbered chips (one per passage), the passages folded."""
    parts = []
    if asked and asked.strip() != answer.question:
        parts.append(f"<sub>Searched for: {escape(answer.question)}</sub>\n")
    cards = answer.citations or answer.leads
    quotes = {c.n: " ".join(c.quote.split()) for c in cards}
    if answer.abstained:
        parts.append(f"**{escape(answer.answer)}**")
    else:
        # Line by line: a digest's "- <meeting>: …" lines stay a list (each line escaped once, its dash restored).
        lines = [_markers(escape(line), quotes) for line in answer.answer.split("\n")]
        text = "\n".join(line.replace("\\- ", "- ", 1) if line.startswith("\\- ") else line for line in lines)
        if getattr(answer, "writer", None):  # the writer's struck-through (unsupported) sentences stay struck
            text = text.replace("\\~\\~", "~~")
        parts.append(text)
    note = getattr(answer, "scope_note", None)
    if note:
        parts.append(f'\n<p class="ma-scope">{escape_html(note)}</p>\n')
    if cards:
        groups = passages(cards, documents)
        heading = "Sources" if answer.citations else "Nearest passages (leads, not answers)"
        chips = "".join(chip_html(g) for g in groups)
        parts.append(f'\n<div class="ma-chips"><span class="ma-label">{heading}</span> {chips}</div>\n')
        folded = "".join(card_html(g, documents.get(g[0].doc_id), lead=answer.abstained) for g in groups)
        count = f"{len(groups)} passage{'s' if len(groups) != 1 else ''}"
        parts.append(f'<details class="ma-passages"><summary>Show the {count}</summary>{folded}</details>')
    return "\n".join(parts)


PANEL_EMPTY = (
    '<div class="ma-panel-empty"><b>Sources</b><p>Click a numbered source under an answer, or a [n] in it, to read '
    "the passage here and, for a PDF, the page it is printed on.</p></div>"
)
_CHIP = re.compile(r"^([^|]{1,200})\|((?:\d{1,4}:\d{1,9}-\d{1,9},?){1,50})(?:\|(\d{1,4}))?$")


def parse_chip(value: str) -> tuple[str, list[tuple[int, int, int]], int | None]:
    """A chip's value ('doc|n:start-end,…' and optionally '|focus n') as (doc_id, [(n, start, end)], focus);
    ValueError saying what is wrong."""
    m = _CHIP.match((value or "").strip())
    if not m:
        raise ValueError("a source is named as doc_id|n:start-end")
    spans = [tuple(int(x) for x in re.split("[:-]", part)) for part in m.group(2).strip(",").split(",")]
    return m.group(1), [(n, s, e) for n, s, e in spans], int(m.group(3)) if m.group(3) else None


def panel_citations(record: dict, spans: list[tuple[int, int, int]]) -> list[Citation]:
    """The cited spans of one stored document as citations (quotes read from its text); ValueError for a span
    outside the text."""
    text, meta = record.get("text", ""), record.get("meta", {})
    out = []
    for n, start, end in spans:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"characters {start}–{end} are not in {record['doc_id']}")
        out.append(
            Citation(
                n=n,
                doc_id=record["doc_id"],
                title=meta.get("title") or record["doc_id"],
                source_path="",
                council=meta.get("council"),
                committee=meta.get("committee"),
                meeting_date=meta.get("meeting_date"),
                quote=text[start:end],
                chunk_id="",
                start=start,
                end=end,
            )
        )
    return sorted(out, key=lambda c: c.start)


def source_panel_html(record: dict, cited: list[Citation], focus: int | None, page, image, unavailable: str | None):
    """The source panel: title, council, body, date, page; the passage with its cited sentences highlighted; the
    original page as an image with the cited lines highlighted (or why it cannot be shown); a link to the whole
    document at the passage. `page` is the ingest Page the passage starts on, `image` an assistant.pages.PageImage."""
    meta = record.get("meta", {})
    body = [meta.get("committee"), meta.get("meeting_body")]
    facts = [meta.get("council"), *dict.fromkeys(b for b in body if b)]
    facts += [meta.get("meeting_date") or "date not stated", meta.get("doc_type")]
    if page is not None:
        facts.append(f"page {page.label}")
    first = next((c for c in cited if c.n == focus), min(cited, key=lambda c: c.n))  # what the link opens at
    out = [
        f'<div class="ma-panel-doc" data-doc="{html.escape(record["doc_id"])}">',
        f"<h3>{escape_html(meta.get('title') or record['doc_id'])}</h3>",
        f'<p class="ma-doc-meta">{" · ".join(escape_html(str(f)) for f in facts if f)}</p>',
        f'<blockquote class="ma-passage">{_numbers(cited)} {passage_html(cited, record.get("text"), focus)}</blockquote>',
    ]
    if image is not None:
        what = f"Page {image.number} of the original PDF"
        note = (
            f"{what}, the cited lines highlighted."
            if image.found
            else f"{what}; the cited sentence could not be found in its text layer, so nothing is highlighted."
        )
        data = base64.b64encode(image.png).decode("ascii")
        focus_attr = f' data-focus="{image.focus:.3f}"' if image.focus is not None else ""
        out.append(
            f'<figure class="ma-page-image"{focus_attr}><img src="data:image/png;base64,{data}" '
            f'alt="{escape_html(what)}"></figure><p class="ma-page-note">{escape_html(note)}</p>'
        )
    else:
        out.append(f'<p class="ma-page-note">The original page is not available: {escape_html(unavailable or "")}.</p>')
    link = html.escape(document_link(first.doc_id, first.start, first.end))
    out.append(f'<p><a class="ma-open" href="{link}" target="_blank">Open the whole document at this passage</a></p>')
    out.append("</div>")
    return "\n".join(out)


def open_source(assistant, value: str) -> str:
    """The panel for a chip's value: the document is looked up by id, the page image rendered from the record's
    own source file (assistant.pages; never a path from the request); errors are said in the panel."""
    try:
        doc_id, spans, focus = parse_chip(value)
        record = assistant.document(doc_id)
        if record is None:
            raise ValueError(f"no document {doc_id} in the archive")
        cited = panel_citations(record, spans)
    except ValueError as exc:
        return f'<p class="ma-page-note">⚠️ {escape_html(str(exc))}</p>'
    page = page_at([Page(**p) for p in record.get("pages") or []], cited[0].start)
    image, unavailable = None, None
    try:
        if page is None:
            raise PageUnavailable("the document has no pages recorded")
        focused = [c for c in cited if c.n == focus] or cited
        quotes = [c.quote for c in cited if page.start <= c.start < page.end] or [focused[0].quote]
        image = page_image(record, page.number, quotes, Path(assistant.settings.store.data_dir) / "pages")
    except PageUnavailable as exc:
        unavailable = str(exc)
    return source_panel_html(record, cited, focus, page, image, unavailable)
