"""Words and forms council papers use: month names, honorifics, speaker tags — one home for each."""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Short month forms written with a full stop ("Sept."), so the full stop does not end a sentence; "May" is a
# whole word, and "may." does end one.
MONTH_ABBREVIATIONS = frozenset({m[:3].lower() for m in MONTHS if len(m) > 3} | {"sept"})


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first, so a form never loses to its own prefix ('Mr' in 'Mrs')."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def month_number(name: str) -> int:
    """1 for 'January' (any case), … 12 for 'December'."""
    return [m.lower() for m in MONTHS].index(name.lower()) + 1


MONTH_PATTERN = alternation(MONTHS)

# Every written form of a person's title, as papers write it; a short form is filed under its full title.
HONORIFICS = (
    "Chief Inspector",
    "Inspector",
    "Insp",
    "Mrs",
    "Mr",
    "Ms",
    "Miss",
    "Dr",
    "Cllr",
    "Councillor",
    "Sergeant",
    "Sgt",
    "Superintendent",
    "PCSO",
)
SHORT_FORMS = {"Insp": "Inspector", "Cllr": "Councillor", "Sgt": "Sergeant"}

# The narrower lists below are what each rule has always read; widening one would change what it finds.
# Attendance lines ("Present: Cllr Smith"): civilian titles, councillors, Inspector ranks and PCSOs only.
ATTENDEE_TITLES = ("Chief Inspector", "Inspector", "Mrs", "Mr", "Ms", "Dr", "Cllr", "Councillor", "PCSO")
# Answers to "who" questions: full titles, not Miss or the short police ranks ("Chief Inspector" holds "Inspector").
WHO_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Inspector", "Councillor", "Cllr", "PCSO", "Sergeant", "Superintendent")
# Speakers offered as example questions ("What did Inspector Danvers say?"): the titles speakers are filed under
# less PCSO, plus Cllr.
EXAMPLE_TITLES = (
    "Inspector",
    "Sergeant",
    "Councillor",
    "Cllr",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Superintendent",
    "Chief Inspector",
)
# Title short forms written with a full stop ("Cllr. Smith"), so the full stop does not end a sentence.
TITLE_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "cllr", "cllrs", "insp", "supt", "sgt", "pc", "prof", "rev", "hon"}
)

HONORIFIC_PATTERN = alternation(HONORIFICS)
ATTENDEE_PATTERN = alternation(ATTENDEE_TITLES)
WHO_PATTERN = alternation(WHO_TITLES)
EXAMPLE_PATTERN = alternation(EXAMPLE_TITLES)
# The titles whose surnames the bench's synthetic archive swaps for made-up ones (evals/synth.py).
SYNTH_TITLES = ("Inspector", "Councillor", "Cllr", "Mr", "Mrs", "Ms", "Dr", "Sergeant")

# Speaker tags (ingest.speakers) that name no one person.
UNNAMED_SPEAKERS = frozenset({"In response"})  # a tag saying someone answered, not who
GROUP_SPEAKERS = frozenset({"Members"})  # a group, not a person
# Speaker tags that name no one: offered neither as "who said it" nor carried to the next sentence as its speaker.
NOT_PEOPLE = UNNAMED_SPEAKERS | GROUP_SPEAKERS | {"Officers", "The Committee"}

# Days of the week, as a meeting's date line may open with one ("Thursday, 13 March 2025", "Tues 4 June 2024").
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_FORMS = WEEKDAYS + tuple(d[:3] for d in WEEKDAYS) + ("Tues", "Thur", "Thurs")
WEEKDAY_PATTERN = alternation(WEEKDAY_FORMS)
# Months as dates write them: in full, or short with or without a full stop ("1 Aug 2011", "Sept. 3, 2019").
MONTH_FORM_PATTERN = alternation(set(MONTHS) | {m[:3] for m in MONTHS} | {"Sept"})


def weekday_number(name: str) -> int:
    """0 for 'Monday' or 'Mon' (any case), … 6 for 'Sunday'."""
    return [d[:3].lower() for d in WEEKDAYS].index(name[:3].lower())


# Words on a line that make a date on it something other than the meeting's: when the paper was printed or
# published, a deadline, or another meeting (the next or the last).
NOT_MEETING_DATE_WORDS = (
    "printed",
    "published",
    "publication",
    "issued",
    "despatched",
    "dispatched",
    "circulated",
    "deadline",
    "next",
    "previous",
    "last",
    "confirm",
    "approve",
    "signed",
    "effective",
    "call-in",
)

# Lines that open a paper's business (the attendance list, the items): its heading, which states the paper's own
# council, meeting and date, ends there; what follows reports other meetings and other bodies.
BUSINESS_STARTS = ("Present", "Members Present", "Apologies", "Items", "In Attendance", "Attending")

# The kinds of council and public body, as they end its name ("Melton Borough Council", "West Yorkshire Combined
# Authority"). A bare "Council" ("Wiltshire Council") is read only where a line is the name alone (a letterhead).
COUNCIL_KINDS = (
    "Borough Council",
    "District Council",
    "County Council",
    "County Borough Council",
    "Metropolitan Borough Council",
    "Metropolitan District Council",
    "City Council",
    "City and County Council",
    "Town Council",
    "Parish Council",
    "Community Council",
    "Combined Authority",
    "Police and Crime Panel",
    "Fire and Rescue Authority",
    "National Park Authority",
)
# Councils named before the place ("London Borough of Bromley", US "City of Boston"); the municipal forms (city,
# town, village) take one word of name, as what follows is usually a board's name ("City of Alameda Planning Board").
COUNCIL_PREFIXES = ("London Borough of", "Royal Borough of", "Metropolitan Borough of", "Borough of")
MUNICIPAL_PREFIXES = ("City of", "Town of", "Village of")
# Small words inside place names ("Newcastle upon Tyne", "King's Lynn and West Norfolk", "Burton-cum-Walden").
NAME_CONNECTORS = ("and", "&", "upon", "on", "under", "in", "by", "the", "of", "cum", "le", "next", "with")
# The words of a council's kind, which every council name shares ("Melton Borough Council" -> "Melton").
COUNCIL_WORDS = frozenset({"council", "borough", "district", "county", "city", "town", "parish", "community"})
# Capitalised words that head a paper but are never part of a council's name ("MINUTES OF THE PARISH COUNCIL").
NOT_NAME_WORDS = (
    frozenset(
        {
            "minutes",
            "minute",
            "meeting",
            "meetings",
            "agenda",
            "annual",
            "regular",
            "special",
            "extraordinary",
            "ordinary",
            "public",
            "full",
            "draft",
            "agreed",
            "approved",
            "notice",
            "summons",
            "report",
            "inaugural",
            "website",
            "a",
            "an",
            "welcome",
            "dear",
            "members",
            "member",
            "clerk",
            "chairman",
            "chair",
            "mayor",
            "councillor",
            "councillors",
            "cllr",
            "held",
            "virtual",
            "joint",
            "item",
            "committee",
            "cabinet",
            "executive",
            "your",
            "our",
            "this",
            "each",
            "every",
            "all",
            "neighbouring",
            "local",
        }
    )
    | COUNCIL_WORDS
)

# The last word of a meeting body's name ("Planning Control Committee", "Licensing Sub-Committee", "Cabinet").
BODY_WORDS = (
    "Council",
    "Committee",
    "Sub-Committee",
    "Subcommittee",
    "Panel",
    "Board",
    "Commission",
    "Cabinet",
    "Executive",
    "Assembly",
    "Forum",
    "Partnership",
    "Meeting",
    "AGM",
)
# Words describing a sitting rather than naming the body ("the Regular City Council Meeting", "public meeting").
SITTING_WORDS = frozenset(
    {"regular", "special", "ordinary", "public", "virtual", "remote", "hybrid", "online", "draft", "agreed", "approved"}
)
# A meeting with its own name ("Annual Parish Meeting", "Inaugural Meeting of …"), never folded into the body's.
NAMED_SITTINGS = frozenset({"annual", "inaugural", "agm"})
# Bodies named by one word of BODY_WORDS alone ("Cabinet"); any other needs more ("Planning Committee", not "Panel").
STANDALONE_BODIES = frozenset({"cabinet", "executive", "council"})
# Posts that take decisions alone ("Decision Maker: Leader of the Council"): a person, never a meeting body.
POST_WORDS = frozenset({"leader", "chief", "director", "head", "member", "holder", "officer", "manager", "mayor"})

# Titles that introduce a speaker in minutes beyond the personal honorifics above: US and Scottish
# council minutes ("Councilor Tuttle moved", "Councilmember Tam stated", "Board member Wolf asked", "PC Spiers
# advised", "President Teague clarified").
OFFICE_TITLES = (
    "Councilor",
    "Councilmember",
    "Council Member",
    "Board Member",
    "Board member",
    "Commissioner",
    "Director",
    "President",
    "Vice President",
    "Mayor",
    "Vice Mayor",
    "Deputy Mayor",
    "Chief",
    "PC",
    "CPO",
    "DC",
    "DS",
    "Reverend",
    "Rev",
    "Father",
    "Professor",
    "Prof",
    "Sister",
    "Mx",
    "Cll",  # Scottish minutes' short form ("Cll Paterson")
    "Staff member",  # US minutes ("Staff member Kaldis explained")
    "Staff Member",
    # Peers, knights and clergy ("Baroness Hale", "Canon Pryce"); US and City of London posts written before a name
    # ("Alderman Reyes", "Trustee Ngata", "Selectwoman Orr", "Lord Mayor Fenn"); police ranks' short forms.
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Baroness",
    "Lord Mayor",
    "Canon",
    "Revd",
    "Alderman",
    "Alderwoman",
    "Alderperson",
    "Trustee",
    "Supervisor",
    "Selectman",
    "Selectwoman",
    "Councilman",
    "Councilwoman",
    "Council President",
    "Member",  # US committees ("Member Schrader stated"); never before another title ("Ward Member Cllr Pike")
    "Senator",
    "Judge",
    "Sheriff",
    "Supt",
    "Ch Insp",
    "DCI",
    "DI",
    "PS",
)

# Titles that say whether "He" or "She" can continue a speaker ("Mr Pike … She added" is someone else).
HE_TITLES = frozenset({"mr", "sir", "lord", "father"})
SHE_TITLES = frozenset({"mrs", "ms", "miss", "lady", "dame", "sister", "baroness"})
# Labels that open an attendance list ("Present:", "In Attendance:", "City staff:"): the names under one are people.
ROSTER_LABELS = (
    "Present",
    "Members Present",
    "Councillors Present",
    "Also Present",
    "Officers Present",
    "In Attendance",
    "Also in Attendance",
    "Attending",
    "Attendees",
    "Apologies",
    "Apologies for Absence",
    "Absent",
    "Public",
    "Staff",
    "City Staff",
    "Council Staff",
    "Attendance",
    "Those Present",
    "Present at the Meeting",
    "Also Attending",
    "Members",
    "Councillors",
    "Officers",
    "Officers in Attendance",
)
# Posts written beside a name in an attendance list ("Watson Robinson Convenor CC"): never part of the name.
ROSTER_ROLE_WORDS = frozenset(
    {"convenor", "vice", "deputy", "secretary", "treasurer", "representative", "rep", "co-opted", "observer", "staff"}
)
# Capitalised words that make a phrase before a reporting verb a body, service, place or thing, not a person
# ("Police Scotland advised", "Scottish Water confirmed", "Network Rail reported", "Legal Services advised").
ORG_WORDS = frozenset(
    {
        "police",
        "constabulary",
        "fire",
        "rescue",
        "ambulance",
        "service",
        "services",
        "water",
        "rail",
        "railway",
        "railways",
        "highways",
        "highway",
        "transport",
        "network",
        "energy",
        "power",
        "electricity",
        "gas",
        "trust",
        "trustees",
        "foundation",
        "charity",
        "society",
        "association",
        "group",
        "club",
        "team",
        "unit",
        "agency",
        "authority",
        "department",
        "dept",
        "directorate",
        "ministry",
        "government",
        "office",
        "limited",
        "ltd",
        "plc",
        "inc",
        "company",
        "homes",
        "housing",
        "health",
        "care",
        "hospital",
        "surgery",
        "practice",
        "school",
        "schools",
        "academy",
        "college",
        "university",
        "church",
        "chapel",
        "estate",
        "estates",
        "partnership",
        "federation",
        "union",
        "institute",
        "centre",
        "center",
        "hall",
        "library",
        "museum",
        "road",
        "street",
        "lane",
        "avenue",
        "drive",
        "way",
        "close",
        "park",
        "green",
        "square",
        "bridge",
        "farm",
        "house",
        "court",
        "gardens",
        "england",
        "scotland",
        "wales",
        "ireland",
        "britain",
        "british",
        "scottish",
        "welsh",
        "english",
        "irish",
        "national",
        "royal",
        "regional",
        "united",
        "kingdom",
        "northern",
        "southern",
        "eastern",
        "western",
        "north",
        "south",
        "east",
        "west",
        "central",
        "environment",
        "environmental",
        "planning",
        "licensing",
        "enforcement",
        "standards",
        "control",
        "management",
        "development",
        "parks",
        "waste",
        "recycling",
        "lighting",
        "parking",
        "legal",
        "finance",
        "democratic",
        "resources",
        "residents",
        "resident",
        "neighbourhood",
        "village",
        "ward",
        "watch",
        "program",
        "programme",
        "project",
        "scheme",
        "fund",
        "grant",
        "plan",
        "survey",
        "consultation",
        "application",
        "applicant",
        "applicants",
        "agent",
        "developer",
        "developers",
        "contractor",
        "contractors",
        "officers",
        "news",
        "press",
        "media",
        "airport",
        "port",
        "ports",
        "harbour",
        "marina",
        "it",
        "this",
        "that",
        "there",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "everyone",
        "nobody",
        "someone",
        "anyone",
        "discussion",
        "concern",
        "concerns",
        "item",
        "items",
        "motion",
        "update",
        "letter",
        "email",
        "e-mail",
    }
)

# Titles written before a name that say which body the person answers for: the police's ("Inspector Danvers",
# "PCSO Amadi") and the council's ("Cllr Smith", "Leader", officer posts). ingest.owners groups commitment owners
# by them.
POLICE_TITLES = (
    "Chief Constable",
    "Deputy Chief Constable",
    "Assistant Chief Constable",
    "Chief Superintendent",
    "Superintendent",
    "Supt",
    "Chief Inspector",
    "Ch Insp",
    "Detective Inspector",
    "Detective Sergeant",
    "Detective Constable",
    "Inspector",
    "Insp",
    "Sergeant",
    "Sgt",
    "Police Constable",
    "Constable",
    "PCSO",
    "PC",
    "PS",
    "DCI",
    "DI",
    "DS",
    "DC",
)
COUNCIL_TITLES = (
    "Councillor",
    "Cllr",
    "Cll",
    "Councilor",
    "Councilmember",
    "Council Member",
    "Leader",
    "Deputy Leader",
    "Mayor",
    "Deputy Mayor",
    "Lord Mayor",
    "Alderman",
    "Alderwoman",
    "Director",
)
