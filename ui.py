"""The Gradio chat: a thin shell over Assistant.ask that shows each answer's sources beneath it."""

from __future__ import annotations

import html
import os
import re

from index.offline import ensure_offline

ensure_offline()

EXAMPLES = [
    "How many stop and searches were there in Melton?",
    "What did Inspector Danvers say about extra officers?",
    "What has been said about CCTV?",
    "What did the Redditch community safety team say it would share with Members?",
]
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")


def escape(text: str) -> str:
    """Document text is data: HTML-escape it and neutralise Markdown so nothing in a paper can inject markup."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=True))


def render(answer) -> str:
    """Markdown for one answer: the text with [n] markers, then a source card per citation (or the leads)."""
    lines = [escape(answer.answer).replace("\\[", "[").replace("\\]", "]") if answer.citations else escape(answer.answer)]
    cards = answer.citations or answer.leads
    if cards:
        lines.append("")
        lines.append("**Sources**" if answer.citations else "**Nearest passages (leads, not answers)**")
        for c in cards:
            lines.append(f"\n**[{c.n}]** {escape(c.where())}  \n> “{escape(c.quote)}”  \n"
                         f"<sub>{escape(c.doc_id)} · characters {c.start}–{c.end}</sub>")
    return "\n".join(lines)


def build_app(assistant):
    import gradio as gr

    def respond(message: str, history: list, speakers: list[str] | None = None) -> str:
        from assistant.engine import QuestionError
        from index.filters import FilterError, Filters

        try:
            return render(assistant.ask(message, Filters(speaker=list(speakers or []))))
        except (QuestionError, FilterError) as exc:
            return f"⚠️ {escape(str(exc))}"

    speaker_filter = gr.Dropdown(choices=sorted(assistant.facets.get("speakers", set())), value=[], multiselect=True,
                                 label="Only what these people or bodies said")

    return gr.ChatInterface(
        respond,
        title="Minutes Assistant",
        description="Ask about the council minutes and reports in the archive. Every sentence of an answer cites its "
                    "source; when the archive does not say, the assistant tells you so.",
        examples=[[q, []] for q in EXAMPLES],
        cache_examples=False,
        additional_inputs=[speaker_filter],
        additional_inputs_accordion="Filters",
    )


def serve(assistant, host: str = "127.0.0.1", port: int = 7860, block: bool = True):
    """Load the model and index once, then serve; MINUTES_AUTH=user:password turns on a login."""
    assistant.warm()
    app = build_app(assistant)
    app.queue(default_concurrency_limit=2)
    auth = None
    if os.environ.get("MINUTES_AUTH", "").count(":") >= 1:
        user, _, password = os.environ["MINUTES_AUTH"].partition(":")
        auth = (user, password)
    print(f"Minutes Assistant on http://{host}:{port}", flush=True)
    app.launch(server_name=host, server_port=port, auth=auth, prevent_thread_lock=not block, quiet=True)
    return app
