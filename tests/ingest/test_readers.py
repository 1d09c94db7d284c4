"""The reader registry: a new format is one registration away, and the README names every readable suffix."""

from pathlib import Path

import pytest

from ingest import readers
from ingest.load import discover, load_document
from ingest.readers import Read, Reader, describe, reader_for, register, suffixes
from ingest.types import Page

README = Path(__file__).resolve().parents[2] / "README.md"


def _read_csv(path: Path) -> Read:
    text = path.read_text().replace(",", " ")
    return Read(text, [Page(1, "1", 0, len(text))], ["read by the test's csv reader"])


@pytest.fixture
def csv_reader():
    reader = register(Reader("csv", (".csv",), _read_csv, "table"))
    try:
        yield reader
    finally:
        readers.READERS.remove(reader)


def test_todays_formats_in_registry_order():
    assert suffixes() == (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
    assert describe() == "text (.txt, .md), PDF (.pdf), Word (.docx), web page (.html, .htm)"
    assert reader_for(Path("A.PDF")).name == "pdf" and reader_for("x.csv") is None and reader_for("noext") is None
    assert [r.name for r in readers.READERS if r.zip_package] == ["docx"]


def test_a_registered_reader_is_picked_up_without_touching_the_loader(tmp_path, csv_reader):
    path = tmp_path / "budget-lines.csv"
    path.write_text("Highways,4.2m\nLibraries,1.1m\n")
    files, errors = discover([tmp_path])
    assert files == [path] and errors == []
    doc = load_document(path)
    assert doc.doc_id == "budget-lines" and "Highways 4.2m" in doc.text
    assert doc.warnings == ["read by the test's csv reader"]
    assert ".csv" in suffixes() and describe().endswith("table (.csv)")


def test_unregistered_suffix_is_still_refused(tmp_path):
    path = tmp_path / "budget-lines.csv"
    path.write_text("Highways,4.2m\n")
    files, errors = discover([path])
    assert files == [] and [e.reason for e in errors] == ["unsupported file type '.csv'"]


def test_a_claimed_suffix_cannot_be_taken_twice():
    with pytest.raises(ValueError, match=r"\.md"):
        register(Reader("markdown", (".md",), _read_csv, "Markdown"))


def test_readme_names_every_readable_suffix():
    readme = README.read_text(encoding="utf-8")
    missing = [s for s in suffixes() if f"`{s}`" not in readme]
    assert not missing, f"README does not name {missing}"
