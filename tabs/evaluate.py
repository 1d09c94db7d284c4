"""The Evaluate tab: run a question set through the assistant (and the naive baseline if asked) and show, for
evaluators, each metric in words with its meaning, the plots full size, and every question with its result."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import gradio as gr

from evals.report import (
    METRIC_COLUMNS,
    PLOT_FILES,
    PLOT_TITLES,
    QUESTION_COLUMNS,
    metric_rows,
    question_rows,
    summary_table,
)
from evals.runner import evaluate

from .render import escape

BASELINE_READS = (".txt", ".md", ".pdf")  # what evals.baseline's SimpleDirectoryReader is given


def baseline_corpus(assistant, folder: Path) -> Path:
    """The indexed papers as files for the baseline to read, named by doc id: each paper's source file where it is
    on this machine in a form the baseline reads, else the text the index stored for it."""
    folder.mkdir(parents=True, exist_ok=True)
    for record in assistant.documents():
        doc_id, source = record["doc_id"], Path(record.get("source_path") or "")
        if source.suffix.lower() in BASELINE_READS and source.is_file():
            shutil.copyfile(source, folder / f"{doc_id}{source.suffix.lower()}")
        else:
            text = (assistant.document(doc_id) or {}).get("text", "")
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


def headline(summary: dict) -> str:
    """One line above the table: how many questions, and how many were handled correctly (beside the baseline)."""
    p = summary["project"]["overall"]
    line = f"**{p['questions']} questions** · the assistant handled {p['accuracy']:.0%} correctly"
    if "baseline" in summary:
        line += f"; the naive baseline {summary['baseline']['overall']['accuracy']:.0%}"
    return line + ". Each metric is explained in the table; every question is listed below it, failures first."


def build(assistant) -> None:
    """The Evaluate tab inside the caller's gr.Tabs; each run writes its results under the data dir's evals/."""
    with gr.Tab("Evaluate", id="evaluate"):
        with gr.Row():
            qset = gr.File(
                elem_id="e-qset",
                file_types=[".jsonl", ".csv"],
                label="Question set (JSONL as evals/questions.jsonl, "
                "or CSV with question, expected_answer, expected_sources)",
                scale=3,
            )
            with gr.Column(scale=2):
                with_baseline = gr.Checkbox(
                    label="Also run the naive baseline (a plain llama-index pipeline over the same papers) "
                    "for comparison",
                    value=False,
                    elem_id="e-baseline",
                )
                run = gr.Button("Run the evaluation", variant="primary", elem_id="e-run")
        eval_summary = gr.Markdown(elem_id="e-summary")
        eval_metrics = gr.Dataframe(
            headers=list(METRIC_COLUMNS),
            interactive=False,
            wrap=True,
            column_widths=["28%", "9%", "9%", "54%"],
            max_height=900,
            label="Metrics: what each one is and means",
            elem_id="e-metrics",
        )
        plots = [
            gr.Image(label=title, type="filepath", height=420, interactive=False, elem_id=f"e-plot-{i}")
            for i, title in enumerate(PLOT_TITLES)
        ]
        eval_questions = gr.Dataframe(
            headers=list(QUESTION_COLUMNS),
            interactive=False,
            wrap=True,
            column_widths=["6%", "7%", "8%", "6%", "12%", "20%", "14%", "27%"],
            max_height=900,
            label="Every question with its result, failures first (reason: why the runner counted it a failure)",
            elem_id="e-questions",
        )
        eval_files = gr.File(label="Download the results", file_count="multiple")
        with gr.Accordion("All figures as `minutes eval` prints them", open=False):
            eval_table = gr.Markdown()

    def run_eval(file, baseline=False, progress=gr.Progress(track_tqdm=True)):
        empty = ([], *(None for _ in PLOT_FILES), [], [], "")
        if not file:
            return "Choose a question set (JSONL or CSV) first.", *empty
        out = Path(assistant.settings.store.data_dir) / "evals" / datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            summary = evaluate(
                assistant,
                [Path(file if isinstance(file, str) else file.name)],
                baseline="naive" if baseline else None,
                corpus_dir=baseline_corpus(assistant, out / "baseline-corpus") if baseline else None,
                out_dir=out,
            )
        except (ValueError, FileNotFoundError) as exc:
            return f"⚠️ {escape(str(exc))}", *empty
        results = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
        files = [str(out / n) for n in ("results.jsonl", "summary.json", "report.html")]
        return (
            headline(summary),
            metric_rows(summary),
            *(str(out / name) for name in PLOT_FILES),
            question_rows(results),
            files,
            f"```\n{summary_table(summary)}\n```",
        )

    run.click(
        run_eval,
        [qset, with_baseline],
        [eval_summary, eval_metrics, *plots, eval_questions, eval_files, eval_table],
    )
