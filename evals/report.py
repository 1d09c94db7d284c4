"""Eval outputs: results.jsonl, summary.json, a self-contained report.html with plots, and a console table."""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any

from .metadata import FIELDS
from .metadata import MEANINGS as METADATA_MEANINGS
from .metrics import METRIC_KEYS, METRIC_MEANINGS, SPAN_KEYS
from .speakers import MEANINGS as SPEAKER_MEANINGS

PLOT_FILES = ("by_type.png", "latency.png")  # written beside report.html, in the order _plots draws them
PLOT_TITLES = ("Correct by question type (refused, for unanswerable questions)", "Time per question (ms, warm)")
# Each metric's name in words, for people reading the Evaluate tab (what it means: metrics.METRIC_MEANINGS).
METRIC_NAMES = {
    "hit@1": "Right paper retrieved first",
    "hit@5": "Right paper in the first five retrieved",
    "hit@10": "Right paper in the first ten retrieved",
    "mrr": "Mean reciprocal rank of the right paper",
    "evidence_hit": "Evidence passage retrieved",
    "answer_correct": "Answers correct",
    "citation_precision": "Citations verbatim and from a right paper",
    "citation_recall": "Right paper cited",
    "refused_unanswerable": "Unanswerable questions refused",
    "refused_answerable": "Answerable questions wrongly refused",
    "precision": "Answers given that were right",
    "accuracy": "Questions handled correctly",
    "latency_p50_ms": "Median time per question (ms)",
    "latency_p95_ms": "Slowest 5% of questions take at least (ms)",
    "span_hit": "Citation inside a gold passage",
    "span_precision": "Share of citations inside gold passages",
    "meeting_hit": "Right meeting cited",
    "rouge1": "Word overlap with the written answer (ROUGE-1)",
    "rougeL": "Sequence overlap with the written answer (ROUGE-L)",
}
METRIC_COLUMNS = ("metric", "value", "baseline", "meaning")
QUESTION_COLUMNS = ("id", "system", "type", "result", "reason", "question", "expected", "answer")


def _fmt(value: Any) -> str:
    return "—" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))


def _columns(summary: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(label, metrics) per column: each system overall, or per split when the questions carry dev/test."""
    cols = []
    for system in ("project", "baseline"):
        if system not in summary:
            continue
        splits = summary[system].get("by_split") or {}
        if len(splits) > 1:
            cols += [(f"{system} {name}", values) for name, values in splits.items()]
        else:
            cols.append((system, summary[system]["overall"]))
    return cols


def summary_table(summary: dict[str, Any]) -> str:
    """Metrics per system (and split), then answer_correct per type and per council; span metrics when present."""
    cols = _columns(summary)
    width = max(12, *(len(label) + 2 for label, _ in cols))
    lines = [f"{'metric':<22}" + "".join(f"{label:>{width}}" for label, _ in cols)]
    keys = list(METRIC_KEYS[:4]) + ["evidence_hit"] + list(METRIC_KEYS[4:])
    keys += [k for k in SPAN_KEYS if any(k in values for _, values in cols)]
    for key in keys:
        lines.append(f"{key:<22}" + "".join(f"{_fmt(values.get(key)):>{width}}" for _, values in cols))
    lines.append(f"{'questions':<22}" + "".join(f"{_fmt(values.get('questions')):>{width}}" for _, values in cols))
    if "baseline" in summary:
        p, b = summary["project"]["overall"], summary["baseline"]["overall"]
        if p.get("latency_p50_ms") and b.get("latency_p50_ms"):
            lines.append(f"{'latency ratio p50':<22}{p['latency_p50_ms'] / b['latency_p50_ms']:>12.2f}")
        if b.get("accuracy"):
            lines.append(f"{'accuracy ratio':<22}{(p['accuracy'] or 0) / b['accuracy']:>12.2f}")
    for key in ("llm_sentences", "llm_dropped_share", "llm_fallback_share"):
        if key in summary["project"]["overall"]:
            lines.append(f"{key:<22}{_fmt(summary['project']['overall'][key]):>12}")
    systems = [s for s in ("project", "baseline") if s in summary]
    for group, title in (("by_type", "type"), ("by_council", "council")):
        if group not in summary["project"]:
            continue
        lines += ["", f"{'correct by ' + title:<40}" + "".join(f"{s:>12}" for s in systems) + f"{'n':>6}"]
        for name, values in summary["project"][group].items():
            key = "refused_unanswerable" if name == "unanswerable" else "accuracy"
            key = "answer_correct" if group == "by_type" and name != "unanswerable" else key
            lines.append(
                f"{name[:39]:<40}"
                + "".join(f"{_fmt(summary[s][group].get(name, {}).get(key)):>12}" for s in systems)
                + f"{values['questions']:>6}"
            )
    if "commitments" in summary:
        c = summary["commitments"]
        lines += ["", "commitment extraction (evals/commitments_gold.jsonl)"]
        for key in ("precision", "recall", "owner_accuracy", "gold", "predicted", "matched"):
            lines.append(f"{key:<22}{_fmt(c.get(key)):>12}")
    return "\n".join(lines + gold_tables(summary))


def metric_rows(summary: dict[str, Any]) -> list[list[str]]:
    """The Evaluate tab's metrics table (METRIC_COLUMNS): each metric named in words (and by its key in
    summary.json), the project's value, the baseline's when it ran, and what the metric means."""
    project = summary["project"]["overall"]
    baseline = summary.get("baseline", {}).get("overall", {})
    keys = list(METRIC_KEYS[:4]) + ["evidence_hit"] + list(METRIC_KEYS[4:]) + [k for k in SPAN_KEYS if k in project]
    rows = [
        [
            f"{METRIC_NAMES[k]} ({k})",
            _fmt(project.get(k)),
            _fmt(baseline.get(k)) if baseline else "not run",
            METRIC_MEANINGS[k],
        ]
        for k in keys
        if project.get(k) is not None or baseline.get(k) is not None
    ]
    return rows + [
        [
            "Questions (questions)",
            _fmt(project.get("questions")),
            _fmt(baseline.get("questions")) if baseline else "not run",
            "questions in the set",
        ]
    ]


def question_rows(results: list[dict[str, Any]], answer_chars: int = 400) -> list[list[str]]:
    """Every question with its result (QUESTION_COLUMNS), failures first, and for a failure the reason the runner
    recorded (metrics.FAILURES: wrongly refused, wrong document, …)."""
    ordered = sorted(results, key=lambda r: (r["correct"], r["system"] != "project"))
    return [
        [
            r["id"],
            r["system"],
            r["type"],
            "correct" if r["correct"] else "failed",
            r.get("failure") or "",
            r["question"],
            r.get("expected", ""),
            " ".join(r["answer"].split())[:answer_chars],
        ]
        for r in ordered
    ]


_COUNTS = ("precision", "recall", "right", "given", "stated")


def _row(label: str, values: dict[str, Any], extra: tuple[str, ...] = ()) -> str:
    return f"{label[:57]:<58}" + "".join(f"{_fmt(values.get(k)):>10}" for k in (*_COUNTS, *extra))


def gold_tables(summary: dict[str, Any]) -> list[str]:
    """What ingest read (metadata per field and split; speakers per split and council) against the hand labels."""
    lines: list[str] = []
    if "metadata" in summary:
        m = summary["metadata"]
        lines += [
            "",
            f"metadata read at ingest vs {Path(m['gold']).name}: {m['scored_documents']} of {m['gold_documents']} "
            f"gold papers indexed",
            f"{'field / split':<58}" + "".join(f"{k:>10}" for k in _COUNTS),
        ]
        for field in FIELDS:
            lines += [_row(f"{field} {split}", values[field]) for split, values in m["by_split"].items()]
        lines += [f"  {k}: {v}" for k, v in METADATA_MEANINGS.items()]
    if "speakers" in summary:
        sp = summary["speakers"]
        extra = ("sentences", "unlocated")
        lines += [
            "",
            f"speakers vs {Path(sp['gold']).name}: {sp['scored_sentences']} of {sp['gold_sentences']} gold sentences "
            f"scored ({sp['unlocated']} not found in the stored text; {sp['skipped_unknown']} in papers not in this "
            "index)",
            f"{'split, then council by split':<58}" + "".join(f"{k:>10}" for k in (*_COUNTS, *extra)),
        ]
        lines += [_row(split, values, extra) for split, values in sp["by_split"].items()]
        lines += [_row(f"  {v['split']:<5} {c}", v, extra) for c, v in sp["by_council"].items()]
        lines += [f"  {k}: {v}" for k, v in SPEAKER_MEANINGS.items()]
    return lines


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode()


def _plots(summary: dict[str, Any], results: list[dict[str, Any]]) -> list[str]:
    import matplotlib  # noqa: PLC0415 — heavy; only a written report draws plots

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415 — after use("Agg"), so no display is ever opened

    systems = [s for s in ("project", "baseline") if s in summary]
    types = list(summary["project"]["by_type"])
    fig, ax = plt.subplots(figsize=(11, 4))
    width = 0.8 / len(systems)
    for i, system in enumerate(systems):
        values = [
            summary[system]["by_type"][t].get("refused_unanswerable" if t == "unanswerable" else "answer_correct") or 0
            for t in types
        ]
        ax.bar([x + i * width for x in range(len(types))], values, width, label=system)
    ax.set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(types))], types)
    ax.set_ylim(0, 1)
    ax.set_ylabel("correct (refused, for unanswerable)")
    ax.legend()
    bars = _png(fig)
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(11, 3.5))
    for system in systems:
        ax.hist([r["latency_ms"] for r in results if r["system"] == system], bins=20, alpha=0.6, label=system)
    ax.set_xlabel("latency per question (ms, warm)")
    ax.set_ylabel("questions")
    ax.legend()
    hist = _png(fig)
    plt.close(fig)
    return [bars, hist]


_MISSES = (  # (summary section, list in it, heading, columns)
    (
        "metadata",
        "mismatches",
        "Metadata: values that differ from the gold",
        ("doc_id", "split", "field", "gold", "system"),
    ),
    (
        "speakers",
        "mismatches",
        "Speakers: attributed differently",
        ("doc_id", "split", "sentence", "gold", "predicted"),
    ),
    (
        "speakers",
        "unlocated_sentences",
        "Speakers: gold sentences not found in the stored text",
        ("doc_id", "sentence"),
    ),
)


def _gold_misses(summary: dict[str, Any]) -> str:
    """The disagreements with the metadata and speaker labels, folded away (the figures are in the table above)."""
    parts = []
    for key, name, title, cols in _MISSES:
        if key not in summary:
            continue
        listed = summary[key][name]
        head = "".join(f"<th>{c}</th>" for c in cols)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(m.get(c)))}</td>" for c in cols) + "</tr>" for m in listed
        )
        parts.append(
            f"<details><summary>{title} ({len(listed)})</summary><table><tr>{head}</tr>{rows}</table></details>"
        )
    return "".join(parts)


def write_report(out: Path, summary: dict[str, Any], results: list[dict[str, Any]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "results.jsonl").open("w", encoding="utf-8") as handle:
        for r in results:
            handle.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    commitments = ""
    if "commitments" in summary:
        c = summary["commitments"]
        misses = "".join(f"<li>{html.escape(m)}</li>" for m in c["missed"])
        fps = "".join(f"<li>{html.escape(f['doc_id'])}: {html.escape(f['text'])}</li>" for f in c["false_positives"])
        commitments = (
            f"<h2>Commitment extraction</h2><p>precision {_fmt(c['precision'])}, recall {_fmt(c['recall'])}, "
            f"owner accuracy {_fmt(c['owner_accuracy'])} ({c['matched']} of {c['gold']} hand-labelled "
            f"commitments found; {c['predicted']} extracted)</p><p>Missed:</p><ul>{misses}</ul>"
            f"<p>Extracted but not labelled:</p><ul>{fps}</ul>"
        )
    commitments += _gold_misses(summary)
    plots = _plots(summary, results)
    for name, png in zip(PLOT_FILES, plots, strict=True):
        (out / name).write_bytes(base64.b64decode(png))
    images = "".join(f'<p><img src="data:image/png;base64,{p}"></p>' for p in plots)
    failures = sorted(results, key=lambda r: (r["correct"], r["system"] != "project"))
    rows = []
    for r in failures:
        cites = "<br>".join(
            f"[{c.get('n')}] {html.escape(c.get('doc_id', ''))}: “{html.escape(c.get('quote', '')[:300])}”"
            for c in r.get("citations", [])
        )
        rows.append(
            f"<tr class={'ok' if r['correct'] else 'bad'}><td>{html.escape(r['system'])}</td><td>{html.escape(r['id'])}"
            f"</td><td>{html.escape(r.get('split') or '')}</td><td>{html.escape(r['type'])}</td>"
            f"<td>{html.escape(r.get('failure') or 'correct')}</td><td>{html.escape(r['question'])}</td>"
            f"<td>{html.escape(r.get('expected', ''))}</td><td>{html.escape(r['answer'][:500])}</td><td>{cites}</td></tr>"
        )
    meanings = "".join(f"<dt><b>{html.escape(k)}</b></dt><dd>{html.escape(v)}</dd>" for k, v in METRIC_MEANINGS.items())
    verdict = ""
    if "baseline" in summary:
        p, b = summary["project"]["overall"], summary["baseline"]["overall"]
        verdict = (
            f"<p>Accuracy: project {_fmt(p['accuracy'])} vs baseline {_fmt(b['accuracy'])}; "
            f"precision {_fmt(p['precision'])} vs {_fmt(b['precision'])}; "
            f"latency p50 {_fmt(p['latency_p50_ms'])} ms vs {_fmt(b['latency_p50_ms'])} ms.</p>"
        )
    page = f"""<!doctype html><meta charset="utf-8"><title>Minutes Assistant eval</title>
<style>body{{font-family:sans-serif;max-width:1200px;margin:auto}}td{{vertical-align:top;border-top:1px solid #ddd;
padding:4px;font-size:13px}}tr.bad td:first-child{{border-left:4px solid #c33}}tr.ok td:first-child{{border-left:4px solid #3a3}}</style>
<h1>Minutes Assistant — evaluation</h1>{verdict}<pre>{html.escape(summary_table(summary))}</pre>{images}{commitments}
<h2>What each metric means</h2><dl>{meanings}</dl>
<h2>Questions, failures first</h2><table><tr><th>system</th><th>id</th><th>split</th><th>type</th><th>result</th>
<th>question</th><th>expected</th><th>answer</th><th>citations</th></tr>{"".join(rows)}</table>"""
    (out / "report.html").write_text(page, encoding="utf-8")
