from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from careerpath.api_pages import MAX_PAGE_SIZE
from roles.models import Degree, DegreeField, DegreeLevel, Origin, Role, Skill
from tests.factories import SkillFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def test_roles_are_paginated_searchable_and_follow_accept_language(client, content):
    page = client.get("/api/v1/roles", {"page": 1}).json()
    assert page["count"] == Role.objects.published().count() and len(page["items"]) <= 30
    found = client.get("/api/v1/roles", {"q": "COO"}, HTTP_ACCEPT_LANGUAGE="en").json()
    # The acronym first, then the roles whose descriptions speak of the COO
    assert [role["slug"] for role in found["items"]][:1] == ["chief-operating-officer"]
    assert "executive-director-of-operations" in [role["slug"] for role in found["items"]][1:]
    assert found["items"][0]["title"] == "Chief operating officer"
    assert client.get("/api/v1/roles", {"q": "COO"}).json()["items"][0]["title"].startswith("Directeur des opérations")


def test_one_role_carries_its_skills_degrees_steps_and_codes(client, content):
    coo = client.get("/api/v1/roles/chief-operating-officer").json()
    role = Role.objects.get(slug="chief-operating-officer")
    assert {s["skill"] for s in coo["skills"]} == set(role.role_skills.values_list("skill__slug", flat=True))
    assert len(coo["steps"]) == role.steps.count() and coo["degrees"]
    assert (coo["isco_code"], coo["rome_code"], coo["onet_soc_code"]) == ("1120", "M1301", "11-1011.00")
    assert client.get("/api/v1/roles/no-such-role").status_code == 404


def test_a_comparison_lines_skills_up_and_refuses_bad_choices(client, content):
    both = client.get("/api/v1/compare?roles=chief-operating-officer&roles=operations-supervisor").json()
    assert [r["slug"] for r in both["roles"]] == ["chief-operating-officer", "operations-supervisor"]
    assert all(len(row["levels"]) == 2 for row in both["skills"])
    assert client.get("/api/v1/compare?roles=chief-operating-officer").status_code == 422
    assert client.get("/api/v1/compare?roles=chief-operating-officer&roles=chief-operating-officer").status_code == 422
    assert client.get("/api/v1/compare?roles=chief-operating-officer&roles=nope").status_code == 404


def test_a_role_names_its_sources_for_a_reader_and_the_passage_of_each_statement(client, content):
    edo = client.get("/api/v1/roles/executive-director-of-operations", HTTP_ACCEPT_LANGUAGE="en").json()
    assert edo["sources"] == [
        {
            "slug": "devenir-directeur-executif-des-operations",
            "title": "Becoming an executive director of operations",
            "title_is_descriptive": True,
            "language": "fr",
            "summary": edo["sources"][0]["summary"],
            "url": "http://testserver/en/sources/devenir-directeur-executif-des-operations/",  # full, in the language asked
        }
    ]
    assert edo["sources"][0]["summary"].startswith("How to become an executive director of operations")
    family = next(step for step in edo["steps"] if step["kind"] == "family-business")
    assert (
        family["passage"]["url"] == "http://testserver/en/sources/devenir-directeur-executif-des-operations/#entreprise-familiale"
    )
    assert family["passage"]["quotation"].startswith("À moins que vous n’ayez acquis")
    assert family["passage"]["translation_en"].startswith("Unless you have gained experience")
    assert all(skill["passage"] for skill in edo["skills"]) and all(degree["passage"] for degree in edo["degrees"])


def test_each_requirement_says_whether_it_is_needed_to_enter_or_grows_in_the_role(client, content):
    edo = client.get("/api/v1/roles/executive-director-of-operations", HTTP_ACCEPT_LANGUAGE="en").json()
    stages = {skill["skill"]: skill["stage"] for skill in edo["skills"]}
    assert stages["hr-management"] == "entry" and stages["maintenance-scheduling"] == "growth"
    assert {step["stage"] for step in edo["steps"] if step["is_alternative"]} == {"entry"}
    assert all(item["stage_basis"] for item in [*edo["skills"], *edo["steps"]])
    onboarding = next(step for step in edo["steps"] if step["kind"] == "onboarding")
    assert onboarding["stage"] == "growth" and onboarding["stage_basis"].startswith("Preparation, not a condition of entry")
    french = client.get("/api/v1/roles/executive-director-of-operations").json()
    assert next(step for step in french["steps"] if step["kind"] == "onboarding")["stage_basis"].startswith(
        "Une préparation, pas une condition d’entrée"
    )
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["Stage"]["enum"] == ["entry", "growth"]
    assert schemas["StepOut"]["properties"]["stage"]["$ref"] == "#/components/schemas/Stage"


def test_the_roles_come_in_one_order_whatever_the_language(client, content):
    def slugs(language, page):
        return [role["slug"] for role in client.get(f"/api/v1/roles?page={page}&page_size=5&lang={language}").json()["items"]]

    pages = range(1, Role.objects.published().count() // 5 + 2)
    french = [slug for page in pages for slug in slugs("fr", page)]
    assert french == [slug for page in pages for slug in slugs("en", page)]
    assert sorted(french) == sorted(Role.objects.published().values_list("slug", flat=True))


def test_each_page_of_roles_says_its_size_and_links_the_next_and_previous_with_the_same_filters(client, content, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "api.example.org"]
    published = Role.objects.published().count()
    first = client.get("/api/v1/roles?page_size=4&lang=en", HTTP_HOST="api.example.org").json()
    assert (first["count"], first["page"], first["page_size"], first["previous"]) == (published, 1, 4, None)
    seen, page = [], first
    while page["next"]:
        assert page["next"].startswith("http://api.example.org/api/v1/roles?") and "lang=en" in page["next"]
        seen += page["items"]
        following = client.get(page["next"].removeprefix("http://api.example.org"), HTTP_HOST="api.example.org").json()
        assert following["page"] == page["page"] + 1 and page_of(following["previous"]) == page["page"]
        page = following
    seen += page["items"]
    assert len(seen) == published == len({role["slug"] for role in seen}) and len(page["items"]) <= 4
    assert all(role["url"] == f"http://api.example.org/en/roles/{role['slug']}/" for role in seen)
    filtered = client.get("/api/v1/roles?q=operations&page_size=1").json()
    assert filtered["next"] is None or "q=operations" in filtered["next"]
    past_the_end = client.get(f"/api/v1/roles?page={published + 5}&page_size=4").json()
    assert past_the_end["items"] == [] and past_the_end["next"] is None
    assert page_of(past_the_end["previous"]) == -(-published // 4)  # back to the last page there is


def page_of(address: str) -> int:
    (page,) = parse_qs(urlsplit(address).query)["page"]
    return int(page)


def test_the_skills_a_rating_may_name_are_listed_by_pages_with_what_each_level_means(client, content):
    first = client.get("/api/v1/skills?page_size=10&lang=en").json()
    assert first["count"] == Skill.objects.count() and len(first["items"]) == 10 and first["next"]
    everyone = []
    page = first
    while True:
        everyone += page["items"]
        if not page["next"]:
            break
        page = client.get(page["next"]).json()
    slugs = [skill["skill"] for skill in everyone]
    assert slugs == sorted(slugs) == sorted(Skill.objects.values_list("slug", flat=True))  # one order, every language
    leading = next(skill for skill in everyone if skill["skill"] == "team-leadership")
    with translation.override("en"):
        described = Skill.objects.get(slug="team-leadership")
        assert leading["name"] == described.name and leading["category"] == described.category.name
        assert [level["description"] for level in leading["levels"]] == [lv.description for lv in described.levels.all()]
    assert [level["level"] for level in leading["levels"]] == [1, 2, 3, 4, 5]
    # Each name is one a rating takes: the planner counts it.
    rated = client.post(
        "/api/v1/route",
        {"target": "chief-operating-officer", "ratings": {slugs[0]: 3}},
        content_type="application/json",
    )
    assert rated.status_code == 200


def test_the_skills_list_makes_the_same_queries_whatever_the_page_size(client, content):
    assert count_queries(client, "/api/v1/skills?page_size=2") == count_queries(client, "/api/v1/skills?page_size=60")


def test_the_skills_can_be_narrowed_to_the_teams_own(client, content):
    SkillFactory(slug="an-imported-skill", origin=Origin.IMPORTED)
    written = client.get("/api/v1/skills?origin=written&page_size=100").json()
    assert written["count"] == Skill.objects.filter(origin=Origin.WRITTEN).count() < Skill.objects.count()
    assert {skill["origin"] for skill in written["items"]} == {"written"}


def test_the_degrees_give_the_codes_the_planner_takes_with_their_words(client, content):
    degrees = {language: client.get(f"/api/v1/degrees?lang={language}").json() for language in ("fr", "en")}
    assert [d["degree"] for d in degrees["fr"]] == [d["degree"] for d in degrees["en"]]
    assert {d["degree"] for d in degrees["en"]} == set(Degree.objects.values_list("slug", flat=True))
    for language, listed in degrees.items():
        with translation.override(language):
            assert [(d["level_label"], d["field_label"]) for d in listed] == [
                (str(DegreeLevel(d["level"]).label), str(DegreeField(d["field"]).label)) for d in listed
            ]
    assert [d["field_label"] for d in degrees["fr"]] != [d["field_label"] for d in degrees["en"]]
    master = next(d for d in degrees["en"] if d["level"] == "master")
    body = {"target": "chief-operating-officer", "degree_level": master["level"], "degree_field": master["field"]}
    assert client.post("/api/v1/route", body, content_type="application/json").status_code == 200


@examples(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page_size=st.integers(min_value=1, max_value=MAX_PAGE_SIZE), listing=st.sampled_from(["roles", "skills"]))
def test_following_next_from_the_first_page_gives_every_item_once_whatever_the_page_size(client, content, page_size, listing):
    """What an integrator's loop relies on: `next` until null visits each item exactly once, in one order, and each
    `previous` leads back to the page before."""
    address, seen, number = f"/api/v1/{listing}?page_size={page_size}", [], 1
    while address:
        page = client.get(address.removeprefix("http://testserver")).json()
        assert (page["page"], page["page_size"]) == (number, page_size) and len(page["items"]) <= page_size
        assert page["previous"] is None if number == 1 else page_of(page["previous"]) == number - 1
        seen += [item["slug" if listing == "roles" else "skill"] for item in page["items"]]
        address, number = page["next"], number + 1
    assert len(seen) == len(set(seen)) == page["count"]
