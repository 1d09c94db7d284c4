"""Who is speaking or reported in a sentence ("Inspector Danvers highlighted", "Members queried", "In response, …")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .vocab import (
    BODY_WORDS,
    HE_TITLES,
    HONORIFIC_PATTERN,
    HONORIFICS,
    MONTHS,
    NOT_NAME_WORDS,
    NOT_PEOPLE,
    OFFICE_TITLES,
    ORG_WORDS,
    ROSTER_LABELS,
    ROSTER_ROLE_WORDS,
    SHE_TITLES,
    SHORT_FORMS,
    UNNAMED_SPEAKERS,
    WEEKDAYS,
    alternation,
)

VERBS = (
    r"(?:also\s+)?(?:highlighted|advised|added|agreed|stated|said|says|commented|explained|confirmed|noted|"
    r"reported|asked|queried|outlined|informed|responded|introduced|thanked|suggested|proposed|raised|presented|"
    r"summarised|summarized|welcomed|reminded|requested|recognised|undertook|promised|emphasised|emphasized|"
    r"acknowledged|provided|gave|expressed|felt|wished|highlighting|moved|seconded|replied|clarified|shared|"
    r"reiterated|declared|conveyed|observed|indicated|mentioned|believed|urged|questioned|enquired|inquired|"
    r"described|updated|detailed|announced|recommended|pointed out|spoke|answered|addressed)"
)
# What a member did, read only where a name opens a sentence or clause ("Mayor Kibbey opened the hearing", "HL had
# brought leaflets", "Cllr Morgan will enquire"): mid-sentence these are as often participles ("a letter to Mr Pike
# sent in May"). "had been …" is done to them, not by them.
ACTS = (
    r"(?:attended|tabled|submitted|opened|closed|called|commended|read|made|withdrew|invited|used|brought|sent|"
    r"circulated|contacted|offered|volunteered|apologised|apologized|chaired|continued|concluded|congratulated|"
    r"cautioned|warned|argued|stressed|assured|supported|objected|agreed|visited|met|wrote|joined|arranged|"
    r"organised|organized|reviewed|referred|drew|took|led|voted|nominated|accepted|received|talked|discussed|"
    r"showed|demonstrated|praised|paid|was\s+(?:not\s+)?(?:in\s+(?:full\s+)?(?:favou?r|support|agreement)|against|"
    r"opposed|concerned|pleased|disappointed)|(?:will|would|could|should|may|is to|was to)\s+(?!be\b)[a-z]{2,}|"
    r"(?:had|has|have)\s+(?:also\s+|not\s+|still\s+|now\s+|already\s+)?(?!been\b)(?:[a-z]+ed|[a-z]+en|brought|"
    r"sent|met|made|spoken|written|taken|given|done|said|told|read|led|left|paid|put|set|bought|sought|thought|"
    r"heard|found|held|kept|won|lost|got|agreed))"
)
ACT_PHRASE = rf"(?:(?:also|then|further|subsequently|again|kindly|briefly|formally)\s+)?(?:{VERBS}|{ACTS})\b"
# Where a sentence or clause opens: its start, after a tab (a table cell), a semicolon or colon ("Grants: Carol
# confirmed"), or a spaced dash ("Trees - HL reported"); a bullet glyph may follow. LEAD also allows a comma ("Following
# debate, Councillor Garratt withdrew"), which only titled names and offices take.
CLAUSE = r"(?:^|(?<=[\t;:])|(?<=\s[-–]\s))[\s•\uf0b7·▪◦*(-]*"
LEAD = r"(?:^|(?<=[\t;:,])|(?<=\s[-–]\s))[\s•\uf0b7·▪◦*(-]*"
# A name as minutes write it without a title: one to three capitalised words ("Watson", "Mandy Crossland",
# "Ruaridh MacGregor", "Olive O'Sullivan"), read as a person only by `Cast.is_person`.
_LETTERS = "À-ÖØ-öø-ÿ"  # accented letters in names ("Sullivan-Sariñana")
_UP, _LOW = "[A-ZÀ-ÖØ-Þ]", "[a-zß-öø-ÿ]"
NAME_WORD = rf"(?:O['’])?(?:Ma?c)?{_UP}{_LOW}+(?:-{_UP}{_LOW}+)?"
NAME = rf"{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}}"
# After a name: "(Scottish Water)", "of Network Rail", ", Director of Planning,".
_BRACKET = r"(?:\s*\([^)\n]{1,60}\))?"
_OF = r"(?:\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’-]*|and|of|&)){0,5}?)?"
APPOSITION = rf"{_BRACKET}{_OF}(?:,[^,.;]{{0,90}},)?"
# Offices a minute names instead of a person ("The Town Clerk advised", "The Head of Planning explained", "The City
# Attorney responded"): the last word (or phrase) of the office, after up to four capitalised words.
OFFICES = (
    "Clerk",
    "Officer",
    "Manager",
    "Director",
    "Attorney",
    "Solicitor",
    "Engineer",
    "Treasurer",
    "Secretary",
    "Executive",
    "Leader",
    "Mayor",
    "Planner",
    "Inspector",
    "Commander",
    "Administrator",
    "Coordinator",
    "Co-ordinator",
    "Adviser",
    "Advisor",
    "Consultant",
    "Auditor",
    "Recorder",
    "Analyst",
    "Chief",
    "Commissioner",
    "Constable",
    "RFO",
    "Ward Member",
    "Ward Councillor",
    "Local Member",
    r"Head of [A-Z][\w&-]+(?: [A-Z][\w&-]+)?",
    "Portfolio Holder",
    r"(?:Cabinet|Executive|Lead) Member(?: for [A-Z][\w&-]+(?: [A-Z][\w&-]+)?)?",
    "Chief Executive",
)
TITLES = {h.lower(): SHORT_FORMS.get(h, h) for h in HONORIFICS}  # any written form -> the title it is filed under
# Several-word titles may be spaced by tabs in a PDF's text ("Board\tMember\tCurtis").
_TITLE = rf"(?:{HONORIFIC_PATTERN}|{alternation(OFFICE_TITLES)})".replace(r"\ ", r"\s+")
POST_NOMINAL = r"(?:\s+(?:AM|MP|MSP|MLA|MEP|JP|OBE|MBE|CBE|QC|KC)\b)?"
# A title ("Acting Mayor" is the Mayor's), optional first name or initial ("F.Thomson"), surname, post-nominals.
_TITLED = (
    rf"(?:(?:Acting|Interim)\s+)?(?P<title>{_TITLE})\.?\s+(?!(?:{_TITLE})\.?\s)(?:\d{{2,5}}\s+)?(?:(?:{_UP}{_LOW}+|[A-Z]\.?)\s+|[A-Z]\.)?"
    rf"(?P<surname>{_UP}[a-zA-Z{_LETTERS}'’-]+){POST_NOMINAL}"
)
# Person: a titled name; then (after an optional ", role,") a speech verb, anywhere in the sentence.
PERSON = re.compile(rf"\b{_TITLED}{_BRACKET}(?:,[^,.]{{0,90}},)?,?\s+{VERBS}\b")
# The same opening a sentence or clause, doing anything ("Vice President Means called the meeting to order").
PERSON_LEAD = re.compile(rf"{LEAD}{_TITLED}{APPOSITION},?\s*[-–]?\s+{ACT_PHRASE}")
PERSON_LABEL = re.compile(rf"^(?P<title>(?i:{_TITLE}))\.?\s+(?:[A-Z][\w'’.-]*\s+)*?(?P<surname>[A-Z][\w'’-]+)$")
# Groups and offices, declared as data: (pattern, canonical name).
GROUPS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:A Member|Members|Councillors|Ward Members)\s+{VERBS}\b"), "Members"),
    (re.compile(rf"\bOfficers\s+{VERBS}\b"), "Officers"),
    (re.compile(rf"\bThe Committee\s+(?:was|were)?\s*{VERBS}\b"), "The Committee"),
    (re.compile(rf"\bThe Portfolio Holder\b[^.]{{0,80}}?\s+{VERBS}\b"), "The Portfolio Holder"),
    (
        re.compile(rf"\bCabinet Lead Member\b[^.]{{0,40}}?\s+{VERBS}\b|\bpresented by Cabinet Lead Member\b"),
        "Cabinet Lead Member",
    ),
    (re.compile(r"^\s*In response\b|\bIn response,"), "In response"),
]
# The Chair, Vice Chair or Chair of a named body ("The Chairman of the Planning Committee submitted …"), by a
# speech verb anywhere, or opening a sentence or clause with or without "The" ("Chairman reported", "…, the Chair
# used his discretion").
_CHAIRS = r"(?:Chair|Chairman|Chairperson|Chairwoman)"
_CHAIR = rf"(?P<vice>Vice[- ])?{_CHAIRS}(?P<of> of the [A-Z][\w ]+?)?"
CHAIR = (re.compile(rf"\b[Tt]he {_CHAIR}\s+{VERBS}\b"), re.compile(rf"{LEAD}(?:[Tt]he\s+)?{_CHAIR},?\s+{ACT_PHRASE}"))
# Tags that name no one to continue or inherit: a group, a body, an unnamed answer.
# An office named instead of a person: "The Assistant Town Clerk advised …" -> "The Assistant Town Clerk"; opening a
# clause it may do anything and may drop "The" ("Clerk confirmed the e-mail was sent").
_OFFICE = rf"(?P<office>(?:(?:[A-Z][\w&'’-]*|and|&)\s+){{0,6}}?(?:{'|'.join(OFFICES)}))(?P<of> of the [A-Z][\w ]+?)?"
OFFICE = (
    re.compile(rf"\b[Tt]he\s+{_OFFICE}(?:,[^,.]{{0,90}},)?\s+{VERBS}\b"),
    re.compile(rf"{LEAD}(?:[Tt]he\s+)?{_OFFICE}{APPOSITION}\s+{ACT_PHRASE}"),
)
# "It was reported by the Clerk that …", "The plan was presented by Jo Pike": the agent of a passive speech verb.
AGENT = re.compile(
    rf"\b(?:was|were|been|is)\s+(?:also\s+)?(?:{VERBS}|called\s+to\s+order|opened|chaired|led|made|read)\s+by\s+"
    rf"(?:{_TITLED}|(?P<the>the\s+)?(?P<office>{'|'.join(OFFICES)}|{_CHAIRS})\b|(?P<initials>[A-Z]{{2}})\b|(?P<name>{NAME})\b)"
)
# A name after its post, US style ("City Recorder Leanne Moll declared a quorum", "PRA Chair Ron Fletcher confirmed").
ROLE_NAME = re.compile(
    rf"{LEAD}(?P<role>(?:[A-Z][\w&'’-]*\s+){{0,2}}?(?:{'|'.join(OFFICES)}|{_CHAIRS}))\s+(?P<name>{NAME})"
    rf"{APPOSITION}\s+{ACT_PHRASE}"
)
# Minutes that name members by two initials opening a sentence, table cell or clause ("KC outlined …", "JS had
# attended …"); three capitals are as often a body ("GCC confirmed", "NHS advised") as a person. The verb must
# follow on the same line: initials ending a line ("(GOFD)\tCT\ncontacted") are an action column's cell.
INITIALS = re.compile(rf"{CLAUSE}(?P<initials>[A-Z]{{2}})[ \t]+{ACT_PHRASE}")
# A name without a title opening a sentence or clause ("Watson confirmed", "Mandy Crossland asked"), when
# `Cast.is_person` reads it as a person.
BARE = re.compile(rf"{CLAUSE}(?P<name>{NAME}){APPOSITION}\s*[-–]?\s+{ACT_PHRASE}")
BARE_ANYWHERE = re.compile(BARE.pattern, re.M)  # the same at any line's start, over a whole paper
# "Proposed by Cllr Smith, seconded by …" / "Moved by RB" / "proposed by Martin Croft" / "This was seconded by Cllr
# Saqib" / "A motion … was made by Board member Yamashiro-Omi": who moved it (or seconded it) is the speaker.
PROPOSER = re.compile(
    rf"(?:\b(?:[Pp]roposed|[Mm]oved|[Ss]econded|[Ss]econd)\s+(?:by\s+|[-–:]\s*)|\b[Mm]otion\s+by\s+|"
    rf"(?:\b[Mm]otion\b[^.]{{0,300}}?\b|\bwas\s+)made\s+by\s+)"
    rf"(?:{_TITLED}|(?P<initials>[A-Z]{{2,3}})\b|(?P<name>{NAME})\b)"
)
# The name after its verb or "according to" ("…, said Councillor Pike.", "According to the Clerk, the grant …").
AFTER = re.compile(
    rf"(?:,\s*(?:said|added|commented|explained|noted|stated|replied|asked)\s+|\b[Aa]ccording\s+to\s+)"
    rf"(?:{_TITLED}|(?P<the>the\s+)?(?P<office>(?:[A-Z][\w&'’-]*\s+){{0,3}}?(?:{'|'.join(OFFICES)}|{_CHAIRS}))\b)"
)
# "An email from Tracey Dick had advised …": the writer is the speaker.
WRITER = re.compile(
    rf"\b(?:[Ee]-?mail|[Ll]etter|[Mm]essage|[Cc]orrespondence|[Uu]pdate|[Rr]eport)\s+from\s+(?:{_TITLED}|"
    rf"(?:the\s+)?(?P<office>(?:[A-Z][\w&'’-]*\s+){{0,3}}?(?:{'|'.join(OFFICES)}|Sergeant|Inspector))|(?P<name>{NAME}))"
    rf"{APPOSITION}\s+(?:had\s+)?{VERBS}\b"
)


# A transcript turn: "The Chair: …", "Kirsty Williams AM: …", "Mr. Dave Epp (Chatham-Kent—Leamington, CPC): …".
# The label is a title and name, a role, or two to four capitalised words, before a colon on the same line; a one-word
# label ("Resolved:", "Present:") is minutes' structure, not a speaker.
TURN = re.compile(
    rf"^\s*(?P<label>(?:(?i:{_TITLE})\.?|(?:(?:Right|Rt\.?)\s+)?Hon\.?|The)\s+[A-Z][^:\n]{{0,100}}?|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,3}}"
    rf"(?:\s+\([^)\n]{{1,100}}\))?)[ \t]*:[ \t]+\S"
)
POST_NOMINALS = re.compile(r"\s+(?:AM|MS|MP|MSP|MLA|MEP|OBE|MBE|CBE|QC|KC)\b\.?")
NOT_TURNS = re.compile(
    r"^(?:Agenda|Item|Minute|Minutes|Present|Apologies|Action|Note|Resolved|Decision|Date|Time|Venue)\b"
)


def turn_speaker(text: str) -> str | None:
    """The speaker a transcript turn opens with, as a reader names them: brackets (riding, party, the person
    acting as Chair) and post-nominals dropped, a title and surname where there is a title."""
    match = TURN.match(text)
    if not match or NOT_TURNS.match(match.group("label")):
        return None
    label = re.sub(r"\s*\([^)]*\)?\)?", "", match.group("label")).strip()
    label = POST_NOMINALS.sub("", label).strip()
    words = label.split()
    if not words or len(words) > 6:
        return None
    person = PERSON_LABEL.match(label)
    return canonical(person.group("title"), person.group("surname")) if person else label


def canonical(title: str, surname: str) -> str:
    title = " ".join(title.split())  # "Board\tMember" as "Board Member"
    return f"{TITLES.get(title.lower().rstrip('.'), title)} {surname}"


# Words that never name a person however they are capitalised: bodies, services, places, posts, titles, dates.
NOT_PERSON_WORDS = (
    NOT_NAME_WORDS
    | ORG_WORDS
    | ROSTER_ROLE_WORDS
    | {w.lower() for w in BODY_WORDS}
    | {w.lower() for t in (*HONORIFICS, *OFFICE_TITLES, *OFFICES, *ROSTER_LABELS) for w in re.findall(r"[A-Za-z-]+", t)}
    | {m.lower() for m in (*MONTHS, *WEEKDAYS)}
    | {"the", "his", "her", "their", "its", "our", "my", "no", "some", "any", "both", "following", "chairman"}
    | {"acting", "interim"}
)


def _not_person_word(word: str) -> bool:
    """A word (or every part of a hyphened one, "Vice-Chair") that never names a person."""
    word = word.lower()
    return word in NOT_PERSON_WORDS or all(part in NOT_PERSON_WORDS for part in word.split("-"))


# An attendance label alone or before a colon, dash or tab ("PRESENT\tKenny Combe", "Present were:"), the names after
# it on its line and on up to 30 lines below.
ROSTER = re.compile(
    rf"^[ \t]*(?:{alternation(ROSTER_LABELS)})(?:[ \t]+were)?[ \t]*(?:[:\t–-]|$)[^\n]*(?:\n[^\n]*){{0,30}}",
    re.I | re.M,
)
_TITLED_MENTION = re.compile(rf"\b(?:{_TITLE})\.?\s+(?P<first>{NAME_WORD})(?:\s+(?P<second>{NAME_WORD}))?")


def _is_roster_line(line: str) -> bool:
    """A line of an attendance list: names and posts, few small words ("Cllrs Hodivala (Chairman), Hewett and Wood")."""
    words = re.sub(r"\([^)]*\)", " ", line).replace(",", " ").split()
    small = [w for w in words if w[:1].islower() and w not in ("and", "of", "&", "the", "for")]
    return len(line) <= 150 and not re.match(r"\s*\d", line) and len(small) * 4 <= len(words)


@dataclass(frozen=True)
class Cast:
    """Who a paper shows to be people: name words under an attendance label ("Present: Watson Robinson …") or after a
    title ("CPO Sharon Lackenby"); and the words the paper also writes in lower case ("lights", "green")."""

    roster: frozenset[str] = field(default_factory=frozenset)
    common: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, text: str) -> Cast:
        words: set[str] = set()
        for block in ROSTER.finditer(text):
            lines = block.group(0).split("\n")
            listed = [lines[0]]
            for line in lines[1:]:
                if line.strip() and not _is_roster_line(line):
                    break
                listed.append(line)
            words |= set(re.findall(NAME_WORD, re.sub(r"\([^)]*\)", " ", "\n".join(listed))))
        for mention in _TITLED_MENTION.finditer(text):
            words |= {w for w in mention.group("first", "second") if w}
        common = frozenset(re.findall(r"\b[a-z][a-z'’-]+\b", text))
        cast = cls(frozenset(w for w in words if not _not_person_word(w)), common)
        # The first and last names of someone the paper names in full before a verb ("Karen Birch attended … Karen
        # explained").
        full = {
            w
            for m in BARE_ANYWHERE.finditer(text)
            if " " in (n := " ".join(m.group("name").split())) and cast.is_person(n)
            for w in n.split()
        }
        return cls(cast.roster | full, common)

    def is_person(self, name: str) -> bool:
        """A bare name is a person when no word of it is a body's, place's, post's or common word, and a one-word name
        ("Watson") is listed as someone's in the paper; a listed word may be a common one ("Carol", "Wood")."""
        words = name.split()
        if any(_not_person_word(w) or (w.lower() in self.common and w not in self.roster) for w in words):
            return False
        return len(words) > 1 or words[0] in self.roster


NO_CAST = Cast()


def speakers_in(text: str, cast: Cast = NO_CAST) -> list[str]:
    """Canonical speakers named in text, in order of first mention ('Inspector Audrey Danvers' -> 'Inspector Danvers').
    cast: the paper's people, so a name without a title can be read as one."""
    found: list[tuple[int, str]] = []
    for pattern in (PERSON, PERSON_LEAD):
        for match in pattern.finditer(text):
            found.append((match.start("title"), canonical(match.group("title"), match.group("surname"))))
    for pattern, name in GROUPS:
        group = pattern.search(text)
        if group:
            found.append((group.start(), name))
    for chair in (m for pattern in CHAIR for m in pattern.finditer(text)):
        of = chair.group("of") or ""
        found.append((chair.start(), "The " + ("Vice " if chair.group("vice") else "") + "Chair" + of))
    for office in (m for pattern in OFFICE for m in pattern.finditer(text)):
        of = office.group("of") or ""
        found.append((office.start("office"), "The " + " ".join(office.group("office").split()) + of))
    titled = {start for start, _ in found}
    for role in ROLE_NAME.finditer(text):
        name = " ".join(role.group("name").split())
        if not titled & set(range(role.start("role"), role.end("name"))) and not any(
            _not_person_word(w) for w in name.split()
        ):
            who = name if " " in name else " ".join([*role.group("role").split(), name])
            found.append((role.start("role"), who))
    for initials in INITIALS.finditer(text):
        found.append((initials.start("initials"), initials.group("initials")))
    for bare in BARE.finditer(text):
        name = " ".join(bare.group("name").split())
        if cast.is_person(name):
            found.append((bare.start("name"), name))
    for pattern in (PROPOSER, WRITER, AGENT, AFTER):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("office"):
                post = "Chair" if groups["office"].startswith("Chair") else " ".join(groups["office"].split())
                found.append((match.start("office"), "The " + post))
            elif groups.get("surname"):
                found.append((match.start("title"), canonical(match.group("title"), match.group("surname"))))
            elif groups.get("initials"):
                found.append((match.start("initials"), match.group("initials")))
            elif groups.get("name") and cast.is_person(name := " ".join(match.group("name").split())):
                found.append((match.start("name"), name))
    names = list(dict.fromkeys(name for _, name in sorted(found)))
    # A bare surname read again after its title ("Board\tmember\tBryant\tstated": a PDF's tabs look like cells).
    surnames = {n.split()[-1] for n in names if " " in n}
    names = [n for n in names if " " in n or n not in surnames]
    # "In response" marks an unnamed answer; when the responder is named, the name says more.
    return [n for n in names if n not in UNNAMED_SPEAKERS] if len(names) > 1 else names


# A line that introduces what follows as someone's ("CC advised", "Councillor Linsley reported :-", "… the following:").
INTRODUCES = re.compile(rf"\b{VERBS}(?:\s+the\s+following)?\s*(?::-?|-)?\s*$")


def introduces(line: str, cast: Cast = NO_CAST) -> list[str]:
    """The speakers of a line that ends on its speech verb, as a heading over what they said; else none."""
    if not INTRODUCES.search(line):
        return []
    return [n for n in speakers_in(line, cast) if n not in NOT_PEOPLE]


def mentions_other(text: str, speaker: str) -> bool:
    """Whether text names a titled person other than speaker ("… thanked Mr Pierce" after "Councilor Nyberg …")."""
    surname = speaker.split()[-1]
    return any(surname not in m.group(0).split() for m in _TITLED_MENTION.finditer(text))


def gender(speaker: str) -> str | None:
    """'he' or 'she' where a speaker's title says so (Mr, Mrs …), else None."""
    title = speaker.split()[0].lower().rstrip(".")
    return "he" if title in HE_TITLES else "she" if title in SHE_TITLES else None


def named_in_question(question: str, known: set[str]) -> list[str]:
    """Known speakers the question names, by full name or surname ('Danvers' -> 'Inspector Danvers')."""
    named = []
    for speaker in sorted(known):
        surname = speaker.split()[-1]
        if speaker.split()[0] in ("Members", "Officers", "The", "In", "Cabinet"):
            continue
        if re.search(rf"\b{re.escape(surname)}\b", question):
            named.append(speaker)
    return named
