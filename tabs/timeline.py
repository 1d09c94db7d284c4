"""The Timeline tab: what was said about a topic, meeting by meeting, and the chat's "Show this over time"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr
import pandas as pd  # already loaded by gradio; the chart's data
from pydantic import ValidationError

from assistant.conversation import topic_of
from assistant.engine import QuestionError
from index.filters import FilterError

from .common import as_turns, choices, form_filters
from .render import escape_html, timeline_html


@dataclass
class TimelineTab:
    """The topic box, chart and list, and the function that fills them, for the chat's over-time button."""

    show: Callable
    outputs: list  # chart, list, topic


def build(assistant) -> TimelineTab:
    """The Timeline tab inside the caller's gr.Tabs."""
    with gr.Tab("Timeline", id="timeline"):
        with gr.Row():
            t_topic = gr.Textbox(label="Topic", placeholder="e.g. CCTV", scale=3, elem_id="t-topic")
            t_council = gr.Dropdown(choices(assistant, "council"), multiselect=True, label="Council", scale=2)
            t_show = gr.Button("Show over time", variant="primary", scale=1, elem_id="t-show")
        t_chart = gr.BarPlot(
            x="meeting",
            y="mentions",
            label="Mentions per meeting (dated meetings oldest first, then undated papers by title)",
            height=260,
        )
        t_list = gr.HTML(elem_id="t-list")

    def show_timeline(topic, council):
        if not (topic or "").strip():
            return gr.update(), "<p>Type a topic, e.g. CCTV.</p>", gr.update()
        try:
            timeline = assistant.timeline(topic, form_filters(council, [], [], [], None, None))
        except (QuestionError, FilterError, ValidationError) as exc:
            return gr.update(), f"<p>⚠️ {escape_html(str(exc))}</p>", gr.update()
        counts = pd.DataFrame(timeline.counts(), columns=["meeting", "mentions"])
        top = int(counts["mentions"].max()) + 1 if len(counts) else 1
        # the bars in the timeline's own order (dated oldest first, then undated papers), not sorted by label
        return gr.BarPlot(value=counts, y_lim=[0, top], sort=list(counts["meeting"])), timeline_html(timeline), topic

    t_show.click(show_timeline, [t_topic, t_council], [t_chart, t_list, t_topic], api_visibility="private")
    t_topic.submit(show_timeline, [t_topic, t_council], [t_chart, t_list, t_topic], api_visibility="private")
    return TimelineTab(show_timeline, [t_chart, t_list, t_topic])


def connect_over_time(button: gr.Button, turns: gr.State, tabs: gr.Tabs, view: TimelineTab) -> None:
    """The chat's button opens this tab on the last question's topic (it is built before this tab exists)."""

    def over_time(turns):
        """The last question's topic, for "Show this over time": the part after 'about', else the question."""
        if not turns:
            return gr.Tabs(), gr.update(), "<p>Ask a question first.</p>", ""
        last = as_turns(turns)[-1]
        topic = topic_of(last) or last.searched
        chart, listing, topic = view.show(topic, [])
        return gr.Tabs(selected="timeline"), chart, listing, topic

    button.click(over_time, [turns], [tabs, *view.outputs], api_visibility="private")
