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
from ingest.owners import COMMITTEE, COUNCIL, OTHERS, POLICE, owner_group

from .common import choices, form_filters
from .render import commitment_rows

COMMITMENT_COLUMNS = ["meeting date", "council", "group", "owner", "type", "commitment", "horizon", "source"]


def owner_choices(assistant) -> list[tuple[str, str]]:
    """The Owner list: each group (Police, the Council, the Committee, each named partner), then the people under
    it, with their counts; bodies within a group are found by typing part of their name."""
    options: list[tuple[str, str]] = []
    found = assistant.owners()
    first, last = [g for g in (POLICE, COUNCIL, COMMITTEE) if g in found], [OTHERS] if OTHERS in found else []
    for group in first + [g for g in found if g not in (*first, *last)] + last:  # bodies, partners, then others
        owners = found[group]
        people = {o: n for o, n in owners.items() if owner_group(o).person}
        if group == OTHERS and not people:
            continue  # unnamed owners ("a 3rd party company") are neither a body nor a person
        if group != OTHERS:
            options.append((f"{group} ({sum(owners.values())})", group))
        options += [(f"{group} › {person} ({n})", person) for person, n in people.items()]
    return options


def counted(records, owner: str | None) -> str:
    """The line above the table: how many commitments are listed, and for which owner."""
    n = len(records)
    by = f" by {owner}" if owner else ""
    return f"**{n}** commitment{'s' if n != 1 else ''}{by}, newest meeting first."


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
            c_owner = gr.Dropdown(
                owner_choices(assistant),
                value=None,
                allow_custom_value=True,
                label="Owner (a group, a person, or part of a name)",
                elem_id="c-owner",
            )
            c_council = gr.Dropdown(choices(assistant, "council"), multiselect=True, label="Council")
            c_since = gr.Textbox(label="From (YYYY-MM-DD)")
            c_until = gr.Textbox(label="Until (YYYY-MM-DD)")
        with gr.Row():
            c_find = gr.Button("Find commitments", variant="primary", elem_id="c-find")
            c_csv = gr.DownloadButton("Export as CSV")
        c_count = gr.Markdown(elem_id="c-count")
        c_table = gr.Dataframe(
            headers=COMMITMENT_COLUMNS,
            datatype=["str", "str", "str", "str", "str", "str", "str", "html"],
            interactive=False,
            column_widths=["8%", "11%", "9%", "11%", "8%", "35%", "8%", "10%"],
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
            return "", [], None
        path = Path(tempfile.mkdtemp(dir=exports)) / "commitments.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
            writer.writeheader()
            writer.writerows(r.to_row() for r in records)
        return counted(records, owner), commitment_rows(records), str(path)

    c_inputs = [c_about, c_owner, c_council, c_since, c_until]
    c_outputs = [c_count, c_table, c_csv]
    c_find.click(find_commitments, c_inputs, c_outputs, api_visibility="private")
    c_about.submit(find_commitments, c_inputs, c_outputs, api_visibility="private")
    return CommitmentsTab(find_commitments, c_inputs, c_outputs)
