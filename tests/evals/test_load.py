"""The load driver against the live app (small N and M: the figures are quoted from `minutes load`, not gated)."""

from pathlib import Path

from evals.load import corpus_questions, run

QUESTIONS = Path(__file__).resolve().parents[2] / "evals/questions.jsonl"


def test_load_run_counts_answers_and_errors(ui_server):
    result = run(ui_server["url"], corpus_questions(QUESTIONS), sessions=3, per_session=2)
    figures = result.summary()
    assert figures["requests"] == 6 and figures["answered"] == 6 and figures["errors"] == 0
    assert figures["latency_p50_ms"] <= figures["latency_p95_ms"] <= figures["latency_max_ms"]
    broken = run("http://127.0.0.1:9/", ["q"], sessions=2, per_session=1)  # nothing listens on port 9
    assert broken.summary()["answered"] == 0 and len(broken.errors) == 2
