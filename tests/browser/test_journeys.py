import contextlib
import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from pathways.models import Assessment
from roles.models import Role, Skill
from tests.browser.pages import EDO, answer_every_skill, give_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


def test_browse_filter_and_open_a_profile(page, site):
    page.goto(site + "/roles/")
    page.get_by_label("Rechercher").fill("service client")
    page.get_by_label("Secteur").select_option("services")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"q=service\+client.*sector=services"))
    cards = page.locator(".role-card")
    expect(cards).to_have_count(1)
    cards.get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text("Responsable du service client")
    expect(page.get_by_role("heading", name="Compétences et niveaux attendus")).to_be_visible()
    summary = page.locator("summary", has_text=re.compile("^Service à la clientèle"))  # then its stage
    expected = summary.locator("..").locator("strong", has_text="niveau attendu")
    expect(expected).to_be_hidden()
    summary.click()  # open the level descriptions
    expect(expected).to_be_visible()


def test_compare_two_roles_with_the_picker_then_add_a_third(page, site):
    page.goto(site + "/roles/chief-operating-officer/")
    page.get_by_label("Comparer avec…").select_option(EDO)
    page.get_by_role("button", name="Comparer", exact=True).click()
    expect(page.locator(".compare-table thead th[scope=col]")).to_have_count(2)
    expect(page.locator(".compare-table").get_by_text("seul").first).to_be_visible()

    page.get_by_text("Ajouter ou retirer des postes").click()
    page.get_by_label("Responsable des opérations", exact=True).check()
    page.get_by_role("button", name="Comparer", exact=True).click()
    expect(page.locator(".compare-table thead th[scope=col]")).to_have_count(3)
    assert page.url.count("roles=") == 3


def test_assessment_bad_answers_then_good_ones_then_print_and_delete(page, site):
    page.goto(site + "/assessment/")
    page.get_by_label("Le poste que vous visez").select_option(EDO)
    page.get_by_role("button", name="Commencer").click()

    page.get_by_label("Gestion des opérations : années").fill("99")
    answer_every_skill(page, 2)
    page.get_by_role("button", name="Voir mon résultat").click()
    expect(page.locator("#form-errors")).to_contain_text("Cochez cette case")
    expect(page.locator("#form-errors")).to_contain_text("au plus 50")
    expect(page.locator("#form-errors")).to_contain_text("Dites où vous en êtes")  # nothing chosen for the person
    expect(page.get_by_label("Gestion des opérations : années")).to_have_value("99")  # nothing lost
    expect(page.locator("input[name^=skill_][value='2']:checked").first).to_be_checked()

    page.get_by_label("Où en êtes-vous ?").select_option("student")
    page.get_by_label("Gestion des opérations : années").fill("2")
    page.get_by_label("Votre diplôme le plus élevé").select_option("bachelor")
    page.get_by_label("Domaine de ce diplôme").select_option("business-management")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Voir mon résultat").click()

    expect(page.locator("h1")).to_contain_text("Votre chemin vers")
    expect(page.locator(".score-total")).to_contain_text("sur 100")
    expect(page.locator("svg.radar")).to_be_visible()
    expect(page.locator("#route-best")).to_contain_text("Responsable des opérations")
    result_url = page.url

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("link", name="Supprimer mes résultats")).to_be_hidden()
    expect(page.locator("#route-best")).to_be_visible()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Supprimer mes résultats").click()
    page.get_by_role("button", name="Oui, supprimer définitivement").click()
    expect(page.get_by_role("status")).to_contain_text("supprimés définitivement")
    assert not Assessment.objects.exists()
    assert page.goto(result_url).status == 404


def test_the_assessment_can_be_completed_with_the_keyboard_alone(page, site):
    page.goto(f"{site}/assessment/?target=junior-operations-officer")
    page.locator("#id_position").focus()
    for _ in range(400):
        focused = page.evaluate("() => { const e = document.activeElement; return [e.tagName, e.type || '', e.name || ''] }")
        _tag, kind, name = focused
        if name == "position":
            page.keyboard.press("ArrowDown")  # from "choose your situation" to the first situation
        elif name.startswith("years_"):
            page.keyboard.type("1")
        elif kind == "radio":
            page.keyboard.press("ArrowRight")  # from no choice to 0, then 1
            page.keyboard.press("ArrowRight")
        elif name == "consent":
            page.keyboard.press("Space")
        elif kind == "submit":
            page.keyboard.press("Enter")
            break
        page.keyboard.press("Tab")
    expect(page.locator("h1")).to_contain_text("Votre chemin vers")
    assert Assessment.objects.get().experience_months["operations"] == 12


PAGES = [
    "/",
    "/roles/",
    "/roles/chief-operating-officer/",
    f"/compare/?roles=chief-operating-officer&roles={EDO}",
    "/assessment/",
    f"/assessment/?target={EDO}",
]


def test_switch_language_on_each_page(page, site):
    for path in PAGES:
        page.goto(site + path)
        page.locator(".language-switcher").get_by_role("link", name=re.compile("EN")).click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert page.url == f"{site}/en{path}"
        page.locator(".language-switcher").get_by_role("link", name=re.compile("FR")).click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        assert page.url == site + path


def test_an_editor_signs_in_adds_a_skill_and_sees_it_on_the_profile(page, site, django_user_model):
    django_user_model.objects.create_user("editor", password="a-long-editor-password", is_staff=True, is_superuser=True)
    role = Role.objects.get(slug="facilities-manager")
    Skill.objects.filter(slug="crisis-management").update(name_fr="Gestion de crise et plans d’urgence")

    page.goto(site + "/admin/")
    page.get_by_label("Nom d’utilisateur").fill("editor")
    page.get_by_label("Mot de passe").fill("a-long-editor-password")
    page.get_by_role("button", name="Connexion").click()
    give_second_factor(page, "editor")  # the first sign-in: the app set up from the secret, the codes noted
    expect(page.locator("#site-name")).to_contain_text("careerpath")

    page.goto(f"{site}/admin/roles/role/{role.pk}/change/")
    page.locator("#role_skills-group").get_by_text("Ajouter un objet Compétence requise supplémentaire").click()
    new_row = page.locator("#role_skills-group .inline-related.dynamic-role_skills").last
    # Thousands of skills once ESCO is imported: the editor looks the skill up in a pop-up list.
    with page.expect_popup() as lookup:
        new_row.locator("a.related-lookup").click()
    chooser = lookup.value
    chooser.locator("#searchbar").fill("crise")
    chooser.locator("#changelist-search [type=submit]").click()
    with chooser.expect_event("close"), contextlib.suppress(PlaywrightError):
        # The pop-up closes itself as the choice is clicked: the click may end on a closed page.
        chooser.get_by_role("link", name="Gestion de crise et plans d’urgence").click()
    expect(new_row.locator("input[name$=-skill]")).to_have_value(str(Skill.objects.get(slug="crisis-management").pk))
    new_row.locator("input[name$=required_level]").fill("4")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("a été modifié")

    page.goto(site + role.get_absolute_url())
    row = page.locator(".skills-table tr", has_text="Gestion de crise et plans d’urgence")
    expect(row.get_by_role("img", name="Niveau 4 sur 5")).to_be_visible()


def test_the_api_documentation_page_works_under_the_policy(page, site):
    """Swagger UI from django-ninja's own files draws the API; the `page` fixture fails on any CSP violation."""
    page.goto(site + "/api/v1/docs")
    expect(page.locator("#swagger-ui .info .title")).to_contain_text("careerpath API")
    expect(page.locator("#swagger-ui")).to_contain_text("/api/v1/route")


def test_on_a_phone_a_statement_opens_onto_its_passage_on_the_source_page(page, site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/roles/{EDO}/")
    step = page.locator(".experience-steps li", has_text="Diriger une importante entreprise familiale")
    quotation = step.locator("q[lang=fr]")
    expect(quotation).to_be_hidden()
    step.get_by_text("d’après la source").click()
    expect(quotation).to_contain_text("en exploitant une importante entreprise familiale")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off the screen

    step.get_by_role("link", name="Devenir directeur exécutif des opérations").click()
    expect(page).to_have_url(re.compile(r"/sources/devenir-directeur-executif-des-operations/#entreprise-familiale$"))
    passage = page.locator("li#entreprise-familiale")
    expect(passage.locator("blockquote[lang=fr]")).to_contain_text("À moins que vous n’ayez acquis")
    expect(passage.locator("[lang=en]")).to_contain_text("Unless you have gained experience and insight")
    back = passage.get_by_role("link", name=re.compile("Directeur exécutif des opérations.*Diriger une importante entreprise"))
    expect(back).to_have_attribute("href", re.compile(r"/roles/executive-director-of-operations/#step-\d+$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
