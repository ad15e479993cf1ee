"""The career map in a browser: the keyboard reaches every role on it, and a phone reads it top to bottom."""

import pytest

from roles.models import Role
from tests.browser.pages import CHART_TEXT

pytestmark = pytest.mark.django_db(transaction=True)


def tab_through_the_map(page, selector: str) -> list[str]:
    """Tab from the top of the page until focus has left the map; the links focused inside it, in order."""
    page.locator("body").focus()
    focused, inside = [], False
    for _ in range(200):
        page.keyboard.press("Tab")
        href, in_map = page.evaluate(f"""() => [document.activeElement.getAttribute('href'),
                                              !!document.activeElement.closest('{selector}')]""")
        if in_map:
            inside = True
            focused.append(href)
        elif inside:
            break
    return focused


def profiles() -> list[str]:
    return sorted(role.get_absolute_url() for role in Role.objects.published().pickable())


@pytest.mark.parametrize(("width", "drawing"), [(1280, "svg.career-map-wide"), (390, "svg.career-map-compact")])
@pytest.mark.parametrize("path", ["/roles/map/", "/"])
def test_the_keyboard_reaches_every_role_on_the_map(browser, browser_context_args, site, width, drawing, path):
    context = browser.new_context(**browser_context_args, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site + path)
    assert page.locator(drawing).is_visible()
    focused = tab_through_the_map(page, drawing)
    assert sorted(focused) == profiles()
    # Focus is drawn: the focused box gets a thicker, dark outline.
    page.locator(f"{drawing} a").first.focus()
    stroke = page.locator(f"{drawing} a:focus-visible rect.map-node").evaluate("r => getComputedStyle(r).strokeWidth")
    assert stroke == "4px"
    context.close()


def test_on_a_phone_the_map_reads_top_to_bottom_at_its_own_size(browser, browser_context_args, site):
    context = browser.new_context(**browser_context_args, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "/en/roles/map/")
    assert page.locator("svg.career-map-wide").is_hidden()
    svg = page.locator("svg.career-map-compact")
    box = svg.bounding_box()
    assert box["height"] > 2 * box["width"]  # the levels follow each other down the page
    heights = page.evaluate(CHART_TEXT)
    assert min(heights) >= 12  # node and label text is 12 px at least, never shrunk to fit
    context.close()
