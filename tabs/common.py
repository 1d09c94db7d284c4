"""What several tabs and the API share: the filter form, earlier turns, facet choices, lenient integers."""

from __future__ import annotations

from datetime import date

from assistant.conversation import Turn
from index.filters import FilterError, Filters
from ingest.vocab import NOT_PEOPLE

HISTORY_TURNS = 4  # previous turns a follow-up may lean on (the rewrite uses the last; the API replays these)


def choices(assistant, field: str) -> list[str]:
    """A filter dropdown's options: the values of one facet in the archive, sorted; "who said it" lists people and
    offices only (not "In response", "Members", "Officers", "The Committee")."""
    values = assistant.facets.get(field, set())
    return sorted(values - NOT_PEOPLE if field == "speakers" else values)


DATE_FIELDS = {"since": "Meetings from", "until": "Meetings until"}  # the date boxes' labels, for their errors


def typed_date(field: str, value: str | None) -> date | None:
    """A date box's text as a date; blank is no date; anything else is a FilterError naming the box."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FilterError(
            f"{DATE_FIELDS[field]}: '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2023-01-31."
        ) from None


def form_filters(council, committee, doc_type, speaker, since, until) -> Filters:
    """The filter widgets' values as Filters: empty dropdowns and blank dates mean no filter."""
    return Filters(
        council=list(council or []),
        committee=list(committee or []),
        doc_type=list(doc_type or []),
        speaker=list(speaker or []),
        since=typed_date("since", since),
        until=typed_date("until", until),
    )


def int_or_none(value) -> int | None:
    """An offset from a URL or an API call; anything not an integer is no offset."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def as_turns(history) -> list:
    """The last few stored turns (dicts, as the chat keeps them) as the Turns a follow-up is resolved against."""
    return [
        Turn(t["question"], t.get("searched") or t["question"], tuple(t["answer"].get("citations", [])))
        for t in history[-HISTORY_TURNS:]
    ]
