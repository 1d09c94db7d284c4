"""Metadata read from the papers' own text, one publishing form per test (made-up councils, real forms)."""

from datetime import date

import pytest

from ingest.councils import council
from ingest.dates import meeting_date, parse_date
from ingest.metadata import extract_from_text
from ingest.titles import context_label, title


def fields(text: str) -> tuple:
    """Council, body, date and type as ingest stores them, and the title the heading gives (titles.title)."""
    found = extract_from_text(text)
    return (*(found.get(k) for k in ("council", "committee", "meeting_date", "doc_type")), title(text))


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("13 March 2025", date(2025, 3, 13)),
        ("13th March 2025", date(2025, 3, 13)),
        ("Thursday, 13 March 2025", date(2025, 3, 13)),
        ("19/09/2019", date(2019, 9, 19)),
        ("3rd November 2015", date(2015, 11, 3)),
        ("19th September, 2019", date(2019, 9, 19)),
        ("1 Aug 2011", date(2011, 8, 1)),
        ("TUESDAY- -MARCH 2, 2010", date(2010, 3, 2)),
        ("April 28th 2015", date(2015, 4, 28)),
        ("13.03.2025", date(2025, 3, 13)),  # dotted, day first
        ("Tuesday the 5th of March 2019", date(2019, 3, 5)),
        ("11.27.2021", None),
        ("Friday, 13 March 2025", None),  # the weekday disagrees: never guess which half is right
        ("11/27/2021", None),  # month first is not how UK papers write a date
        ("31 June 2020", None),
        ("next week", None),
    ],
)
def test_date_phrases_in_every_common_form(phrase, expected):
    assert parse_date(phrase) == expected


def test_county_minutes_opening_sentence_and_running_header():
    text = (
        "NORTHMOOR COUNTY COUNCIL\n\nMINUTES of a meeting of the Northmoor County Council held in the Council "
        "Chamber, County Hall, Northmoor on Thursday, 13 March 2025.\n\nPRESENT: Mr A Bell (Chairman)\n\n"
        "1. Apologies\nApologies were received.\n\fNORTHMOOR COUNTY COUNCIL\n\n2. Minutes\nRESOLVED that …\n"
    )
    assert fields(text)[0] == "Northmoor County Council"
    assert fields(text)[2:4] == (date(2025, 3, 13), "minutes")
    prose = "1. Budget\nThe report was noted.\n" * 3
    assert council(prose + "NORTHMOOR COUNTY COUNCIL\n" + prose + "NORTHMOOR COUNTY COUNCIL\n") == (
        "Northmoor County Council"
    )  # a running page header alone still says whose paper it is


def test_moderngov_issue_history_page():
    text = (
        "Issue - meetings\n\nLibrary Opening Hours\n\n"
        "Meeting: 19/09/2019 - Corporate Resources Overview & Scrutiny Committee (Item 36)\n\n"
        "36 Library Opening Hours pdf icon PDF 65 KB\n\nMinutes:\n\nThe Committee considered the report, adopted "
        "on 12 May 2018, and noted it.\n"
    )
    assert fields(text) == (
        None,
        "Corporate Resources Overview & Scrutiny Committee",
        date(2019, 9, 19),
        "minutes",
        "Library Opening Hours",
    )


def test_moderngov_decision_notice_reads_the_decision_date_not_the_publication_date():
    text = (
        "Decision details\n\nParking Charges Review\n\nDecision Maker: Cabinet\n\nDecision status: Implemented\n\n"
        "Decision published: 14/03/2019\n\nEffective from: 22/03/2019\n\nDecision:\nRESOLVED that the charges rise.\n"
        "Date of decision: 13/03/2019\n\nDecided at meeting: 13/03/2019 - Cabinet\n"
    )
    assert fields(text) == (None, "Cabinet", date(2019, 3, 13), "decision", "Parking Charges Review")
    assert meeting_date("Decision published: 14/03/2019\nEffective from: 22/03/2019\n") is None


def test_a_decision_taken_by_a_post_has_no_meeting_body():
    assert fields("Decision details\n\nStreet Lighting\n\nDecision Maker: Leader of the Council\n")[1] is None
    assert fields("Decision Maker: Chief Executive\nDate of decision: 02/04/2024\n")[1:3] == (None, date(2024, 4, 2))


def test_moderngov_forward_plan_decision_due():
    text = "Decision type: Key\nDecision status: Recommendations Approved\nDecision due: 1 Aug 2011 by Cabinet\n"
    assert fields(text)[1:4] == ("Cabinet", date(2011, 8, 1), "decision")


def test_moderngov_meeting_page():
    text = (
        "Agenda and minutes\n\nPlanning Control Committee - Thursday, 19th September, 2019 7.30 pm\n\n"
        "Venue: Council Chamber, District Council Offices\n\nItems\nNo. Item\n\n40.\n\nAPOLOGIES FOR ABSENCE\n\n"
        "Minutes:\n\nApologies were received. The minutes of the meeting held on 22 August 2019 were approved.\n"
    )
    assert fields(text)[1:] == (
        "Planning Control Committee",
        date(2019, 9, 19),
        "minutes",
        "Planning Control Committee - Thursday, 19th September, 2019 7.30 pm",
    )


@pytest.mark.parametrize(
    "heading",
    ["Brambleford Parish Council - 3rd November 2015", "Brambleford Parish Council\n3rd November 2015"],
)
def test_parish_heading_on_one_line_or_two(heading):
    council_name, body, day, _, _ = fields(heading + "\n\nPresent: Cllr A Jones (Chair)\n\n1. Apologies\nNone.\n")
    assert (council_name, body, day) == ("Brambleford Parish Council", "Parish Council", date(2015, 11, 3))


def test_capitals_letterhead_and_minutes_heading():
    text = (
        "ASHCOMBE-CUM-LEA PARISH COUNCIL\nMINUTES OF THE PARISH COUNCIL MEETING HELD ON\nTUESDAY, 5 MARCH 2024\n\n"
        "Present: Mrs A Smith\n\n3. Minutes\nThe minutes of the meeting held on 6 February 2024 were confirmed.\n"
    )
    assert fields(text) == (
        "Ashcombe-cum-Lea Parish Council",
        "Parish Council",
        date(2024, 3, 5),
        "minutes",
        "Minutes of the Parish Council Meeting held on Tuesday, 5 March 2024",
    )


def test_community_council_minutes_of_meeting_held_on():
    text = "Glenmoor Community Council MINUTES\n\nMinutes of Meeting held on Tuesday 2nd February 2010 in the Hall\n"
    assert fields(text)[:4] == ("Glenmoor Community Council", "Community Council", date(2010, 2, 2), "minutes")


@pytest.mark.parametrize(
    "letterhead",
    [
        "North Vale Combined Authority",
        "Westshire Police and Crime Panel",
        "London Borough of Eastham",
        "Westshire Council",
    ],
)
def test_other_kinds_of_authority_on_a_letterhead(letterhead):
    assert council(f"{letterhead}\nAgenda\n\n1. Apologies\n") == letterhead


def test_minutes_of_a_named_committee_and_a_us_city_council():
    rent = "Minutes of the Special Meeting of the\nRent Review Advisory Committee\nMonday, January 23, 2017\n"
    assert fields(rent)[1:3] == ("Rent Review Advisory Committee", date(2017, 1, 23))
    city = "MINUTES OF THE REGULAR CITY COUNCIL MEETING\nTUESDAY- -MARCH 2, 2010- -7:00 P.M.\n\nThe Mayor convened.\n"
    assert fields(city)[1:4] == ("City Council", date(2010, 3, 2), "minutes")
    assert fields(city)[4] == "Minutes of the Regular City Council Meeting"


def test_a_print_or_publication_date_is_not_the_meeting_date():
    assert meeting_date("Planning Committee agenda\nPrinted on 3 March 2025\n\n1. Apologies\n") is None
    assert meeting_date("Agenda\nPublished on Tuesday, 4 March 2025\n") is None
    assert meeting_date("Minutes\nDate of next meeting: Tuesday 6th September 2016\n") is None


def test_a_date_in_the_body_about_something_else_is_not_the_meeting_date():
    text = (
        "Agenda item\n\nHousing Strategy\n\nMinutes:\n\nThe Committee noted that the strategy was adopted on "
        "12 May 2020 and that the previous review was held on 3 June 2019 by the Cabinet.\n"
    )
    assert meeting_date(text) is None
    confirmed = "Minutes\n\nThe minutes of the meeting held on 3 September 2024 were confirmed and signed.\n"
    assert meeting_date(confirmed) is None


def test_a_council_mentioned_in_passing_is_not_the_papers_council():
    assert (
        council("Agenda item\n\nDeclarations\n\nMinutes:\n\nCllr Roberts had worked with Warnley Parish Council.\n")
        is None
    )
    assert council("Minutes\nOfficers of Eastvale District Council attended and spoke about the plan.\n") is None
    assert council("Members thanked Westshire Council for its help with the bid in the year.\n") is None
    assert council("MINUTES OF THE PARISH COUNCIL MEETING\nthe parish council agreed.\n") is None


def test_the_stored_title_is_the_papers_own_heading():
    assert extract_from_text("Agenda item\n\nHousing Strategy\n\nMinutes:\n")["title"] == "Housing Strategy"
    assert extract_from_text("Title:\tScrutiny Feedback\nDate: 13 March 2025\n")["title"] == "Scrutiny Feedback"
    assert "title" not in extract_from_text("The report was noted.\n")  # no heading: the file name stands in


def test_chunk_context_names_the_paper_by_its_title_and_its_file_names_words():
    assert context_label("Agenda and minutes", "brambleford-planning-committee-undated-applications") == (
        "Agenda and minutes (brambleford planning committee undated applications)"
    )
    assert context_label("Planning Committee Minutes", "brambleford-planning-committee-2019") == (
        "Planning Committee Minutes (brambleford 2019)"
    )  # only the words the title lacks
    assert context_label(None, "brambleford-planning-committee") == "Brambleford planning committee"
    assert context_label("Brambleford planning committee", "brambleford-planning-committee") == (
        "Brambleford planning committee"
    )  # the file-name title build_meta stands in with gains nothing


def test_unknown_stays_unknown():
    assert fields("The report was noted.\n") == (None, None, None, None, None)
    assert fields("Amenities and Leisure\nTuesday 13th March 2018\n")[1] is None  # no body word: not guessed


def test_a_us_city_council_is_its_city():
    text = (
        "Marlowe City Council Meeting Minutes\nAugust 13, 2018\n\nCALL TO ORDER AND ROLL CALL\n"
        "Present: Mayor Ann Reed and Councilors Bo Park and Jo Lane. City Recorder Kim Ortiz declared a quorum.\n"
    )
    assert fields(text)[:3] == ("City of Marlowe", "City Council", date(2018, 8, 13))
    uk = (
        "Northby City Council\nMinutes of the meeting held on 3 March 2020\n\nPresent: Councillors A Bell and C Dunn\n"
        "1. The City Manager reported on the City of Northby Local Plan.\n"
    )
    assert fields(uk)[0] == "Northby City Council"  # a UK city council keeps its own name


def test_us_city_council_minutes_headed_by_the_meeting_alone():
    head = (
        "MINUTES OF THE REGULAR CITY COUNCIL MEETING\nTUESDAY- -MARCH 2, 2010- -7:00 P.M.\n\n"
        "Mayor Reed convened the meeting. Councilmember Park led the Pledge of Allegiance.\n\n"
        "ROLL CALL - Present: Councilmembers Park, Lane and Mayor Reed.\n\n"
    )
    items = (
        "(10-086) Agreement between the City of Marlowe and the City of Fenwick.\n(10-087) City of Marlowe budget.\n"
    )
    assert fields(head + items)[:3] == ("City of Marlowe", "City Council", date(2010, 3, 2))
    even = "(10-086) Agreement between the City of Marlowe and the City of Fenwick.\n" * 2
    assert fields(head + even)[0] is None  # two cities named as often: not guessed


def test_us_resolution_and_ordinance_name_the_body_that_passes_them():
    resolution = (
        "RESOLUTION NO. 12-2020\n\nA RESOLUTION ADOPTING A SCHEDULE OF FEES\n\n"
        "WHEREAS, the City of Marlowe sets fees for land use applications;\n\n"
        "NOW, THEREFORE, BE IT RESOLVED by the City Council of Marlowe:\n\nSection 1. The fees are adopted.\n"
    )
    assert fields(resolution)[1:4] == ("City Council", None, "decision")
    ordinance = "ORDINANCE NO. 7-2019\n\nBEFORE THE CITY COUNCIL OF\nTHE CITY OF MARLOWE, OREGON\n\nWHEREAS, trees …\n"
    assert fields(ordinance)[1] == "City Council"
    assert fields("Minutes\nBE IT RESOLVED by the City Council of Marlowe that …\n")[1] is None  # not an enactment


def test_us_board_letterhead_in_columns_and_its_voting_record():
    text = (
        "City of Marlowe Commissioners:\nMayor Jo Smith Ann B. Reed, Chairman\nLicensing Board Tom C. Wu\n"
        "Executive Secretary:\nLee Grant\n\nVoting Agenda, April 23, 2020\n(all members present)\n\n"
        "1. Corner Cafe, LLC\nHas applied for a Common Victualler License.\n\nGRANTED\n\n"
        "2. Harbour Bar, Inc.\nNotice: Patron assault.\n\nNo Violation\n\n"
        "3. Bay Grill\nHas applied for a change of manager.\n\nGranted\n"
    )
    assert fields(text)[:4] == ("City of Marlowe", "Licensing Board", date(2020, 4, 23), "decision")
    agenda = "Voting Agenda, April 23, 2020\n\n1. Corner Cafe, LLC\nTo consider the application.\n"
    assert fields(agenda)[3] == "agenda"  # no outcomes yet: still an agenda


def test_moderngov_items_table_run_into_lines_is_minutes():
    text = (
        "Venue: Council Chamber\nNo. | Item |\n---|---|\n"
        "Apologies for Absence Minutes: Apologies were received from A Smith. |\n"
        "Town Centre Budget To consider the report Minutes: The Committee noted the report. |\n"
    )
    assert fields(text)[3] == "minutes"
    assert fields("Venue: Council Chamber\nMinutes of the last meeting Minutes: To approve them. |\n")[3] is None


def test_report_cover_table_to_and_date():
    text = (
        "\u0422\u043e:\tCabinet\nDate:\t13 November 2024\nReport/Comments of:\tScrutiny Committee\n"
        "Title:\tScrutiny feedback to Cabinet\n"
    )  # "То" printed with Cyrillic letters, as pasted text sometimes has it
    assert fields(text)[1:3] == ("Cabinet", date(2024, 11, 13))
    assert fields("To: Members of the Licensing Committee\nDate: 3 March 2020\n")[1] == "Licensing Committee"
    assert fields("To: Mrs A Bell, 3 High Street\n\nDear Mrs Bell,\n")[1] is None


def test_report_recommendations_addressed_to_the_meeting():
    text = (
        "Library Opening Hours\n\nReport Author:\tJ Smith, Head of Libraries\n\n1 Summary\n\n"
        "1.1 The libraries open longer.\n\n2 Recommendation\n\nThat Scrutiny Committee:\n\n2.1 Notes the report.\n"
    )
    assert fields(text)[1] == "Scrutiny Committee"
    assert fields("Purpose of Report\nTo update.\n\nRecommendations\n\nThat Members note the report.\n")[1] is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Brambleford Parish Council\n\nPRESENT: Cllrs Bell, Dunn and Ede\n\n1. Apologies\nNone.\n", "minutes"),
        ("Those present: Cllr Bell (Chair), Cllr Dunn\n\n1. Apologies\nNone.\n", "minutes"),
        ("Town Centre Parking\n\nReport of: Director of Place\n\nWards affected: All\n", "report"),
        ("Town Centre Parking\n\n1. Purpose of Report\n1.1 To set out the options.\n", "report"),
        ("Town Centre Parking\n\nRecommendations:\n\nThat the options be noted.\n", "report"),
    ],
)
def test_kind_of_paper_by_its_labels(text, kind):
    assert fields(text)[3] == kind


def test_a_committee_of_the_council_and_the_councils_own_meeting():
    committee = (
        "Minutes of the Planning Committee of Souldmoor Parish Council held on 5 March 2019\n\nPresent: Cllr A\n"
    )
    assert fields(committee)[:3] == ("Souldmoor Parish Council", "Planning Committee", date(2019, 3, 5))
    own = "Milbeck Parish Council\n\nMinutes of the meeting of the Council held on Monday 4th March 2019 at 7.30pm\n"
    assert fields(own)[:2] == ("Milbeck Parish Council", "Parish Council")
    borough = "Minutes of the meeting of the Council held on Monday 4th March 2019\n"
    assert fields(borough)[1] == "Council"  # whose council is not said: left as the paper words it


@pytest.mark.parametrize(
    "heading, body",
    [
        (
            "Minutes of the Annual Meeting of Souldmoor Parish Council held on 5 May 2019",
            "Parish Council Annual Meeting",
        ),
        (
            "Inaugural Meeting of Glenbeck Community Council\nheld in the Hall on 15 January 2014",
            ("Community Council Inaugural Meeting"),
        ),
    ],
)
def test_a_meeting_with_its_own_name_keeps_it(heading, body):
    assert fields(heading + "\n\nPresent: Cllr A Bell\n")[1] == body


def test_summons_and_notice_of_meeting():
    text = (
        "Milbeck Parish Council\nNotice of Meeting\n\nDear Councillor,\nYou are hereby summoned to attend a meeting of "
        "the Parish Council on Monday 4 March 2019 at 7.30pm.\n\nAgenda\n1. Apologies\n"
    )
    assert fields(text)[:4] == ("Milbeck Parish Council", "Parish Council", date(2019, 3, 4), "agenda")
    notice = "NOTICE IS HEREBY GIVEN that a Meeting of the Planning Committee will be held on 3 June 2019.\n"
    assert fields(notice)[1:4] == ("Planning Committee", date(2019, 6, 3), "agenda")
    audit = "NOTICE IS HEREBY GIVEN that the accounts for the year ended 31 March 2019 are open to inspection.\n"
    assert fields(audit)[1:4] == (None, None, None)  # a statutory notice, not a meeting's


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # the letterhead names whose meeting a heading leaves unnamed
            "GLENBECK COMMUNITY COUNCIL\nMinutes of a Meeting held on Tuesday 6 May 2014\nat 7.00 pm in the Hall\n",
            "Glenbeck Community Council: Minutes of a Meeting held on Tuesday 6 May 2014",
        ),
        (  # a US board's name over its date line and its "APPROVED MINUTES"
            "City of Marlowe, California\nHOUSING ADVISORY BOARD\nTHURSDAY, JANUARY 26, 2023\nAPPROVED MINUTES\n",
            "Housing Advisory Board: Approved Minutes",
        ),
        (  # a status stamped over the heading
            "DRAFT\nMINUTES OF THE PLANNING COMMITTEE\nTuesday 6 May 2014\n",
            "Draft Minutes of the Planning Committee",
        ),
        (  # a heading naming no meeting takes its date line
            "Voting Hearing Agenda\nMay 2, 2021\n(all commissioners present)\n",
            "Voting Hearing Agenda May 2, 2021",
        ),
        (  # one naming its meeting does not
            "Marlowe City Council Meeting Minutes\nAugust 13, 2018\n",
            "Marlowe City Council Meeting Minutes",
        ),
        (  # a report cover: its title line over its labelled fields
            "Town Centre Parking - Annual Review\nReport Author:\tJ Smith, Head of Parking\n",
            "Town Centre Parking - Annual Review",
        ),
    ],
)
def test_title_forms(text, expected):
    assert title(text) == expected


def test_held_on_the_fifth():
    text = "Minutes of the meeting held on the 5th March 2019 in the Village Hall, Milbeck.\n"
    assert meeting_date(text) == date(2019, 3, 5)


def test_minutes_of_a_body_over_its_venue_line():
    text = (
        "City and County of Swansbury\n\nMinutes of the Cabinet\n\nCommittee Room 1 - Guildhall, Swansbury\n\n"
        "Thursday, 18 April 2019 at 10.00 am\n\nPresent: Councillor A Bell (Chair)\n"
    )
    assert fields(text)[1:4] == ("Cabinet", date(2019, 4, 18), "minutes")  # the venue line is not the body's name


def test_invited_to_attend_a_meeting_of():
    text = (
        "Notice of Meeting\nYou are invited to attend a Meeting of the Cabinet\nAt: Committee Room 1, Guildhall\n"
        "On: Thursday, 18 April 2019\nTime: 10.00 am\n\nAgenda\n1. Apologies\n"
    )
    assert fields(text)[1] == "Cabinet"


def test_minutes_heading_in_capitals_ending_in_a_full_stop():
    text = (
        "Westshire Council\n\nMINUTES OF THE STRATEGIC PLANNING COMMITTEE MEETING HELD ON 13 MARCH 2019 AT COUNCIL "
        "CHAMBER - COUNTY HALL, TROWBY.\n\nPresent:\nCllr A Bell\n"
    )
    assert fields(text)[:3] == ("Westshire Council", "Strategic Planning Committee", date(2019, 3, 13))


@pytest.mark.parametrize(
    "heading",
    ["Full Governing Board Meeting\nMinutes", "FULL GOVERNING BOARD\nMINUTES OF THE MEETING HELD ON 3 MARCH 2020"],
)
def test_a_bodys_name_over_its_minutes(heading):
    assert fields("Millbeck and Ashby Schools Federation\n" + heading + "\nDate: 3 March 2020\n")[1] == (
        "Full Governing Board"
    )


def test_a_parish_minutes_heading_naming_no_body_with_the_council_in_its_running_header():
    text = (
        "Minutes of the meeting held on Tuesday 3rd March 2020 at 7.30pm in Milbeck Village Hall\n\n"
        "Present: Cllrs A Bell (Chair), C Dunn\n\n1. Apologies\nNone.\n\fMilbeck Parish Council\n2. Minutes\nAgreed.\n"
        "\fMilbeck Parish Council\n"
    )
    assert fields(text)[:2] == ("Milbeck Parish Council", "Parish Council")
    committee = "Planning Committee\n" + text
    assert fields(committee)[1] == "Planning Committee"  # a body named in the heading is the meeting's


@pytest.mark.parametrize(
    "text",
    [
        "Agenda\nDate & Time: Monday 4 March 2019 at 7.30pm, Village Hall\n",
        "Parish Council Meeting\nHeld on: Monday 4 March 2019 in the Village Hall\n",
    ],
)
def test_agenda_date_labels(text):
    assert meeting_date(text) == date(2019, 3, 4)


@pytest.mark.parametrize(
    "text",
    [
        "MILBECK PARISH COUNCIL\nMinutes – Tuesday 3rd March 2020\n\nPresent: Cllr A Bell\n",
        "Milbeck Parish Council\nMeeting held on Tuesday 3 March 2020 in the Village Hall\n\nPresent: Cllr A Bell\n",
        "MINUTES – MILBECK PARISH COUNCIL MEETING\nTuesday 3 March 2020\n\nPresent: Cllr A Bell\n",
        "Minutes: Milbeck Parish Council\n3 March 2020\n",
    ],
)
def test_a_parish_councils_own_minutes_in_short_headings(text):
    assert fields(text)[:3] == ("Milbeck Parish Council", "Parish Council", date(2020, 3, 3))


def test_a_committees_minutes_under_the_parish_letterhead_stay_the_committees():
    text = "MILBECK PARISH COUNCIL\nPlanning Committee Minutes – 3 March 2020\n"
    assert fields(text)[1] == "Planning Committee"


@pytest.mark.parametrize(
    "text, body",
    [
        ("Meeting:\tCabinet\tDate:\t13 March 2025\n", "Cabinet"),  # a cover table's row
        ("Name of Committee: Licensing Committee\nDate: 3 March 2020\n", "Licensing Committee"),
        ("Meeting of: Planning Committee\n", "Planning Committee"),
    ],
)
def test_report_cover_labels_for_the_meeting(text, body):
    assert fields(text)[1] == body
