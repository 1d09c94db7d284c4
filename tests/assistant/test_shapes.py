"""Answer shapes by question kind, on made-up papers in real publishing forms (never the eval's questions)."""

from pathlib import Path

import pytest

from assistant.evidence import agenda_title, procedural
from assistant.question import content_of, further_parts

MINUTES = """OAKBRIDGE PARISH COUNCIL

Minutes of the Parish Council Meeting held on Tuesday, 4 March 2025 in the Village Hall.

1. Apologies
Apologies were received from Cllr Hart.

2. Scout hut
The Clerk presented the proposal from the Oakbridge Scouts for a replacement scout hut on the recreation ground.
Members discussed the likely running costs and the size of the building at some length.
The Council resolved to defer the proposal until the Scouts had obtained three quotations.

3. Defibrillators
RESOLVED: that new defibrillators would be installed at the following sites:
- the Oakbridge Village Hall porch
- the Marsh Lane sports pavilion
- the Millpond Road bus shelter

4. Footpaths
Cllr Dale reported that the stile on footpath 12 had been replaced by the county footpaths team.

6. Public questions
A resident asked whether the Millpond Road bus shelter would be repaired before the winter?

The Clerk replied that the county has scheduled the repair of the Millpond Road bus shelter for October.

5. Date of next meeting
The next meeting will be held on Tuesday, 1 April 2025 at 7.30 pm.
"""


@pytest.fixture(scope="module")
def parish(tmp_path_factory, embedder):
    from assistant.engine import Assistant
    from assistant.settings import Settings

    folder = tmp_path_factory.mktemp("oakbridge")
    (folder / "oakbridge-pc-2025-03-04-minutes.txt").write_text(MINUTES, encoding="utf-8")
    (folder / "oakbridge-pc-allotments-note.txt").write_text(
        "OAKBRIDGE PARISH COUNCIL\n\nAllotments update\n\nThe allotment waiting list stands at 14 households, and "
        "two plots on Mill Lane are to be divided.\n",
        encoding="utf-8",
    )  # states no meeting date
    hedges = "".join(
        f"- the {place} hedge, to be cut back by the volunteer group before the bird nesting season starts\n"
        for place in (
            "Church Lane",
            "School Road",
            "Mill Close",
            "Green End",
            "Orchard Way",
            "Vicarage Road",
            "Station Hill",
            "Brook Street",
            "Kiln Lane",
            "Quarry Road",
            "Well Lane",
            "Hollow Way",
        )
    )
    (folder / "oakbridge-pc-2025-01-14-minutes.txt").write_text(
        "OAKBRIDGE PARISH COUNCIL\n\nMinutes of the Parish Council Meeting held on Tuesday, 14 January 2025.\n\n"
        "1. Hedges\nRESOLVED: that the following hedges would be cut back this winter:\n" + hedges + "\n"
        "2. Noticeboard\nThe noticeboard by the shop is to be repainted green.\n",
        encoding="utf-8",
    )
    (folder / "oakbridge-pc-2024-11-05-minutes.txt").write_text(
        "OAKBRIDGE PARISH COUNCIL\n\nMinutes of the Parish Council Meeting held on Tuesday, 5 November 2024.\n\n"
        "1. Footpaths\nCllr Dale reported that the stile on footpath 12 had collapsed and walkers were climbing the "
        "fence instead. The Clerk was asked to report the broken stile to the county footpaths team.\n\n"
        "2. Grass cutting\nThe grass cutting contract was renewed for a further year at the same price.\n",
        encoding="utf-8",
    )
    data = tmp_path_factory.mktemp("oakbridge-data")
    assistant = Assistant(Settings.build({"store.data_dir": str(data)}), embedder=embedder)
    assistant.ingest([Path(folder)])
    return assistant


def test_the_question_less_its_date_and_council_is_what_sentences_are_scored_against():
    question = "What did Oakbridge Parish Council decide at its 4 March 2025 meeting about the scout hut?"
    content = content_of(question, ["Oakbridge Parish Council"])
    assert "2025" not in content and "March" not in content and "Oakbridge" not in content
    assert "scout hut" in content and "decide" in content
    # a house number is not a year; a question made only of its setting stays whole
    assert "2004 Clinton Avenue" in content_of("What was approved for 2004 Clinton Avenue in May 2012?", [])
    assert content_of("What happened in May 2012?", []) == "What happened in May 2012?"


def test_housekeeping_is_procedural_unless_the_question_asks_about_it():
    held = "The next meeting will be held on Tuesday, 1 April 2025 at 7.30 pm."
    assert procedural(held, "What did the council decide about the scout hut?")
    assert not procedural(held, "When will the next meeting be held?")
    assert procedural("Apologies were received from Cllr Hart.", "What was said about footpaths?")
    assert not procedural("The Council resolved to defer the proposal.", "What was decided about the hut?")


def test_an_agenda_item_s_title_is_told_from_what_was_said_under_it():
    asked = "What did the council decide about the Riverside Park lease?"
    for title in (
        "(21-305) Consider Directing Staff to Renegotiate the Riverside Park Lease and Relocate the Kiosk",
        "7-B Discussion of the Riverside Park Lease",
        "To consider the report of the Director of Place on the Riverside Park lease.",
        "Public Hearing to Consider Renewing the Riverside Park Lease",
        "Riverside Park Kiosk Lease Renewal and Relocation Options",
    ):
        assert agenda_title(title, asked), title
        assert not agenda_title(title, "What items were on the agenda for the June meeting?"), title
    for said in (
        "Councillor Okafor moved that the lease be renewed for five years; the motion carried 5-0.",
        "Councillor Smith thanked Inspector Jones of Northshire Police for the Riverside Park Patrols.",
        "The Council resolved to renew the Riverside Park lease",
    ):
        assert not agenda_title(said, asked), said


def _one_paper(make_assistant, tmp_path, name: str, text: str):
    """An assistant over one made-up paper, ingested for real."""
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    assistant = make_assistant()
    assistant.ingest([folder], progress=False)
    return assistant


def test_an_item_title_does_not_answer_for_the_item(make_assistant, tmp_path):
    assistant = _one_paper(
        make_assistant,
        tmp_path,
        "northshire-city-council-2024-06-04-minutes.txt",
        "CITY OF NORTHSHIRE\n\nMinutes of the Regular City Council Meeting, June 4, 2024\n\n"
        "(24-101) Consider Renewing the Riverside Park Kiosk Lease with the Friends of Riverside Park\n\n"
        "Councilmember Okafor moved that the kiosk lease be renewed for five years at the current rent.\n"
        "The motion carried by a vote of 4-1.\n\n"
        "(24-102) Consider Adopting the Street Tree Plan\n\nThe Council adopted the Street Tree Plan.\n",
    )
    answer = assistant.ask("What happened to the Riverside Park kiosk lease with the Friends of Riverside Park?")
    assert not answer.abstained, answer.answer
    assert answer.citations[0].quote.startswith("Councilmember Okafor moved"), answer.answer


def test_a_question_of_several_parts_gets_a_sentence_for_each(make_assistant, tmp_path):
    assert further_parts("How tall are the masts, and when is the application due?") == ["when is the application due"]
    assert further_parts("When and where is the litter pick?") == ["where is the litter pick"]
    assert further_parts("Who moved and who seconded the motion?") == ["who seconded the motion"]
    assert further_parts("What did the Council decide about roads and footpaths?") == []
    assistant = _one_paper(
        make_assistant,
        tmp_path,
        "elmstead-cc-2023-09-05-minutes.txt",
        "ELMSTEAD COMMUNITY COUNCIL\n\nMinutes of the meeting held on 5 September 2023\n\n"
        "4. Harvest fair\nThe treasurer confirmed that the harvest fair in the church meadow made a surplus of "
        "£640 this year. The Council agreed that the sum be given to the primary school library.\n\n"
        "5. Wind masts\nThe developer plans two masts of 80 metres on Hill Farm. "
        "A full planning application is expected to be submitted in March 2024.\n",
    )
    fair = assistant.ask("How much did the harvest fair make and where did the money go?")
    assert "£640" in fair.answer and "primary school library" in fair.answer, fair.answer
    masts = assistant.ask("How tall will the Hill Farm masts be, and when is the application expected?")
    assert "80 metres" in masts.answer and "March 2024" in masts.answer, masts.answer


def test_a_figure_from_another_item_does_not_answer_for_the_item_asked_about():
    # The noticeboard item says it was bought, not for how much; a payments list of the same council's other paper
    # (the one whose header names the council) scores near it and holds figures, none of them the noticeboard's.
    import numpy as np

    from assistant.evidence import Evidence, select
    from assistant.question import QuestionProfile
    from assistant.settings import AnswerSettings
    from index.hybrid import Passage
    from index.records import Paper, StoredChunk, StoredSentence

    council = "Ashby Parva Parish Council"
    item = "A new, more robust oak noticeboard has been purchased and installed by the Clerk."
    payments = "Payment to the village hall for room hire - £16.00"

    def evidence(text: str, paper: Paper, position: int, score: float, typed: bool, axis: int) -> Evidence:
        start = position * 1000
        chunk = StoredChunk(
            id=f"{paper.doc_id}-{position}",
            text=text,
            paper=paper,
            start=start,
            end=start + len(text),
            position=position,
        )
        sentence = StoredSentence(f"s-{chunk.id}", text, chunk.id, paper.doc_id, start, start + len(text))
        return Evidence(sentence, Passage(chunk, 0.5), np.eye(4, dtype=np.float32)[axis], score, typed=typed)

    minutes, accounts = Paper(doc_id="ashby-minutes"), Paper(doc_id="ashby-accounts", council=council)
    question = "How much did Ashby Parva Parish Council pay for the new noticeboard?"
    profile = QuestionProfile(question, "number", [], {}, [council])
    elsewhere = [evidence(item, minutes, 0, 0.60, False, 0), evidence(payments, accounts, 0, 0.50, True, 1)]
    assert select(profile, elsewhere, AnswerSettings()).abstained
    beside = [evidence(item, minutes, 0, 0.60, False, 0), evidence("It cost £240.", minutes, 1, 0.50, True, 1)]
    assert not select(profile, beside, AnswerSettings()).abstained


def test_a_list_question_gets_every_item_under_the_lead_in(parish):
    answer = parish.ask("Where will the new defibrillators be installed?")
    assert not answer.abstained, answer.answer
    for site in ("Village Hall porch", "Marsh Lane sports pavilion", "Millpond Road bus shelter"):
        assert site in answer.answer, answer.answer
    document = parish.store.document(answer.citations[0].doc_id)["text"]
    assert all(document[c.start : c.end] == c.quote for c in answer.citations)


def test_a_decision_question_gets_the_resolution_not_only_the_item_it_settles(parish):
    answer = parish.ask("What happened to the Scouts' proposal for a replacement scout hut?")
    assert not answer.abstained, answer.answer
    assert "resolved to defer" in answer.answer, answer.answer


def test_a_question_set_at_a_meeting_is_not_answered_by_the_meeting_s_own_date_line(parish):
    answer = parish.ask("What did Oakbridge Parish Council hear about footpaths at its March 2025 meeting?")
    assert "stile on footpath 12" in answer.answer, answer.answer
    assert "will be held" not in answer.answer


def test_a_count_is_a_number_of_the_thing_asked_or_a_bare_count():
    from assistant.question import counted, has_count

    noun = counted("How many tonnes of gravel were ordered for the car park?")
    assert noun == "tonn"
    assert has_count(noun, "Twelve tonnes of gravel were delivered.")
    assert has_count(noun, "The supplier delivered 40 on Friday.")  # a bare count the question may paraphrase
    for not_a_count in ("The mast is 115m high.", "A £5 fee applies.", "Held on 4 March 2025 at 7.30 pm.", "25% more"):
        assert not has_count(noun, not_a_count), not_a_count


def test_a_price_fee_or_precept_question_asks_for_an_amount_of_money():
    from assistant.question import answer_type, has_answer_type

    for asked in (
        "What price did the Clerk obtain for resurfacing the play area?",
        "What precept did the parish council set for 2025/26?",
        "What fee does the council charge for a tree permit?",
    ):
        assert answer_type(asked) == "number", asked
        assert has_answer_type("number", "The quote was £4,350 plus VAT.", asked)
        assert not has_answer_type("number", "The Clerk was asked to obtain three quotes by 1 May.", asked), asked


def test_years_a_question_is_set_in():
    from assistant.question import years_of

    assert years_of("What was spent in 2017-18 and 2019/20?") == {"2017", "2018", "2019", "2020"}
    assert years_of("What was approved for 2004 Clinton Avenue?") == set()


def test_a_figure_question_is_refused_when_the_passage_about_it_gives_no_figure(parish):
    answer = parish.ask("How much did the replacement stile on footpath 12 cost?")
    assert answer.abstained, answer.answer + str([(e) for e in []])
    print("ANSWER", answer.answer, answer.diagnostics)
    counted_answer = parish.ask("How many quotations must the Scouts obtain for the new hut?")
    assert not counted_answer.abstained and "three quotations" in counted_answer.answer, counted_answer.answer


def test_when_the_filters_leave_nothing_the_answer_says_which_and_promises_no_leads(parish):
    from index.filters import Filters

    answer = parish.ask("What is the allotment waiting list?", Filters(since="2026-01-01"))
    assert answer.abstained and not answer.leads
    assert "meetings from filter alone leaves none" in answer.answer and "leads" not in answer.answer
    assert "1 paper states no meeting date and is left out" in answer.scope_note, answer.scope_note


def test_who_said_that_names_the_speaker_or_says_the_minutes_name_no_one(parish):
    from assistant.conversation import Turn

    def follow_up(question: str):
        first = parish.ask(question)
        turn = Turn(question, question, tuple(first.to_json_dict()["citations"]))
        return first, parish.converse("Who said that?", [turn])[2]

    first, named = follow_up("What was reported about the stile on footpath 12?")
    assert "stile" in first.citations[0].quote
    assert named.answer.startswith("The minutes name Councillor Dale"), named.answer
    _, nobody = follow_up("Where will the new defibrillators be installed?")
    assert nobody.answer.startswith("The minutes do not name who said it"), nobody.answer
    assert nobody.citations[0].quote == _.citations[0].quote


def test_an_overview_question_gets_a_digest_meeting_by_meeting_in_date_order(parish):
    answer = parish.ask("Summarise what has been said about the stile on footpath 12.")
    assert not answer.abstained, answer.answer
    assert answer.answer.startswith("2 meetings in the archive speak to this"), answer.answer
    dates = [c.meeting_date for c in answer.citations]
    assert dates == sorted(dates) and set(dates) == {"2024-11-05", "2025-03-04"}, dates
    assert answer.answer.index("2024-11-05") < answer.answer.index("2025-03-04")


def test_a_question_setting_two_years_side_by_side_cites_each(parish):
    answer = parish.ask("What was reported about the footpath 12 stile in 2024 compared with 2025?")
    assert {c.meeting_date[:4] for c in answer.citations if c.meeting_date} == {"2024", "2025"}, answer.answer


def test_the_reply_answers_rather_than_the_question_that_prompted_it(parish):
    answer = parish.ask("Will the Millpond Road bus shelter be repaired before the winter?")
    assert answer.citations and "scheduled the repair" in answer.citations[0].quote, answer.answer


def test_what_a_named_speaker_thought_or_answered_is_asked_about_a_topic():
    from assistant.question import SPEAKER_TOPIC

    for question, topic in [
        ("What did Councillor Vale think about the library opening hours?", "the library opening hours"),
        ("What did the Minister respond to the question of bus fares?", "the question of bus fares"),
    ]:
        match = SPEAKER_TOPIC.match(question)
        assert match and match.group("topic") == topic, question


def test_a_list_split_between_passages_is_quoted_whole_from_the_paper(parish):
    answer = parish.ask("Which hedges will be cut back this winter?")
    assert not answer.abstained, answer.answer
    assert "Church Lane" in answer.answer and "Hollow Way" in answer.answer, answer.answer
    assert "noticeboard" not in answer.answer
    document = parish.store.document(answer.citations[0].doc_id)["text"]
    assert all(document[c.start : c.end] == c.quote for c in answer.citations)


def test_a_quote_running_past_its_chunk_is_checked_against_the_whole_paper():
    from assistant.cite import Citation, verify

    paper = "Lead-in: first item\nsecond item\n3. Next"
    quote = paper[:31]
    cite = Citation(n=1, doc_id="d", title="t", source_path="", quote=quote, chunk_id="c", start=0, end=len(quote))
    assert verify(cite, paper[:20], 0, paper)
    assert not verify(cite, paper[:20], 0, None)  # past the chunk, only the paper can vouch for it
    assert not verify(cite, paper[:20], 0, paper.replace("second", "fourth"))
    assert not verify(cite, "Something else here.", 0, paper)


def test_a_when_question_gets_the_sentence_with_the_date_or_is_refused(parish):
    answer = parish.ask("When will the Millpond Road bus shelter be repaired?")
    assert not answer.abstained and "October" in answer.citations[0].quote, answer.answer
    undated = parish.ask("When will the noticeboard by the shop be repainted?")
    assert undated.abstained, undated.answer  # the passage says it will be, not when


def test_a_question_about_a_dated_meeting_is_answered_from_that_meeting_s_paper_or_refused(parish):
    from assistant.question import meeting_dates_of

    assert meeting_dates_of("What was decided at its 4 March 2025 meeting?") == {"2025-03-04"}
    assert meeting_dates_of("What was the Council told on 4 March 2025?") == {"2025-03-04"}
    assert meeting_dates_of("What followed the 30 March 2025 flood?") == set()  # an event, not a meeting
    held = parish.ask("What did the Parish Council decide about the scout hut at its 4 March 2025 meeting?")
    assert "resolved to defer" in held.answer, held.answer
    later = parish.ask("What did the Parish Council decide about the scout hut at its 1 April 2025 meeting?")
    assert later.abstained, later.answer  # the March minutes only say when the next meeting will be held


def test_a_one_paper_question_does_not_borrow_a_near_equal_sentence_from_another_paper(parish):
    answer = parish.ask("What did Cllr Dale report about the stile on footpath 12?")
    assert not answer.abstained, answer.answer
    assert len({c.doc_id for c in answer.citations}) == 1, answer.answer
    both = parish.ask("What was said about the footpath 12 stile in 2024 and in 2025?")
    assert len({c.doc_id for c in both.citations}) == 2, both.answer  # two years named: two papers may answer


def test_a_sentence_is_cited_once_when_its_neighbour_s_quote_takes_it_in():
    # "This part of town …" leans on the sentence before it, so its quote takes both; that sentence, already chosen
    # alone, is not said twice.
    import numpy as np

    from assistant.evidence import Evidence, Selection, compose
    from index.hybrid import Passage
    from index.records import Paper, StoredChunk, StoredSentence

    text = "Residents wanted more CCTV cameras. This part of town has seen a rise in thefts from cars."
    paper = Paper(doc_id="northshire-minutes")
    chunk = StoredChunk(id="c0", text=text, paper=paper, start=0, end=len(text))
    first, second = (
        StoredSentence("s0", text[:35], "c0", paper.doc_id, 0, 35),
        StoredSentence("s1", text[36:], "c0", paper.doc_id, 36, len(text)),
    )
    axis = np.eye(4, dtype=np.float32)
    chosen = [Evidence(first, Passage(chunk, 0.5), axis[0], 0.6), Evidence(second, Passage(chunk, 0.5), axis[1], 0.58)]
    citations = compose(Selection(False, chosen, 0.6, 1.0), [first, second])
    assert [(c.n, c.quote) for c in citations] == [(1, text)]
