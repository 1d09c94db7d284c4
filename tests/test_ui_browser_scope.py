"""Issue 17 in a real browser (Debian's Chromium through Playwright): the filter note for undated papers, the police
commitments agreeing between the chat and the Commitments tab, the Evaluate tab explaining its metrics."""

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest

from evals.metrics import METRIC_MEANINGS
from evals.report import METRIC_NAMES
from tests.assistant.test_answers import QUESTIONS

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(browser, ui_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(ui_server["url"])
    page.wait_for_selector("#ma-question textarea")
    yield page
    context.close()


def ask(page, question: str) -> None:
    """Ask in the chat and wait for the assistant's turn."""
    before = page.locator('#ma-chat [data-testid="bot"]').count()
    box = page.locator("#ma-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll('#ma-chat [data-testid=\"bot\"]').length > {before} && "
        "!document.querySelector('#ma-chat .pending')",
        timeout=30000,
    )


def passages(links) -> set[tuple[str, str, str]]:
    """(doc, start, end) of each "open the passage" link."""
    found = set()
    for href in links:
        query = parse_qs(urlparse(href).query)
        found.add((query["doc"][0], query["start"][0], query["end"][0]))
    return found


def test_a_date_range_says_how_many_undated_papers_it_leaves_out(page, ui_server):
    undated = sum(1 for d in ui_server["assistant"].documents() if not d["meta"].get("meeting_date"))
    assert undated >= 2
    page.get_by_text("Filters", exact=True).click()  # the filters wait in a drawer under the question box
    page.get_by_label("Meetings from").fill("2023-01-01")
    ask(page, "What was said about CCTV?")
    note = page.locator('#ma-chat [data-testid="bot"]').last.locator(".ma-scope")
    assert "Filters: meetings from 2023-01-01." in note.inner_text()  # in the chat, under the answer …
    assert f"{undated} papers state no meeting date and are left out" in note.inner_text()
    page.get_by_text("Copy or export").click()  # … and in the export
    exported = page.locator("#ma-last-md textarea")
    exported.wait_for(timeout=10000)
    text = exported.input_value()
    assert "Filters: meetings from 2023-01-01." in text
    assert f"{undated} papers state no meeting date and are left out; clear the dates to include them." in text


def test_the_police_commitments_agree_between_the_chat_and_the_tab(page):
    ask(page, "What did the police promise?")
    last = page.locator('#ma-chat [data-testid="bot"]').last
    last.locator(".ma-card").first.wait_for(state="attached", timeout=15000)  # cards fold under the chips
    chat = passages(a.get_attribute("href") for a in last.locator("a.ma-open").all())

    page.get_by_role("tab", name="Commitments", exact=True).click()
    owner = page.locator("#c-owner input")
    owner.click()
    owner.fill("Police")
    page.get_by_role("option", name=re.compile(r"^Police \(\d+\)$")).click()
    page.locator("#c-find").click()
    page.wait_for_function(
        "document.querySelector('#c-count') && document.querySelector('#c-count').innerText.includes('by Police')",
        timeout=15000,
    )
    tab = passages(a.get_attribute("href") for a in page.locator("#c-table a.ma-open").all())
    count = int(re.search(r"(\d+) commitments? by Police", page.locator("#c-count").inner_text())[1])
    assert len(chat) >= 4 and chat == tab and count == len(tab)
    groups = page.locator("#c-table").inner_text()
    assert "Inspector" in groups and "Police" in groups  # the officers are listed under the group


def test_the_evaluate_tab_names_and_explains_each_metric(page, tmp_path):
    qset = tmp_path / "three.jsonl"
    qset.write_text("".join(json.dumps(QUESTIONS[q]) + "\n" for q in ("f01", "w02", "u05")), encoding="utf-8")
    page.get_by_role("tab", name="Evaluate", exact=True).click()
    page.locator("#e-qset input[type=file]").set_input_files(str(qset))
    page.locator("#e-baseline input").check()
    page.locator("#e-run").click()
    page.wait_for_function(
        "document.querySelector('#e-metrics') && "
        f"document.querySelector('#e-metrics').innerText.includes({json.dumps(METRIC_MEANINGS['answer_correct'])})",
        timeout=180000,
    )
    metrics = page.locator("#e-metrics").inner_text()
    for key in ("hit@1", "answer_correct", "citation_precision", "refused_unanswerable", "latency_p50_ms"):
        assert METRIC_NAMES[key] in metrics and METRIC_MEANINGS[key] in metrics, key
    assert "not run" not in metrics  # the baseline ran: its column holds figures
    questions = page.locator("#e-questions").inner_text()
    assert all(q in questions for q in ("f01", "w02", "u05")) and "baseline" in questions
    for plot in ("#e-plot-0 img", "#e-plot-1 img"):
        box = page.locator(plot).bounding_box()
        assert box and box["width"] >= 800, (plot, box)  # full size, not a thumbnail
    page.screenshot(path=str(tmp_path / "evaluate.png"), full_page=True)


def test_the_documents_table_shows_every_column_at_1280_px(browser, ui_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(ui_server["url"])
        page.wait_for_selector("#ma-question textarea")
        page.get_by_role("tab", name="Documents", exact=True).click()
        page.wait_for_selector("table th")
        edges = page.evaluate(
            "() => [...document.querySelectorAll('table th')].filter(h => h.offsetParent)"
            ".map(h => [h.innerText.trim(), h.getBoundingClientRect().right])"
        )
        names = [name for name, _ in edges]
        assert {"title", "date", "type", "doc_id"} <= set(names), names
        assert all(right <= 1280 for _, right in edges), edges  # no column runs off the page
    finally:
        context.close()
