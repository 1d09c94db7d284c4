"""The Add documents tab: upload papers, ingest them, and say which files failed and why."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from assistant.uploads import plan_uploads
from ingest.readers import describe, suffixes

from .common import choices
from .documents import document_rows
from .render import escape


def build(assistant, refresh: list) -> None:
    """The Add documents tab inside the caller's gr.Tabs; `refresh` is the documents table, then the chat's
    council, committee, document type and speaker filters, all updated after an upload."""
    uploads_dir = Path(assistant.settings.store.data_dir) / "uploads"
    max_mb = assistant.settings.ingest.max_file_mb

    with gr.Tab("Add documents", id="add"):
        uploads = gr.File(
            file_count="multiple",
            file_types=list(suffixes()),
            label=f"{describe()} — up to {max_mb:g} MB each",
        )
        replace = gr.Checkbox(
            False,
            label="Replace papers already in the archive under the same name",
            info="Off: an upload whose name is taken is added under a new name, and the "
            "paper already there stays as it is.",
            elem_id="ma-replace",
        )
        add = gr.Button("Add to the archive", variant="primary")
        add_report = gr.Markdown()
        problems = gr.Dataframe(headers=["file", "problem"], interactive=False, label="Files with problems")

    # `request: gr.Request = None` exactly: Gradio injects by that annotation (None when called without a request)
    def add_documents(
        files,
        replace=False,
        request: gr.Request = None,  # type: ignore[assignment]
        progress=gr.Progress(track_tqdm=True),
    ):
        if not files:
            return "Choose one or more files first.", [], gr.update(), *([gr.update()] * 4)
        plan = plan_uploads(
            [Path(f if isinstance(f, str) else f.name) for f in files],
            uploads_dir,
            assistant.document,
            bool(replace),
            int(max_mb * 2**20),
        )
        problems = [[p.name, p.reason] for p in plan if p.reason]
        accepted = [p for p in plan if not p.reason]
        who = getattr(request, "username", None) or "an app user (no login)"
        report = (
            assistant.ingest([p.target for p in accepted], progress=True, added_by=who, via="upload")
            if accepted
            else None
        )
        failed = {Path(r.path) for r in report.failed} if report else set()
        for p in accepted:
            if p.target in failed:  # a file the pipeline refused is not kept
                p.target.unlink(missing_ok=True)
        for p in plan:  # Gradio's own temporary copy is not kept either
            p.source.unlink(missing_ok=True)
        problems += [[Path(r.path).name, r.reason or ""] for r in (report.failed if report else [])]
        problems += [[Path(r.path).name, w] for r in (report.results if report else []) for w in r.warnings]
        notes = [p.note for p in accepted if p.note]
        summary = escape(report.summary()) if report else "nothing added"
        updates = [gr.Dropdown(choices=choices(assistant, f)) for f in ("council", "committee", "doc_type", "speakers")]
        text = f"**{summary}**" + "".join(f"\n- {escape(n)}" for n in notes)
        return (text, problems, document_rows(assistant), *updates)

    add.click(add_documents, [uploads, replace], [add_report, problems, *refresh])
