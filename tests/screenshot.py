"""Screenshot of a served app answering one question with its first source open in the panel (README's docs/app.png):
python -m tests.screenshot URL OUT QUESTION."""

import sys

from tests.browser import ARGS, CHROMIUM


def main(url: str, out: str, question: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 1000})
        page.goto(url)
        box = page.locator("#ma-question textarea")
        box.fill(question)
        box.press("Enter")
        page.wait_for_selector("#ma-chat .ma-chip", timeout=60000)
        page.locator("#ma-chat .ma-chip").first.click()
        page.wait_for_selector("#ma-panel .ma-page-image img, #ma-panel .ma-page-note", timeout=60000)
        page.wait_for_timeout(1000)  # the page image decodes and scrolls to its highlight
        page.screenshot(path=out)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
