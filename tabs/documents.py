"""The Documents tab: the archive as a table and a reader that opens a document at a cited passage."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from .common import int_or_none
from .render import document_html, escape_html

DOC_COLUMNS = ["title", "council", "committee", "date", "type", "chunks", "added", "doc_id"]
# The reader is filled after the page loads: poll briefly for the marked passage, then bring it into view.
SCROLL_TO_CITED = """() => { let tries = 0; const t = setInterval(() => { const m = document.getElementById('ma-cited');
  if (m) { m.scrollIntoView({block: 'center'}); clearInterval(t); } else if (++tries > 30) { clearInterval(t); } }, 100); }"""


@dataclass
class DocumentsTab:
    """The table an upload refreshes and the reader a source link opens."""

    table: gr.Dataframe
    reader: gr.HTML


def document_rows(assistant) -> list[list]:
    """One table row per document: its metadata, chunk count and who added it, when, from which file."""
    rows = []
    for d in assistant.documents():
        m = d.get("meta", {})
        p = d.get("provenance") or {}
        added = (
            f"{p['added_by']} ({p['via']}), {p['added_at'][:16].replace('T', ' ')} UTC, from {p['file']}" if p else ""
        )
        rows.append(
            [
                m.get("title") or d["doc_id"],
                m.get("council") or "",
                m.get("committee") or "",
                m.get("meeting_date") or "",
                m.get("doc_type") or "",
                d.get("chunks", 0),
                added,
                d["doc_id"],
            ]
        )
    return rows


def open_document(assistant, doc_id: str, start=None, end=None) -> str:
    """The reader's HTML for one document, start..end marked; an unknown id says so (escaped)."""
    record = assistant.document(doc_id) if doc_id else None
    if record is None:
        return f"<p>No document {escape_html(doc_id or '')} in the archive.</p>"
    return document_html(record, start, end)


def build(assistant) -> DocumentsTab:
    """The Documents tab inside the caller's gr.Tabs: click a row to read it."""
    with gr.Tab("Documents", id="documents"):
        table = gr.Dataframe(
            value=document_rows(assistant),
            headers=DOC_COLUMNS,
            interactive=False,
            show_search="search",
            max_height=420,
            # Every column in view at 1280 px: cells wrap, widths follow what each column holds.
            wrap=True,
            column_widths=["24%", "14%", "15%", "9%", "8%", "6%", "14%", "10%"],
            label="The archive (click a row to read it)",
        )
        reader = gr.HTML(
            "<p>Choose a document above, or open one from an answer's source card.</p>", elem_id="ma-reader"
        )

    def on_select(evt: gr.SelectData):
        row = evt.row_value or []
        return open_document(assistant, row[-1]) if row else gr.update()

    table.select(on_select, None, reader, api_visibility="private").then(None, js=SCROLL_TO_CITED)
    return DocumentsTab(table, reader)


def connect_links(app: gr.Blocks, assistant, tabs: gr.Tabs, view: DocumentsTab) -> None:
    """A source link (?doc=…&start=…&end=…) opens the page on this tab with the passage marked and in view."""

    def from_url(request: gr.Request):
        params = dict(request.query_params) if request else {}
        if not params.get("doc"):
            return gr.Tabs(), gr.update()
        start, end = int_or_none(params.get("start")), int_or_none(params.get("end"))
        return gr.Tabs(selected="documents"), open_document(assistant, params["doc"], start, end)

    app.load(from_url, None, [tabs, view.reader], api_visibility="private").then(None, js=SCROLL_TO_CITED)
