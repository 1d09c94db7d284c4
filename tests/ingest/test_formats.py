"""PDF, DOCX and HTML readers on files written by real writers."""

from ingest.html import html_to_text
from ingest.load import load_document
from tests.render import render_docx, render_pdf

PAGE = """<!doctype html><html><head><title>Minutes</title><script>track()</script><style>p{}</style></head>
<body><nav class="site-nav"><a href="/">Home</a><a href="/meetings">Meetings</a></nav>
<div id="cookie-banner">We use cookies. <button>Accept</button></div>
<main><h1>Scrutiny Committee</h1><p>Date: 12 September 2024</p>
<h2>5. Crime and Disorder</h2><ul><li>Inspector Richardson <b>highlighted</b> the new patrols.</li>
<li>Members queried the cost of drones.</li></ul>
<table><tr><th>Risk</th><th>Likelihood</th></tr><tr><td>Failure to engage</td><td>Low</td></tr></table></main>
<footer>© Council 2024 · Accessibility</footer></body></html>"""


def test_html_keeps_main_content_headings_lists_and_tables():
    text = html_to_text(PAGE)
    assert "Home" not in text and "cookies" not in text and "track()" not in text and "Accessibility" not in text
    assert "# Scrutiny Committee" in text and "## 5. Crime and Disorder" in text
    assert "- Inspector Richardson highlighted the new patrols." in text
    assert "Risk\tLikelihood" in text and "Failure to engage\tLow" in text


def test_html_file_and_its_metadata(tmp_path):
    path = tmp_path / "minutes page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = load_document(path)
    assert doc.doc_id == "minutes-page" and doc.meta.meeting_date.isoformat() == "2024-09-12"


def test_docx_paragraphs_headings_lists_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Community Safety Partnership", level=1)
    document.add_paragraph("Date: 13 November 2024")
    document.add_paragraph("Inspector Oswin outlined the Beat 62 response.", style="List Number")
    document.add_paragraph("Shoplifting had increased in the town centre.", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Risk", "Impact"
    table.cell(1, 0).text, table.cell(1, 1).text = "Data gaps", "Critical"
    path = tmp_path / "csp.docx"
    document.save(str(path))
    doc = load_document(path)
    assert "# Community Safety Partnership" in doc.text
    assert "- Inspector Oswin outlined the Beat 62 response." in doc.text
    assert "- Shoplifting had increased in the town centre." in doc.text
    assert "Risk\tImpact\nData gaps\tCritical" in doc.text
    assert doc.meta.meeting_date.isoformat() == "2024-11-13"


def test_pdf_drops_running_heads_and_keeps_table_rows(tmp_path):
    body = "\n".join(
        f"Paragraph {i}: the partnership reviewed anti-social behaviour cases in the town centre." for i in range(120)
    )
    table = "Risk No\tRisk Description\tLikelihood\n1\tFailure to fulfil statutory duties\tVery Low"
    path = render_pdf(body + "\n" + table, tmp_path / "long.pdf", "Oakham Town Council — Scrutiny")
    doc = load_document(path)
    assert len(doc.pages) >= 3
    assert "Oakham Town Council" not in doc.text and "Page 2" not in doc.text
    assert "Risk No\tRisk Description\tLikelihood\n1\tFailure to fulfil statutory duties\tVery Low" in doc.text
    assert all(doc.text.count(f"Paragraph {i}:") == 1 for i in range(120))


def test_pdf_joins_hyphenated_line_breaks(tmp_path):
    from tests.pdfs import write_pdf

    path = write_pdf(tmp_path / "hyphen.pdf", [["The officers made a firm commit-", "ment to report back in May."]])
    assert "a firm commitment to report back in May." in " ".join(load_document(path).text.split())


def test_docx_rendering_matches_text_structure(tmp_path):
    path = render_docx("5.1 Impact\n- 5.1.1 The team was restructured.\nRisk\tImpact\n1\tLow", tmp_path / "r.docx")
    text = load_document(path).text
    assert "5.1.1 The team was restructured." in text and "Risk\tImpact\n1\tLow" in text
