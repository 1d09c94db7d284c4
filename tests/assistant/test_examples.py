"""Example questions come from phrases the archive's papers share and the people who speak in them, a few per kind
of user, written as whole questions, and the archive answers every one shown."""

from assistant.examples import KINDS, candidates, example_questions, topics
from index.records import Paper, StoredChunk


def _chunk(i: int, doc_id: str, text: str, speakers: tuple[str, ...] = ()) -> StoredChunk:
    return StoredChunk(id=str(i), text=text, paper=Paper(doc_id), start=0, end=len(text), speakers=speakers)


CHUNKS = [
    _chunk(0, "a", "Agenda item 4. The Panel discussed grass cutting on the verges. It was carried out in May."),
    _chunk(1, "b", "Residents complained about grass cutting again. The work was carried out late.", ("Mr Hale",)),
    _chunk(2, "c", "Recycling bins were left on the pavement. Agenda item 5 followed.", ("Mr Hale",)),
    _chunk(3, "d", "New recycling bins arrive in June. Mr Hale said recycling bins would be emptied weekly."),
    _chunk(4, "e", "Councillor Amber Stone thanked Amber Stone's team for their work on the Village Hall."),
    _chunk(5, "f", "Councillor Amber Stone opened the Village Hall."),
    _chunk(6, "g", "Nothing else."),
]


def test_topics_are_shared_phrases_not_procedure_or_names():
    found = topics(CHUNKS, {"Mr Hale", "Councillor Stone"})
    assert found[:2] == ["recycling bins", "grass cutting"]  # common nouns first, the most widely used first
    assert "Village Hall" in found  # a capitalised name of a place comes after them
    for procedure_or_name in ("agenda item", "carried out", "Amber Stone", "Councillor Amber"):
        assert procedure_or_name.lower() not in {t.lower() for t in found}


def test_candidates_are_questions_for_each_kind_of_user():
    questions = candidates(CHUNKS, {"Mr Hale", "The Panel"})
    assert set(questions) == set(KINDS)
    assert questions["councillor"][0] == "What was decided about recycling bins?"
    assert questions["officer"][0] == "What has been said about grass cutting across the meetings?"
    # a named speaker (not "The Panel"), on the topic they spoke to most
    assert questions["evaluator"] == ["What did Mr Hale say about recycling bins?"]
    assert all(q.endswith("?") for qs in questions.values() for q in qs)


def test_examples_are_answered_from_the_corpus(corpus_assistant):
    examples = example_questions(corpus_assistant, 2)
    assert set(examples) <= set(KINDS) and len(examples) >= 2
    shown = [q for qs in examples.values() for q in qs]
    assert all(1 <= len(qs) <= 2 for qs in examples.values()) and len(set(shown)) == len(shown)
    for question in shown:
        assert question.startswith("What ") and question.endswith("?")
        answer = corpus_assistant.ask(question)
        assert not answer.abstained and len(answer.citations[0].quote.split()) >= 8
