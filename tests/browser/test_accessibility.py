import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from roles.models import Role
from tests.browser.pages import violations_on, watch_for_violations
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db(transaction=True)

EDO = "executive-director-of-operations"
PUBLIC_PAGES = [
    "/",
    "/roles/map/",
    "/roles/",
    "/roles/chief-operating-officer/",
    f"/roles/{EDO}/",
    "/roles/?sector=bogus",
    f"/compare/?roles=chief-operating-officer&roles={EDO}&roles=operations-manager",
    "/compare/?roles=x",
    "/assessment/",
    f"/assessment/?target={EDO}",
    "/roles/no-such-role/",
    "/roles/isco/",
    "/roles/isco/1321/",
    "/roles/directeur-dusine/",
    "/roles/?q=usine",
    "/sources/devenir-directeur-executif-des-operations/",
    "/sources/coo-metier-missions/",
    "/sources/esco-v1-2/",
]
ADMIN_PAGES = [
    "/admin/",
    "/admin/roles/role/",
    "/admin/roles/role/add/",
    "/admin/roles/skill/",
    "/admin/roles/roleskill/?stage__exact=growth",
    "/admin/roles/experiencestep/",
    "/admin/pathways/transition/",
    "/admin/roles/passage/",
    "/admin/roles/passage/add/",
    "/admin/roles/source/",
]


@pytest.mark.parametrize("language", ["", "/en"])
def test_public_pages_have_no_wcag_violation(axe_page, site, language):
    page = axe_page
    found = {}
    for path in PUBLIC_PAGES:
        page.goto(site + language + path)
        if problems := violations_on(page):
            found[path] = problems
    assert found == {}


@pytest.mark.parametrize("language", ["", "/en"])
def test_the_result_page_has_no_wcag_violation(axe_page, site, language):
    page = axe_page
    page.goto(f"{site}{language}/assessment/?target={EDO}")
    page.locator("#id_position").select_option("student")
    for group in page.locator("[name^=skill_]").evaluate_all("els => [...new Set(els.map(e => e.name))]"):
        page.locator(f"input[name={group}][value='1']").check()
    page.locator("#id_consent").check()
    page.locator("[type=submit]").click()
    expect(page.locator("svg.radar")).to_be_visible()
    assert violations_on(page) == []
    page.locator("a[href$='/delete/']").click()
    assert violations_on(page) == []


@pytest.mark.parametrize("language", ["", "/en"])
def test_admin_pages_editors_use_have_no_wcag_violation(axe_page, site, language, django_user_model):
    page = axe_page
    sign_in_as_editor(page, site, django_user_model)
    found = {}
    for path in admin_pages():
        page.goto(site + language + path)
        assert "login" not in page.url
        if problems := violations_on(page):
            found[path] = problems
    assert found == {}


def sign_in_as_editor(page, site, django_user_model) -> None:
    user = django_user_model.objects.create_user("editor", password="a-long-editor-password", is_staff=True, is_superuser=True)
    client = Client()
    sign_in_verified(client, user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])


def admin_pages() -> list[str]:
    return [*ADMIN_PAGES, f"/admin/roles/role/{Role.objects.get(slug=EDO).pk}/change/"]


def test_no_policy_violation_anywhere(page, site, django_user_model):
    """The `page` fixture fails the test on any Content-Security-Policy violation."""
    for path in PUBLIC_PAGES:
        page.goto(site + path)
    sign_in_as_editor(page, site, django_user_model)
    for path in admin_pages():
        page.goto(site + path)
    page.wait_for_timeout(200)


def test_charts_have_text_alternatives(page, site):
    page.goto(f"{site}/assessment/?target={EDO}")
    page.locator("#id_position").select_option("student")
    for group in page.locator("[name^=skill_]").evaluate_all("els => [...new Set(els.map(e => e.name))]"):
        page.locator(f"input[name={group}][value='3']").check()
    page.locator("#id_consent").check()
    page.locator("[type=submit]").click()
    expect(page.get_by_role("img", name="Radar des compétences : vous et le poste")).to_be_visible()
    expect(page.get_by_role("table", name="Les mêmes données en tableau")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"^Le chemin le plus court — environ "))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"^Jauge du score : \d+ sur 100, "))).to_be_visible()


def test_the_violation_watcher_catches_an_inline_style(context, site):
    page = context.new_page()
    problems = watch_for_violations(page)
    page.goto(site + "/")
    page.evaluate("""document.body.insertAdjacentHTML("beforeend", '<img src="https://example.invalid/x.png">')""")
    page.wait_for_timeout(300)
    assert any(re.search("Content Security Policy", p) for p in problems)


def test_the_checks_include_wcag_2_2_and_the_experimental_label_in_name(axe_page, site):
    """A link named otherwise than it reads (WCAG 2.5.3, experimental in axe) and a tiny target (WCAG 2.2) are
    caught: the checks above run those rules."""
    page = axe_page
    page.goto(site + "/")
    assert violations_on(page) == []
    page.evaluate("""document.querySelector('main').insertAdjacentHTML('beforeend',
      '<p><a href="/roles/" aria-label="Tous les postes">Voir la liste</a></p>' +
      '<p style="font-size:6px;line-height:6px"><a href="/a/">a</a><a href="/b/">b</a></p>')""")
    found = " ".join(violations_on(page))
    assert "label-content-name-mismatch" in found
    assert "target-size" in found
