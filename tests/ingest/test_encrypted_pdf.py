"""AES-256 encrypted PDFs, encrypted at test time: owner-password-only files open, user-password files are "encrypted"."""

from pathlib import Path

from tests.pdfs import write_pdf

TEXT = "The Scrutiny Committee agreed that 9 noise monitors would be placed in Shepshed."


def _aes(tmp_path: Path, name: str, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(tmp_path / f"{name}-plain.pdf", [[TEXT]])
    writer = PdfWriter(clone_from=PdfReader(str(plain)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    path = tmp_path / "batch" / f"{name}.pdf"
    path.parent.mkdir(exist_ok=True)
    with path.open("wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path


def test_aes_owner_only_opens_and_user_password_says_encrypted(make_assistant, tmp_path):
    from pypdf import PdfReader

    owner_only = _aes(tmp_path, "owner-only", user_password="")
    locked = _aes(tmp_path, "needs-password", user_password="user-secret")
    assert PdfReader(str(owner_only)).is_encrypted and PdfReader(str(locked)).is_encrypted

    a = make_assistant()
    report = a.ingest([owner_only.parent], progress=False)
    failed = {Path(r.path).name: r.reason for r in report.failed}
    assert set(failed) == {"needs-password.pdf"}
    assert "encrypted (needs a password)" in failed["needs-password.pdf"]
    assert "corrupt" not in failed["needs-password.pdf"]
    assert [d["doc_id"] for d in a.documents()] == ["owner-only"]
    assert "9 noise monitors" in a.ask("How many noise monitors will be placed in Shepshed?").answer
