"""Bad input tried on purpose, in one batch with good files: each failure named, the good files searchable."""

import os

from tests.pdfs import write_pdf


def test_a_batch_of_bad_files(make_assistant, tmp_path):
    a = make_assistant()
    first = tmp_path / "first"
    first.mkdir()
    (first / "kept.txt").write_text("The Committee agreed to install 14 CCTV cameras in Oakham market place.\n")
    assert not a.ingest([first], progress=False).failed
    before = set(a.store.chunk_ids())

    batch = tmp_path / "batch"
    batch.mkdir()
    rnd = os.urandom(4096)
    (batch / "random.pdf").write_bytes(b"%PDF-1.7\n" + rnd)
    (batch / "random.docx").write_bytes(rnd)
    good_pdf = write_pdf(tmp_path / "good.pdf", [["Minutes page one about litter."], ["Page two about graffiti."]])
    (batch / "truncated.pdf").write_bytes(good_pdf.read_bytes()[:600])
    write_pdf(batch / "locked.pdf", [["secret"]], encrypt="s3cret")
    write_pdf(batch / "scan.pdf", [[]], text=False)
    (batch / "zero.txt").write_bytes(b"")
    with open(batch / "huge.txt", "wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 2**20)
    (batch / "legacy.txt").write_bytes("Fines rose to \xa3150 for fly tipping in Syston.\n".encode("cp1252"))
    (batch / "Réunion du comité 2024.txt").write_text("The Chair confirmed that 6 dog wardens patrol Loughborough.\n")
    same = "Members noted that 22 Community Protection Notices were served in Oakham.\n"
    (batch / "cpn.txt").write_text(same)
    (batch / "cpn copy.txt").write_text(same)

    report = a.ingest([batch], progress=False)
    failed = {r.path.split("/")[-1]: r.reason for r in report.failed}
    duplicates = set(failed) & {"cpn.txt", "cpn copy.txt"}
    assert set(failed) - duplicates == {
        "random.pdf",
        "random.docx",
        "truncated.pdf",
        "locked.pdf",
        "scan.pdf",
        "zero.txt",
        "huge.txt",
    }
    assert len(duplicates) == 1 and "same text as the document" in failed[duplicates.pop()]
    assert "PDF" in failed["random.pdf"] and "Word" in failed["random.docx"]
    assert "corrupt" in failed["truncated.pdf"] and "password" in failed["locked.pdf"]
    assert "OCR" in failed["scan.pdf"] and "empty" in failed["zero.txt"] and "200 MB" in failed["huge.txt"]

    assert before <= set(a.store.chunk_ids())
    docs = {d["doc_id"] for d in a.documents()}
    assert {"kept", "legacy", "Reunion-du-comite-2024"} <= docs and len(docs & {"cpn", "cpn-copy"}) == 1
    assert "£150" in a.ask("How much were fly tipping fines in Syston?").answer
    assert "6 dog wardens" in a.ask("How many dog wardens patrol Loughborough?").answer
    assert "14 CCTV cameras" in a.ask("How many CCTV cameras will Oakham market place get?").answer
