"""The app in a real browser: Debian's Chromium driven by Playwright, against the live server of tests/test_ui.py."""

import json

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(browser, ui_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(ui_server["url"])
    page.wait_for_selector("#ma-question textarea")
    yield page
    context.close()


def ask(page, question: str, turn: int):
    box = page.locator("#ma-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll('#ma-chat .message-row, #ma-chat .message').length >= 1 && "
        f"document.querySelectorAll('#ma-chat .ma-card').length > 0 && "
        f"document.querySelectorAll('#ma-chat [data-testid=\"bot\"]').length >= {turn}",
        timeout=30000,
    )


def test_ask_open_a_source_beside_the_chat_and_give_feedback(page, ui_server, tmp_path):
    question = "What did Inspector Danvers say about extra officers?"
    expected = ui_server["assistant"].ask(question).citations[0]
    ask(page, question, 1)
    page.evaluate("window.maNotReloaded = true")
    page.locator("#ma-chat .ma-chip").first.click()
    page.wait_for_selector("#ma-panel .ma-panel-doc", timeout=20000)
    panel = page.locator("#ma-panel")
    assert expected.title in panel.locator("h3").inner_text()
    assert "Melton Borough Council" in panel.locator(".ma-doc-meta").inner_text()
    marked = [m.inner_text() for m in panel.locator("mark").all()]
    assert " ".join(expected.quote.split()) in marked  # the cited sentence highlighted …
    assert len(panel.locator(".ma-passage").inner_text()) > len(expected.quote) + 100  # … in its context
    assert "The original page is not available: the original is not a PDF" in panel.inner_text()  # a .txt paper
    assert page.evaluate("window.maNotReloaded") is True and len(page.context.pages) == 1  # no reload, no new tab
    page.screenshot(path=str(tmp_path / "panel.png"))

    with page.context.expect_page() as opened:
        panel.locator("a.ma-open").click()  # the whole document is still a link away
    reader = opened.value
    reader.wait_for_selector("#ma-reader #ma-cited", timeout=30000)
    assert reader.locator("#ma-cited").inner_text() == expected.quote
    assert expected.title in reader.locator("#ma-reader h3").inner_text()

    feedback = ui_server["data_dir"] / "feedback.jsonl"
    before = feedback.read_text().count("\n") if feedback.exists() else 0
    page.locator("#ma-chat button[aria-label='Like']").first.click()
    for _ in range(50):
        if feedback.exists() and feedback.read_text().count("\n") > before:
            break
        page.wait_for_timeout(100)
    entry = json.loads(feedback.read_text().splitlines()[-1])
    assert entry["liked"] is True and entry["question"] == question
    assert entry["citations"][0]["quote"] == expected.quote


def test_a_pdf_source_shows_its_page_with_the_cited_line_highlighted(page, ui_server, tmp_path):
    from tests.pdfs import write_pdf

    assistant = ui_server["assistant"]
    pdf = write_pdf(
        tmp_path / "bridleways-panel-minutes.pdf",
        [
            ["Bridleways Panel minutes. Testshire District Council.", "Present: the Rights of Way Officer."],
            [
                "Item 2. Gates",
                "The Panel noted that 17 gates on the bridleway network were broken after the storm.",
                "The Rights of Way Officer would replace them by the end of March.",
            ],
        ],
    )
    assert not assistant.ingest([pdf], progress=False).failed
    try:
        question = "How many gates on the bridleway network were broken?"
        expected = assistant.ask(question).citations[0]
        assert expected.doc_id == "bridleways-panel-minutes"
        ask(page, question, 1)
        page.locator("#ma-chat .ma-chip").first.click()
        page.wait_for_selector("#ma-panel .ma-page-image img", timeout=30000)
        panel = page.locator("#ma-panel")
        assert "page 2" in panel.locator(".ma-doc-meta").inner_text()
        assert " ".join(expected.quote.split()) in [m.inner_text() for m in panel.locator("mark").all()]
        image = panel.locator(".ma-page-image img")
        assert image.get_attribute("src").startswith("data:image/png;base64,")
        assert image.evaluate("i => i.naturalWidth") > 800  # decoded: a real page picture, not a broken image
        assert "Page 2 of the original PDF, the cited lines highlighted." in panel.inner_text()
        page.screenshot(path=str(tmp_path / "page-image.png"))
    finally:
        assistant.remove("bridleways-panel-minutes")


def test_a_marker_in_the_answer_shows_its_quote_and_opens_its_source(page, ui_server):
    question = "What has been said about CCTV?"
    citations = ui_server["assistant"].ask(question).citations
    assert len(citations) >= 2
    ask(page, question, 1)
    last = page.locator("#ma-chat [data-testid='bot']").last
    second = citations[1]
    marker = last.locator("a.ma-ref", has_text=f"[{second.n}]").first
    assert marker.get_attribute("title") == " ".join(second.quote.split())  # the quote on hover
    marker.click()
    page.wait_for_selector("#ma-panel mark.ma-focus", timeout=20000)
    assert " ".join(second.quote.split()) in page.locator("#ma-panel mark.ma-focus").inner_text()
    chosen = page.locator("#ma-chat .ma-chip.ma-on")
    assert chosen.count() == 1 and f"[{second.n}]" in chosen.inner_text()


def test_neighbouring_sentences_share_one_card(page, ui_server):
    question = "What has been said about CCTV?"
    citations = ui_server["assistant"].ask(question).citations
    near = [
        (a.n, b.n)
        for a in citations
        for b in citations
        if a.n < b.n and a.doc_id == b.doc_id and abs(a.start - b.start) < 260
    ]
    assert near, "the question must cite neighbouring sentences of one paper for this test to mean anything"
    ask(page, question, 1)
    last = page.locator("#ma-chat [data-testid='bot']").last
    chips = [c.inner_text() for c in last.locator(".ma-chip").all()]
    for a, b in near:
        assert [c for c in chips if f"[{a}]" in c] == [c for c in chips if f"[{b}]" in c]  # one chip for both
    last.locator(".ma-passages summary").click()
    cards = last.locator(".ma-card")
    assert cards.count() == len(chips) < len(citations)
    quotes = {" ".join(c.quote.split()) for c in citations}
    marked = " ".join(m.inner_text() for m in cards.locator("mark").all())
    assert all(q in marked for q in quotes)  # every cited sentence highlighted in its passage's card


def _answer_top_in_view(page) -> bool:
    return page.evaluate(
        """() => {
        const bots = document.querySelectorAll('#ma-chat [data-testid="bot"]');
        const last = bots[bots.length - 1];
        let box = last.parentElement;
        while (box && !(/(auto|scroll)/.test(getComputedStyle(box).overflowY) && box.scrollHeight > box.clientHeight))
            box = box.parentElement;
        const r = last.getBoundingClientRect();
        const c = box ? box.getBoundingClientRect() : {top: 0, bottom: innerHeight};
        return r.top >= c.top - 1 && r.top < c.bottom - 40 && r.top >= 0 && r.top < innerHeight - 40;
    }"""
    )


def test_the_newest_answer_is_in_view_from_its_top(page):
    ask(page, "What was noted about parking enforcement?", 1)
    ask(page, "What has been said about CCTV?", 2)  # a long answer: the chat used to show its bottom
    page.wait_for_timeout(1000)
    assert _answer_top_in_view(page)


def test_on_a_phone_the_question_box_and_the_answer_are_in_view(browser, ui_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    try:
        phone.goto(ui_server["url"])
        phone.wait_for_selector("#ma-question textarea")
        assert not phone.locator("#f-council").is_visible()  # the filters wait in a drawer
        ask(phone, "What has been said about CCTV?", 1)
        phone.wait_for_timeout(1000)
        assert _answer_top_in_view(phone)
        box = phone.locator("#ma-question textarea").bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= 844
        phone.get_by_text("Filters", exact=True).click()
        phone.locator("#f-council").wait_for(state="visible", timeout=5000)
    finally:
        context.close()


def test_the_first_screen_says_what_the_archive_holds(page, ui_server):
    papers = len(ui_server["assistant"].documents())
    intro = page.locator("#ma-chat").inner_text()
    assert f"This archive holds {papers} papers" in intro and "councils (" in intro and "meetings from" in intro
    examples = page.locator("#ma-side").inner_text()
    assert "A councillor might ask" in examples
    questions = [b.inner_text() for b in page.locator("#ma-side button.gallery-item").all()]
    assert questions and all(q.strip().endswith("?") for q in questions), questions
    new = page.locator("#ma-new")
    assert new.is_visible() and new.inner_text() == "New conversation"
    ask(page, "What was noted about parking enforcement?", 1)
    new.click()
    page.wait_for_function("document.querySelectorAll('#ma-chat [data-testid=\"bot\"]').length === 0")
    assert f"This archive holds {papers} papers" in page.locator("#ma-chat").inner_text()


def test_an_apostrophe_shows_as_itself_on_cards_in_the_panel_and_the_timeline(page, ui_server):
    question = "Where were the public surgeries held during ASB week?"
    quote = " ".join(ui_server["assistant"].ask(question).citations[0].quote.split())
    word = next(w for w in quote.split() if "'" in w)  # a real demo paper's apostrophe ("Sainsbury's")
    ask(page, question, 1)
    last = page.locator("#ma-chat [data-testid='bot']").last
    last.locator(".ma-passages summary").click()
    shown = last.inner_text()
    assert word in shown and last.locator(".ma-card mark").first.inner_text() == quote
    last.locator(".ma-chip").first.click()
    page.wait_for_selector("#ma-panel .ma-panel-doc", timeout=20000)
    assert word in page.locator("#ma-panel").inner_text()
    page.get_by_role("tab", name="Timeline", exact=True).click()
    topic = page.locator("#t-topic textarea, #t-topic input").first
    topic.fill("public surgeries")
    topic.press("Enter")
    page.wait_for_selector("#t-list li", timeout=20000)
    listing = page.locator("#t-list").inner_text()
    assert word in listing
    for text in (shown, page.locator("#ma-panel").inner_text(), listing):
        assert "&#" not in text and "&amp;" not in text


def test_follow_up_shows_what_was_searched(page):
    ask(page, "What did Inspector Danvers say about extra officers?", 1)
    ask(page, "who said that?", 2)
    last = page.locator("#ma-chat [data-testid='bot']").last
    assert "Searched for: Who said" in last.inner_text()
    assert "Inspector Danvers" in last.inner_text()

    page.get_by_text("Copy or export").click()
    last_md = page.locator("#ma-last-md textarea").input_value()
    assert last_md.startswith("**Q:** who said that?") and "Sources:" in last_md and "- [1] " in last_md
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the conversation (.md)").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert "## 1. What did Inspector Danvers say about extra officers?" in text and "## 2. who said that?" in text


def test_document_markup_is_shown_as_text(page):
    ask(page, "What was noted about parking enforcement?", 1)
    page.locator("#ma-chat .ma-passages summary").first.click()
    card = page.locator("#ma-chat .ma-card").first
    text = card.inner_text()
    assert "<script>alert(1)</script>" in text and "[the tariff](javascript:alert(2))" in text
    assert page.locator("#ma-chat img[src='x']").count() == 0
    assert page.locator("#ma-chat a[href^='javascript']").count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []


def test_documents_tab_lists_and_opens_the_archive(page):
    page.get_by_role("tab", name="Documents", exact=True).click()
    row = page.get_by_text("Update on the Crime and Disorder Scrutiny Panel 2023-24", exact=True).first
    row.wait_for(timeout=10000)
    row.click()
    page.wait_for_selector(
        "#ma-reader .ma-doc[data-doc='redditch-crime-disorder-scrutiny-panel-update-minutes']", timeout=15000
    )
    assert "Redditch Borough Council" in page.locator("#ma-reader .ma-doc-meta").inner_text()


def test_commitments_tab_and_show_this_over_time(page):
    page.get_by_role("tab", name="Commitments", exact=True).click()
    page.locator("#c-about textarea, #c-about input").first.fill("youth")
    page.locator("#c-find").click()
    page.wait_for_function(
        "document.querySelector('#c-table') && "
        "document.querySelector('#c-table').innerText.includes('Inspector Danvers')",
        timeout=15000,
    )
    link = page.locator("#c-table a.ma-open").first
    assert "start=4627" in link.get_attribute("href")

    page.get_by_role("tab", name="Ask", exact=True).click()
    ask(page, "What has been said about CCTV?", 1)
    page.locator("#ma-over-time").click()
    page.wait_for_selector("#t-list .ma-meeting", timeout=20000)
    assert page.locator("#t-topic textarea, #t-topic input").first.input_value() == "CCTV"
    assert page.locator("#t-list li").count() >= 5
