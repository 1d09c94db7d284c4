"""Debian's Chromium driven by Playwright, one home for the browser tests and the README screenshot."""

import pytest

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
