"""A phone 390 px wide: nothing scrolls sideways, chart text is large enough to read and whole."""

import pytest

from tests.browser.pages import CHART_TEXT, COO, EDO, a_result, a_what_if, assert_fits

pytestmark = pytest.mark.django_db(transaction=True)


PAGES = [
    "/",
    "/roles/map/",
    "/roles/",
    f"/roles/{COO}/",
    "/roles/customer-service-manager/",
    f"/compare/?roles={COO}&roles={EDO}&roles=operations-manager&roles=junior-operations-officer",
    f"/assessment/?target={COO}",
]


@pytest.mark.parametrize("language", ["", "/en"])
def test_no_page_scrolls_sideways_on_a_phone(phone, site, language):
    for path in [*PAGES, a_result(), a_what_if()]:
        phone.goto(site + language + path)
        assert_fits(phone)


@pytest.mark.parametrize("language", ["", "/en"])
def test_charts_on_a_phone_have_text_large_enough_to_read_and_whole(phone, site, language):
    phone.goto(site + language + a_result())
    heights = phone.evaluate(CHART_TEXT)
    assert len(heights) > 20  # the skill bars and the route timelines are on screen
    assert min(heights) >= 11
    # The skills drawn as bars, each name whole, are the skills of the table that follows.
    drawn = phone.locator("svg.skill-bars text").evaluate_all(
        "texts => texts.map(t => [...t.querySelectorAll('tspan')].map(l => l.textContent).join(' '))"
    )
    assert drawn == phone.locator(".radar-table tbody th").all_inner_texts()
    assert phone.locator("svg.radar").is_hidden()


def test_the_comparison_on_a_phone_names_the_role_beside_each_value(phone, site):
    phone.goto(f"{site}/compare/?roles={COO}&roles={EDO}")
    row = phone.locator(".compare-skills tr", has_text="Planification stratégique")
    lines = row.locator("td").all_inner_texts()
    assert lines[0].startswith("Directeur des opérations") and "5/5" in lines[0]
    assert lines[1].startswith("Directeur exécutif des opérations")
    assert row.get_by_text("seul").is_visible()  # the difference is still marked
