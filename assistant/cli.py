"""The `minutes` command: the one entry module, wiring the Assistant's commands (commands.py, flags in cli_args.py)
with serve, eval, bench and load."""

from __future__ import annotations

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

from .cli_args import build_parser  # noqa: E402
from .commands import (  # noqa: E402
    cmd_ask,
    cmd_commitments,
    cmd_ingest,
    cmd_remove,
    cmd_status,
    cmd_timeline,
    settings_from,
)
from .engine import Assistant  # noqa: E402
from .settings import Settings  # noqa: E402


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
        commitments_gold=args.commitments_gold or COMMITMENTS_GOLD,
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
