"""Browser journeys: Playwright drives Debian's Chromium against Django's live server."""

import io
import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.esco import files as esco_files

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS, "headless": True}


@pytest.fixture
def site(live_server, transactional_db, tmp_path):
    """The live site with the curated content and a small ESCO sample imported; returns its base URL."""
    call_command("load_content", stdout=io.StringIO())
    call_command("import_esco", str(esco_files.write(tmp_path / "esco", esco_files.sample())), "--no-progress",
                 stdout=io.StringIO())
    return live_server.url


def watch_for_violations(page) -> list[str]:
    """Collect Content-Security-Policy violations, script errors and Permissions-Policy features the browser
    does not know (it would ignore them) that the page reports."""
    problems: list[str] = []

    def on_console(message):
        if message.type == "error" and ("Content Security Policy" in message.text or "Refused" in message.text):
            problems.append(message.text)
        if "Permissions-Policy" in message.text:
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


@pytest.fixture
def page(page):
    """Every page a test opens fails the test on a Content-Security-Policy violation or a script error."""
    problems = watch_for_violations(page)
    yield page
    assert problems == [], problems


@pytest.fixture
def phone(browser, browser_context_args):
    """A page 390 px wide, as on a phone; it fails the test as `page` does."""
    context = browser.new_context(**browser_context_args, viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems = watch_for_violations(page)
    yield page
    context.close()
    assert problems == [], problems


WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}


@pytest.fixture
def axe_page(browser, browser_context_args):
    """axe adds inline styles while it inspects a page: it runs where the policy is bypassed.
    Policy violations of the site itself are caught by test_no_policy_violation_anywhere."""
    context = browser.new_context(**browser_context_args, bypass_csp=True)
    yield context.new_page()
    context.close()


def violations_on(page) -> list[str]:
    results = Axe().run(page, options=WCAG_21_AA)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"]]
