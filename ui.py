"""The Gradio app: Ask (cited chat), Documents, Add documents, Evaluate; a thin shell over Assistant."""


import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from index.offline import ensure_offline

ensure_offline()

from assistant.render import (answer_markdown, chat_message, commitment_rows, conversation_markdown,  # noqa: E402
                              document_html, escape, timeline_html)

UPLOAD_TYPES = [".pdf", ".txt", ".docx", ".html", ".htm"]
DOC_COLUMNS = ["title", "council", "committee", "date", "type", "chunks", "added", "doc_id"]
COMMITMENT_COLUMNS = ["meeting date", "council", "owner", "commitment", "due", "source"]
HISTORY_TURNS = 4  # previous turns a follow-up may lean on (the rewrite uses the last; the API replays these)
CSS = """
.ma-card{border:1px solid var(--border-color-primary);border-radius:8px;padding:8px 10px;margin:6px 0}
.ma-where{font-size:0.88em;color:var(--body-text-color);opacity:0.8}
.ma-passage{margin:6px 0;font-size:0.92em} .ma-passage mark, #ma-reader mark{background:#fff3a3;color:#000}
.ma-open{font-size:0.85em} .ma-page{font-size:0.8em;color:var(--body-text-color-subdued);margin-top:1em}
#ma-reader{max-height:70vh;overflow-y:auto}
"""
# The reader is filled after the page loads: poll briefly for the marked passage, then bring it into view.
SCROLL_TO_CITED = """() => { let tries = 0; const t = setInterval(() => { const m = document.getElementById('ma-cited');
  if (m) { m.scrollIntoView({block: 'center'}); clearInterval(t); } else if (++tries > 30) { clearInterval(t); } }, 100); }"""


def _document_rows(assistant) -> list[list]:
    rows = []
    for d in assistant.documents():
        m = d.get("meta", {})
        p = d.get("provenance") or {}
        added = f"{p['added_by']} ({p['via']}), {p['added_at'][:16].replace('T', ' ')} UTC, from {p['file']}" if p else ""
        rows.append([m.get("title") or d["doc_id"], m.get("council") or "", m.get("committee") or "",
                     m.get("meeting_date") or "", m.get("doc_type") or "", d.get("chunks", 0), added, d["doc_id"]])
    return rows


def _filters(council, committee, doc_type, speaker, since, until):
    from index.filters import Filters

    return Filters(council=list(council or []), committee=list(committee or []), doc_type=list(doc_type or []),
                   speaker=list(speaker or []), since=(since or "").strip() or None, until=(until or "").strip() or None)


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _api_filters(filters) -> "Filters":
    """API filters checked as the UI's are: a dict of known keys with valid values, else a plain error that says
    which key or value is wrong (never a Python or pydantic dump, never a key silently ignored)."""
    import gradio as gr
    from pydantic import ValidationError

    from index.filters import FILTERS, Filters

    if filters is None:
        return Filters()
    if not isinstance(filters, dict):
        raise gr.Error("filters must be an object such as {\"council\": [\"Melton\"], \"since\": \"2023-01-01\"}")
    known = [spec.name for spec in FILTERS]
    unknown = sorted(set(filters) - set(known))
    if unknown:
        raise gr.Error(f"unknown filter {', '.join(map(repr, unknown))}; the filters are {', '.join(known)}")
    values = {k: ([v] if isinstance(v, str) and k not in ("since", "until") else v) for k, v in filters.items()}
    try:
        return Filters(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise gr.Error(f"filter {where}: {first['msg']} (dates are YYYY-MM-DD, the others lists of names)") from None


def _turns(history) -> list:
    from assistant.conversation import Turn

    return [Turn(t["question"], t.get("searched") or t["question"], tuple(t["answer"].get("citations", [])))
            for t in history[-HISTORY_TURNS:]]


def build_app(assistant, examples: list[str] | None = None):
    import gradio as gr
    from pydantic import ValidationError

    from assistant.engine import QuestionError
    from assistant.feedback import FeedbackLog
    from assistant.uploads import plan_uploads
    from index.filters import FilterError

    feedback = FeedbackLog(assistant.settings.store.data_dir)
    uploads_dir = Path(assistant.settings.store.data_dir) / "uploads"
    max_mb = assistant.settings.ingest.max_file_mb
    exports = tempfile.mkdtemp(prefix="minutes-exports-")  # one folder per app; Gradio serves files from temp dirs

    def choices(field: str) -> list[str]:
        return sorted(assistant.facets.get(field, set()))

    def respond(message, chat, turns, council, committee, doc_type, speaker, since, until):
        chat, turns = list(chat or []), list(turns or [])
        if not (message or "").strip():
            return gr.update(), chat, turns, gr.update(), gr.update()
        try:
            filters = _filters(council, committee, doc_type, speaker, since, until)
            searched, _, answer = assistant.converse(message, _turns(turns), filters)
        except (QuestionError, FilterError, ValidationError) as exc:
            reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            chat += [{"role": "user", "content": message}, {"role": "assistant", "content": f"⚠️ {escape(reason)}"}]
            turns.append({"question": message, "searched": message, "answer": {"answer": reason, "abstained": True}})
            return "", chat, turns, gr.update(), export(turns)
        data = answer.to_json_dict()
        docs = assistant.document_texts(c.doc_id for c in answer.citations + answer.leads)
        chat += [{"role": "user", "content": message},
                 {"role": "assistant", "content": chat_message(answer, docs, message)}]
        turns.append({"question": message, "searched": searched, "answer": data})
        return "", chat, turns, answer_markdown(message, data, searched), export(turns)

    def on_like(turns, data: gr.LikeData):
        index = data.index if isinstance(data.index, int) else data.index[0]
        if not turns or index // 2 >= len(turns):
            return
        liked = data.liked is True or data.liked == "Like"
        feedback.record(turns[index // 2], liked)
        gr.Info("Thank you: your feedback is saved for the evaluators.")

    def export(turns):
        """The conversation so far as a Markdown file: the download button's value, refreshed after every answer."""
        path = Path(tempfile.mkdtemp(dir=exports)) / f"conversation-{datetime.now():%Y%m%d-%H%M}.md"
        path.write_text(conversation_markdown(turns or []), encoding="utf-8")
        return str(path)

    def open_document(doc_id: str, start=None, end=None) -> str:
        record = assistant.document(doc_id) if doc_id else None
        if record is None:
            return f"<p>No document {escape(doc_id or '')} in the archive.</p>"
        return document_html(record, start, end)

    def document_api(doc_id: str, start: int | None = None, end: int | None = None) -> str:
        """One document as the reader shows it (HTML, text escaped), the passage start..end marked; an unknown or
        malformed id gives 'No document …'."""
        return open_document(str(doc_id or ""), _int_or_none(start), _int_or_none(end))

    def from_url(request: gr.Request):
        params = dict(request.query_params) if request else {}
        if not params.get("doc"):
            return gr.Tabs(), gr.update()
        start, end = _int_or_none(params.get("start")), _int_or_none(params.get("end"))
        return gr.Tabs(selected="documents"), open_document(params["doc"], start, end)

    def on_select(evt: gr.SelectData):
        row = evt.row_value or []
        return open_document(row[-1]) if row else gr.update()

    def add_documents(files, replace=False, request: gr.Request = None, progress=gr.Progress(track_tqdm=True)):
        if not files:
            return "Choose one or more files first.", [], gr.update(), *([gr.update()] * 4)
        plan = plan_uploads([Path(f if isinstance(f, str) else f.name) for f in files], uploads_dir,
                            assistant.document, bool(replace), int(max_mb * 2**20))
        problems = [[p.name, p.reason] for p in plan if p.reason]
        accepted = [p for p in plan if not p.reason]
        who = getattr(request, "username", None) or "an app user (no login)"
        report = (assistant.ingest([p.target for p in accepted], progress=True, added_by=who, via="upload")
                  if accepted else None)
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
        updates = [gr.Dropdown(choices=choices(f)) for f in ("council", "committee", "doc_type", "speakers")]
        text = f"**{summary}**" + "".join(f"\n- {escape(n)}" for n in notes)
        return (text, problems, _document_rows(assistant), *updates)

    def run_eval(file, progress=gr.Progress(track_tqdm=True)):
        import json

        from evals.report import PLOT_FILES, summary_table
        from evals.runner import evaluate

        if not file:
            return "Choose a question set (JSONL or CSV) first.", [], [], []
        out = Path(assistant.settings.store.data_dir) / "evals" / datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            summary = evaluate(assistant, [Path(file if isinstance(file, str) else file.name)], out_dir=out)
        except (ValueError, FileNotFoundError) as exc:
            return f"⚠️ {escape(str(exc))}", [], [], []
        results = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
        failures = [[r["id"], r["type"], r["question"], r.get("expected", ""), r["answer"][:300]]
                    for r in results if not r["correct"]]
        plots = [str(out / name) for name in PLOT_FILES]
        files = [str(out / n) for n in ("results.jsonl", "summary.json", "report.html")]
        return f"```\n{summary_table(summary)}\n```", plots, failures, files

    def find_commitments(about, owner, council, since, until):
        """Commitments table rows and a CSV of the same rows for download."""
        import csv

        from assistant.commitments import COLUMNS

        try:
            records = assistant.commitments(about, owner, _filters(council, [], [], [], since, until))
        except (FilterError, ValidationError) as exc:
            gr.Warning(str(exc))
            return [], None
        path = Path(tempfile.mkdtemp(dir=exports)) / "commitments.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
            writer.writeheader()
            writer.writerows(r.to_row() for r in records)
        return commitment_rows(records), str(path)

    def show_timeline(topic, council):
        import pandas as pd

        if not (topic or "").strip():
            return gr.update(), "<p>Type a topic, e.g. CCTV.</p>", gr.update()
        try:
            timeline = assistant.timeline(topic, _filters(council, [], [], [], None, None))
        except (QuestionError, FilterError, ValidationError) as exc:
            return gr.update(), f"<p>⚠️ {escape(str(exc))}</p>", gr.update()
        counts = pd.DataFrame(timeline.counts(), columns=["meeting", "mentions"])
        top = int(counts["mentions"].max()) + 1 if len(counts) else 1
        return gr.BarPlot(value=counts, y_lim=[0, top]), timeline_html(timeline), topic

    def over_time(turns):
        """The last question's topic, for "Show this over time": the part after 'about', else the question."""
        from assistant.conversation import topic_of

        if not turns:
            return gr.Tabs(), gr.update(), "<p>Ask a question first.</p>", ""
        last = _turns(turns)[-1]
        topic = topic_of(last) or last.searched
        chart, listing, topic = show_timeline(topic, [])
        return gr.Tabs(selected="timeline"), chart, listing, topic

    def commitments_api(about: str = "", owner: str = "", filters: dict | None = None) -> list:
        """Commitments (newest first) as rows: kind, owner, commitment, horizon, due, quote, doc_id, start, end, …"""
        try:
            return [r.to_row() for r in assistant.commitments(about or None, owner or None, _api_filters(filters))]
        except FilterError as exc:
            raise gr.Error(str(exc)) from None

    def timeline_api(topic: str, filters: dict | None = None) -> dict:
        """What was said about a topic, meeting by meeting, each sentence with its citation."""
        try:
            return assistant.timeline(topic, _api_filters(filters)).model_dump(mode="json")
        except (QuestionError, FilterError) as exc:
            raise gr.Error(str(exc)) from None

    def ask_api(question: str, filters: dict | None = None, history: list | None = None) -> tuple[str, list]:
        """Ask as the chat does. filters: {"council": [...], "since": "YYYY-MM-DD", ...}; history: earlier questions
        (strings, oldest first) so a follow-up resolves. Returns the answer Markdown and its citations as JSON."""
        if history is not None and not isinstance(history, list):
            raise gr.Error("history must be a list of earlier questions (strings), oldest first")
        earlier_questions = []
        for n, earlier in enumerate(history or [], start=1):
            text = earlier if isinstance(earlier, str) else earlier.get("question") if isinstance(earlier, dict) else None
            if not isinstance(text, str):
                raise gr.Error(f"history item {n} must be a question (a string), not {type(earlier).__name__}")
            earlier_questions.append(text)
        chosen = _api_filters(filters)
        turns = []
        try:
            for text in earlier_questions[-HISTORY_TURNS:]:
                searched, _, ans = assistant.converse(text, _turns(turns))
                turns.append({"question": text, "searched": searched, "answer": ans.to_json_dict()})
            searched, _, answer = assistant.converse(question, _turns(turns), chosen)
        except (QuestionError, FilterError) as exc:
            raise gr.Error(str(exc)) from None
        docs = assistant.document_texts(c.doc_id for c in answer.citations + answer.leads)
        data = answer.to_json_dict()
        return chat_message(answer, docs, question), data["citations"] or data["leads"]

    with gr.Blocks(title="Minutes Assistant") as app:
        gr.Markdown("## Minutes Assistant\nAsk about the council minutes and reports in the archive. Every sentence of "
                    "an answer cites where it came from; when the archive does not say, the assistant tells you so.")
        turns = gr.State([])
        with gr.Tabs() as tabs:
            with gr.Tab("Ask", id="ask"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(elem_id="ma-chat", height=560, label="Conversation",
                                             feedback_options=("Like", "Dislike"), buttons=["copy_all"])
                        with gr.Row():
                            box = gr.Textbox(placeholder="Ask about the minutes, e.g. what was said about CCTV?",
                                             show_label=False, scale=6, elem_id="ma-question", autofocus=True)
                            send = gr.Button("Ask", variant="primary", scale=1, elem_id="ma-send")
                        if examples:
                            gr.Examples(examples=[[q] for q in examples], inputs=[box], label="Try asking")
                        with gr.Accordion("Copy or export", open=False):
                            last_md = gr.Textbox(label="The last answer as Markdown", lines=6, buttons=["copy"],
                                                 elem_id="ma-last-md")
                            with gr.Row():
                                download = gr.DownloadButton("Download the conversation (.md)")
                                clear = gr.Button("New conversation")
                        over_time_btn = gr.Button("Show this over time", size="sm", elem_id="ma-over-time")
                    with gr.Column(scale=1, min_width=260):
                        gr.Markdown("**Filters** apply to every question until you change them.")
                        council = gr.Dropdown(choices("council"), multiselect=True, label="Council", elem_id="f-council")
                        committee = gr.Dropdown(choices("committee"), multiselect=True, label="Committee")
                        doc_type = gr.Dropdown(choices("doc_type"), multiselect=True, label="Document type")
                        speaker = gr.Dropdown(choices("speakers"), multiselect=True, label="Who said it")
                        since = gr.Textbox(label="Meetings from (YYYY-MM-DD)", placeholder="2023-01-01")
                        until = gr.Textbox(label="Meetings until (YYYY-MM-DD)", placeholder="2024-12-31")
            with gr.Tab("Commitments", id="commitments"):
                gr.Markdown("What was promised, agreed, resolved or planned, by whom and by when — found in the "
                            "papers at ingest. Click *source* to read the sentence in its document.")
                with gr.Row():
                    c_about = gr.Textbox(label="About", placeholder="e.g. CCTV, youth", elem_id="c-about")
                    c_owner = gr.Textbox(label="Owner", placeholder="e.g. Police, Inspector Danvers")
                    c_council = gr.Dropdown(choices("council"), multiselect=True, label="Council")
                    c_since = gr.Textbox(label="From (YYYY-MM-DD)")
                    c_until = gr.Textbox(label="Until (YYYY-MM-DD)")
                with gr.Row():
                    c_find = gr.Button("Find commitments", variant="primary", elem_id="c-find")
                    c_csv = gr.DownloadButton("Export as CSV")
                c_table = gr.Dataframe(headers=COMMITMENT_COLUMNS, datatype=["str"] * 5 + ["html"], interactive=False,
                                       column_widths=["9%", "14%", "12%", "45%", "8%", "12%"],
                                       wrap=True, elem_id="c-table", label="Commitments, newest meeting first")
            with gr.Tab("Timeline", id="timeline"):
                with gr.Row():
                    t_topic = gr.Textbox(label="Topic", placeholder="e.g. CCTV", scale=3, elem_id="t-topic")
                    t_council = gr.Dropdown(choices("council"), multiselect=True, label="Council", scale=2)
                    t_show = gr.Button("Show over time", variant="primary", scale=1, elem_id="t-show")
                t_chart = gr.BarPlot(x="meeting", y="mentions", label="Mentions per meeting (oldest first)",
                                     height=260)
                t_list = gr.HTML(elem_id="t-list")
            with gr.Tab("Documents", id="documents"):
                table = gr.Dataframe(value=_document_rows(assistant), headers=DOC_COLUMNS, interactive=False,
                                     show_search="search", max_height=320, label="The archive (click a row to read it)")
                reader = gr.HTML("<p>Choose a document above, or open one from an answer's source card.</p>",
                                 elem_id="ma-reader")
            with gr.Tab("Add documents", id="add"):
                uploads = gr.File(file_count="multiple", file_types=UPLOAD_TYPES,
                                  label=f"PDF, DOCX, HTML or TXT — up to {max_mb:g} MB each")
                replace = gr.Checkbox(False, label="Replace papers already in the archive under the same name",
                                      info="Off: an upload whose name is taken is added under a new name, and the "
                                           "paper already there stays as it is.", elem_id="ma-replace")
                add = gr.Button("Add to the archive", variant="primary")
                add_report = gr.Markdown()
                problems = gr.Dataframe(headers=["file", "problem"], interactive=False, label="Files with problems")
            with gr.Tab("Evaluate", id="evaluate"):
                qset = gr.File(file_types=[".jsonl", ".csv"], label="Question set (JSONL as evals/questions.jsonl, "
                               "or CSV with question, expected_answer, expected_sources)")
                run = gr.Button("Run the evaluation", variant="primary")
                eval_summary = gr.Markdown()
                eval_plots = gr.Gallery(label="Plots", columns=2, height=320)
                eval_failures = gr.Dataframe(headers=["id", "type", "question", "expected", "answer"],
                                             interactive=False, label="Failures", wrap=True)
                eval_files = gr.File(label="Download the results", file_count="multiple")

        ask_inputs = [box, chatbot, turns, council, committee, doc_type, speaker, since, until]
        ask_outputs = [box, chatbot, turns, last_md, download]
        box.submit(respond, ask_inputs, ask_outputs, api_visibility="private")
        send.click(respond, ask_inputs, ask_outputs, api_visibility="private")
        chatbot.like(on_like, [turns], None, api_visibility="private")
        clear.click(lambda: ([], [], "", None), None, [chatbot, turns, last_md, download], api_visibility="private")
        table.select(on_select, None, reader, api_visibility="private").then(None, js=SCROLL_TO_CITED)
        add.click(add_documents, [uploads, replace], [add_report, problems, table, council, committee, doc_type, speaker])
        run.click(run_eval, [qset], [eval_summary, eval_plots, eval_failures, eval_files])
        app.load(from_url, None, [tabs, reader], api_visibility="private").then(None, js=SCROLL_TO_CITED)
        c_inputs = [c_about, c_owner, c_council, c_since, c_until]
        c_find.click(find_commitments, c_inputs, [c_table, c_csv], api_visibility="private")
        c_about.submit(find_commitments, c_inputs, [c_table, c_csv], api_visibility="private")
        app.load(find_commitments, c_inputs, [c_table, c_csv], api_visibility="private")
        t_show.click(show_timeline, [t_topic, t_council], [t_chart, t_list, t_topic], api_visibility="private")
        t_topic.submit(show_timeline, [t_topic, t_council], [t_chart, t_list, t_topic], api_visibility="private")
        over_time_btn.click(over_time, [turns], [tabs, t_chart, t_list, t_topic], api_visibility="private")
        gr.api(commitments_api, api_name="commitments")
        gr.api(timeline_api, api_name="timeline")
        gr.api(ask_api, api_name="ask")
        gr.api(document_api, api_name="document")
    return app


def serve(assistant, block: bool = True):
    """Load the model and index once, then serve as assistant.settings.serve says (host, port, login, queue)."""
    from assistant.examples import example_questions

    s = assistant.settings.serve
    assistant.warm()
    app = build_app(assistant, example_questions(assistant, s.examples))
    app.queue(default_concurrency_limit=s.concurrency)
    login = None
    if s.credentials():
        from assistant.login import ThrottledLogin

        login = ThrottledLogin(*s.credentials(), max_failures=s.login_failures, lockout_seconds=s.lockout_seconds)
    elif s.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {s.host} with no login; anyone who can reach this address can read and add "
              f"papers (set MINUTES_AUTH=user:password, and put TLS in front: see README, Security)", flush=True)
    print(f"Minutes Assistant on http://{s.host}:{s.port}", flush=True)
    # max_file_size: Gradio refuses a larger upload before it is written anywhere.
    app.launch(server_name=s.host, server_port=s.port, auth=login, prevent_thread_lock=not block, quiet=True,
               css=CSS, show_error=True, max_file_size=int(assistant.settings.ingest.max_file_mb * 2**20))
    return app
