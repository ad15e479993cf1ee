"""Browser journeys: Playwright drives Debian's Chromium against Django's live server."""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.pages import watch_for_violations
from tests.esco import files as esco_files

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS, "headless": True}


BROWSER_TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """Everything in this folder drives a browser: `make test-fast` leaves it out (`-m "not browser"`)."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def site(live_server, transactional_db, content, tmp_path):
    """The live site with the curated content and a small ESCO sample imported; returns its base URL."""
    call_command(
        "import_esco", str(esco_files.write(tmp_path / "esco", esco_files.sample())), "--no-progress", stdout=io.StringIO()
    )
    return live_server.url


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


@pytest.fixture
def axe_page(browser, browser_context_args):
    """axe adds inline styles while it inspects a page: it runs where the policy is bypassed.
    Policy violations of the site itself are caught by test_no_policy_violation_anywhere."""
    context = browser.new_context(**browser_context_args, bypass_csp=True)
    yield context.new_page()
    context.close()
