"""The Gradio chat, served for real and called through gradio_client."""

import socket

from ui import escape, render


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_document_text_cannot_inject_markup():
    out = escape('<script>alert(1)</script> [click](http://evil.example) **bold**')
    assert "<script>" not in out and "](http" not in out and "**" not in out


def test_chat_answers_with_sources(corpus_assistant):
    from gradio_client import Client

    from ui import serve

    port = _free_port()
    app = serve(corpus_assistant, port=port, block=False)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        reply = client.predict("How much does a helicopter deployment cost?", api_name="/respond")
        assert "£15k" in reply and "[1]" in reply and "**Sources**" in reply
        refusal = client.predict("Who is the Mayor of Charnwood?", api_name="/respond")
        assert "does not say" in refusal and "leads" in refusal
        filtered = client.predict("What was said about drugs?", ["Mr Wilson"], api_name="/respond")
        assert filtered.count("said by Mr Wilson") == filtered.count("**[")
    finally:
        app.close()


def test_render_escapes_quotes(corpus_assistant):
    answer = corpus_assistant.ask("What did Inspector Danvers agree about youth groups?")
    md = render(answer)
    assert "[1]" in md and "Melton Borough Council" in md
