"""The Gradio app: composes the tabs (tabs/), the API endpoints and the server; a thin shell over Assistant."""

import tempfile

from index.offline import ensure_offline

ensure_offline()

import gradio as gr  # noqa: E402
from pydantic import ValidationError  # noqa: E402

from assistant.engine import QuestionError  # noqa: E402
from assistant.examples import example_questions  # noqa: E402
from assistant.login import ThrottledLogin  # noqa: E402
from index.filters import FILTERS, FilterError, Filters  # noqa: E402
from tabs import add, chat, commitments, documents, evaluate, timeline  # noqa: E402
from tabs.assets import CSS, HEAD  # noqa: E402
from tabs.common import HISTORY_TURNS, as_turns, int_or_none  # noqa: E402
from tabs.sources import chat_message  # noqa: E402


def _api_filters(filters) -> Filters:
    """API filters checked as the UI's are: a dict of known keys with valid values, else a plain error that says
    which key or value is wrong (never a Python or pydantic dump, never a key silently ignored)."""
    if filters is None:
        return Filters()
    if not isinstance(filters, dict):
        raise gr.Error('filters must be an object such as {"council": ["Melton"], "since": "2023-01-01"}')
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


def _api(assistant) -> None:
    """The endpoints scripts call (/ask, /document, /commitments, /timeline); names and signatures are the contract."""

    def document_api(doc_id: str, start: int | None = None, end: int | None = None) -> str:
        """One document as the reader shows it (HTML, text escaped), the passage start..end marked; an unknown or
        malformed id gives 'No document …'."""
        return documents.open_document(assistant, str(doc_id or ""), int_or_none(start), int_or_none(end))

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
            text = (
                earlier if isinstance(earlier, str) else earlier.get("question") if isinstance(earlier, dict) else None
            )
            if not isinstance(text, str):
                raise gr.Error(f"history item {n} must be a question (a string), not {type(earlier).__name__}")
            earlier_questions.append(text)
        chosen = _api_filters(filters)
        turns: list[dict] = []
        try:
            for text in earlier_questions[-HISTORY_TURNS:]:
                searched, _, ans = assistant.converse(text, as_turns(turns))
                turns.append({"question": text, "searched": searched, "answer": ans.to_json_dict()})
            searched, _, answer = assistant.converse(question, as_turns(turns), chosen)
        except (QuestionError, FilterError) as exc:
            raise gr.Error(str(exc)) from None
        docs = assistant.document_texts(c.doc_id for c in answer.citations + answer.leads)
        data = answer.to_json_dict()
        return chat_message(answer, docs, question), data["citations"] or data["leads"]

    gr.api(commitments_api, api_name="commitments")
    gr.api(timeline_api, api_name="timeline")
    gr.api(ask_api, api_name="ask")
    gr.api(document_api, api_name="document")


def build_app(assistant, examples: dict[str, list[str]] | None = None):
    """The tabs in order (Ask, Commitments, Timeline, Documents, Add documents, Evaluate), the links between them
    (an upload refreshes the filters, a source link opens the reader, the chat opens the timeline), the API."""
    exports = tempfile.mkdtemp(prefix="minutes-exports-")  # one folder per app; Gradio serves files from temp dirs
    with gr.Blocks(title="Minutes Assistant") as app:
        gr.Markdown(
            "## Minutes Assistant\nAsk about the council minutes and reports in the archive. Every sentence of "
            "an answer cites where it came from (click a number to read it beside the chat); when the archive does "
            "not say, the assistant tells you so."
        )
        turns = gr.State([])
        with gr.Tabs() as tabs:
            ask = chat.build(assistant, examples, turns, exports)
            promised = commitments.build(assistant, exports)
            over_time = timeline.build(assistant)
            archive = documents.build(assistant)
            add.build(assistant, [archive.table, *ask.filters])
            evaluate.build(assistant)
        documents.connect_links(app, assistant, tabs, archive)
        app.load(promised.find, promised.inputs, promised.outputs, api_visibility="private")
        app.load(
            lambda: gr.Chatbot(placeholder=chat.first_screen(assistant)), None, ask.chatbot, api_visibility="private"
        )
        timeline.connect_over_time(ask.over_time, turns, tabs, over_time)
        _api(assistant)
    return app


def serve(assistant, block: bool = True):
    """Load the model and index once, then serve as assistant.settings.serve says (host, port, login, queue)."""
    s = assistant.settings.serve
    assistant.warm()
    app = build_app(assistant, example_questions(assistant, s.examples))
    app.queue(default_concurrency_limit=s.concurrency)
    credentials = s.credentials()
    login = None
    if credentials:
        user, password = credentials
        login = ThrottledLogin(user, password, max_failures=s.login_failures, lockout_seconds=s.lockout_seconds)
    elif s.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"warning: serving on {s.host} with no login; anyone who can reach this address can read and add "
            f"papers (set MINUTES_AUTH=user:password, and put TLS in front: see README, Security)",
            flush=True,
        )
    print(f"Minutes Assistant on http://{s.host}:{s.port}", flush=True)
    # max_file_size: Gradio refuses a larger upload before it is written anywhere.
    app.launch(
        server_name=s.host,
        server_port=s.port,
        auth=login,
        prevent_thread_lock=not block,
        quiet=True,
        css=CSS,
        head=HEAD,
        show_error=True,
        max_file_size=int(assistant.settings.ingest.max_file_mb * 2**20),
    )
    return app
