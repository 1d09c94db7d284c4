"""Answers and documents as Markdown and HTML for people: chat messages, source cards, the reader, exports.

Everything taken from a document is escaped here, once: a paper containing `<script>` or a Markdown link is shown
as the text it is, never as markup.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

from assistant.answer import scope_of
from assistant.cite import Citation

CONTEXT_CHARS = 260  # text shown either side of a cited sentence on its card


_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# One pass, one table: escaping in two passes escaped the first pass's own output (the '#' of '&#x27;' became
# '&#35;', and an apostrophe showed as '&#x27;').
_AS_MARKDOWN = str.maketrans({**_HTML_SPECIAL, **{c: "\\" + c for c in "\\`*_{}[]()#+!|~-"}})
_AS_HTML = str.maketrans({**{c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+!|~-"}, **_HTML_SPECIAL})


def escape(text: str) -> str:
    """HTML-escape and neutralise Markdown, folding whitespace: for document text inside Markdown."""
    return " ".join(text.split()).translate(_AS_MARKDOWN)


def escape_html(text: str) -> str:
    """HTML-escape, folding whitespace, Markdown specials as entities: for document text inside HTML blocks,
    which stay inert even if a renderer parses Markdown inside them."""
    return " ".join(text.split()).translate(_AS_HTML)


def document_link(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    """The app's own address for reading a document, at a passage when offsets are given."""
    params: dict[str, str | int] = {"doc": doc_id}
    if start is not None and end is not None:
        params.update(start=start, end=end)
    return "?" + urlencode(params)


def _window(text: str, start: int, end: int, chars: int) -> tuple[str, str, str]:
    """The cited span with up to `chars` either side, cut at whitespace so words stay whole."""
    lo = max(0, start - chars)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    hi = min(len(text), end + chars)
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    before = ("… " if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + (" …" if hi < len(text) else "")
    return before, text[start:end], after


def card_html(c: Citation, document_text: str | None, lead: bool = False) -> str:
    """One source card: where the passage is, the cited sentence highlighted in its surrounding text, a link to it."""
    if document_text and document_text[c.start : c.end] == c.quote:
        before, quote, after = _window(document_text, c.start, c.end, CONTEXT_CHARS)
    else:
        before, quote, after = "", c.quote, ""
    passage = f"{escape_html(before)} <mark>{escape_html(quote)}</mark> {escape_html(after)}".strip()
    kind = "lead" if lead else "source"
    return (
        f'<div class="ma-card ma-{kind}" data-n="{c.n}">'
        f'<div class="ma-where"><b>[{c.n}]</b> {escape_html(c.where())}</div>'
        f'<blockquote class="ma-passage">{passage}</blockquote>'
        f'<a class="ma-open" href="{html.escape(document_link(c.doc_id, c.start, c.end))}" target="_blank">'
        f"Open the document at this passage</a></div>"
    )


def chat_message(answer, documents: dict[str, str], asked: str | None = None) -> str:
    """The assistant's chat turn: what was searched when a follow-up was rewritten, the answer with [n], the cards."""
    parts = []
    if asked and asked.strip() != answer.question:
        parts.append(f"<sub>Searched for: {escape(answer.question)}</sub>\n")
    if answer.abstained:
        parts.append(f"**{escape(answer.answer)}**")
    else:
        # Line by line: a digest's "- <meeting>: …" lines stay a list (each line escaped once, its dash restored).
        lines = [escape(line).replace("\\[", "[").replace("\\]", "]") for line in answer.answer.split("\n")]
        text = "\n".join(line.replace("\\- ", "- ", 1) if line.startswith("\\- ") else line for line in lines)
        if getattr(answer, "writer", None):  # the writer's struck-through (unsupported) sentences stay struck
            text = text.replace("\\~\\~", "~~")
        parts.append(text)
    cards = answer.citations or answer.leads
    if cards:
        heading = "Sources" if answer.citations else "Nearest passages (leads, not answers)"
        parts.append(f"\n**{heading}**\n")
        parts.extend(card_html(c, documents.get(c.doc_id), lead=answer.abstained) + "\n" for c in cards)
    return "\n".join(parts)


def answer_markdown(question: str, answer: dict, searched: str | None = None) -> str:
    """One answer with its citations as plain Markdown, for copying into a note or an email."""
    lines = [f"**Q:** {question}"]
    if searched and searched != question:
        lines.append(f"*Searched for: {searched}*")
    lines += [f"*{note}*" for note in [scope_of(answer)] if note]
    lines += ["", answer["answer"], ""]
    cards = answer.get("citations") or answer.get("leads") or []
    if cards:
        lines.append("Sources:" if answer.get("citations") else "Nearest passages (leads, not answers):")
        for c in cards:
            lines.append(
                f"- [{c['n']}] {Citation.model_validate({**c, 'chunk_id': c.get('chunk_id', '')}).where()}"
                f" ({c['doc_id']}, characters {c['start']}–{c['end']})"
            )
            lines.append(f"  > {' '.join(c['quote'].split())}")
    return "\n".join(lines)


def conversation_markdown(turns: list[dict]) -> str:
    """The whole conversation, one answer after another, each with its citations."""
    blocks = ["# Minutes Assistant conversation", ""]
    for i, t in enumerate(turns, start=1):
        blocks.append(f"## {i}. {t['question']}")
        blocks.append(answer_markdown(t["question"], t["answer"], t.get("searched")))
        blocks.append("")
    return "\n".join(blocks)


def document_html(record: dict, start: int | None = None, end: int | None = None) -> str:
    """A whole stored document for reading: its metadata, its pages, the cited passage marked and scrolled to."""
    text = record.get("text", "")
    meta = record.get("meta", {})
    marks = start is not None and end is not None and 0 <= start < end <= len(text)
    facts = [
        meta.get("council"),
        meta.get("committee"),
        meta.get("meeting_date") or "date not stated",
        meta.get("doc_type"),
    ]
    out = [
        f'<div class="ma-doc" data-doc="{html.escape(record["doc_id"])}">',
        f"<h3>{html.escape(meta.get('title') or record['doc_id'])}</h3>",
        f'<p class="ma-doc-meta">{" · ".join(html.escape(str(f)) for f in facts if f)}</p>',
    ]
    for page in record.get("pages") or [{"label": "1", "start": 0, "end": len(text)}]:
        p0, p1 = page["start"], page["end"]
        if len(record.get("pages") or []) > 1:
            out.append(f'<div class="ma-page">page {html.escape(str(page.get("label") or page.get("number")))}</div>')
        if marks and p0 <= start < p1:
            cut = min(end, p1)
            body = (
                _paragraphs(text[p0:start])
                + f'<mark id="ma-cited">{html.escape(text[start:cut])}</mark>'
                + _paragraphs(text[cut:p1])
            )
        else:
            body = _paragraphs(text[p0:p1])
        out.append(f'<div class="ma-page-text">{body}</div>')
    out.append("</div>")
    return "\n".join(out)


def _paragraphs(text: str) -> str:
    """Escaped text with its blank lines kept as paragraph breaks (the reader keeps the document's own layout)."""
    return html.escape(text).replace("\n\n", "<br><br>").replace("\n", "<br>")


def source_link(c: Citation, label: str | None = None) -> str:
    """An HTML link that opens the cited passage in the app's reader (new tab)."""
    text = escape_html(label or c.title)
    return (
        f'<a class="ma-open" href="{html.escape(document_link(c.doc_id, c.start, c.end))}" target="_blank">{text}</a>'
    )


def commitment_rows(records) -> list[list]:
    """Rows for the Commitments table: date, council, owner group, owner, type, commitment, horizon (with the due
    date it resolves to), source link (HTML, escaped)."""
    return [
        [
            r.citation.meeting_date or "not stated",
            r.citation.council or "",
            r.group or "",
            r.owner or "",
            r.kind,
            r.summary,
            _horizon(r.horizon, r.due),
            source_link(r.citation),
        ]
        for r in records
    ]


def _horizon(horizon: str | None, due: str | None) -> str:
    """'next month (due 2024-12)'; the due date alone when the text states it as it is."""
    if horizon and due and due.replace("/", "-") not in horizon.replace("/", "-"):
        return f"{horizon} (due {due})"
    return due or horizon or ""


def timeline_html(timeline) -> str:
    """The timeline as a list: a heading per dated meeting, oldest first, then "Undated" once with each undated
    paper under its own title; under each, its cited sentences, each opening the passage."""
    if not timeline.meetings:
        return f"<p>Nothing in the archive about “{escape_html(timeline.topic)}”.</p>"
    sections = timeline.sections()
    said = [f"{len(ms)} {'papers stating no date' if h else 'dated meetings, oldest first'}" for h, ms in sections]
    out = [
        f'<div class="ma-timeline"><p><b>{sum(len(m.citations) for m in timeline.meetings)}</b> passages about '
        f"“{escape_html(timeline.topic)}”: {', then '.join(said)}.</p>"
    ]
    for heading, meetings in sections:
        if heading:
            out.append(f'<h4 class="ma-undated">{escape_html(heading)}</h4>')
        tag = "h5" if heading else "h4"
        for m in meetings:
            out.append(f'<{tag} class="ma-meeting">{escape_html(m.heading())}</{tag}><ul>')
            out += [
                f'<li data-n="{c.n}">[{c.n}] “{escape_html(c.quote)}” {source_link(c, "open")}</li>'
                for c in m.citations
            ]
            out.append("</ul>")
    out.append("</div>")
    return "".join(out)
