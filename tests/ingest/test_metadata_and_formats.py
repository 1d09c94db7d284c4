import json
from datetime import date

import pytest

from ingest.load import discover, load_document
from ingest.metadata import extract_from_text
from ingest.types import IngestError
from tests.pdfs import write_pdf


def test_dates_and_council_come_from_the_text():
    found = extract_from_text(
        "Title:\tFeedback\nDate:\t13 November 2024\nThe Scrutiny Committee met on 12 September 2024."
        " Melton Borough Council"
    )
    assert found["meeting_date"] == date(2024, 11, 13)  # the "Date:" field, not the other meeting's "met on"
    assert found["council"] == "Melton Borough Council"
    assert found["title"] == "Feedback"
    # A sentence saying when a body met reports that meeting, not (often) the one the paper went to.
    assert "meeting_date" not in extract_from_text("The panel met on 1st November 2023.")


def test_sidecar_overrides_text_and_null_means_unknown(tmp_path):
    doc = tmp_path / "paper.txt"
    doc.write_text("Date: 13 November 2024\nSome Borough Council discussed CCTV at length.\n")
    (tmp_path / "paper.meta.json").write_text(
        json.dumps({"meeting_date": None, "council": "Other Borough Council", "committee": "Scrutiny Committee"})
    )
    meta = load_document(doc).meta
    assert meta.meeting_date is None and meta.council == "Other Borough Council"
    assert meta.committee == "Scrutiny Committee" and meta.title == "Paper"


def test_pdf_pages_are_kept(tmp_path):
    pdf = write_pdf(tmp_path / "two.pdf", [["Page one talks about parking."], ["Page two talks about graffiti."]])
    doc = load_document(pdf)
    assert [p.number for p in doc.pages] == [1, 2]
    assert "graffiti" in doc.text[doc.pages[1].start : doc.pages[1].end]
    assert doc.page_at(doc.text.index("graffiti")).number == 2


@pytest.mark.parametrize(
    "kind, reason",
    [
        ("encrypted", "password"),
        ("corrupt", "corrupt"),
        ("empty", "empty"),
        ("scanned", "no text layer"),
    ],
)
def test_bad_pdfs_name_the_reason(tmp_path, kind, reason):
    path = tmp_path / f"{kind}.pdf"
    if kind == "encrypted":
        write_pdf(path, [["secret minutes"]], encrypt="hunter2")
    elif kind == "corrupt":
        good = write_pdf(tmp_path / "good.pdf", [["fine text"]]).read_bytes()
        path.write_bytes(good[: len(good) // 3])
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        write_pdf(path, [[]], text=False)
    with pytest.raises(IngestError) as err:
        load_document(path)
    assert reason in err.value.reason and str(path) in str(err.value)


def test_pdf_with_empty_user_password_opens(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(tmp_path / "plain.pdf", [["Minutes of the Scrutiny Committee about noise nuisance."]])
    writer = PdfWriter(clone_from=PdfReader(str(plain)))
    writer.encrypt(user_password="", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    assert "noise nuisance" in load_document(locked).text


def test_discover_reports_unsupported_and_skips_sidecars(tmp_path):
    (tmp_path / "a.txt").write_text("hello")
    (tmp_path / "a.meta.json").write_text("{}")
    (tmp_path / "b.xlsx").write_bytes(b"PK")
    files, errors = discover([tmp_path, tmp_path / "missing.txt"])
    assert [f.name for f in files] == ["a.txt"]
    assert sorted(e.reason.split(" '")[0] for e in errors) == ["no such file or directory", "unsupported file type"]


def test_metadata_csv_sits_between_sidecar_and_text(tmp_path):
    (tmp_path / "a.txt").write_text("Date: 13 November 2024\nReport Author:\tJane Smith, Head of Service\nMinutes:\n")
    (tmp_path / "b.txt").write_text("RESOLVED that the report be noted.\n")
    (tmp_path / "metadata.csv").write_text(
        "doc_id,council,committee,meeting_date,attendees\n"
        "a,Rutland County Council,Cabinet,2024-11-14,Cllr A Jones; Mr B Green\n"
        "b,Rutland County Council,,,\n"
    )
    (tmp_path / "b.meta.json").write_text(json.dumps({"council": "Oakham Town Council"}))
    a = load_document(tmp_path / "a.txt").meta
    assert (a.council, a.committee, a.meeting_date) == ("Rutland County Council", "Cabinet", date(2024, 11, 14))
    assert a.report_author == "Jane Smith" and a.attendees == ["Cllr A Jones", "Mr B Green"]
    b = load_document(tmp_path / "b.txt").meta
    assert b.council == "Oakham Town Council" and b.committee is None and b.doc_type == "minutes"
    assert [f.name for f in discover([tmp_path])[0]] == ["a.txt", "b.txt"]


def test_corpus_metadata_is_right():
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    metas = {p.stem: load_document(p).meta for p in corpus.glob("*.txt")}
    expected_types = {
        "charnwood-finance-performance-scrutiny-csp-minutes": "minutes",
        "melton-crime-disorder-annual-update-report": "report",
        "melton-scrutiny-csp-presentation-minutes": "minutes",
        "melton-scrutiny-feedback-to-cabinet-crime-disorder": "feedback",
        "redditch-crime-disorder-scrutiny-panel-update-minutes": "minutes",
    }
    assert {k: m.doc_type for k, m in metas.items()} == expected_types
    assert {m.council for m in metas.values()} == {
        "Melton Borough Council",
        "Charnwood Borough Council",
        "Redditch Borough Council",
    }
    dated = {k: m.meeting_date for k, m in metas.items() if m.meeting_date}
    assert dated == {"melton-scrutiny-feedback-to-cabinet-crime-disorder": date(2024, 11, 13)}
    assert metas["melton-crime-disorder-annual-update-report"].report_author == "Aysha Rahman"
    assert metas["melton-scrutiny-feedback-to-cabinet-crime-disorder"].attendees == [
        "Inspector Darren Richardson",
        "Councillor Sarah Cox",
    ]
    assert metas["redditch-crime-disorder-scrutiny-panel-update-minutes"].agenda_items == [
        "Update on the Crime and Disorder Scrutiny Panel 2023-24 (Verbal Update)"
    ]
