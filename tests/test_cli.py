"""The `minutes` console script, run as a real subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINUTES = Path(sys.executable).parent / "minutes"


def run(*args, stdin=None, data_dir):
    env = {**os.environ, "MINUTES_DATA_DIR": str(data_dir)}
    return subprocess.run([str(MINUTES), *args], input=stdin, capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=300)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, corpus_dir):
    d = tmp_path_factory.mktemp("cli")
    (corpus_dir.parent / "extra").mkdir(exist_ok=True)
    bad = corpus_dir.parent / "extra" / "scan.pdf"
    bad.write_bytes(b"")
    result = run("ingest", str(corpus_dir), str(bad), "--quiet", data_dir=d)
    assert result.returncode == 1, result.stderr  # one bad file: reported, the rest ingested
    assert "scan.pdf: empty file" in result.stderr
    assert "5 ingested" in result.stdout
    return d


def test_ask_json_contract(data_dir):
    result = run("ask", "How many stop and searches were there in Melton?", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"question", "answer", "abstained", "citations", "timings_ms"}
    assert data["abstained"] is False and "400" in data["answer"]
    keys = {"n", "doc_id", "title", "source_path", "council", "committee", "meeting_date", "page", "section", "quote"}
    for c in data["citations"]:
        assert keys <= set(c)
        assert c["doc_id"] == "melton-scrutiny-csp-presentation-minutes"
        assert c["council"] == "Melton Borough Council" and c["meeting_date"] is None
    assert isinstance(data["timings_ms"]["total"], float)


def test_ask_reads_questions_from_stdin(data_dir):
    stdin = "How much does a helicopter deployment cost?\n\nWho is the Mayor of Charnwood?\n"
    result = run("ask", "-", "--json", stdin=stdin, data_dir=data_dir)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [l["abstained"] for l in lines] == [False, True]
    assert "£15k" in lines[0]["answer"]


def test_bad_questions_and_filters_exit_with_an_error(data_dir):
    empty = run("ask", "  ", data_dir=data_dir)
    assert empty.returncode == 2 and "empty" in empty.stderr
    long = run("ask", "x" * 2001, data_dir=data_dir)
    assert long.returncode == 2 and "limit is 2000" in long.stderr
    council = run("ask", "CCTV?", "--council", "Leeds", data_dir=data_dir)
    assert council.returncode == 2 and "Melton Borough Council" in council.stderr


def test_human_output_and_status(data_dir):
    result = run("ask", "What did Inspector Danvers agree about youth groups?", data_dir=data_dir)
    assert "[1]" in result.stdout and "Sources:" in result.stdout and "Melton Borough Council" in result.stdout
    status = run("status", data_dir=data_dir)
    assert "5 documents" in status.stdout and "redditch-crime-disorder-scrutiny-panel-update-minutes" in status.stdout


def test_help_explains_every_subcommand(data_dir):
    result = run("--help", data_dir=data_dir)
    for name in ("ingest", "ask", "status", "serve", "eval"):
        assert name in result.stdout
