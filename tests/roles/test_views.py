import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Role
from tests.factories import RoleFactory, build_role_with_skills

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
        "Directeur des opérations / Directrice des opérations", "(COO)",
        "Missions", "Allouer les ressources", "Une journée type", "Revoir les rapports des départements",
        "Compétences et niveaux attendus", "Leadership d’équipe", "Niveau 5 sur 5", "Essentielle",
        "Diplômes", "Master en management", "Diplôme d’ingénieur",
        "Étapes d’expérience", "Une vaste expérience pratique de la gestion", "5 à 10 ans",
        "Traits personnels qui aident", "Rigueur", "Charisme",
        "Selon la taille et le secteur", "Grande entreprise ou grand groupe",
        "L’évolution du métier", "004_e0d821fb6e57f53a.txt",
    ]:
        assert expected in page, expected
    assert f'href="{EDO}"' in page  # the executive director reports to the COO


def test_executive_director_profile_in_english(client, content):
    page = text_of(client.get(f"/en{EDO}"))
    for expected in [
        "Executive director of operations", "Oversee facilities", "Daily operations supervision", "Level 5 of 5",
        "Bachelor’s in facilities management", "Learning maintenance and operating schedules",
        "Running a large family business (instead of a degree)", "alternative route",
        "By size and sector", "three-person non-profit", "may be called the chief operating officer",
        "Reports to", "000_9cd98277ee6dab31.txt",
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
    page = client.get("/roles/", {"q": '<script>alert(1)</script>'}).content.decode()
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


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


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

