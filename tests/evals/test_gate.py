"""The CI gate: the project's own question set must not fall under evals/thresholds.toml."""

import json
import tomllib
from pathlib import Path

import pytest

from evals.runner import evaluate, load_questions

EVALS = Path(__file__).resolve().parents[2] / "evals"


@pytest.fixture(scope="module")
def summary(corpus_assistant):
    return evaluate(
        corpus_assistant, [EVALS / "questions.jsonl"], progress=False, commitments_gold=EVALS / "commitments_gold.jsonl"
    )


def test_question_set_shape():
    items = load_questions(EVALS / "questions.jsonl")
    types = [i["type"] for i in items]
    assert len(items) >= 60 and len({i["id"] for i in items}) == len(items)
    assert types.count("multi-doc") >= 8 and types.count("unanswerable") >= 8
    corpus = {p.stem: p.read_text() for p in (EVALS.parent / "corpus").glob("*.txt")}
    for item in items:
        if item["type"] != "unanswerable":
            assert item["must_include"] and item["sources"] and set(item["sources"]) <= set(corpus)
            assert any(item["evidence"] in corpus[s] for s in item["sources"]), item["id"]


def test_metrics_stay_above_thresholds(summary):
    limits = tomllib.loads((EVALS / "thresholds.toml").read_text())
    overall = summary["project"]["overall"]
    low = {k: (overall[k], v) for k, v in limits["minimum"].items() if overall[k] < v}
    high = {k: (overall[k], v) for k, v in limits["maximum"].items() if overall[k] > v}
    assert not low and not high, json.dumps({"below_minimum": low, "above_maximum": high})


def test_commitment_extraction_stays_above_thresholds(summary):
    limits = tomllib.loads((EVALS / "thresholds.toml").read_text())["commitments"]
    measured = summary["commitments"]
    low = {k: (measured[k], v) for k, v in limits.items() if measured[k] < v}
    assert not low, json.dumps(
        {"below_minimum": low, "missed": measured["missed"], "false_positives": measured["false_positives"]}
    )


def test_commitment_gold_is_verbatim_in_the_corpus():
    from evals.commitments import load_gold, locate

    gold = load_gold(EVALS / "commitments_gold.jsonl")
    assert len(gold) >= 30 and len({g["id"] for g in gold}) == len(gold)
    for g in gold:
        text = (EVALS.parent / "corpus" / f"{g['doc_id']}.txt").read_text()
        assert locate(text, g["evidence"]), g["id"]


def test_baseline_side_by_side_and_report(corpus_assistant, corpus_dir, tmp_path):
    out = tmp_path / "report"
    summary = evaluate(
        corpus_assistant,
        [EVALS / "questions.jsonl"],
        baseline="naive",
        corpus_dir=corpus_dir,
        out_dir=out,
        progress=False,
    )
    assert set(summary) == {"project", "baseline"}
    assert summary["project"]["overall"]["accuracy"] > summary["baseline"]["overall"]["accuracy"]
    assert summary["baseline"]["overall"]["refused_unanswerable"] == 0.0  # the baseline never refuses
    rows = [json.loads(row) for row in (out / "results.jsonl").read_text().splitlines()]
    assert {r["system"] for r in rows} == {"project", "baseline"} and len(rows) == 2 * 80
    html = (out / "report.html").read_text()
    assert html.count("data:image/png;base64,") == 2 and "baseline" in html


def test_csv_questions_are_accepted(corpus_assistant, tmp_path):
    csv = tmp_path / "qs.csv"
    csv.write_text(
        "question,expected_answer,expected_sources\n"
        "What does a helicopter deployment cost?,£15k each time,melton-scrutiny-feedback-to-cabinet-crime-disorder\n"
        "Who is the Mayor of Charnwood?,,\n"
    )
    summary = evaluate(corpus_assistant, [csv], progress=False)
    overall = summary["project"]["overall"]
    assert overall["answer_correct"] == 1.0 and overall["refused_unanswerable"] == 1.0
