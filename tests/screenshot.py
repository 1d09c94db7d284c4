"""Screenshot of a served app answering one question (for README's docs/app.png): python -m tests.screenshot URL OUT Q."""

import sys

from tests.test_ui_browser import ARGS, CHROMIUM


def main(url: str, out: str, question: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 1040})
        page.goto(url)
        box = page.locator("#ma-question textarea")
        box.fill(question)
        box.press("Enter")
        page.wait_for_selector("#ma-chat .ma-card mark", timeout=30000)
        # let the conversation take its natural height, so the shot shows the question as well as the cards
        page.add_style_tag(
            content="#ma-chat, #ma-chat > div, #ma-chat .bubble-wrap {height: auto !important; "
            "max-height: none !important; overflow: visible !important}"
        )
        page.wait_for_timeout(500)
        page.screenshot(path=out, full_page=True)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
