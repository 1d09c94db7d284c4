"""Speakers in the forms real minutes use: offices, initials, US and Scottish titles, proposers; and what is not one."""

import pytest

from ingest.chunk import chunk_document
from ingest.speakers import speakers_in
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
    ],
)
def test_a_speaker_form_names_who(sentence, speaker):
    assert speakers_in(sentence)[0] == speaker


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


def test_labelled_lines_of_a_report_are_not_turns():
    text = (
        "Cabinet report\n\n"
        "Financial Implications: The cost of £40,000 will be met from reserves.\n\n"
        "Legal Implications: None arising from this report.\n\n"
        "Report Author: Jo Vale, Head of Finance.\n\n"
        "The Cabinet noted the budget position for the year.\n"
    )
    assert all(s == [] for c in chunk_document(_doc(text)) for s in c.sentence_speakers)
