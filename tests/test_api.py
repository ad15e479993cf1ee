import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from pathways.models import Assessment
from roles.models import Role, Skill

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def api_ready(content, settings):
    settings.ALLOWED_HOSTS = ["*"]
    # Requests go through the real WSGI handler, which closes the database connection after each
    # one; the test's transaction lives on that connection, so keep it open as Django's test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_response_conforms_to_the_schema_and_none_is_a_server_error(api_ready, case):
    # call_and_validate checks the status is not 5xx and the response matches the schema.
    case.call_and_validate()


def test_the_schema_and_its_documentation_page_are_served(client, content):
    schema_response = client.get("/api/v1/openapi.json")
    assert schema_response.status_code == 200
    paths = schema_response.json()["paths"]
    assert {"/api/v1/roles", "/api/v1/roles/{slug}", "/api/v1/compare", "/api/v1/route"} <= set(paths)
    docs = client.get("/api/v1/docs").content.decode()
    assert "ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


def test_roles_are_paginated_searchable_and_follow_accept_language(client, content):
    page = client.get("/api/v1/roles", {"page": 1}).json()
    assert page["count"] == Role.objects.published().count() and len(page["items"]) <= 30
    found = client.get("/api/v1/roles", {"q": "COO"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert [role["slug"] for role in found["items"]] == ["chief-operating-officer"]
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


def test_the_planner_gives_what_the_result_page_shows_and_stores_nothing(client, content):
    target = Role.objects.get(slug="chief-operating-officer")
    skills = list(target.role_skills.select_related("skill")[:4])
    ratings = {rs.skill.slug: min(5, rs.required_level - 1) for rs in skills}
    form = {
        "position": "operations-supervisor", "degree_level": "bachelor", "degree_field": "operations",
        "years_operations": 3, "years_people": 2, "years_customer-service": 0, "years_facilities": 0,
        "years_business": 0, "preferred_sector": "services", "preferred_scale": 3, "consent": "on",
        **{f"skill_{rs.skill_id}": ratings[rs.skill.slug] for rs in skills},
        **{f"skill_{rs.skill_id}": 0 for rs in target.role_skills.exclude(pk__in=[s.pk for s in skills])},
    }
    redirect = client.post("/assessment/?target=chief-operating-officer", form)
    assert redirect.status_code == 303
    page = client.get(redirect["Location"]).context["result"]
    saved = Assessment.objects.count()

    answer = client.post("/api/v1/route", {
        "target": "chief-operating-officer", "current_role": "operations-supervisor",
        "degree_level": "bachelor", "degree_field": "operations",
        "experience_months": {"operations": 36, "people": 24}, "preferred_sector": "services", "preferred_scale": 3,
        "ratings": {**{rs.skill.slug: 0 for rs in target.role_skills.select_related("skill")}, **ratings},
    }, content_type="application/json")

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["total"] == page.total
    assert [(p["weight"], p["value"], p["points"]) for p in body["parts"]] == [(p.weight, p.value, p.points) for p in page.parts]
    assert [g["skill"] for g in body["gaps"]] == [g.skill.slug for g in page.gaps]
    assert [s["role"] for s in body["best"]["steps"]] == [leg.role.slug for leg in page.best.legs]
    assert len(body["alternatives"]) == len(page.alternatives)
    assert [(c["role"], c["total"]) for c in body["closest"]] == [(role.slug, total) for role, total in page.closest]
    assert Assessment.objects.count() == saved


@pytest.mark.parametrize(("change", "status"), [
    ({"target": "nope"}, 404),
    ({"degree_level": "master"}, 422),
    ({"ratings": {"no-such-skill": 3}}, 422),
    ({"ratings": {"strategic-planning": 9}}, 422),
    ({"experience_months": {"operations": -1}}, 422),
    ({"experience_months": {"customer-service": 4}}, 422),  # a field that does not exist is refused, not dropped
    ({"years": {"operations": 3}}, 422),
    ({"preferred_scale": 7}, 422),
])
def test_the_planner_refuses_bad_profiles_with_a_4xx(client, content, change, status):
    assert Skill.objects.filter(slug="strategic-planning").exists()
    response = client.post("/api/v1/route", {"target": "chief-operating-officer", **change}, content_type="application/json")
    assert response.status_code == status, response.content
    assert "detail" in response.json()
