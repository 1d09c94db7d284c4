"""Citation pages on real council PDFs: each sentence cites the page pypdf's own page-by-page text prints it on."""

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from assistant.cite import printed_page
from ingest.chunk import chunk_document
from ingest.load import load_document

PDFS = Path(__file__).resolve().parents[2] / "evals" / "archive" / "councils" / "pdf"


def squeeze(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


@pytest.mark.parametrize(
    "name",
    [
        "burton-cum-walden-pc-parish-council-2024-03-05-minutes.pdf",  # 3 pages, an English parish
        "ayton-cc-community-council-2014-04-01-minutes.pdf",  # 2 pages, a Scottish community council
        "alameda-ca-planning-board-2012-02-13-minutes.pdf",  # 15 pages, a US city board
    ],
)
def test_every_sentence_cites_the_page_it_is_printed_on(name):
    path = PDFS / name
    printed = [squeeze(page.extract_text() or "") for page in PdfReader(path).pages]
    doc = load_document(path)
    record = {"pages": [vars(page) for page in doc.pages]}
    checked = crossing = 0
    for chunk in chunk_document(doc):
        for sentence in chunk.sentences:
            key = squeeze(sentence.text)[:40]
            on = [i for i, text in enumerate(printed) if len(key) >= 25 and key in text]
            if len(on) != 1:
                continue  # too short to place, or printed on several pages
            cited = printed_page(record, sentence.start)
            assert cited == str(doc.pages[on[0]].label), (sentence.text, cited)
            checked += 1
            crossing += chunk.page != cited  # the hard case: its chunk starts on an earlier page
    assert checked >= 40
    assert crossing >= 1, "no sentence of a chunk crossing a page break was checked"
