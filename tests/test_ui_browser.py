"""The app in a real browser: Debian's Chromium driven by Playwright, against the live server of tests/test_ui.py."""

import json

import pytest

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"  # installed by `make browser` (apt); Playwright's own download is not used
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-gpu",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 — dev-only browser driver, for e2e runs

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


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


def test_ask_see_card_open_passage_and_give_feedback(page, ui_server, tmp_path):
    question = "What did Inspector Danvers say about extra officers?"
    expected = ui_server["assistant"].ask(question).citations[0]
    ask(page, question, 1)
    card = page.locator("#ma-chat .ma-card").first
    assert "Melton Borough Council" in card.locator(".ma-where").inner_text()
    assert card.locator("mark").inner_text() == expected.quote  # the cited sentence, highlighted in its context
    assert len(card.locator(".ma-passage").inner_text()) > len(expected.quote) + 100
    page.screenshot(path=str(tmp_path / "answer.png"))

    with page.context.expect_page() as opened:
        card.locator("a.ma-open").click()
    reader = opened.value
    reader.wait_for_selector("#ma-reader #ma-cited", timeout=30000)
    assert reader.locator("#ma-cited").inner_text() == expected.quote
    assert expected.title in reader.locator("#ma-reader h3").inner_text()
    reader.screenshot(path=str(tmp_path / "reader.png"))

    feedback = ui_server["data_dir"] / "feedback.jsonl"
    before = feedback.read_text().count("\n") if feedback.exists() else 0
    page.locator("#ma-chat button[aria-label='Like']").first.click()
    page.wait_for_function("true", timeout=1000)
    for _ in range(50):
        if feedback.exists() and feedback.read_text().count("\n") > before:
            break
        page.wait_for_timeout(100)
    entry = json.loads(feedback.read_text().splitlines()[-1])
    assert entry["liked"] is True and entry["question"] == question
    assert entry["citations"][0]["quote"] == expected.quote


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
