"""Shared real fixtures: the packaged embedding model (loaded once) and the demo corpus in a temp index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.offline import ensure_offline

ensure_offline()

# The `browser` fixture (Debian's Chromium through Playwright) for every browser test.
pytest_plugins = ["tests.browser"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def embedder():
    from index.embedder import Embedder

    e = Embedder()
    e.embed_one("load")
    return e


@pytest.fixture
def make_assistant(tmp_path, embedder):
    """A fresh Assistant on its own data dir, sharing the loaded model."""
    from assistant.engine import Assistant
    from assistant.settings import Settings

    def make(data_dir: Path | None = None, **overrides):
        settings = Settings.build({"store.data_dir": data_dir or tmp_path / "data", **overrides}, environ={})
        return Assistant(settings, embedder=embedder)

    return make


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def corpus_assistant(tmp_path_factory, embedder, corpus_dir):
    """The demo corpus ingested once into a real embedded Chroma for the read-only tests."""
    from assistant.engine import Assistant
    from assistant.settings import Settings

    settings = Settings.build({"store.data_dir": tmp_path_factory.mktemp("index")}, environ={})
    assistant = Assistant(settings, embedder=embedder)
    report = assistant.ingest([corpus_dir], progress=False)
    assert not report.failed, report.failed
    return assistant


INJECTION = (
    "Agenda item\n\nPARKING ENFORCEMENT\n\n"
    "The Committee noted that the parking enforcement contractor's report was headed "
    "<script>alert(1)</script> and linked [the tariff](javascript:alert(2)) <img src=x onerror=alert(3)> "
    "before it set out the new parking wardens' patrol hours.\n"
)


@pytest.fixture(scope="session")
def ui_server(tmp_path_factory, embedder, corpus_dir):
    """The real app served on a free local port over the corpus plus a paper whose text looks like markup."""
    import socket

    from assistant.engine import Assistant
    from assistant.settings import Settings
    from ui import serve

    extra = tmp_path_factory.mktemp("extra")
    (extra / "parking-injection.txt").write_text(INJECTION, encoding="utf-8")
    (extra / "parking-injection.meta.json").write_text(
        '{"council": "Testshire District Council", "committee": "Parking Panel", "meeting_date": "2024-03-05"}'
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tmp_path_factory.mktemp("ui-index")
    settings = Settings.build({"store.data_dir": data, "serve.port": port}, environ={})
    assistant = Assistant(settings, embedder=embedder)
    report = assistant.ingest([corpus_dir, extra], progress=False)
    assert not report.failed, report.failed
    app = serve(assistant, block=False)
    yield {"url": f"http://127.0.0.1:{port}/", "assistant": assistant, "data_dir": data}
    app.close()
