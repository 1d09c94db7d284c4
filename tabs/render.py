"""Answers and documents as Markdown and HTML for people: the escaping every view uses, exports, the reader, the
timeline and commitment rows, the archive's summary (an answer's chips, cards and source panel: tabs/sources.py).

Everything taken from a document is escaped with the functions here, once: a paper containing `<script>` or a
Markdown link is shown as the text it is, never as markup.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

from assistant.answer import scope_of
from assistant.cite import Citation

CONTEXT_CHARS = 260  # text shown either side of a cited sentence on its card; nearer sentences share the card


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


def window(text: str, start: int, end: int, chars: int) -> tuple[str, str, str]:
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


def _names(values: list[str], shown: int = 4) -> str:
    listed = ", ".join(escape(v) for v in values[:shown])
    return listed + (f" and {len(values) - shown} more" if len(values) > shown else "")


def archive_summary(records: list[dict]) -> str:
    """The first screen's line on what the archive holds: papers, councils, bodies, the meetings' date range."""
    if not records:
        return "**The archive is empty.** Add council papers on the *Add documents* tab, then ask about them here."
    metas = [r.get("meta", {}) for r in records]
    councils = sorted({m["council"] for m in metas if m.get("council")})
    bodies = sorted({b for m in metas for b in (m.get("committee"), m.get("meeting_body")) if b})
    dates = sorted(m["meeting_date"] for m in metas if m.get("meeting_date"))
    n = len(records)
    text = f"**This archive holds {n} paper{'s' if n != 1 else ''}**"
    if councils:
        text += f" from {len(councils)} council{'s' if len(councils) != 1 else ''} ({_names(councils)})"
    if bodies:
        text += f", {len(bodies)} committee{'s' if len(bodies) != 1 else ''} and other bodies ({_names(bodies)})"
    if dates:
        text += f"; meetings from {escape(dates[0])} to {escape(dates[-1])}"
        undated = n - len(dates)
        if undated:
            text += f" ({undated} paper{'s state' if undated != 1 else ' states'} no date)"
    return text + "."
