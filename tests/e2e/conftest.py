"""Shared browser fixtures: Debian's Chromium driven by Playwright, headless.

``browser`` is started for each test, after the test database and the live
server: once Playwright's event loop runs, Django hands this thread a fresh
connection object, so the database must be set up before it starts.
``page`` is a fresh context (no cookies, desktop size). Tests that need another viewport
call ``browser.new_context(viewport=...)`` themselves and close it.
"""

import os

import pytest

from tests.e2e.chromium import CHROMIUM, launch

# Playwright's sync API runs an event loop; Django refuses ORM calls from
# inside one unless told that this thread is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser(transactional_db, live_server):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()
