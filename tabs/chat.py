"""The Ask tab: the cited chat with its source panel, the first screen, filters, feedback, copy and export."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import gradio as gr
from pydantic import ValidationError

from assistant.engine import QuestionError
from assistant.examples import KINDS
from assistant.feedback import FeedbackLog
from index.filters import FilterError

from .assets import ANSWER_IN_VIEW, PANEL_IN_VIEW, PENDING_SOURCE
from .common import DATE_FIELDS, as_turns, choices, form_filters
from .render import answer_markdown, archive_summary, conversation_markdown, escape
from .sources import PANEL_EMPTY, chat_message, open_source


@dataclass
class AskTab:
    """What other tabs wire to: the over-time button and the filter dropdowns an upload refreshes."""

    over_time: gr.Button
    filters: list[gr.Dropdown]  # council, committee, document type, speaker
    chatbot: gr.Chatbot  # its placeholder is the first screen's summary of the archive, refreshed on each load


def first_screen(assistant) -> str:
    """What the empty chat shows: what the archive holds and how answers are cited."""
    return archive_summary(assistant.documents())


def build(assistant, examples: dict[str, list[str]] | None, turns: gr.State, exports: str) -> AskTab:
    """The Ask tab inside the caller's gr.Tabs; `turns` holds the conversation, `exports` is the download folder."""
    feedback = FeedbackLog(assistant.settings.store.data_dir)

    with gr.Tab("Ask", id="ask"):
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(
                    elem_id="ma-chat",
                    height="min(620px, 64vh)",
                    label="Conversation",
                    feedback_options=("Like", "Dislike"),
                    buttons=["copy_all"],
                    autoscroll=False,  # the newest answer's top is brought into view instead (ANSWER_IN_VIEW)
                    placeholder=first_screen(assistant),
                )
                with gr.Row(equal_height=True):
                    box = gr.Textbox(
                        placeholder="Ask about the minutes, e.g. what was said about CCTV?",
                        show_label=False,
                        scale=6,
                        elem_id="ma-question",
                        autofocus=True,
                    )
                    send = gr.Button("Ask", variant="primary", scale=0, min_width=80, size="md", elem_id="ma-send")
                    clear = gr.Button("New conversation", scale=0, min_width=180, size="md", elem_id="ma-new")
                with gr.Accordion("Filters", open=False, elem_id="ma-filters"):
                    gr.Markdown("Filters apply to every question until you change them.")
                    with gr.Row():
                        council = gr.Dropdown(
                            choices(assistant, "council"), multiselect=True, label="Council", elem_id="f-council"
                        )
                        committee = gr.Dropdown(choices(assistant, "committee"), multiselect=True, label="Committee")
                        doc_type = gr.Dropdown(choices(assistant, "doc_type"), multiselect=True, label="Document type")
                    with gr.Row():
                        speaker = gr.Dropdown(choices(assistant, "speakers"), multiselect=True, label="Who said it")
                        # Placeholders say the form, never a date that could be taken for a filter already set.
                        since = gr.Textbox(label=DATE_FIELDS["since"], placeholder="YYYY-MM-DD (empty: no limit)")
                        until = gr.Textbox(label=DATE_FIELDS["until"], placeholder="YYYY-MM-DD (empty: no limit)")
                with gr.Row():
                    over_time_btn = gr.Button("Show this over time", size="sm", elem_id="ma-over-time")
                with gr.Accordion("Copy or export", open=False):
                    last_md = gr.Textbox(
                        label="The last answer as Markdown", lines=6, buttons=["copy"], elem_id="ma-last-md"
                    )
                    download = gr.DownloadButton("Download the conversation (.md)")
            with gr.Column(scale=2, min_width=300, elem_id="ma-side"):
                panel = gr.HTML(PANEL_EMPTY, elem_id="ma-panel")
                for kind, questions in (examples or {}).items():  # first screen: questions each kind of user asks
                    gr.Examples(examples=[[q] for q in questions], inputs=[box], label=KINDS.get(kind, kind))
                pending = gr.Textbox(visible="hidden", elem_id="ma-pending")
                opener = gr.Button(visible="hidden", elem_id="ma-open")

    def export(turns):
        """The conversation so far as a Markdown file: the download button's value, refreshed after every answer."""
        path = Path(tempfile.mkdtemp(dir=exports)) / f"conversation-{datetime.now():%Y%m%d-%H%M}.md"
        path.write_text(conversation_markdown(turns or []), encoding="utf-8")
        return str(path)

    def respond(message, chat, turns, council, committee, doc_type, speaker, since, until):
        chat, turns = list(chat or []), list(turns or [])
        if not (message or "").strip():
            return gr.update(), chat, turns, gr.update(), gr.update()
        try:
            filters = form_filters(council, committee, doc_type, speaker, since, until)
            searched, _, answer = assistant.converse(message, as_turns(turns), filters)
        except (QuestionError, FilterError, ValidationError) as exc:
            reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            chat += [{"role": "user", "content": message}, {"role": "assistant", "content": f"⚠️ {escape(reason)}"}]
            turns.append({"question": message, "searched": message, "answer": {"answer": reason, "abstained": True}})
            return "", chat, turns, gr.update(), export(turns)
        data = answer.to_json_dict()
        docs = assistant.document_texts(c.doc_id for c in answer.citations + answer.leads)
        chat += [
            {"role": "user", "content": message},
            {"role": "assistant", "content": chat_message(answer, docs, message)},
        ]
        turns.append({"question": message, "searched": searched, "answer": data})
        return "", chat, turns, answer_markdown(message, data, searched), export(turns)

    def on_like(turns, data: gr.LikeData):
        index = data.index if isinstance(data.index, int) else data.index[0]
        if not turns or index // 2 >= len(turns):
            return
        liked = data.liked is True or data.liked == "Like"
        feedback.record(turns[index // 2], liked)
        gr.Info("Thank you: your feedback is saved for the evaluators.")

    ask_inputs = [box, chatbot, turns, council, committee, doc_type, speaker, since, until]
    ask_outputs = [box, chatbot, turns, last_md, download]
    for trigger in (box.submit, send.click):
        trigger(respond, ask_inputs, ask_outputs, api_visibility="private").then(None, js=ANSWER_IN_VIEW)
    chatbot.like(on_like, [turns], None, api_visibility="private")
    opener.click(
        lambda value: open_source(assistant, value), [pending], [panel], js=PENDING_SOURCE, api_visibility="private"
    ).then(None, js=PANEL_IN_VIEW)
    clear.click(
        lambda: ([], [], "", None, PANEL_EMPTY),
        None,
        [chatbot, turns, last_md, download, panel],
        api_visibility="private",
    )
    return AskTab(over_time_btn, [council, committee, doc_type, speaker], chatbot)
