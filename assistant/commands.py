"""The `minutes` subcommands that need only the Assistant: ingest, ask, status, remove, commitments, timeline."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from index.filters import FILTERS, FilterError, Filters
from ingest import ids
from ingest.pipeline import STATUS_NAMES

from .archives import ask_across
from .cite import format_sources
from .commitments import COLUMNS as COMMITMENT_COLUMNS
from .engine import Assistant, QuestionError
from .settings import Settings


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
    if answer.scope_note:
        print(f"({answer.scope_note})")
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
    for heading, meetings in timeline.sections():
        if heading:
            print(heading)
        indent = "  " if heading else ""
        for meeting in meetings:
            print(indent + meeting.heading())
            for c in meeting.citations:
                print(f"{indent}  [{c.n}] “{' '.join(c.quote.split())}” ({c.doc_id}, chars {c.start}-{c.end})")
    return 0
