"""Owner groups: one grouping (ingest.owners) for the Commitments tab's owner filter and the chat's "what did the
police promise?", so the two list the same commitments."""

import pytest

from assistant.commitments import owner_asked
from index.filters import Filters
from ingest.owners import COMMITTEE, COUNCIL, OTHERS, POLICE, owner_group
from tabs.commitments import owner_choices

# Made-up owners in the forms papers write them (never the demo's names): (owner, group, a person?)
FORMS = [
    ("Inspector Kowalski", POLICE, True),
    ("Chief Inspector Mbeki", POLICE, True),
    ("PCSO Amadi", POLICE, True),
    ("Chief Constable Rowe", POLICE, True),
    ("Sgt Hollis", POLICE, True),
    ("The Police", POLICE, False),
    ("Northshire Constabulary", POLICE, False),
    ("the Police and Crime Panel", POLICE, False),
    ("Cllr Pike", COUNCIL, True),
    ("Councillor Ayodele", COUNCIL, True),
    ("Head of Regulatory Services", COUNCIL, False),
    ("Council Officers", COUNCIL, False),
    ("the Cabinet Member for Housing", COUNCIL, False),
    ("KDC", COUNCIL, False),
    ("Oakbridge Parish Council", COUNCIL, False),
    ("the Licensing Sub-Committee", COMMITTEE, False),
    ("The Chair of the Board", COMMITTEE, False),
    ("Hampshire Fire and Rescue Service", "Hampshire Fire and Rescue Service", False),
    ("the Canal and River Trust", "the Canal and River Trust", False),
    ("Mrs Okafor", OTHERS, True),
    ("a contractor", OTHERS, False),
]


@pytest.mark.parametrize(("owner", "group", "person"), FORMS)
def test_owners_group_by_their_form(owner, group, person):
    found = owner_group(owner)
    assert (found.group, found.person) == (group, person)


def test_a_place_name_stands_for_its_council():
    assert owner_group("Oakbridge", ["Oakbridge Parish Council"]).group == COUNCIL
    assert owner_group("Oakbridge", ["Elmford Town Council"]).group == "Oakbridge"  # not this paper's council


def test_questions_about_all_of_an_owners_commitments():
    assert owner_asked("What did the police promise?") == "the police"
    assert owner_asked("What has Inspector Kowalski agreed to?") == "Inspector Kowalski"
    assert owner_asked("What commitments did the council make?") == "the council"
    assert owner_asked("What are the police's commitments?") == "the police"
    assert owner_asked("What did the police promise about youth groups?") is None  # a topic: answered from passages
    assert owner_asked("What did we agree?") is None


def _cited(answer) -> set[tuple[str, int, int]]:
    return {(c.doc_id, c.start, c.end) for c in answer.citations}


def _listed(records) -> set[tuple[str, int, int]]:
    return {(r.citation.doc_id, r.citation.start, r.citation.end) for r in records}


def test_owner_police_finds_the_police_and_its_officers(corpus_assistant):
    everything = corpus_assistant.commitments()
    # independently of the grouping: owners named with an Inspector's rank, or the police by name
    expected = {
        (r.citation.doc_id, r.citation.start, r.citation.end)
        for r in everything
        if r.owner and (r.owner.startswith("Inspector ") or "police" in r.owner.lower())
    }
    police = corpus_assistant.commitments(owner="Police")
    assert len(expected) >= 4 and _listed(police) == expected
    assert {r.group for r in police} == {POLICE}
    assert _listed(corpus_assistant.commitments(owner="Danvers")) < expected  # part of a name still finds a person


@pytest.mark.parametrize(
    ("question", "owner", "filters"),
    [
        ("What did the police promise?", "Police", None),
        ("what has the council committed to?", "the Council", None),
        ("What did the police promise?", "Police", Filters(until="2030-01-01")),
    ],
)
def test_the_chat_and_the_commitments_tab_agree(corpus_assistant, question, owner, filters):
    tab = corpus_assistant.commitments(None, owner, filters)
    answer = corpus_assistant.ask(question, filters)
    assert tab and not answer.abstained
    assert _cited(answer) == _listed(tab), answer.answer
    assert all(c.commitment is not None for c in answer.citations)
    assert answer.answer.startswith(f"{len(tab)} commitment")
    _, _, conversed = corpus_assistant.converse(question, [], filters)  # the chat's own path
    assert _cited(conversed) == _listed(tab)


def test_a_council_named_in_the_question_keeps_to_its_papers(corpus_assistant):
    answer = corpus_assistant.ask("What did Melton council promise?")
    tab = corpus_assistant.commitments(None, "the Council", Filters(council=["Melton"]))
    assert tab and _cited(answer) == _listed(tab)


def test_the_owner_list_holds_groups_and_people_only(corpus_assistant):
    options = owner_choices(corpus_assistant)
    groups = set(corpus_assistant.owners())
    values = [value for _, value in options]
    assert POLICE in values
    for label, value in options:
        assert value in groups or owner_group(value).person, label
    owners = {o for people in corpus_assistant.owners().values() for o in people}
    unnamed = {o for o in owners if owner_group(o) == owner_group("a contractor")}
    assert unnamed and not unnamed & set(values)  # the demo has an unnamed owner; it is not offered


def test_other_questions_naming_a_council_are_not_answered_as_a_listing(corpus_assistant):
    for question in ("How many more Ring doorbell units is Melton council due to get?", "Who briefed Redditch?"):
        answer = corpus_assistant.ask(question)
        assert not answer.answer.split(" by ")[0].endswith(("commitment", "commitments")), answer.answer
