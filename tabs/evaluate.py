"""The Evaluate tab: run a question set through the assistant and show the scores, plots and failures."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import gradio as gr

from evals.report import PLOT_FILES, summary_table
from evals.runner import evaluate

from .render import escape


def build(assistant) -> None:
    """The Evaluate tab inside the caller's gr.Tabs; each run writes its results under the data dir's evals/."""
    with gr.Tab("Evaluate", id="evaluate"):
        qset = gr.File(
            file_types=[".jsonl", ".csv"],
            label="Question set (JSONL as evals/questions.jsonl, "
            "or CSV with question, expected_answer, expected_sources)",
        )
        run = gr.Button("Run the evaluation", variant="primary")
        eval_summary = gr.Markdown()
        eval_plots = gr.Gallery(label="Plots", columns=2, height=320)
        eval_failures = gr.Dataframe(
            headers=["id", "type", "question", "expected", "answer"], interactive=False, label="Failures", wrap=True
        )
        eval_files = gr.File(label="Download the results", file_count="multiple")

    def run_eval(file, progress=gr.Progress(track_tqdm=True)):
        if not file:
            return "Choose a question set (JSONL or CSV) first.", [], [], []
        out = Path(assistant.settings.store.data_dir) / "evals" / datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            summary = evaluate(assistant, [Path(file if isinstance(file, str) else file.name)], out_dir=out)
        except (ValueError, FileNotFoundError) as exc:
            return f"⚠️ {escape(str(exc))}", [], [], []
        results = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
        failures = [
            [r["id"], r["type"], r["question"], r.get("expected", ""), r["answer"][:300]]
            for r in results
            if not r["correct"]
        ]
        plots = [str(out / name) for name in PLOT_FILES]
        files = [str(out / n) for n in ("results.jsonl", "summary.json", "report.html")]
        return f"```\n{summary_table(summary)}\n```", plots, failures, files

    run.click(run_eval, [qset], [eval_summary, eval_plots, eval_failures, eval_files])
