"""The Commitments tab: what was promised, agreed or resolved, by whom and by when, with a CSV export."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import gradio as gr
from pydantic import ValidationError

from assistant.commitments import COLUMNS
from index.filters import FilterError

from .common import choices, form_filters
from .render import commitment_rows

COMMITMENT_COLUMNS = ["meeting date", "council", "owner", "commitment", "due", "source"]


@dataclass
class CommitmentsTab:
    """The search form and its results, so the app can fill the table when the page loads."""

    find: Callable
    inputs: list
    outputs: list


def build(assistant, exports: str) -> CommitmentsTab:
    """The Commitments tab inside the caller's gr.Tabs; its CSV exports go under `exports`."""
    with gr.Tab("Commitments", id="commitments"):
        gr.Markdown(
            "What was promised, agreed, resolved or planned, by whom and by when — found in the "
            "papers at ingest. Click *source* to read the sentence in its document."
        )
        with gr.Row():
            c_about = gr.Textbox(label="About", placeholder="e.g. CCTV, youth", elem_id="c-about")
            c_owner = gr.Textbox(label="Owner", placeholder="e.g. Police, Inspector Danvers")
            c_council = gr.Dropdown(choices(assistant, "council"), multiselect=True, label="Council")
            c_since = gr.Textbox(label="From (YYYY-MM-DD)")
            c_until = gr.Textbox(label="Until (YYYY-MM-DD)")
        with gr.Row():
            c_find = gr.Button("Find commitments", variant="primary", elem_id="c-find")
            c_csv = gr.DownloadButton("Export as CSV")
        c_table = gr.Dataframe(
            headers=COMMITMENT_COLUMNS,
            datatype=["str", "str", "str", "str", "str", "html"],
            interactive=False,
            column_widths=["9%", "14%", "12%", "45%", "8%", "12%"],
            wrap=True,
            elem_id="c-table",
            label="Commitments, newest meeting first",
        )

    def find_commitments(about, owner, council, since, until):
        """Commitments table rows and a CSV of the same rows for download."""
        try:
            records = assistant.commitments(about, owner, form_filters(council, [], [], [], since, until))
        except (FilterError, ValidationError) as exc:
            gr.Warning(str(exc))
            return [], None
        path = Path(tempfile.mkdtemp(dir=exports)) / "commitments.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
            writer.writeheader()
            writer.writerows(r.to_row() for r in records)
        return commitment_rows(records), str(path)

    c_inputs = [c_about, c_owner, c_council, c_since, c_until]
    c_find.click(find_commitments, c_inputs, [c_table, c_csv], api_visibility="private")
    c_about.submit(find_commitments, c_inputs, [c_table, c_csv], api_visibility="private")
    return CommitmentsTab(find_commitments, c_inputs, [c_table, c_csv])
