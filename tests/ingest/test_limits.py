"""Decompression bombs and oversized text: refused from the zip's entry list, before parsing, and nothing stored."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ingest.limits import Limits
from ingest.load import load_document
from ingest.types import IngestError

MINUTES = Path(sys.executable).parent / "minutes"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
PARAGRAPH = b"<w:p><w:r><w:t>The Committee noted the report on litter in Oakham market place.</w:t></w:r></w:p>"


def write_docx(path: Path, paragraphs: int, method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A valid Word package whose body repeats one paragraph; streamed into the zip, so memory stays small."""
    with zipfile.ZipFile(
        path, "w", compression=method, compresslevel=9 if method == zipfile.ZIP_DEFLATED else None
    ) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'.encode()
            )
            block = PARAGRAPH * 1000
            for _ in range(paragraphs // 1000):
                part.write(block)
            part.write(PARAGRAPH * (paragraphs % 1000))
            part.write(b"</w:body></w:document>")
    return path


def test_the_generated_package_is_a_valid_docx(tmp_path):
    doc = load_document(write_docx(tmp_path / "small.docx", 3))
    assert doc.text.count("litter in Oakham") == 3


def test_docx_bomb_is_refused_by_the_cli_and_nothing_is_stored(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    bomb = write_docx(folder / "bomb.docx", 400_000)  # ~35 MB of XML in a ~0.1 MB file
    assert bomb.stat().st_size < 2**20 and zipfile.ZipFile(bomb).getinfo("word/document.xml").file_size > 30 * 2**20
    (folder / "kept.txt").write_text("The Committee agreed to install 14 CCTV cameras in Oakham market place.\n")
    data = tmp_path / "data"
    env = {**os.environ, "MINUTES_DATA_DIR": str(data)}
    done = subprocess.run(
        [str(MINUTES), "ingest", str(folder), "--quiet"], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 1, done.stderr
    refusal = [line for line in done.stderr.splitlines() if line.startswith("FAILED")]
    assert len(refusal) == 1 and "bomb.docx" in refusal[0] and "compression ratio" in refusal[0], done.stderr
    assert "1 ingested" in done.stdout and "1 failed" in done.stdout

    status = subprocess.run([str(MINUTES), "status", "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert [d["doc_id"] for d in json.loads(status.stdout)] == ["kept"]
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(path=str(data / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    for name in ("minutes", "minutes-sentences", "minutes-commitments"):
        assert not client.get_collection(name).get(where={"doc_id": "bomb"}, include=[])["ids"]


def test_uncompressed_size_cap_counts_stored_entries_too(tmp_path):
    path = write_docx(tmp_path / "stored.docx", 30_000, method=zipfile.ZIP_STORED)  # ~2.6 MB, ratio 1:1
    with pytest.raises(IngestError) as err:
        load_document(path, limits=Limits(max_unzipped_mb=1))
    assert "unpacks to 3 MB" in err.value.reason and "1 MB cap" in err.value.reason
    assert "litter" in load_document(path, limits=Limits(max_unzipped_mb=10)).text


def test_text_length_cap_per_document(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The Committee noted the report. " * 100)
    with pytest.raises(IngestError) as err:
        load_document(path, limits=Limits(max_text_chars=1000))
    assert "3,200 characters long" in err.value.reason and "1,000-character cap" in err.value.reason
    assert load_document(path, limits=Limits(max_text_chars=4000)).text.startswith("The Committee")
