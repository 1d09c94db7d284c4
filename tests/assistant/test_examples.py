"""Example questions come from the archive's own headings and speakers, and the archive answers them."""

from assistant.examples import candidates, example_questions
from index.records import Paper, StoredChunk


def test_candidates_skip_boilerplate_headings():
    headings = [
        ("a", ("1 Summary", "1.1–1.2")),
        ("a", ("5 Main Considerations", "5.3 Funding Opportunities", "5.3.1")),
        ("b", ("11 Equality and Safeguarding Implications", "11.1")),
        ("b", ("Inspector Danvers highlighted the following",)),
    ]
    chunks = [
        StoredChunk(id=str(i), text="", paper=Paper(doc_id), start=0, end=0, headings=h)
        for i, (doc_id, h) in enumerate(headings)
    ]
    assert candidates(chunks, {"Inspector Danvers", "Members"}) == [
        "What was said about funding opportunities?",
        "What did Inspector Danvers say?",
    ]


def test_examples_are_answered_from_the_corpus(corpus_assistant):
    examples = example_questions(corpus_assistant, 4)
    assert len(examples) == 4 and len(set(examples)) == 4
    for question in examples:
        answer = corpus_assistant.ask(question)
        assert not answer.abstained and len(answer.citations[0].quote.split()) >= 8
