import re

import pytest
from django.utils import translation

from roles.models import Role, Stage
from tests.factories import (
    ExperienceStepFactory,
    MissionFactory,
    PassageFactory,
    RoleFactory,
    RoleSkillFactory,
    SourceFactory,
    build_role_with_skills,
)
from tests.html import page_of
from tests.html import text_of as node_text
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

COO = "/roles/chief-operating-officer/"
EDO = "/roles/executive-director-of-operations/"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize("path", ["/", "/roles/", COO, EDO, "/en/", "/en/roles/", f"/en{COO}", f"/en{EDO}"])
def test_every_public_page_answers_in_its_language(client, content, path):
    response = client.get(path)
    assert response.status_code == 200
    expected_lang = "en" if path.startswith("/en/") else "fr"
    assert f'<html lang="{expected_lang}">' in response.content.decode()


def test_coo_profile_shows_every_section_in_french(client, content):
    page = text_of(client.get(COO))
    for expected in [
        "Directeur des opérations / Directrice des opérations",
        "(COO)",
        "Missions",
        "Allouer les ressources",
        "Une journée type",
        "Revoir les rapports des départements",
        "Compétences et niveaux attendus",
        "Leadership d’équipe",
        "Niveau 5 sur 5",
        "Essentielle",
        "Diplômes",
        "Master en management",
        "Diplôme d’ingénieur",
        "Étapes d’expérience",
        "Une vaste expérience pratique de la gestion",
        "5 à 10 ans",
        "Traits personnels qui aident",
        "Rigueur",
        "Charisme",
        "Selon l’organisation",
        "Grande entreprise ou grand groupe",
        "L’évolution du métier",
        "Sources</h2>",
        '<a href="/sources/coo-metier-missions/">COO / Chief Operation Officer : métier, missions</a>',
    ]:
        assert expected in page, expected
    assert "004_e0d821fb6e57f53a" not in page  # a source is shown by its title, never its file name
    assert f'href="{EDO}"' in page  # the executive director reports to the COO


def test_executive_director_profile_in_english(client, content):
    page = text_of(client.get(f"/en{EDO}"))
    for expected in [
        "Executive director of operations",
        "Oversee facilities",
        "Daily operations supervision",
        "Level 5 of 5",
        "Bachelor’s in facilities management",
        "Learning maintenance and operating schedules",
        "Running a large family business (instead of a degree)",
        "alternative route",
        "By organisation",
        "three-person non-profit",
        "may be called the chief operating officer",
        "Reports to",
        "Becoming an executive director of operations",
        "(French, descriptive title of ours)",
    ]:
        assert expected in page, expected
    assert 'href="/en/roles/chief-operating-officer/"' in page
    assert "Directrice" not in page


def test_language_switcher_points_to_the_same_page(client, content):
    french = client.get(COO).content.decode()
    assert f'href="/en{COO}" hreflang="en"' in french
    english = client.get(f"/en{COO}").content.decode()
    assert f'href="{COO}" hreflang="fr"' in english


def listed_slugs(response) -> set[str]:
    return set(re.findall(r'<h2 class="h5 card-title"><a href="(?:/en)?/roles/([\w-]+)/"', response.content.decode()))


def test_list_search_and_filters_combine(client, content):
    assert listed_slugs(client.get("/roles/", {"q": "service client"})) == {"customer-service-manager"}
    assert "chief-operating-officer" in listed_slugs(client.get("/en/roles/", {"q": "COO"}))

    services_managers = listed_slugs(client.get("/roles/", {"sector": "services", "level": 2}))
    assert "customer-service-manager" in services_managers
    assert "facilities-manager" in services_managers  # a role for both sectors
    assert "executive-director-of-operations" not in services_managers  # director level
    assert "customer-service-manager" not in listed_slugs(client.get("/roles/", {"sector": "production"}))

    very_small = listed_slugs(client.get("/roles/", {"scale": 1}))
    assert very_small == {"chief-operating-officer", "executive-director-of-operations"}


def test_unknown_filter_values_get_a_message_not_a_500(client, content):
    response = client.get("/roles/", {"sector": "space", "scale": "huge", "level": "99"})
    assert response.status_code == 400
    page = text_of(response)
    assert "Certains filtres ne sont pas valides" in page
    assert "Directeur des opérations" in page  # nothing lost: the list is still there
    english = client.get("/en/roles/", {"sector": "space"})
    assert english.status_code == 400
    assert "Some filters are not valid" in text_of(english)


def test_search_text_is_escaped(client, content):
    page = client.get("/roles/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize("path", ["/roles/no-such-role/", "/en/roles/no-such-role/"])
def test_unknown_slug_is_a_404_in_the_users_language(client, content, path):
    response = client.get(path)
    assert response.status_code == 404
    assert ("Page not found" if path.startswith("/en/") else "Page introuvable") in response.content.decode()


def test_draft_role_is_not_public(client, db):
    draft = RoleFactory(status=Role.Status.DRAFT, title_fr="Poste en préparation")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Poste en préparation" not in client.get("/roles/").content.decode()


def test_profile_queries_do_not_grow_with_skills(client, db):
    small, large = build_role_with_skills(3), build_role_with_skills(30)
    assert count_queries(client, small.get_absolute_url()) == count_queries(client, large.get_absolute_url())


def test_list_queries_do_not_grow_with_roles(client, db):
    manager = build_role_with_skills(3)
    build_role_with_skills(3, reports_to=manager)
    few = count_queries(client, "/roles/")
    for _ in range(10):
        build_role_with_skills(30, reports_to=manager)
    assert count_queries(client, "/roles/") == few


SOURCE_000 = "/sources/devenir-directeur-executif-des-operations/"
SOURCE_004 = "/sources/coo-metier-missions/"
FILE_NAMES = ["000_9cd98277ee6dab31", "004_e0d821fb6e57f53a"]


def test_a_source_page_shows_the_article_and_each_passage_in_french_with_english_beside_it(client, content):
    page = page_of(client.get(SOURCE_000))
    assert node_text(page.h1) == "Devenir directeur exécutif des opérations"
    facts = node_text(page.select_one("main dl"))
    assert "titre descriptif, donné par nous" in facts and "français" in facts
    assert "expérience du service client pour les entreprises de services" in node_text(page.select_one("main"))

    passage = page.select_one("li#entreprise-familiale")
    assert node_text(passage.select_one('blockquote[lang="fr"]')).startswith(
        "À moins que vous n’ayez acquis de l’expérience et de la perspicacité"
    )
    assert "Unless you have gained experience and insight" in node_text(passage.select_one('[lang="en"]'))
    # What rests on it links back to the very statement on its profile, and to the role it supports.
    links = [a["href"] for a in passage.select("a")]
    assert any(href.startswith(f"{EDO}#step-") for href in links)
    assert "/roles/family-business-manager/" in links

    english = page_of(client.get(f"/en{SOURCE_000}"))
    assert "descriptive title of ours" in node_text(english.select_one("main dl"))
    assert "French" in node_text(english.select_one("main dl"))


def test_an_articles_own_title_is_shown_as_it_wrote_it_beside_the_english(client, content):
    page = page_of(client.get(f"/en{SOURCE_004}"))
    assert "descriptive" not in node_text(page.select_one("main dl"))
    assert node_text(page.select_one('main dl dd[lang="fr"]')) == "COO / Chief Operation Officer : métier, missions"


def test_an_unknown_source_is_a_404(client, content):
    assert client.get("/sources/no-such-article/").status_code == 404


@pytest.mark.parametrize(
    "slug", ["chief-operating-officer", "executive-director-of-operations", "operations-manager", "family-business-manager"]
)
@pytest.mark.parametrize("language", ["", "/en"])
def test_every_statement_on_a_profile_opens_onto_the_passage_it_rests_on(client, content, slug, language):
    role = Role.objects.with_profile().get(slug=slug)
    statements = [
        *role.missions.all(),
        *role.role_skills.all(),
        *role.role_degrees.all(),
        *role.steps.all(),
        *role.variations.all(),
    ]
    page = page_of(client.get(f"{language}/roles/{slug}/"))
    for statement in statements:
        holder = page.find(id=statement.fragment)
        if statement._meta.model_name == "variation":
            holder = holder.find_next_sibling("dd")
        reference = holder.select_one("details.passage-ref")
        assert reference is not None, statement.fragment
        link = reference.select_one("a")
        with translation.override("fr"):
            assert link["href"] == f"{language}{statement.passage.get_absolute_url()}"
        # text_of folds every space, the no-break ones French puts before « : ; ? ! » too
        assert node_text(link) == " ".join(statement.passage.source.title.split())  # the link names the source
        assert node_text(reference.select_one('q[lang="fr"]')) == " ".join(statement.passage.quotation.split())
        assert (statement.passage.translation_en in node_text(reference)) == (language == "/en")
    anchors = {
        li["id"]
        for path in {a["href"].split("#")[0] for a in page.select("details.passage-ref a")}
        for li in page_of(client.get(path)).select("li.passage")
    }
    assert {s.passage.anchor for s in statements} <= anchors  # every link lands on its passage


STAGE_WORDS = {
    "": {Stage.ENTRY: "Pour entrer", Stage.GROWTH: "S’acquiert dans le poste"},
    "/en": {Stage.ENTRY: "To enter", Stage.GROWTH: "Grows in the role"},
}


@pytest.mark.parametrize("slug", ["executive-director-of-operations", "customer-service-manager"])
@pytest.mark.parametrize("language", ["", "/en"])
def test_each_skill_and_step_on_a_profile_says_when_it_is_met_and_why_beside_its_passage(client, content, slug, language):
    role = Role.objects.with_profile().get(slug=slug)
    page = page_of(client.get(f"{language}/roles/{slug}/"))
    for requirement in [*role.role_skills.all(), *role.steps.all()]:
        holder = page.find(id=requirement.fragment)
        assert node_text(holder.select_one(".stage-badge")) == STAGE_WORDS[language][requirement.stage], requirement.fragment
        with translation.override(language.strip("/") or "fr"):
            basis = requirement.stage_basis
        assert node_text(holder.select_one("details.passage-ref .stage-basis")) == " ".join(basis.split())
    assert ("Pour entrer" in node_text(page)) == (language == "")


def test_the_entry_job_says_its_skills_grow_in_it(client, content):
    page = text_of(client.get("/en/roles/junior-operations-officer/"))
    assert "Grows in the role" in page and ">To enter<" not in page
    assert "the condition of entry is the degree" in page


def test_no_page_shows_a_source_by_its_file_name(client, content):
    paths = [
        "/roles/",
        SOURCE_000,
        SOURCE_004,
        "/compare/?roles=chief-operating-officer&roles=operations-manager",
        *(f"/api/v1/roles/{slug}" for slug in Role.objects.values_list("slug", flat=True)),
        *(role.get_absolute_url() for role in Role.objects.all()),
    ]
    for path in [*paths, *(f"/en{path}" for path in paths if not path.startswith("/api/"))]:
        body = client.get(path).content.decode()
        assert not [name for name in FILE_NAMES if name in body], path


def test_a_profile_shows_its_sources_by_title_language_and_what_they_cover(client, content):
    sources = page_of(client.get(EDO)).select("ul.sources > li")
    assert [node_text(li.a) for li in sources] == ["Devenir directeur exécutif des opérations"]
    assert sources[0].a["href"] == SOURCE_000
    assert "(français, titre descriptif, donné par nous)" in node_text(sources[0])
    assert "les diplômes (gestion d’entreprise axée sur les opérations" in node_text(sources[0].details)


def test_a_stepping_stone_profile_links_the_passages_that_support_it(client, content):
    page = page_of(client.get("/roles/family-business-manager/"))
    assert [a["href"] for a in page.select("ul.evidence-passages a")] == [f"{SOURCE_000}#entreprise-familiale"]


def test_source_page_queries_do_not_grow_with_passages_or_statements(client, db):
    small, large = SourceFactory(), SourceFactory()
    MissionFactory(passage=PassageFactory(source=small))
    for _ in range(8):
        passage = PassageFactory(source=large)
        role = build_role_with_skills(2)
        MissionFactory(role=role, passage=passage)
        RoleSkillFactory(role=role, passage=passage, rationale_fr="Parce que.")
        ExperienceStepFactory(role=role, passage=passage)
        role.evidence_passages.add(passage)
    assert count_queries(client, small.get_absolute_url()) == count_queries(client, large.get_absolute_url())


def test_profile_queries_do_not_grow_with_passages(client, db):
    plain, quoted = build_role_with_skills(6), build_role_with_skills(6)
    for statement in [*quoted.role_skills.all(), *quoted.steps.all(), *quoted.missions.all(), *quoted.role_degrees.all()]:
        statement.passage = PassageFactory()
        statement.save()
    quoted.evidence_passages.add(PassageFactory(), PassageFactory())
    assert count_queries(client, plain.get_absolute_url()) == count_queries(client, quoted.get_absolute_url())


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["chief-operating-officer", "executive-director-of-operations", "operations-manager"])
def test_a_profile_lists_each_categorys_essential_skills_before_its_useful_ones(client, content, slug):
    page = page_of(client.get(f"/roles/{slug}/"))
    for table in page.select("table.skills-table"):
        badges = [row.select_one("td .badge").get_text(strip=True) for row in table.select("tbody tr")]
        assert badges == sorted(badges, key=["Essentielle", "Utile"].index), badges
    assert any("Utile" in table.get_text() for table in page.select("table.skills-table"))
