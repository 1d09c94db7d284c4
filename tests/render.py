"""Render corpus texts as real PDF (reportlab: running header and footer, tables) and DOCX (python-docx) files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.sax.saxutils import escape


def _blocks(text: str) -> list[tuple[str, object]]:
    """('table', rows) for runs of tab-separated lines, ('para', line) otherwise."""
    blocks: list[tuple[str, object]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if "\t" in line.strip("\t "):
            cells = [c.strip() for c in line.split("\t")]
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)
            else:
                blocks.append(("table", [cells]))
        else:
            blocks.append(("para", line.strip()))
    return blocks


def render_pdf(text: str, path: Path, running_head: str) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    styles = getSampleStyleSheet()

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(60, 815, running_head)
        canvas.drawString(60, 25, f"Page {doc.page}")
        canvas.restoreState()

    story = []
    for kind, value in _blocks(text):
        if kind == "table":
            width = max(len(r) for r in value)
            story.append(Table([r + [""] * (width - len(r)) for r in value]))
        else:
            story.append(Paragraph(escape(value), styles["Normal"]))
        story.append(Spacer(1, 6))
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=decorate, onLaterPages=decorate)
    return path


def render_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for kind, value in _blocks(text):
        if kind == "table":
            width = max(len(r) for r in value)
            table = document.add_table(rows=len(value), cols=width)
            for i, row in enumerate(value):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
        else:
            document.add_paragraph(value)
    document.save(str(path))
    return path


def render_corpus(corpus: Path, target: Path, kind: str) -> Path:
    """Every corpus text as a .pdf or .docx beside a copy of its metadata sidecar."""
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(corpus.glob("*.txt")):
        sidecar = source.with_name(source.stem + ".meta.json")
        shutil.copy(sidecar, target / sidecar.name)
        head = f"{json.loads(sidecar.read_text())['council']} — crime and disorder papers"
        out = target / f"{source.stem}.{kind}"
        if kind == "pdf":
            render_pdf(source.read_text(), out, head)
        else:
            render_docx(source.read_text(), out)
    return target


if __name__ == "__main__":  # python -m tests.render corpus/ OUT_DIR pdf|docx
    import sys

    print(render_corpus(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]))
