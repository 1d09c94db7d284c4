"""One home for the words papers use: the shared lists hold together, and no module keeps its own copy."""

import re
from pathlib import Path

from ingest import vocab
from ingest.speakers import TITLES, speakers_in

ROOT = Path(__file__).resolve().parents[2]


def test_months_match_by_name_and_number():
    assert len(vocab.MONTHS) == 12
    for n, month in enumerate(vocab.MONTHS, start=1):
        assert re.fullmatch(vocab.MONTH_PATTERN, month) and vocab.month_number(month.upper()) == n
    assert "may" not in vocab.MONTH_ABBREVIATIONS and {"sep", "sept", "jan"} <= vocab.MONTH_ABBREVIATIONS


def test_an_alternation_never_stops_at_a_prefix():
    assert re.match(rf"(?:{vocab.HONORIFIC_PATTERN})", "Mrs Smith").group(0) == "Mrs"
    assert re.match(rf"(?:{vocab.HONORIFIC_PATTERN})", "Inspector Danvers").group(0) == "Inspector"


def test_every_narrower_title_list_is_drawn_from_the_forms_papers_use():
    filed = set(TITLES.values())
    for subset in (vocab.ATTENDEE_TITLES, vocab.WHO_TITLES, vocab.EXAMPLE_TITLES):
        assert set(subset) <= set(vocab.HONORIFICS)
    assert set(vocab.EXAMPLE_TITLES) == filed - {"PCSO"} | {"Cllr"}
    assert set(vocab.SHORT_FORMS) <= set(vocab.HONORIFICS) and set(vocab.SHORT_FORMS.values()) <= filed
    short = {h.lower() for h in vocab.SHORT_FORMS}
    assert short <= vocab.TITLE_ABBREVIATIONS


def test_speaker_tags_are_ones_the_speaker_rules_produce():
    assert speakers_in("In response, it was confirmed that the patrols continue.") == ["In response"]
    assert speakers_in("Members queried the cost of the drones.") == ["Members"]
    assert vocab.UNNAMED_SPEAKERS == {"In response"} and vocab.GROUP_SPEAKERS == {"Members"}
    assert speakers_in("In response, Inspector Danvers confirmed the patrols.") == ["Inspector Danvers"]


def test_no_module_keeps_its_own_copy_of_the_months_or_titles():
    copies = [
        str(p.relative_to(ROOT))
        for folder in ("ingest", "assistant")
        for p in sorted((ROOT / folder).glob("*.py"))
        if p.name != "vocab.py" and re.search(r"February|Superintendent|\bSgt\b", p.read_text(encoding="utf-8"))
    ]
    assert copies == []
