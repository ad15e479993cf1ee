"""Profiles show their related jobs: the nearest occupations by their skills, one card per job."""

import pytest

from roles.models import Neighbour, Origin, Role, Viability
from tests.factories import RoleFactory, SkillFactory
from tests.html import page_of, text_of
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

ESCO = "http://data.europa.eu/esco/occupation/"


def occupation(name: str, **fields) -> Role:
    return RoleFactory(
        title_fr=f"{name} (fr)",
        title_en=name,
        origin=Origin.IMPORTED,
        level=None,
        esco_uri=f"{ESCO}{name.replace(' ', '-')}",
        **fields,
    )


def link(origin: Role, destination: Role, rank: int, similarity: float, viability=Viability.VIABLE, shared=(), to_gain=()):
    return Neighbour.objects.create(
        origin=origin,
        destination=destination,
        rank=rank,
        similarity=similarity,
        viability=viability,
        shared_essential=[skill.pk for skill in shared],
        to_gain=[skill.pk for skill in to_gain],
    )


def related_cards(client, role: Role, lang: str = "") -> list:
    page = page_of(client.get(f"{lang}{role.get_absolute_url()}"))
    return page.select(".related-job")


def test_an_imported_profile_lists_its_nearest_jobs_in_order_with_the_skills_in_words(client):
    planner, manager, clerk = occupation("logistics planner"), occupation("logistics manager"), occupation("stock clerk")
    budgets, forecasting, staff = (
        SkillFactory(name_fr="Gérer un budget"),
        SkillFactory(),
        SkillFactory(name_fr="Diriger du personnel"),
    )
    link(planner, manager, 1, 0.41, Viability.HIGHLY_VIABLE, shared=[budgets, forecasting], to_gain=[staff])
    link(planner, clerk, 2, 0.18, Viability.LESS_VIABLE)

    cards = related_cards(client, planner)

    heading = page_of(client.get(planner.get_absolute_url())).select_one("#related-jobs")
    assert text_of(heading) == "Métiers proches"
    assert [text_of(card.select_one("h3 a")) for card in cards] == ["Logistics manager (fr)", "Stock clerk (fr)"]
    first = text_of(cards[0])
    assert "Très accessible" in first and "2 compétences essentielles en commun, 1 à acquérir" in first
    assert "À acquérir : Diriger du personnel" in first.replace("\xa0", " ")
    assert "Moins accessible" in text_of(cards[1])


def test_in_english_the_cards_speak_english(client):
    planner, manager = occupation("logistics planner"), occupation("logistics manager")
    link(planner, manager, 1, 0.33, shared=[SkillFactory()])
    (card,) = related_cards(client, planner, "/en")
    assert text_of(card.select_one("h3 a")) == "Logistics manager"
    assert "Viable" in text_of(card) and "1 essential skill in common" in text_of(card)
    assert text_of(card.select_one("details summary")) == "The skills"


def test_a_team_role_shows_the_related_jobs_of_the_occupation_it_stands_for(client):
    esco_coo, ceo = occupation("chief operating officer"), occupation("chief executive officer")
    coo = RoleFactory(title_fr="Directeur des opérations", esco_occupation=esco_coo)
    link(esco_coo, ceo, 1, 0.5, Viability.HIGHLY_VIABLE)

    (card,) = related_cards(client, coo)

    assert card.select_one("h3 a")["href"] == ceo.get_absolute_url()
    codes = page_of(client.get(coo.get_absolute_url())).select_one(".external-codes")
    assert "chief operating officer (fr)" in text_of(codes).lower()


def test_a_neighbour_the_team_has_written_links_to_the_teams_profile_once(client):
    planner, esco_manager, clerk = occupation("logistics planner"), occupation("operations manager"), occupation("clerk")
    team_manager = RoleFactory(title_fr="Responsable des opérations", esco_occupation=esco_manager)
    link(planner, esco_manager, 1, 0.36)
    link(planner, clerk, 2, 0.2)

    cards = related_cards(client, planner)

    hrefs = [card.select_one("h3 a")["href"] for card in cards]
    assert hrefs == [team_manager.get_absolute_url(), clerk.get_absolute_url()]
    assert esco_manager.get_absolute_url() not in str(cards)
    assert "dans ESCO : Operations manager (fr)" in text_of(cards[0]).replace("\xa0", " ")


def test_the_occupation_a_team_role_stands_for_points_to_the_teams_profile(client):
    esco_manager = occupation("operations manager")
    team_manager = RoleFactory(esco_occupation=esco_manager)
    notice = page_of(client.get(esco_manager.get_absolute_url())).select_one(".team-profile-link")
    assert notice.select_one("a")["href"] == team_manager.get_absolute_url()


def test_a_team_role_whose_occupation_is_not_imported_yet_shows_no_related_jobs_and_its_code(client):
    coo = RoleFactory(esco_occupation_id=f"{ESCO}not-imported-yet")
    page = page_of(client.get(coo.get_absolute_url()))
    assert page.select(".related-job") == []
    assert f"{ESCO}not-imported-yet" in text_of(page.select_one(".external-codes"))


def test_a_draft_neighbour_is_not_shown(client):
    planner, hidden = occupation("logistics planner"), occupation("draft job", status=Role.Status.DRAFT)
    link(planner, hidden, 1, 0.5)
    assert related_cards(client, planner) == []


def test_profile_queries_do_not_grow_with_related_jobs(client):
    few, many = occupation("few"), occupation("many")
    link(few, occupation("one"), 1, 0.3, shared=[SkillFactory()])
    skills = [SkillFactory() for _ in range(6)]
    for rank in range(1, 11):
        destination = occupation(f"job {rank}")
        if rank % 3 == 0:
            RoleFactory(esco_occupation=destination)
        link(many, destination, rank, 0.5 - rank / 100, shared=skills[:3], to_gain=skills[3:])
    assert count_queries(client, few.get_absolute_url()) == count_queries(client, many.get_absolute_url())


def test_the_api_gives_a_roles_neighbours_with_their_skills(client):
    esco_coo, ceo = occupation("chief operating officer"), occupation("chief executive officer")
    RoleFactory(slug="coo", esco_occupation=esco_coo)
    strategy = SkillFactory(slug="strategy", name_en="Strategy")
    link(esco_coo, ceo, 1, 0.52, Viability.HIGHLY_VIABLE, shared=[strategy])

    answer = client.get("/api/v1/roles/coo/neighbours", HTTP_ACCEPT_LANGUAGE="en").json()

    assert answer["occupation"] == esco_coo.esco_uri
    (neighbour,) = answer["neighbours"]
    assert neighbour["role"]["slug"] == ceo.slug
    assert (neighbour["similarity"], neighbour["viability"]) == (0.52, "highly-viable")
    assert neighbour["shared_essential"] == [{"skill": "strategy", "name": "Strategy", "esco_uri": None}]
    assert client.get("/api/v1/roles/nobody/neighbours").status_code == 404
