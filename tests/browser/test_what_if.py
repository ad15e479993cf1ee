"""The what-if in a real browser: with the script, the outcome follows the sliders; without it, the button."""

import pytest
from playwright.sync_api import expect

from pathways.models import Assessment
from roles.models import SkillLevel
from tests.browser.pages import save_a_result, violations_on, watch_for_violations

pytestmark = pytest.mark.django_db(transaction=True)


def saved_score(page) -> int:
    return int(page.locator(".score-summary .score-total").inner_text().split()[0])


def test_with_the_script_the_outcome_follows_a_slider_and_nothing_is_stored(page, site):
    result_url = save_a_result(page, site)
    before = saved_score(page)
    page.get_by_text("Essayer d’autres réponses").click()
    first = page.locator("form[data-what-if] input[type=range]").first
    words = page.locator(f"[data-words-for='{first.get_attribute('id')}']")
    at = SkillLevel.objects.filter(skill_id=first.get_attribute("name").removeprefix("skill_"))
    expect(words).to_have_text(at.get(level=1).description)  # the saved answer, in the form's words
    first.fill("5")
    expect(page.locator(f"output[for='{first.get_attribute('id')}']")).to_have_text("5")
    expect(words).to_have_text(at.get(level=5).description)
    expect(first).to_have_attribute("aria-valuetext", f"5 — {at.get(level=5).description}")
    outcome = page.locator("#what-if-outcome")
    expect(outcome.locator(".comparison-table")).to_be_visible()
    scores = outcome.locator(".score-total").all_inner_texts()
    assert int(scores[0].split()[0]) == before and int(scores[1].split()[0]) > before
    assert page.url == result_url  # the result page stays where it is
    assert Assessment.objects.count() == 1

    outcome.get_by_role("button", name="Enregistrer ces réponses comme nouvelle version").click()
    expect(page.locator(".previous-version")).to_be_visible()
    assert saved_score(page) == int(scores[1].split()[0])
    assert Assessment.objects.count() == 2


def test_without_the_script_the_button_shows_the_same_outcome(browser, browser_context_args, site):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    problems = watch_for_violations(page)
    save_a_result(page, site, "/en")
    before = saved_score(page)
    page.get_by_text("Try other answers").click()
    page.locator("form[data-what-if] input[type=range]").first.fill("5")
    page.get_by_label("Your highest degree").select_option("master")
    page.get_by_label("Field of that degree").select_option("business-management")
    page.get_by_role("button", name="See the result with these answers").click()
    assert "/what-if/?" in page.url  # the answers tried are in the address: it can be kept or shared
    scores = page.locator("#what-if-outcome .score-total").all_inner_texts()
    assert int(scores[0].split()[0]) == before and int(scores[1].split()[0]) > before
    expect(page.get_by_label("Your highest degree")).to_have_value("master")
    assert Assessment.objects.count() == 1
    assert problems == []
    context.close()


@pytest.mark.parametrize("language", ["", "/en"])
def test_the_what_if_pages_have_no_wcag_violation(axe_page, site, language):
    page = axe_page
    save_a_result(page, site, language)
    page.locator("details.what-if-details > summary").click()
    page.locator("form[data-what-if] input[type=range]").first.fill("4")
    expect(page.locator("#what-if-outcome .comparison-table")).to_be_visible()
    assert violations_on(page) == []
    page.locator("form[data-what-if] [type=submit]").click()
    expect(page.locator("h1")).to_contain_text("?")
    assert violations_on(page) == []
