"""Real PDFs for tests, written with reportlab."""

from __future__ import annotations

from pathlib import Path


def write_pdf(path: Path, pages: list[list[str]], encrypt: str | None = None, text: bool = True) -> Path:
    """One list of lines per page; encrypt=password protects it; text=False draws shapes only (a 'scan')."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for lines in pages:
        if text:
            y = 800
            for line in lines:
                c.drawString(60, y, line)
                y -= 16
        else:
            c.rect(60, 400, 300, 200, fill=1)
        c.showPage()
    c.save()
    return path
