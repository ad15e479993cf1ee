"""The links a person keeps or gives (a result's private link, a plan's share link): selectable text on the page,
and a button that copies them once the site's script runs."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import a_result, violations_on, watch_for_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def clipboard_page(browser, browser_context_args):
    """A page allowed to read what it copied; it fails the test on a policy violation or a script error."""
    context = browser.new_context(**browser_context_args, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    problems = watch_for_violations(page)
    yield page
    context.close()
    assert problems == [], problems


@pytest.fixture
def page_without_script(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_the_private_link_is_copied_by_its_button(clipboard_page, site):
    path = a_result()
    page = clipboard_page
    page.goto(f"{site}{path}")
    link = page.get_by_label("Adresse privée de ce résultat")
    assert link.input_value() == f"{site}{path}"
    page.get_by_role("button", name="Copier").click()
    expect(page.locator(".private-link [role=status]")).to_have_text("Lien copié.")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site}{path}"
    assert violations_on(page) == []


def test_without_the_script_the_private_link_is_text_to_select_and_no_dead_button(page_without_script, site):
    path = a_result()
    page = page_without_script
    page.goto(f"{site}{path}")
    link = page.get_by_label("Adresse privée de ce résultat")
    expect(link).to_be_visible()
    assert link.input_value() == f"{site}{path}"
    link.select_text()
    assert page.evaluate("getSelection().toString() || document.activeElement.value") == f"{site}{path}"
    expect(page.get_by_role("button", name="Copier")).to_have_count(0)  # hidden: it would do nothing


def test_a_share_link_is_copied_by_its_button(clipboard_page, site):
    page = clipboard_page
    page.goto(f"{site}{a_result()}plan/")
    page.locator("input[name=route]").first.check()
    page.locator("article.plan-start form [type=submit]").click()
    with page.expect_navigation():
        page.locator("section[aria-labelledby=sharing] form.row [type=submit]").click()
    share = page.get_by_label("Adresse du lien de lecture seule")
    assert "/plans/shared/" in share.input_value()
    page.locator(".plan-shares").get_by_role("button", name="Copier").click()
    expect(page.locator(".plan-shares [role=status]")).to_have_text("Lien copié.")
    assert page.evaluate("navigator.clipboard.readText()") == share.input_value()
