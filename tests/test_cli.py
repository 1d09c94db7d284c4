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
    return subprocess.run(
        [str(MINUTES), *args], input=stdin, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )


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
    assert [line["abstained"] for line in lines] == [False, True]
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
    for name in ("ingest", "ask", "status", "serve", "eval", "commitments", "timeline", "load"):
        assert name in result.stdout


def test_commitments_about_youth_and_cctv(data_dir):
    youth = run("commitments", "--about", "youth", "--json", data_dir=data_dir)
    rows = [json.loads(line) for line in youth.stdout.splitlines()]
    assert youth.returncode == 0 and len(rows) == 1
    assert rows[0]["owner"] == "Inspector Danvers" and rows[0]["kind"] == "agreement"
    assert "beat officers would attend and engage with local youth groups" in rows[0]["quote"]
    assert rows[0]["doc_id"] == "melton-scrutiny-csp-presentation-minutes" and rows[0]["start"] == 4627

    cctv = run("commitments", "--about", "CCTV", "--csv", data_dir=data_dir)
    lines = cctv.stdout.splitlines()
    assert lines[0].startswith("n,meeting_date,council,committee,kind,owner,commitment")
    assert len(lines) == 3 and all("CCTV" in line for line in lines[1:])
    assert {"melton-crime-disorder-annual-update-report", "redditch-crime-disorder-scrutiny-panel-update-minutes"} == {
        line.split(",")[-5] for line in lines[1:]
    }
    human = run("commitments", "--owner", "police", data_dir=data_dir)
    assert "The Police would continue with 28-day updates" in human.stdout and "2024-11-13" in human.stdout


def test_timeline_groups_passages_by_meeting(data_dir):
    result = run("timeline", "CCTV", "--json", data_dir=data_dir)
    timeline = json.loads(result.stdout)
    councils = [m["council"] for m in timeline["meetings"]]
    assert {"Melton Borough Council", "Redditch Borough Council"} <= set(councils)
    assert all("cctv" in c["quote"].lower() for m in timeline["meetings"] for c in m["citations"])
    numbers = [c["n"] for m in timeline["meetings"] for c in m["citations"]]
    assert numbers == list(range(1, len(numbers) + 1))
    redditch = run("timeline", "CCTV", "--council", "Redditch", data_dir=data_dir)
    assert "Redditch Borough Council" in redditch.stdout and "Melton" not in redditch.stdout
    assert "Nothing in the archive" in run("timeline", "zeppelin", "mooring", data_dir=data_dir).stdout


def test_looping_links_are_reported_and_names_stay_on_one_line(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "loop.txt").symlink_to(folder / "loop.txt")  # a link to itself
    (folder / "agenda\nitem.xyz").write_text("not a paper")
    (folder / "minutes.txt").write_text("The Panel noted the allotment waiting list of 42 households.\n")
    result = run("ingest", str(folder), "--quiet", data_dir=tmp_path / "data")
    assert result.returncode == 1, result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("FAILED")]
    assert any("loop.txt: broken or looping link" in line for line in failed), result.stderr
    assert any("agenda\\nitem.xyz: unsupported file type" in line for line in failed), result.stderr
    assert len(failed) == 2 and "1 ingested" in result.stdout
