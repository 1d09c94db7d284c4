"""Speakers in the forms real minutes use: offices, initials, US and Scottish titles, proposers; and what is not one."""

import pytest

from ingest.chunk import chunk_document
from ingest.speakers import Cast, speakers_in
from ingest.types import DocMeta, Document


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("The Assistant Town Clerk advised that the new turf needs a week to settle.", "The Assistant Town Clerk"),
        ("The Head of Planning explained the five-year land supply position.", "The Head of Planning"),
        ("The City Attorney responded in the affirmative.", "The City Attorney"),
        ("The Monitoring Officer, Ms Vale, confirmed the quorum.", "The Monitoring Officer"),
        ("KT outlined the main issues in the Eastfield report.", "KT"),
        ("Councilor Marlow moved to approve the findings.", "Councilor Marlow"),
        ("Councilmember Okafor stated that she would recuse herself.", "Councilmember Okafor"),
        ("Board member Lind asked whether riders had been offered masks.", "Board member Lind"),
        ("PC Harrow advised that drones may not fly over the base.", "PC Harrow"),
        ("Mr. Penhale replied that he did not represent the residents' association.", "Mr Penhale"),
        ("Proposed by Cllr Dunmore, seconded by Cllr Ashby.", "Councillor Dunmore"),
        ("Proposed by RT seconded by JB.", "RT"),
        # Initials opening a table cell, a clause after a dash, or doing something other than speaking.
        ("Verge Cutting\tWK reported the contractor had started.", "WK"),
        ("Village Sign - PB had collected the new sign.", "PB"),
        ("TF will write to the bus company.", "TF"),
        # US and other titles; "Acting" and tabs in a PDF's text; a post before a name; things done, not said.
        ("Acting Mayor Quill read the proclamation.", "Mayor Quill"),
        ("Vice President Ona Brisk called the meeting to order at 7:02 p.m.", "Vice President Brisk"),
        ("Board\tMember\tTovey\tmade\ta motion to approve.", "Board Member Tovey"),
        ("City Recorder Dana Voss declared a quorum.", "Dana Voss"),
        ("Cll Ardmore confirmed the path would be resurfaced.", "Cll Ardmore"),
        ("Alderman Ruiz asked about the budget.", "Alderman Ruiz"),
        ("Cllr Tam Orrin will enquire about the lights.", "Councillor Orrin"),
        ("(Note: Councillor K.Almond declared an interest in this item.)", "Councillor Almond"),
        ("Mrs Wenna Polk JP, parent governor, declared that she was a governor.", "Mrs Polk"),
        ("Following debate, Councillor Ivo Brent withdrew the motion.", "Councillor Brent"),
        ("Mr Hale of Fenwick Water explained the outage.", "Mr Hale"),
        # Offices and the Chair: lower-case "the" after a clause, without "The" opening one, of a named body.
        ("Under Standing Order 4, the Town Clerk advised that Cllr Lowe would substitute.", "The Town Clerk"),
        ("Clerk confirmed the e-mail had been sent.", "The Clerk"),
        (
            "The Chairman of the Licensing Committee submitted his annual report.",
            "The Chair of the Licensing Committee",
        ),
        ("The Chair used her casting vote.", "The Chair"),
        ("It was reported by the Clerk that the grass had been cut.", "The Clerk"),
        # Movers, seconders and writers named without a title.
        ("Minutes approved - proposed by Tamsin Rhee and seconded by Owen Pask.", "Tamsin Rhee"),
        ("This was seconded by Councillor Iona Fife.", "Councillor Fife"),
        (
            "A motion to approve the plan was made by Board member Kell and seconded by Board member Yarrow.",
            "Board member Kell",
        ),
        ("An email from Petra Lunn had advised that the hall was booked.", "Petra Lunn"),
        # A first and last name opening a sentence, with or without a post after it.
        ("Hester Quayle asked that the survey be repeated.", "Hester Quayle"),
        ("Ravi Dunmore, Paratransit Coordinator, presented the plan.", "Ravi Dunmore"),
        ("Ilsa Penrose (Clearwater Trust) confirmed the following:", "Ilsa Penrose"),
        ("Orla Benn, a resident, was in full support of the scheme.", "Orla Benn"),
        ("Member Tarrant stated that the threshold was arbitrary.", "Member Tarrant"),
        ("Ward Member Cllr Ouseley said the path was unsafe.", "Councillor Ouseley"),  # the title next to the name
        ("Chair Ibáñez acknowledged the difficulty.", "Chair Ibáñez"),
        ("PC 2417 Harrow reported two thefts.", "PC Harrow"),
        ("Motion by Trustee Lindqvist, second by Trustee Moro, to approve the budget.", "Trustee Lindqvist"),
        ("The meeting was called to order by Mayor Fenwick at 7:00 p.m.", "Mayor Fenwick"),
        ("The Fire Chief stated the grant covers two years.", "The Fire Chief"),
        ("An update from the Community Sergeant highlighted three burglaries.", "The Community Sergeant"),
        ("The fair will go ahead in May, said Councillor Pike.", "Councillor Pike"),
        ("According to the Parish Clerk, the grant has arrived.", "The Parish Clerk"),
    ],
)
def test_a_speaker_form_names_who(sentence, speaker):
    assert speakers_in(sentence)[0] == speaker


def test_one_name_without_a_title_is_someone_only_when_the_paper_lists_them():
    cast = Cast.of("Members Present:\nTobias Wren Convenor CC\nAgnes Moult Member CC\n\n1. Welcome\n")
    assert speakers_in("Tobias confirmed the hall was booked.", cast) == ["Tobias"]
    assert speakers_in("Moult advised that the grant had arrived.", cast) == ["Moult"]
    assert speakers_in("Tobias confirmed the hall was booked.") == []  # no attendance list: who is Tobias?
    assert speakers_in("Convenor confirmed the hall was booked.", cast) == []  # a post in the list, not a name
    titled = Cast.of("CPO Marnie Skye attended.")
    assert speakers_in("Marnie reported that the speed gun was back.", titled) == ["Marnie"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Police Scotland advised that the road would close.",  # a body, two capitalised words
        "Scottish Water confirmed the tank had been emptied.",
        "Network Rail reported delays to the works.",
        "Highways England reported that the slip road was open.",
        "Legal Services advised caution.",
        "Members noted the report.",
        "GCC agreed the crossing was in a poor place.",
        "Planning permission was granted in May.",
        "Falcon Green has child poverty levels of 40%.",  # a place, and "has" + a noun is not a deed
        "Repairs had been done to the septic tank.",
        "Resolved: the minutes were signed.",
    ],
)
def test_a_body_place_or_thing_before_a_verb_is_not_named(sentence):
    cast = Cast.of(f"Present: Cllr Ona Vale, Cllr Rhys Lamb\n\n{sentence}\nThe green was cut; repairs were done.")
    assert [s for s in speakers_in(sentence, cast) if s not in ("Members", "The Committee")] == []


def test_a_common_word_is_not_a_first_name():
    cast = Cast.of("Present: Cllr Ona Vale\n\nThe lights were switched on in December.\n")
    assert speakers_in("Christmas Lights agreed to go ahead.", cast) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "GCC confirmed there had been no reply from the MSP.",  # three capitals: as often a body as a person
        "The Council agreed to renew the grounds maintenance contract.",
        "The report stated that footfall had fallen by 4%.",
        "Members of the public raised no questions.",
        "The Clerk's report was noted.",  # an office that does not speak here
    ],
)
def test_not_a_speaker(sentence):
    assert [s for s in speakers_in(sentence) if s not in ("Members", "The Committee")] == []


def _doc(text: str) -> Document:
    return Document(doc_id="t", source_path="t.txt", text=text, meta=DocMeta(title="t"))


def test_every_sentence_of_a_transcript_turn_is_its_speakers():
    text = (
        "Committee transcript\n\n"
        "The Chair: I call this meeting to order. We have three items today.\n\n"
        "Mr. Alder Quint (Eastvale, Ind.): Thank you, Chair. I thank Mrs Rowan for her report. It was clear.\n\n"
        "Bryony Hale AM: The figures are better than last year. The waiting list fell.\n\n"
        "The Chair: Thank you.\n"
    )
    speakers = [s for c in chunk_document(_doc(text)) for s in c.sentence_speakers]
    assert speakers == [["The Chair"]] * 2 + [["Mr Quint"]] * 3 + [["Bryony Hale"]] * 2 + [["The Chair"]]


def _speakers(text: str) -> list[list[str]]:
    return [s for c in chunk_document(_doc(text)) for s in c.sentence_speakers]


def test_he_or_she_continues_the_one_person_last_named_in_the_item():
    text = (
        "4. Police report\n\n"
        "PC Larkin advised that thefts had fallen. She advised that drones may not fly over the base.\n\n"
        "5. Roads\n\n"
        "He confirmed the work would be done next year.\n"  # a new item: the last item's speaker does not carry
    )
    assert _speakers(text) == [["PC Larkin"], ["PC Larkin"], []]


def test_a_pronoun_is_left_alone_when_someone_else_was_named_since_or_the_title_disagrees():
    text = (
        "Planning\n\n"
        "Councilor Vance commended the staff. A letter from Mr Orme was read out. He stated that it was late.\n\n"
        "Roads\n\n"
        "Mr Pike explained the closure. She added that buses would divert.\n"
    )
    assert _speakers(text) == [["Councilor Vance"], [], [], ["Mr Pike"], []]


def test_a_list_after_a_named_lead_in_is_its_speakers():
    text = (
        "Water\n\n"
        "Ilsa Penrose (Clearwater Trust) confirmed the following to the Secretary by email:\n\n"
        "The tank does not need emptying. The seals are good.\n\n"
        "The next meeting will be in May.\n\n"
        "Vote\n\n"
        "Cllr Abel moved the motion, which carried by the following roll call vote:\n\n"
        "Ayes: Abel, Brook and Crane.\n"
    )
    assert _speakers(text) == [["Ilsa Penrose"]] * 3 + [[], ["Councillor Abel"], []]


def test_a_paragraph_after_the_following_colon_is_its_speakers():
    text = "Park\n\nCllr Orme confirmed via email the following : There is no update. The trust runs the pitch.\n"
    assert _speakers(text) == [["Councillor Orme"]] * 2


def test_a_name_given_in_full_lets_the_first_name_stand_alone_later():
    text = "Garden\n\nKeira Dunlop attended to speak about a garden.\n\nKeira explained that it needs volunteers.\n"
    assert _speakers(text) == [["Keira Dunlop"], ["Keira"]]


def test_a_verbatim_transcript_in_capitals_has_turns():
    text = (
        "Council transcript\n\n"
        "MAYOR QUILL: We begin with public comment.\n\n"
        "MR. ODELL: The crossing is unsafe. Children use it.\n\n"
        "MAYOR QUILL: Thank you.\n"
    )
    assert _speakers(text) == [["MAYOR QUILL"], ["Mr ODELL"], ["Mr ODELL"], ["MAYOR QUILL"]]


def test_labelled_lines_of_a_report_are_not_turns():
    text = (
        "Cabinet report\n\n"
        "Financial Implications: The cost of £40,000 will be met from reserves.\n\n"
        "Legal Implications: None arising from this report.\n\n"
        "Report Author: Jo Vale, Head of Finance.\n\n"
        "The Cabinet noted the budget position for the year.\n"
    )
    assert all(s == [] for c in chunk_document(_doc(text)) for s in c.sentence_speakers)
