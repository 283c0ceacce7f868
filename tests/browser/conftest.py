"""Playwright driving Debian's Chromium (never Playwright's own download).

Outside CI a missing /usr/bin/chromium skips these tests with the reason; in CI (`CI=true`)
it fails them, so the suite can never go green by not running them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by
# fixtures in that same thread would otherwise be refused as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; browser tests must run in CI.")
        pytest.skip(f"{reason}; browser tests run in CI.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator:
    # Without smooth scrolling a click never lands on a mention still gliding under a link.
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


@pytest.fixture
def console_errors(page) -> list[str]:
    """Errors the page reports: script errors and Content-Security-Policy violations."""
    errors: list[str] = []

    def record(message) -> None:
        url = message.location.get("url", "")
        # Browsers ask for /favicon.ico on their own; its absence is no page error.
        if message.type == "error" and not url.endswith("/favicon.ico"):
            errors.append(f"{message.text} ({url})")

    page.on("console", record)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture(scope="session", autouse=True)
def pipeline_loaded() -> None:
    """Like every server process (articles.warmup), the live server has the annotation
    pipeline loaded before the first request: no test waits for the model in a request."""
    from articles import warmup

    warmup.start_in_background()
    assert warmup.wait(600), "the annotation pipeline did not load"
