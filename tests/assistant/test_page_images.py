"""The original page of a cited PDF: rendered with pypdfium2 from the record's own file, the quote highlighted where
it is printed, cached until the file changes; a text paper or a vanished file says why there is no page."""

from io import BytesIO

import pytest
from PIL import Image

from assistant.pages import PageUnavailable, locate, page_image
from tests.pdfs import write_pdf

QUOTE = "Members noted that 42 households were waiting for an allotment plot in Testshire."
PAGES = [
    ["Allotments Panel minutes. Testshire District Council.", "Present: Councillor Ruth Amber (Chair)."],
    [
        "Item 3. Allotment waiting list",
        "The Panel agreed that the waiting list for allotment plots would be reviewed.",
        QUOTE,
        "The Parks Manager said the new site at Mill Lane would open next spring.",
    ],
]


def _highlighted_rows(png: bytes) -> list[int]:
    """Rows of the image holding the highlight's colour (yellow over white paper), top to bottom."""
    image = Image.open(BytesIO(png)).convert("RGB")
    width, height = image.size
    pixels = image.load()
    return [
        y
        for y in range(height)
        if sum(1 for x in range(0, width, 3) if pixels[x, y][0] > 240 and pixels[x, y][2] < 200) > 20
    ]


@pytest.fixture
def record(make_assistant, tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    write_pdf(folder / "allotments-panel-minutes.pdf", PAGES)
    assistant = make_assistant()
    assert not assistant.ingest([folder], progress=False).failed
    return assistant.document("allotments-panel-minutes")


def test_the_cited_line_is_highlighted_on_the_page_it_is_printed_on(record, tmp_path):
    cache = tmp_path / "pages"
    image = page_image(record, 2, [QUOTE], cache)
    assert image.number == 2 and image.found == 1
    picture = Image.open(BytesIO(image.png))
    assert picture.format == "PNG" and picture.height > picture.width > 800  # an A4 page at reading size
    rows = _highlighted_rows(image.png)
    # the quote is the third line drawn (tests/pdfs.py: from 800pt down, 16pt apart, on an 842pt page)
    line_top = (842 - 800 + 2 * 16 - 12) / 842
    assert rows and abs(rows[0] / picture.height - line_top) < 0.02 and rows[-1] - rows[0] < 0.04 * picture.height
    assert image.focus is not None and abs(image.focus - rows[0] / picture.height) < 0.01
    plain = page_image(record, 2, [], cache)
    assert plain.found == 0 and _highlighted_rows(plain.png) == [] and plain.focus is None
    assert page_image(record, 1, [QUOTE], cache).found == 0  # not printed on page 1: nothing highlighted there


def test_renders_are_cached_until_the_file_changes(record, tmp_path):
    cache = tmp_path / "pages"
    first = page_image(record, 2, [QUOTE], cache)
    cached = sorted(cache.glob("*.png"))
    assert len(cached) == 1 and cached[0].read_bytes() == first.png
    assert page_image(record, 2, [QUOTE], cache).png == first.png and sorted(cache.glob("*.png")) == cached
    pages = [PAGES[0], ["Item 3. Allotment waiting list", "", "", "", QUOTE]]  # re-issued: the quote moved down
    write_pdf(record["source_path"], pages)
    moved = page_image(record, 2, [QUOTE], cache)
    assert len(list(cache.glob("*.png"))) == 2 and moved.focus is not None and moved.focus > first.focus


def test_no_page_for_a_text_paper_a_vanished_file_or_a_page_it_does_not_have(record, tmp_path):
    with pytest.raises(PageUnavailable, match="not a PDF"):
        page_image({**record, "source_path": "minutes.txt"}, 1, [QUOTE], tmp_path)
    with pytest.raises(PageUnavailable, match="no page 3"):
        page_image(record, 3, [QUOTE], tmp_path)
    with pytest.raises(PageUnavailable, match="no longer where it was added from"):
        page_image({**record, "source_path": str(tmp_path / "gone.pdf")}, 1, [QUOTE], tmp_path)


def test_a_quote_is_found_across_line_breaks_hyphens_and_a_page_break():
    page = "The Panel agreed the recom-\r\nmendation  on\r\nparking.\r\nA quote that runs on to the next pa"
    start, end = locate(page, "The Panel agreed the recommendation on parking.")
    assert page[start:end] == "The Panel agreed the recom-\r\nmendation  on\r\nparking."
    start, end = locate(page, "A quote that runs on to the next page, where it ends.")
    assert page[start:end] == "A quote that runs on to the next pa"
    assert locate(page, "Nothing like this is on the page at all.") is None
