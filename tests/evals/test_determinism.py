"""Two fresh builds of one archive answer every question identically, however the files were batched at ingest.

A previous build abstained on one demo question (f16) that another answered: figures that flip between fresh
builds make a gate measure noise. Here one build ingests the folder at once, the other file by file in reverse
order (different embedding batches, different write order), and every answer, citation and score must agree."""

from __future__ import annotations

from pathlib import Path

from evals.runner import load_questions

EVALS = Path(__file__).resolve().parents[2] / "evals"


def _answers(assistant) -> list[tuple]:
    out = []
    for item in load_questions(EVALS / "questions.jsonl"):
        a = assistant.ask(item["question"])
        out.append((item["id"], a.abstained, a.answer, [(c.doc_id, c.start, c.end, c.score) for c in a.citations]))
    return out


def test_fresh_builds_answer_identically(make_assistant, corpus_dir, tmp_path):
    whole = make_assistant(tmp_path / "whole")
    assert not whole.ingest([corpus_dir], progress=False).failed
    one_by_one = make_assistant(tmp_path / "one-by-one")
    for path in sorted(corpus_dir.glob("*.txt"), reverse=True):
        assert not one_by_one.ingest([path], progress=False).failed
    first, second = _answers(whole), _answers(one_by_one)
    differing = [(a[0], a[1:], b[1:]) for a, b in zip(first, second) if a != b]
    assert not differing, differing[:3]
