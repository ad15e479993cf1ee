"""A phone 390 px wide: nothing scrolls sideways, chart text is large enough to read and whole."""

import pytest

from pathways.assessments import Answers, save_assessment
from pathways.forms import answers_query
from roles.models import Role
from tests.browser.pages import CHART_TEXT

pytestmark = pytest.mark.django_db(transaction=True)

COO, EDO = "chief-operating-officer", "executive-director-of-operations"
PAGES = ["/", "/roles/map/", "/roles/", f"/roles/{COO}/", "/roles/customer-service-manager/",
         f"/compare/?roles={COO}&roles={EDO}&roles=operations-manager&roles=junior-operations-officer",
         f"/assessment/?target={COO}"]

# Whatever sticks out of the viewport, left or right; boxes of a pixel or less are visually hidden
# text (the skip link, labels for screen readers), and closed <details> have no box at all.
OVERFLOW = """() => {
  const width = window.innerWidth, wide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    if (box.left < -0.5 || box.right > width + 0.5) wide.push(element.outerHTML.slice(0, 80));
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""

def some_answers(level: int = 2) -> Answers:
    """Answers for the chief operating officer with every skill at `level`, so every chart is drawn."""
    target = Role.objects.with_skills().get(slug=COO)
    return Answers(
        target=target, situation="student", current_role=None, degree_level="bachelor",
        degree_field="business-management", experience_months={"operations": 24}, circumstances=[],
        preferred_sector="both", preferred_scale=None,
        ratings={rs.skill_id: level for rs in target.role_skills.all() if rs.required_level},
    )


def a_result() -> str:
    return save_assessment(some_answers(), language="fr").get_absolute_url()


def a_what_if() -> str:
    """The what-if of a saved result, with every skill one level higher."""
    return f"{a_result()}what-if/?{answers_query(some_answers(3))}"


def assert_fits(page) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= found["width"], (page.url, found)
    assert found["wide"] == [], (page.url, found)


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
        "texts => texts.map(t => [...t.querySelectorAll('tspan')].map(l => l.textContent).join(' '))")
    assert drawn == phone.locator(".radar-table tbody th").all_inner_texts()
    assert phone.locator("svg.radar").is_hidden()


def test_the_comparison_on_a_phone_names_the_role_beside_each_value(phone, site):
    phone.goto(f"{site}/compare/?roles={COO}&roles={EDO}")
    row = phone.locator(".compare-skills tr", has_text="Planification stratégique")
    lines = row.locator("td").all_inner_texts()
    assert lines[0].startswith("Directeur des opérations") and "5/5" in lines[0]
    assert lines[1].startswith("Directeur exécutif des opérations")
    assert row.get_by_text("seul").is_visible()  # the difference is still marked
