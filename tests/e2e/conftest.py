"""Real-browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server.

Every page a journey looks at goes through `Browser.look`: a screenshot under tests/artifacts/, no console
error (a CSP violation is one), and no run of English words in the visible text of a Chinese page.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .checks import english_runs

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--lang=zh-CN"]
PASSWORD = "correct-horse-battery"  # tests/factories.UserFactory's default


class Browser:
    """One Playwright page with the checks every journey makes on every page it looks at."""

    def __init__(self, page, base_url: str, folder: Path):
        self.page, self.base_url, self.folder = page, base_url, folder
        self.errors: list[str] = []
        self.shots = 0
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        # A refused form answers 400 on purpose (the page shows the errors); that is not a fault of the page.
        if "status of 400" in text:
            return
        self.errors.append(f"{self.page.url}: {text}")

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str):
        return self.page.goto(self.url(path))

    def login(self, username: str, password: str = PASSWORD) -> None:
        """Through the real login form (django-axes sees the request)."""
        page = self.page
        page.context.clear_cookies()
        page.goto(self.url("/accounts/login/"))
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.locator("form button[type=submit], form input[type=submit]").first.click()
        assert "/accounts/login/" not in page.url, f"login of {username} failed"

    def look(self, name: str, *, chinese: bool = True, full_page: bool = True) -> str:
        """Screenshot the page, then check it: no console error or CSP violation, no English left."""
        page = self.page
        page.wait_for_load_state("load")
        self.shots += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(self.folder / f"{self.shots:02d}-{name}.png"), full_page=full_page)
        assert self.errors == [], f"console errors on {name}: {self.errors}"
        text = page.locator("body").inner_text()
        if chinese:
            runs = english_runs(text)
            assert runs == [], f"English left on {name} ({page.url}): {runs}"
        return text

    def no_horizontal_scroll(self) -> None:
        overflow = self.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{overflow}px of horizontal scroll on {self.page.url}"


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs it (apt-get install chromium)")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from such a thread
    # unless told it is safe (it is: the loop only waits for the browser). Only while the browser runs.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def browser(chromium, live_server, request):
    """A fresh browser context per test (no cookies left over), on the live server (which serves static files)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                   timezone_id="Asia/Shanghai", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    folder = ARTIFACTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    browser = Browser(page, live_server.url, folder)
    yield browser
    context.close()
    assert browser.errors == [], f"console errors after the last screenshot: {browser.errors}"
