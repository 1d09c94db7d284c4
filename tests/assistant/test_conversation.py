"""Follow-up rewriting from the previous turn: the rules in FOLLOW_UPS, and converse() over the real corpus."""

import pytest

from assistant.conversation import Turn, rewrite

COUNCILS = {"Melton Borough Council", "Charnwood Borough Council", "Redditch Borough Council"}
DANVERS = Turn(
    "What did Inspector Danvers say about extra officers?",
    "What did Inspector Danvers say about extra officers?",
    (
        {
            "quote": "There would be an additional 5 officers starting at Melton next month.",
            "speakers": ["Inspector Danvers"],
        },
    ),
)


@pytest.mark.parametrize(
    "follow_up, previous, expected",
    [
        (
            "and what about Charnwood?",
            "How many stop and searches were there in Melton?",
            "How many stop and searches were there in Charnwood?",
        ),
        ("And in Redditch?", "What has been said about CCTV?", "What has been said about CCTV in Redditch?"),
        (
            "what about youth groups?",
            "What did Inspector Danvers say about extra officers?",
            "What did Inspector Danvers say about youth groups?",
        ),
        (
            "same for Melton",
            "What was said about shoplifting in Charnwood?",
            "What was said about shoplifting in Melton?",
        ),
        ("What about helicopters?", "How many stop and searches were there?", "What has been said about helicopters?"),
    ],
)
def test_what_about_rewrites_the_previous_question(follow_up, previous, expected):
    assert rewrite(follow_up, Turn(previous, previous), COUNCILS)[0] == expected


def test_who_said_that_quotes_the_previous_answer():
    searched, rule = rewrite("who said that?", DANVERS, COUNCILS)
    assert rule == "who said that"
    assert searched == 'Who said "There would be an additional 5 officers starting at Melton next month."?'


def test_pronouns_take_the_previous_speaker_and_topic():
    assert (
        rewrite("What else did she say about it?", DANVERS, COUNCILS)[0]
        == "What else did Inspector Danvers say about extra officers?"
    )


def test_new_questions_and_first_questions_are_searched_as_asked():
    question = "What has the Redditch community safety team said it would share with Members about funding?"
    assert rewrite(question, DANVERS, COUNCILS) == (question, None)  # long: a question of its own
    assert rewrite("and what about Charnwood?", None, COUNCILS) == ("and what about Charnwood?", None)
    assert rewrite("Who said that?", Turn("q", "q"), COUNCILS) == ("Who said that?", None)  # nothing to quote


def test_converse_answers_the_rewritten_question(corpus_assistant):
    first = corpus_assistant.ask("What did Inspector Danvers say about extra officers?")
    history = [Turn(first.question, first.question, tuple(first.to_json_dict()["citations"]))]
    searched, rule, answer = corpus_assistant.converse("who said that?", history)
    assert rule == "who said that" and searched.startswith('Who said "')
    assert answer.citations[0].quote == first.citations[0].quote
    assert answer.answer.startswith("The minutes name Inspector Danvers: “")
