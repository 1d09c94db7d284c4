"""The corpus rendered as PDF and as DOCX answers like the text originals, and PDF citations name the right page."""

import json
from pathlib import Path

import pytest

from assistant.engine import Assistant
from assistant.settings import Settings
from evals.metrics import contains, normalise
from tests.render import render_corpus

QUESTIONS = {
    q["id"]: q
    for q in map(json.loads, (Path(__file__).resolve().parents[2] / "evals/questions.jsonl").read_text().splitlines())
}
IDS = ["f01", "f03", "f05", "f11", "f14", "f16", "w02", "w10", "c01", "c02", "d01", "d04", "d08", "u05", "u09"]


@pytest.fixture(scope="module", params=["pdf", "docx"])
def rendered(request, tmp_path_factory, corpus_dir, embedder):
    folder = render_corpus(corpus_dir, tmp_path_factory.mktemp(request.param) / "corpus", request.param)
    assistant = Assistant(Settings.build({"store.data_dir": folder.parent / "index"}, environ={}), embedder=embedder)
    report = assistant.ingest([folder], progress=False)
    assert report.count("added") == 5 and not report.failed, report.failed
    return request.param, assistant


def test_metadata_survives_rendering(rendered, corpus_assistant):
    _, assistant = rendered
    as_text = {d["doc_id"]: d["meta"] for d in corpus_assistant.documents()}
    assert {d["doc_id"]: d["meta"] for d in assistant.documents()} == as_text


@pytest.mark.parametrize("qid", IDS)
def test_same_answers_as_the_text_corpus(rendered, corpus_assistant, qid):
    kind, assistant = rendered
    item = QUESTIONS[qid]
    expected = corpus_assistant.ask(item["question"])
    got = assistant.ask(item["question"])
    assert got.abstained == expected.abstained
    if item["type"] == "unanswerable":
        return
    assert all(contains(got.answer, m) for m in item["must_include"]), got.answer
    assert got.citations[0].doc_id == expected.citations[0].doc_id
    if kind == "pdf":
        for c in got.citations:
            record = assistant.store.document(c.doc_id)
            page = next(p for p in record["pages"] if str(p["label"]) == c.page)
            start_page_text = record["text"][page["start"] : page["end"]]
            assert normalise(c.quote)[:60] in normalise(start_page_text), (c.page, c.quote)
