"""A chunk's section path is data (its headings list); the display string is derived from it, never parsed back."""

from pathlib import Path

from ingest.chunk import chunk_document
from ingest.commitments import extract
from ingest.metadata import build_meta
from ingest.types import Document, Page

TEXT = """Scrutiny Committee

5 Main Considerations

5.1 Impact › Team Restructure

5.1.9 The Council will recruit two more wardens in March 2025 to patrol the town centre at night.

RESOLVED:

- the rota of wardens be reviewed by the panel in the spring.
- the CCTV review be published before the next meeting of the panel.
"""


def _doc() -> Document:
    return Document(
        doc_id="panel",
        source_path="panel.txt",
        text=TEXT,
        meta=build_meta(Path("panel.txt"), TEXT),
        pages=[Page(1, "1", 0, len(TEXT))],
    )


def test_section_is_the_headings_joined_and_a_heading_may_hold_the_separator():
    chunks = chunk_document(_doc())
    warden = next(c for c in chunks if "two more wardens" in c.text)
    assert warden.headings[-2:] == ["5.1 Impact › Team Restructure", "5.1.9"]
    assert warden.section == " › ".join(warden.headings)


def test_a_resolved_leadin_in_the_section_path_makes_a_resolution():
    doc = _doc()
    chunks = chunk_document(doc, chunk_size=60)  # each bullet a chunk: the second is not next to its lead-in
    cctv = next(c for c in chunks if "CCTV" in c.text)
    found = [k for k in extract(doc, chunks) if "CCTV" in k.text]
    assert cctv.headings[-1] == "RESOLVED" and "RESOLVED" not in cctv.text
    assert [k.kind for k in found] == ["resolution"]
