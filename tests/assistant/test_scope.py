"""Honest scope: every answer under filters names them, says what a date range leaves out, promises no absent leads."""

import json
import os
import subprocess
import sys
from pathlib import Path

from assistant.answer import LEADS_TEXT
from index.filters import Filters
from tabs.render import answer_markdown

MINUTES = Path(sys.executable).parent / "minutes"


def _undated(assistant, council: str | None = None) -> int:
    """Papers stating no meeting date, counted from the registry (optionally one council's)."""
    return sum(
        1
        for d in assistant.documents()
        if not d["meta"].get("meeting_date") and (council is None or council in (d["meta"].get("council") or ""))
    )


def test_a_date_range_says_how_many_undated_papers_it_leaves_out(corpus_assistant):
    undated = _undated(corpus_assistant)
    assert undated >= 2  # the demo papers mostly state no date: the case the note is for
    answer = corpus_assistant.ask("What was said about CCTV?", Filters(since="2023-01-01"))
    assert answer.scope_note.startswith("Filters: meetings from 2023-01-01.")
    assert f"{undated} papers state no meeting date and are left out; clear the dates to include them" in (
        answer.scope_note
    )
    assert all(c.meeting_date and c.meeting_date >= "2023-01-01" for c in answer.citations)
    melton = corpus_assistant.ask("What was said about CCTV?", Filters(council=["Melton"], until="2030-12-31"))
    assert melton.scope_note.startswith("Filters: council Melton; meetings until 2030-12-31.")
    assert f"{_undated(corpus_assistant, 'Melton')} papers state no meeting date" in melton.scope_note
    data = answer.to_json_dict()
    assert data["scope_note"] == answer.scope_note and data["filters"] == {"since": "2023-01-01"}
    assert f"*{answer.scope_note}*" in answer_markdown("What was said about CCTV?", data)  # the export says it


def test_no_filter_no_note_and_words_in_the_question_are_not_filters(corpus_assistant):
    answer = corpus_assistant.ask("What did Melton say about CCTV in 2023?")
    assert answer.scope_note is None and answer.filters == {}
    council_only = corpus_assistant.ask("What was said about CCTV?", Filters(council=["Redditch"]))
    assert council_only.scope_note == "Filters: council Redditch."  # no date range: nothing said of undated papers
    assert "*Filters" not in answer_markdown("q", answer.to_json_dict())


def test_leads_are_never_promised_when_none_are_listed(corpus_assistant):
    """An abstention whose passages are all another council's lists no leads, so it must not promise any."""
    asked = [
        ("Who is the Mayor of Charnwood?", Filters(council=["Melton"])),
        ("What did Charnwood say about the helicopter budget?", Filters(council=["Redditch"])),
        ("What is the allotment waiting list?", Filters(since="2099-01-01")),
        ("Who is the Mayor of Charnwood?", None),
    ]
    seen_without_leads = 0
    for question, filters in asked:
        answer = corpus_assistant.ask(question, filters)
        assert (LEADS_TEXT.strip() in answer.answer) == bool(answer.leads), (question, answer.answer)
        seen_without_leads += answer.abstained and not answer.leads
    assert seen_without_leads >= 2  # the cases that once promised leads and listed none were exercised


def test_the_cli_prints_the_note(corpus_assistant):
    env = {**os.environ, "MINUTES_DATA_DIR": str(corpus_assistant.settings.store.data_dir)}
    result = subprocess.run(
        [str(MINUTES), "ask", "--since", "2023-01-01", "What was said about CCTV?"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert f"(Filters: meetings from 2023-01-01. {_undated(corpus_assistant)} papers state no meeting date" in (
        result.stdout
    )
    as_json = subprocess.run(
        [str(MINUTES), "ask", "--json", "--council", "Melton", "What was said about CCTV?"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert json.loads(as_json.stdout)["scope_note"] == "Filters: council Melton."
