"""The Ask tab: the cited chat, its filters, feedback, copy and export of the conversation."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import gradio as gr
from pydantic import ValidationError

from assistant.engine import QuestionError
from assistant.feedback import FeedbackLog
from index.filters import FilterError

from .common import DATE_FIELDS, as_turns, choices, form_filters
from .render import answer_markdown, conversation_markdown, escape
from .sources import chat_message


@dataclass
class AskTab:
    """What other tabs wire to: the over-time button and the filter dropdowns an upload refreshes."""

    over_time: gr.Button
    filters: list[gr.Dropdown]  # council, committee, document type, speaker


def build(assistant, examples: list[str] | None, turns: gr.State, exports: str) -> AskTab:
    """The Ask tab inside the caller's gr.Tabs; `turns` holds the conversation, `exports` is the download folder."""
    feedback = FeedbackLog(assistant.settings.store.data_dir)

    with gr.Tab("Ask", id="ask"):
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    elem_id="ma-chat",
                    height=560,
                    label="Conversation",
                    feedback_options=("Like", "Dislike"),
                    buttons=["copy_all"],
                )
                with gr.Row():
                    box = gr.Textbox(
                        placeholder="Ask about the minutes, e.g. what was said about CCTV?",
                        show_label=False,
                        scale=6,
                        elem_id="ma-question",
                        autofocus=True,
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ma-send")
                if examples:
                    gr.Examples(examples=[[q] for q in examples], inputs=[box], label="Try asking")
                with gr.Accordion("Copy or export", open=False):
                    last_md = gr.Textbox(
                        label="The last answer as Markdown", lines=6, buttons=["copy"], elem_id="ma-last-md"
                    )
                    with gr.Row():
                        download = gr.DownloadButton("Download the conversation (.md)")
                        clear = gr.Button("New conversation")
                over_time_btn = gr.Button("Show this over time", size="sm", elem_id="ma-over-time")
            with gr.Column(scale=1, min_width=260):
                gr.Markdown("**Filters** apply to every question until you change them.")
                council = gr.Dropdown(
                    choices(assistant, "council"), multiselect=True, label="Council", elem_id="f-council"
                )
                committee = gr.Dropdown(choices(assistant, "committee"), multiselect=True, label="Committee")
                doc_type = gr.Dropdown(choices(assistant, "doc_type"), multiselect=True, label="Document type")
                speaker = gr.Dropdown(choices(assistant, "speakers"), multiselect=True, label="Who said it")
                # Placeholders say the form, never a date that could be taken for a filter already set.
                since = gr.Textbox(label=DATE_FIELDS["since"], placeholder="YYYY-MM-DD (empty: no limit)")
                until = gr.Textbox(label=DATE_FIELDS["until"], placeholder="YYYY-MM-DD (empty: no limit)")

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
    box.submit(respond, ask_inputs, ask_outputs, api_visibility="private")
    send.click(respond, ask_inputs, ask_outputs, api_visibility="private")
    chatbot.like(on_like, [turns], None, api_visibility="private")
    clear.click(lambda: ([], [], "", None), None, [chatbot, turns, last_md, download], api_visibility="private")
    return AskTab(over_time_btn, [council, committee, doc_type, speaker])
