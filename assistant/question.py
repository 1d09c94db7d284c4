"""What a question asks for: its expected answer type, its key terms, and any council it names."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, field

from index.lexical import LexicalIndex, tokenize
from ingest.dates import DATE_RE, parse_date
from ingest.speakers import named_in_question
from ingest.vocab import COUNCIL_WORDS, MONTH_PATTERN, WHO_PATTERN

# Answer types as data: (type, how the question asks for it, what an answering sentence contains).
ANSWER_TYPES: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        "duration",
        re.compile(r"\b(how long|for how long|how many (years|months|weeks|days)|how soon)\b", re.I),
        re.compile(
            r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)[- ]"
            r"(years?|months?|weeks?|days?|hours?|minutes?)\b",
            re.I,
        ),
    ),
    (
        "number",
        re.compile(
            r"\b(how many|how much|number of|what number|percentage|proportion|how often|how long|"
            r"how frequently|what (?:was|is|were) the (?:cost|budget|amount|total|figure|rate|sum)|cost|budget|funding of|"
            r"what (?:price|fee|charge|precept|amount|sum))\b",
            re.I,
        ),
        re.compile(
            r"£\s?\d|\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"twenty|hundred|thousand|dozen|half|third|quarter)\b",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(  # "when" asks only where a question or clause starts ("…, who was told when …" asks who)
            r"(?:^|[,;]\s*)when\b|\b(what date|which date|what year|which year|what month|by when|which dates)\b", re.I
        ),
        re.compile(
            rf"\b(19|20)\d\d\b|\b({MONTH_PATTERN})\b|\b\d{{1,2}}/\d{{2}}\b|\b(next|last|this|coming) "
            r"(year|month|week|spring|summer|autumn|winter)\b|\b(early|later|end of) (this|next) year\b",
            re.I,
        ),
    ),
    (
        "decision",
        re.compile(
            r"\b(decide|decided|decision|resolve|resolved|approve|approved|vote|voted|grant|granted|refuse|"
            r"refused|outcome|happened to|determine|determined|shortlist|shortlisted)\b",
            re.I,
        ),
        re.compile(
            r"\b(resolved|agreed|approved|decided|granted|refused|deferred|rejected|carried(?! out)|passed|voted|adopted|"
            r"endorsed|accepted|continued|acknowledged|unanimous\w*|declined|narrowed|selected|appointed|elected)\b",
            re.I,
        ),
    ),
    (
        "who",
        re.compile(
            r"(?:^|[,;]\s*)(who|whom|whose)\b|\bwhich (officer|member|councillor|inspector|person|organisation|"
            r"body|partner|agency|team|group|committee)\b",
            re.I,
        ),
        re.compile(
            rf"\b({WHO_PATTERN}|Chair|Chairman|Director|Manager|Officer|Commander|"
            r"Lead|Head|Commissioner|Police|Council|Partnership|Team|Network|"
            r"Committee|Service|Probation)\b|\b[A-Z][a-z]+ [A-Z][a-z]+\b"
        ),
    ),
]


# "What did <speaker> say about <topic>?": the topic, embedded on its own, ranks what the speaker said.
SPEAKER_TOPIC = re.compile(
    r"^\s*what\s+(?:did|has|have|does|do|was)\s+(?P<speaker>.+?)\s+(?:say|said|state|highlight|report|tell|"
    r"mention|agree|promise|commit|propose|suggest|think|respond|feel|believe|argue|explain|answer|reply|describe)\w*"
    r"\s+(?:about|on|regarding|concerning|to|of)\s+(?P<topic>.+?)\s*\??\s*$",
    re.I,
)


# A question asking for an overview rather than one fact: answered as a digest, meeting by meeting.
DIGEST = re.compile(
    r"^\s*(?:please\s+)?(?:summari[sz]e|give (?:me )?(?:a |an )?(?:summary|overview)|(?:can you )?outline)\b"
    r"|\bwhat (?:has|have) (?:been|we) (?:said|discussed|heard)\b|\bwhat (?:was|were) (?:said|discussed)\b"
    r"|\bwhat came up\b|\bacross (?:the |all )?(?:meetings|papers|years)\b|\bover the (?:years|meetings)\b"
    r"|\bmeeting by meeting\b",
    re.I,
)


# "How tall were the turbines, and when was the application due?", "When and where …?": a question of several
# parts, each a wh-clause after "and" or a comma; each part needs its own sentence of the answer.
FURTHER_PART = re.compile(
    r"(?:\band|,)\s+(?=(?:where|when|why|how|who|whom|what|which|whether|on what|for what|to what|by when|"
    r"with whom)\b)",
    re.I,
)


def further_parts(question: str) -> list[str]:
    """The parts of a question after its first ('… make and where did the money go?' -> ['where did …'])."""
    return [p.strip(" ,?") for p in FURTHER_PART.split(question)[1:] if p.strip(" ,?")]


@dataclass
class QuestionProfile:
    text: str
    answer_type: str | None
    terms: list[str]  # stemmed key terms, de-duplicated
    weights: dict[str, float]  # idf per term
    councils: list[str]  # councils named in the question (stored values)
    topic: str | None = None  # for "what did X say about Y": Y
    content: str = ""  # the question less its date and council (content_of); sentences are scored against it
    years: set[str] = field(default_factory=set)  # years the question is set in (years_of)
    meetings: set[str] = field(default_factory=set)  # ISO dates of meetings it names (meeting_dates_of)
    digest: bool = False  # asks for an overview (DIGEST): answered meeting by meeting
    speakers: list[str] = field(default_factory=list)  # known speakers the question names
    parts: list[str] = field(default_factory=list)  # its further parts (further_parts), each answered in its own right

    def coverage(self, tokens: set[str]) -> float:
        """IDF-weighted share of the question's key terms present in tokens (1.0 when it has none)."""
        total = sum(self.weights.values())
        if total <= 0:
            return 1.0
        return sum(w for t, w in self.weights.items() if t in tokens) / total


def answer_type(question: str) -> str | None:
    for name, asks, _ in ANSWER_TYPES:
        if asks.search(question):
            return name
    return None


# "How many residents …", "how many public parking spaces …": what is counted (the noun after a few modifiers).
COUNTED = re.compile(r"\bhow many\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*s)\b", re.I)
# A count of something: a number (or number word) with at most three words between it and the counted noun.
_COUNT = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty|hundred)"


def counted(question: str) -> str | None:
    """The stem of what a "how many" question counts ('how many tonnes of salmon' -> 'tonn')."""
    match = COUNTED.search(question)
    if not match:
        return None
    stems = tokenize(match.group(1).split()[-1])
    return stems[0] if stems else None


# A bare count ("nearly 400", "reported 9"): not money, a measure, a time, a share, a year or part of a date.
_BARE_COUNT = re.compile(
    rf"(?<![£$€\d.,/:\w-])(?!(?:19|20)\d\d\b)\d[\d,]*(?![\d.,/:]*\d|\w|\s*(?:%|per ?cent|[ap]\.?m\b|"
    rf"(?:{MONTH_PATTERN})\b))",
    re.I,
)


# "How much did …", "what price/fee/cost …": an amount of money answers it ("£2,438.00", "$12.3 million").
ASKS_MONEY = re.compile(
    r"\bhow much\b(?!\s+(?:time|longer|more time|notice))|\bwhat (?:price|fee|cost|charge|precept)\b", re.I
)
MONEY = re.compile(
    r"[£$€]\s?\d|\b\d[\d,.]*\s*(?:pounds|pence|dollars|euros|p\b|k\b)|\b(?:free of charge|no cost)\b", re.I
)


def has_count(noun_stem: str, sentence: str) -> bool:
    """The sentence gives a number of the counted thing ("fifteen residents", "1,400 housing units"), or a bare
    count the question's wording may paraphrase ("nearly 400 stop and searches" for "encounters")."""
    words = re.findall(r"[\w,.'’-]+", sentence.lower())
    for i, word in enumerate(words):
        if re.fullmatch(_COUNT, word.rstrip(".,")) and any(tokenize(w) == [noun_stem] for w in words[i + 1 : i + 5]):
            return True
    return bool(_BARE_COUNT.search(sentence))


def has_answer_type(kind: str | None, sentence: str, question: str = "") -> bool:
    """Does the sentence hold something of the asked-for type that the question did not already say? For "how many
    X", a number of X."""
    asked = question.lower()
    if kind == "number" and (noun := counted(question)):
        return has_count(noun, sentence)
    if kind == "number" and ASKS_MONEY.search(question):
        return bool(MONEY.search(sentence))
    for name, _, contains in ANSWER_TYPES:
        if name == kind:
            return any(m.group(0).lower() not in asked for m in contains.finditer(sentence))
    return True


# Words every council name shares; what is left is the name a person types ("Melton", "New Forest", "Kent").
GENERIC_NAME_WORDS = COUNCIL_WORDS | {
    "metropolitan",
    "royal",
    "corporation",
    "of",
    "the",
    "and",
    "authority",
    "combined",
    "london",
    "cc",
    "bc",
    "dc",
    "pc",
}


def council_key(council: str) -> str:
    """The distinctive part of a council's name: 'New Forest District Council' -> 'New Forest'; a name made only of
    generic words keeps them, less its institution word ('City of London Corporation' -> 'City of London')."""
    words = re.findall(r"[\w'-]+", council.split("(")[0])
    distinctive = [w for w in words if w.lower() not in GENERIC_NAME_WORDS]
    while not distinctive and len(words) > 1 and words[-1].lower() in ("council", "corporation", "authority"):
        words = words[:-1]  # 'City of London Corporation' is asked about as 'the City of London'
    return " ".join(distinctive or words)


def councils_named(question: str, councils: set[str]) -> list[str]:
    """Stored council names whose distinctive part the question names as a whole phrase ('Melton' -> 'Melton
    Borough Council'; 'What new CCTV…' names no 'New Forest')."""
    named = []
    for council in sorted(councils):
        key = council_key(council)
        if key and re.search(rf"(?<![\w-]){re.escape(key)}(?:'s)?(?![\w-])", question, re.I):
            named.append(council)
    return named


# What places a question in the archive rather than saying what it asks: when ("at its 4 November 2025 meeting",
# "in March 2018", "2016/17") and where (the council). Papers' metadata and dates answer these; the sentences that
# answer the question are found by the rest (else "The meeting was held on Tuesday 6 May 2025" wins every time).
_WHEN = re.compile(
    rf"\b(?:(?:at|in|during|from|on|for)\s+)?(?:(?:its|the|their)\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?"
    rf"(?:{MONTH_PATTERN})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b,?)?(?:\s+(?:19|20)\d\d\b)?"
    rf"(?:\s+(?:annual\s+|special\s+|voting\s+|full\s+)?(?:meeting|hearing|session|agm)\b)?"
    rf"|\b(?:in|during|since)\s+(?:19|20)\d\d(?:[/-]\d{{2,4}})?\b(?!\s+[A-Z])",  # not "for 2004 Clinton Avenue"
    re.I,
)


# Years a question sets itself in: "2018", "in 2016/17", "2017-18" (both years of a financial year).
_YEAR = re.compile(r"\b((?:19|20)\d\d)(?:[/-]((?:19|20)?\d\d))?\b(?!\s+[A-Z])")


def years_of(question: str) -> set[str]:
    """The years the question names, as four digits ('2017-18' -> {'2017', '2018'})."""
    years = set()
    for first, second in _YEAR.findall(question):
        years.add(first)
        if second:
            years.add(first[:2] + second[-2:])
    return years


# A full date that names a meeting: "at its 4 November 2025 meeting", "the Cabinet on 9 October 2012", "at the July
# 11, 2024 hearing" (not "the March 30, 2025 assault incident", an event a later meeting may report).
_BEFORE_MEETING = re.compile(r"\b(?:at (?:its|the|their)|on)\s+$", re.I)
_AFTER_MEETING = re.compile(r"^\s+(?:(?:[a-z]+\s+){0,2})(?:meeting|hearing|session|agm)\b", re.I)


def meeting_dates_of(question: str) -> set[str]:
    """ISO dates of the meetings the question names by their full date."""
    dates = set()
    for match in DATE_RE.finditer(question):
        day = parse_date(match.group(0))
        before, after = question[: match.start()], question[match.end() :]
        # "on the March 30, 2025 assault incident": a date used as an adjective names its noun, not a meeting
        attributive = match.group(0).lower().startswith("the ")
        if day and ((_BEFORE_MEETING.search(before) and not attributive) or _AFTER_MEETING.match(after)):
            dates.add(day.isoformat())
    return dates


def content_of(question: str, councils: list[str]) -> str:
    """The question less when and where it is set; the whole question when nothing is left of it."""
    text = _WHEN.sub(" ", question)
    for council in councils:
        text = re.sub(rf"(?<![\w-]){re.escape(council_key(council))}(?:'s)?(?![\w-])", " ", text, flags=re.I)
    text = " ".join(text.split())
    return text if len(re.findall(r"\w+", text)) >= 3 else question


def profile(
    question: str, lexical: LexicalIndex, councils: set[str], speakers: Set[str] = frozenset()
) -> QuestionProfile:
    named = councils_named(question, councils)
    council_terms = {t for c in named for t in tokenize(council_key(c))}
    terms = list(dict.fromkeys(t for t in tokenize(question) if t not in council_terms))
    weights = {t: lexical.idf(t) for t in terms}
    match = SPEAKER_TOPIC.match(question)
    topic = match.group("topic") if match else None
    return QuestionProfile(
        question,
        answer_type(question),
        terms,
        weights,
        named,
        topic,
        content_of(question, named),
        years_of(question),
        meeting_dates_of(question),
        bool(DIGEST.search(question)),
        named_in_question(question, set(speakers)),
        further_parts(question),
    )
