"""Attacks and careless use, as real HTTP requests against a served app and real CLI runs (issue: hardening).

Each test here failed on the code before its fix: ids reached the file system, uploads replaced papers, a login
without a colon turned itself off, logins were never throttled, invisible questions got cited answers, API errors
were Python dumps.
"""

from __future__ import annotations

import html
import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from gradio_client import Client, handle_file

from assistant.engine import Assistant
from assistant.login import ThrottledLogin
from assistant.settings import Settings
from ui import serve

ROOT = Path(__file__).resolve().parent.parent
MINUTES = Path(sys.executable).parent / "minutes"
USER, PASSWORD = "clerk", "s3cret-pass"
PAPER = "melton-scrutiny-csp-presentation-minutes"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def secured(tmp_path_factory, embedder, corpus_dir):
    """The app over the demo corpus with a login and a 0.05 MB upload limit, on its own data dir."""
    data = tmp_path_factory.mktemp("secured")
    port = _free_port()
    settings = Settings.build(
        {
            "store.data_dir": data,
            "serve.port": port,
            "serve.auth": f"{USER}:{PASSWORD}",
            "serve.examples": 0,
            "ingest.max_file_mb": 0.05,
        },
        environ={},
    )
    assistant = Assistant(settings, embedder=embedder)
    assert not assistant.ingest([corpus_dir], progress=False).failed
    app = serve(assistant, block=False)
    yield {"url": f"http://127.0.0.1:{port}/", "assistant": assistant, "data": data}
    app.close()


@pytest.fixture(scope="module")
def client(secured):
    return Client(secured["url"], auth=(USER, PASSWORD), verbose=False)


def test_document_ids_never_reach_the_file_system(client, secured, tmp_path):
    data = secured["data"]
    # a paper of another collection this app does not serve, and a registry-shaped file outside the data dir
    other = data / "documents" / "other-collection"
    other.mkdir(parents=True)
    (other / "secret.json").write_text(
        json.dumps({"doc_id": "secret", "text": "OTHER COLLECTION SECRET", "meta": {"title": "Secret"}, "pages": []})
    )
    outside = tmp_path / "x.json"
    outside.write_text(json.dumps({"doc_id": "x", "text": "OUTSIDE SECRET", "meta": {"title": "x"}, "pages": []}))
    (data / "documents" / "minutes" / "no-id.json").write_text('{"text": "NO ID"}')
    depth = len(Path(data, "documents", "minutes").resolve().parts) - 1
    attempts = [
        "../other-collection/secret",
        "../" * depth + str(outside.with_suffix(""))[1:],
        "no-id",
        "/etc/passwd",
        "..",
        "a/../../x",
        "",
    ]
    for doc_id in attempts:
        html = client.predict(doc_id, None, None, api_name="/document")
        assert "No document" in html and "SECRET" not in html and "NO ID" not in html, doc_id
    assert PAPER in client.predict(PAPER, None, None, api_name="/document")  # a real id still opens


def test_remove_never_deletes_a_file_outside_the_index(tmp_path):
    victim = tmp_path / "victim.json"
    victim.write_text("{}")
    data = tmp_path / "data"
    depth = len((data / "documents" / "minutes").resolve().parts) - 1
    env = {**os.environ, "MINUTES_DATA_DIR": str(data)}
    result = subprocess.run(
        [str(MINUTES), "remove", "../" * depth + str(victim.with_suffix(""))[1:]],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 2 and "is not a document id" in result.stderr
    assert victim.exists()


def _add(client, paths, replace=False):
    """The Add documents tab's action; its summary is Markdown with document text escaped, read here as shown."""
    summary, *rest = client.predict([handle_file(str(p)) for p in paths], replace, api_name="/add_documents")
    return (html.unescape(summary.replace("\\", "")), *rest)


def test_an_upload_named_like_a_paper_never_replaces_it_unasked(client, secured, tmp_path):
    assistant = secured["assistant"]
    before = assistant.document(PAPER)
    forged = tmp_path / f"{PAPER}.txt"
    forged.write_text("The Committee resolved that every CCTV camera in Melton would be switched off at once.\n")
    summary, problems, table, *_ = _add(client, [forged])
    assert "1 ingested" in summary and f"added as {PAPER}-2" in summary and "stays as it is" in summary
    after = assistant.document(PAPER)
    assert after["text"] == before["text"] and after["chunks"] == before["chunks"]
    upload = assistant.document(f"{PAPER}-2")
    assert upload["text"].startswith("The Committee resolved")
    # who, how, when and from which file: in the Documents table and on the upload's citations
    assert upload["provenance"]["added_by"] == USER and upload["provenance"]["via"] == "upload"
    assert upload["provenance"]["file"] == f"{PAPER}-2.txt" and upload["provenance"]["added_at"]
    row = next(r for r in table["data"] if r[-1] == f"{PAPER}-2")
    assert row[-2].startswith(f"{USER} (upload)")
    _, citations = client.predict("Would every CCTV camera in Melton be switched off?", api_name="/ask")
    forged_cites = [c for c in citations if c["doc_id"] == f"{PAPER}-2"]
    assert forged_cites and all(c["uploaded_by"] == USER for c in forged_cites)
    assert all(c["uploaded_by"] is None for c in citations if c["doc_id"] != f"{PAPER}-2")
    # asked to replace: it does, and says so
    forged.write_text("The Committee resolved that the Melton skate park would close for good.\n")
    summary, *_ = _add(client, [forged], replace=True)
    assert f"replaces the paper {PAPER}" in summary and "1 replaced" in summary
    assert assistant.document(PAPER)["text"].startswith("The Committee resolved that the Melton skate park")


def test_uploads_over_the_limit_or_unreadable_are_not_kept(client, secured, tmp_path):
    uploads = secured["data"] / "uploads"
    kept = set(uploads.iterdir()) if uploads.exists() else set()
    big = tmp_path / "big-minutes.txt"
    big.write_text("The Panel noted the report. " * 4000)  # ~110 KB, over the 0.05 MB limit
    with pytest.raises(Exception, match="(?i)size|large|exceed"):
        _add(client, [big])
    bad = tmp_path / "broken-agenda.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    summary, problems, *_ = _add(client, [bad])
    assert "1 failed" in summary and problems["data"][0][0] == "broken-agenda.pdf"
    assert set(uploads.iterdir()) == kept  # neither the big file nor the broken one stays on disk


@pytest.mark.parametrize("question", ["\u200b", "\ufeff\u2060", "\u202e\u202d\u200b ", "\u00a0\u3000"])
def test_questions_of_invisible_characters_are_refused(client, question):
    with pytest.raises(Exception, match="empty"):
        client.predict(question, api_name="/ask")


@pytest.mark.parametrize(
    "args, message",
    [
        ((["How much does a helicopter cost?"], {"councel": ["Melton"]}), "unknown filter 'councel'"),
        (("How much does a helicopter cost?", {"since": "13/02/2025"}), "filter since"),
        (("How much does a helicopter cost?", {"council": ["Atlantis"]}), "no council matches 'Atlantis'"),
        (("How much does a helicopter cost?", None, [123]), "history item 1 must be a question"),
    ],
)
def test_api_errors_are_plain_words(client, args, message):
    if isinstance(args[0], list):
        args = (args[0][0], *args[1:])
    with pytest.raises(Exception) as caught:
        client.predict(*args, api_name="/ask")
    assert message in str(caught.value) and "Traceback" not in str(caught.value)


def test_cards_show_apostrophes_once_escaped(client):
    markdown, citations = client.predict(
        "What is the Council's designated Crime and Disorder Committee?", api_name="/ask"
    )
    assert any("Council's" in c["quote"] for c in citations)
    assert "Council&#39;s" in markdown  # escaped once: the browser shows an apostrophe
    assert "&&#35;" not in markdown and "&amp;#" not in markdown and "&#x27;" not in markdown


@pytest.mark.parametrize("auth", ["clerk", "clerk:", ":s3cret", ""])
def test_a_malformed_login_refuses_to_start(tmp_path, auth):
    env = {**os.environ, "MINUTES_DATA_DIR": str(tmp_path), "MINUTES_AUTH": auth}
    result = subprocess.run(
        [str(MINUTES), "serve", "--port", str(_free_port())],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 2 and "MINUTES_AUTH" in result.stderr and "user:password" in result.stderr


def test_wrong_passwords_lock_the_login(embedder, corpus_assistant):
    port = _free_port()
    serve_settings = corpus_assistant.settings.serve.model_copy(
        update={"port": port, "auth": f"{USER}:{PASSWORD}", "examples": 0, "login_failures": 5}
    )
    app = serve(
        Assistant(corpus_assistant.settings.model_copy(update={"serve": serve_settings}), embedder=embedder),
        block=False,
    )

    def login(password: str) -> int:
        body = urllib.parse.urlencode({"username": USER, "password": password}).encode()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", body, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    try:
        assert login(PASSWORD) == 200  # the right password works before any failure
        assert [login(f"guess-{n}") for n in range(30)] == [400] * 30
        assert login(PASSWORD) == 400  # locked: even the right password is refused now
    finally:
        app.close()


def test_the_lockout_ends_and_counts_names_separately():
    now = [0.0]
    login = ThrottledLogin(USER, PASSWORD, max_failures=3, lockout_seconds=60, clock=lambda: now[0])
    assert [login(USER, "x") for _ in range(3)] == [False] * 3
    assert login(USER, PASSWORD) is False and login.locked(USER)
    assert login("someone-else", "y") is False and not login.locked("someone-else")
    now[0] = 61
    assert login(USER, PASSWORD) is True
