"""Answers over the demo corpus, on the project's own paraphrased questions (evals/questions.jsonl)."""

import json
from pathlib import Path

import pytest

from evals.metrics import contains

QUESTIONS = {
    q["id"]: q
    for q in map(json.loads, (Path(__file__).resolve().parents[2] / "evals/questions.jsonl").read_text().splitlines())
}


@pytest.mark.parametrize("qid", ["f01", "f03", "f14", "w02", "w10", "c01", "c02", "d01", "d08", "f16"])
def test_answerable_questions_cite_the_right_document(corpus_assistant, qid):
    item = QUESTIONS[qid]
    answer = corpus_assistant.ask(item["question"])
    assert not answer.abstained, answer.answer
    assert all(contains(answer.answer, m) for m in item["must_include"]), answer.answer
    assert answer.citations[0].doc_id in item["sources"]
    for c in answer.citations:
        document = corpus_assistant.store.document(c.doc_id)["text"]
        assert document[c.start : c.end] == c.quote
        assert f"[{c.n}]" in answer.answer


@pytest.mark.parametrize("qid", ["u05", "u09", "u11", "u04", "u06"])
def test_unanswerable_questions_abstain_with_leads(corpus_assistant, qid):
    answer = corpus_assistant.ask(QUESTIONS[qid]["question"])
    assert answer.abstained and not answer.citations
    assert answer.answer.startswith("The archive does not say")
    assert answer.leads


def test_what_did_speaker_say_about_topic(corpus_assistant):
    """The speaker is matched through the lead-in a bullet sits under; the topic ranks what they said."""
    answer = corpus_assistant.ask("What did Inspector Danvers say about extra officers?")
    assert "additional 5 officers" in answer.citations[0].quote
    assert "Inspector Danvers highlighted the following" in answer.citations[0].section


def test_filters_restrict_the_sources(corpus_assistant):
    from index.filters import Filters

    answer = corpus_assistant.ask("What has been said about CCTV?", Filters(council=["Redditch"]))
    assert answer.citations and {c.council for c in answer.citations} == {"Redditch Borough Council"}
    dated = corpus_assistant.ask("What was said about helicopters?", Filters(since="2024-01-01"))
    assert {c.meeting_date for c in dated.citations} == {"2024-11-13"}


def test_question_limits(corpus_assistant):
    from assistant.engine import QuestionError

    with pytest.raises(QuestionError, match="empty"):
        corpus_assistant.ask("   ")
    with pytest.raises(QuestionError, match="2000"):
        corpus_assistant.ask("why " * 600)


def test_two_page_pdf_answer_cites_the_right_page(make_assistant, tmp_path):
    from tests.pdfs import write_pdf

    folder = tmp_path / "pdfs"
    folder.mkdir()
    write_pdf(
        folder / "oakham-minutes.pdf",
        [
            ["Oakham Town Council Scrutiny Committee", "Minutes", "The Chair welcomed members and noted apologies."],
            [
                "Parking enforcement",
                "The committee heard that 312 parking tickets were issued in the market place.",
                "Officers agreed to report again in the spring.",
            ],
        ],
    )
    a = make_assistant()
    assert not a.ingest([folder], progress=False).failed
    answer = a.ask("How many parking tickets were handed out in the market place?")
    assert not answer.abstained and "312" in answer.answer
    assert answer.citations[0].page == "2"
