"""Server mode: a real `chroma run` on a free local port; the same corpus gives the same answers as embedded mode."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMA = Path(sys.executable).parent / "chroma"
MINUTES = Path(sys.executable).parent / "minutes"
QUESTIONS = [
    json.loads(line)
    for line in (Path(__file__).resolve().parents[2] / "evals/questions.jsonl").read_text().splitlines()
][::4]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("w")
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as reply:
                if reply.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            raise RuntimeError(f"chroma run did not come up: {(path / 'server.log').read_text()[-2000:]}")
        time.sleep(0.3)
    yield url
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def server_assistant(chroma_server, embedder, corpus_dir, tmp_path_factory):
    from assistant.engine import Assistant
    from assistant.settings import Settings

    settings = Settings.build(
        {
            "store.data_dir": tmp_path_factory.mktemp("server-side"),
            "store.chroma_url": chroma_server,
            "store.collection": "melton-and-friends",
        },
        environ={},
    )
    assistant = Assistant(settings, embedder=embedder)
    report = assistant.ingest([corpus_dir], progress=False)
    assert not report.failed and report.count("added") == 5
    return assistant


def _essence(answer) -> tuple:
    return (answer.answer, answer.abstained, [(c.doc_id, c.start, c.end) for c in answer.citations + answer.leads])


def test_answers_match_embedded_mode(server_assistant, corpus_assistant):
    assert server_assistant.store.count() == corpus_assistant.store.count()
    for item in QUESTIONS:
        assert _essence(server_assistant.ask(item["question"])) == _essence(corpus_assistant.ask(item["question"])), (
            item["id"]
        )
    assert [r.to_row() for r in server_assistant.commitments("CCTV")] == [
        r.to_row() for r in corpus_assistant.commitments("CCTV")
    ]


def test_the_collection_lives_on_the_server(server_assistant, chroma_server):
    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_server.rsplit(":", 1)[1]))
    names = {c.name for c in client.list_collections()}
    assert {"melton-and-friends", "melton-and-friends-sentences", "melton-and-friends-commitments"} <= names
    assert client.get_collection("melton-and-friends").count() == server_assistant.store.count()


def test_cli_uses_the_server(server_assistant, chroma_server):
    env = {**os.environ, "MINUTES_CHROMA_URL": chroma_server}
    args = [
        str(MINUTES),
        "ask",
        "How much does a helicopter deployment cost?",
        "--json",
        "--collection",
        "melton-and-friends",
        "--data-dir",
        str(server_assistant.settings.store.data_dir),
    ]
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "£15k" in json.loads(result.stdout)["answer"]
    down = subprocess.run(
        [*args[:-4], "--chroma-url", "http://127.0.0.1:9"], capture_output=True, text=True, timeout=300
    )
    assert down.returncode == 2 and "cannot use the Chroma server at http://127.0.0.1:9" in down.stderr
