"""Commitment extraction rules on small real documents, and re-extraction when a document changes."""

from datetime import date

from ingest.chunk import chunk_document
from ingest.commitments import extract
from ingest.types import DocMeta, Document, Page


def _doc(text: str, meeting: date | None = None, committee: str | None = "Safer Streets Panel") -> Document:
    meta = DocMeta(
        title="Panel minutes",
        council="Testshire District Council",
        committee=committee,
        meeting_date=meeting,
        doc_type="minutes",
    )
    return Document(
        doc_id="panel",
        source_path="panel.txt",
        text=text,
        meta=meta,
        pages=[Page(number=1, label="1", start=0, end=len(text))],
    )


def _extract(text: str, meeting: date | None = None):
    doc = _doc(text, meeting)
    return extract(doc, chunk_document(doc))


def test_kinds_owners_and_horizons_resolved_against_the_meeting_date():
    text = (
        "Minutes of the Safer Streets Panel.\n\n"
        "Sergeant Holt agreed that patrols would visit the Market Street underpass every evening.\n\n"
        "The Council will install two new cameras at the bus station next month.\n\n"
        "The new Parking Strategy is due to be adopted early next year by the Cabinet.\n\n"
        "Members noted the figures for the last quarter.\n\n"
        "A Member asked whether the lighting would be repaired?\n\n"
        "RESOLVED that the report be noted.\n"
    )
    found = {c.text.split()[0]: c for c in _extract(text, date(2021, 2, 10))}
    assert set(found) == {"Sergeant", "The", "RESOLVED"}  # not the noting, not the question
    assert (found["Sergeant"].kind, found["Sergeant"].owner) == ("agreement", "Sergeant Holt")
    cameras = next(c for c in _extract(text, date(2021, 2, 10)) if "cameras" in c.text)
    assert (cameras.owner, cameras.horizon, cameras.due) == ("The Council", "next month", "2021-03")
    strategy = next(c for c in _extract(text, date(2021, 2, 10)) if "Strategy" in c.text)
    assert (strategy.kind, strategy.owner, strategy.due) == ("plan", "the Cabinet", "2022")
    assert (found["RESOLVED"].kind, found["RESOLVED"].owner) == ("resolution", "Safer Streets Panel")


def test_no_meeting_date_keeps_the_horizon_but_no_due_date():
    [c] = _extract("Minutes.\n\nThe Council will install two new cameras at the bus station next month.\n")
    assert c.horizon == "next month" and c.due is None


def test_hedges_conditions_and_routines_are_not_commitments():
    text = (
        "Minutes.\n\nIt is hoped that the footbridge will reopen in spring.\n\n"
        "If a fine is not paid, there would be a prosecution.\n\n"
        "The team would always respond to complaints within a week.\n\n"
        "Extra wardens would cost approximately £40,000.\n"
    )
    assert _extract(text) == []


def test_spans_point_at_the_exact_sentence():
    text = "Minutes.\n\nThe Police would continue with monthly updates to Members.\n"
    [c] = _extract(text)
    assert text[c.start : c.end] == c.text == "The Police would continue with monthly updates to Members."


def test_commitments_are_replaced_with_their_document(make_assistant, tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    paper = folder / "panel.txt"
    paper.write_text("Minutes of the panel.\n\nThe Council will repaint the subway next month.\n")
    assistant = make_assistant()
    assistant.ingest([folder], progress=False)
    assert [r.summary for r in assistant.commitments()] == ["The Council will repaint the subway next month."]
    paper.write_text("Minutes of the panel.\n\nThe Council will resurface the car park in 2026.\n")
    assistant.ingest([folder], progress=False)
    records = assistant.commitments()
    assert [(r.summary, r.due) for r in records] == [("The Council will resurface the car park in 2026.", "2026")]
    assert assistant.store.vectors.count("commitments") == 1
    assistant.remove("panel")
    assert assistant.commitments() == [] and assistant.store.vectors.count("commitments") == 0
