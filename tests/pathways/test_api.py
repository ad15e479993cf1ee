import json

import pytest
from django.utils import translation

from pathways.models import MAX_EXPERIENCE_MONTHS, Assessment
from roles.models import Degree, ExperienceArea, Role, Skill

pytestmark = pytest.mark.django_db


def test_the_planner_gives_what_the_result_page_shows_and_stores_nothing(client, content):
    target = Role.objects.get(slug="chief-operating-officer")
    skills = list(target.role_skills.select_related("skill")[:4])
    ratings = {rs.skill.slug: min(5, rs.required_level - 1) for rs in skills}
    form = {
        "position": "operations-supervisor",
        "role_years": 1,
        "role_months": 6,
        "still_in_role": "yes",
        "degree_level": "bachelor",
        "degree_field": "operations",
        "years_operations": 3,
        "years_people": 2,
        "years_customer-service": 0,
        "years_facilities": 0,
        "years_business": 0,
        "preferred_sector": "services",
        "preferred_scale": 3,
        "consent": "on",
        **{f"skill_{rs.skill_id}": ratings[rs.skill.slug] for rs in skills},
        **{f"skill_{rs.skill_id}": 0 for rs in target.role_skills.exclude(pk__in=[s.pk for s in skills])},
    }
    redirect = client.post("/assessment/?target=chief-operating-officer", form)
    assert redirect.status_code == 303
    page = client.get(redirect["Location"]).context["result"]
    saved = Assessment.objects.count()

    answer = client.post(
        "/api/v1/route",
        {
            "target": "chief-operating-officer",
            "current_role": "operations-supervisor",
            "months_in_role": 18,
            "degree_level": "bachelor",
            "degree_field": "operations",
            "experience_months": {"operations": 36, "people": 24},
            "preferred_sector": "services",
            "preferred_scale": 3,
            "ratings": {**{rs.skill.slug: 0 for rs in target.role_skills.select_related("skill")}, **ratings},
        },
        content_type="application/json",
    )

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["total"] == page.total
    assert [(p["weight"], p["value"], p["points"]) for p in body["parts"]] == [(p.weight, p.value, p.points) for p in page.parts]
    assert [g["skill"] for g in body["gaps"]] == [g.skill.slug for g in page.gaps]
    assert [(s["kind"], s["role"], s["min_months"]) for s in body["best"]["steps"]] == [
        (row.kind, row.role.slug if row.role else None, row.min_months) for row in page.best.rows
    ]
    assert (body["band"], body["time_to_ready"]) == (page.band, page.time_to_ready)
    assert len(body["alternatives"]) == len(page.alternatives)
    assert [(c["role"], c["total"], c["direction"]) for c in body["closest"]] == [
        (c.role.slug, c.total, c.direction) for c in page.closest
    ]
    assert [(g["skill"], g["stage"]) for g in body["gaps"]] == [(g.skill.slug, g.stage) for g in page.gaps]
    assert {g["stage"] for g in body["gaps"]} <= {"entry", "growth"}
    assert body["months_to_ready"] == {
        "min_months": page.months_to_ready[0],
        "max_months": page.months_to_ready[1],
        "estimate": True,
    }
    assert body["holds_target"] is False and body["recency_percent"] is None
    assert Assessment.objects.count() == saved


def test_every_duration_the_planner_gives_is_marked_an_estimate_with_what_it_rests_on(client, content):
    """As the pages do: each route and step says its months are the team's estimate, each step what they rest on,
    and the figures the durations are built from come with their justification, in the language asked."""
    body = {"target": "executive-director-of-operations", "experience_months": {"operations": 6}, "ratings": {}}
    applying = {  # a manager who may apply once two skills are raised: a stay with no move of its own
        "target": "executive-director-of-operations",
        "current_role": "operations-manager",
        "months_in_role": 120,
        "degree_level": "bachelor",
        "degree_field": "business-management",
        "experience_months": {"operations": 120, "people": 120, "facilities": 12},
        "ratings": {"daily-supervision": 3, "team-leadership": 3},
    }
    answers = {
        (language, index): client.post(
            "/api/v1/route", request, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
        ).json()
        for language in ("fr", "en")
        for index, request in enumerate((body, applying))
    }
    for answer in answers.values():
        routes = [answer["best"], *answer["alternatives"]]
        assert routes[0] and answer["months_to_ready"]["estimate"] is True
        assert answer["months_to_ready"]["max_months"] == routes[0]["max_months"]
        for route in routes:
            assert route["estimate"] is True
            for step in route["steps"]:
                assert step["estimate"] is True
                if step["kind"] != "target" and step["max_months"]:
                    assert step["basis"]
        assert {e["key"] for e in answer["estimates"]} and all(e["justification"] for e in answer["estimates"])
    french, english = (answers[language, 0]["best"]["steps"][0]["basis"] for language in ("fr", "en"))
    assert french != english and "estimation" in french.lower() and "estimate" in english.lower()


def test_the_new_outputs_are_documented(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    response = schemas["RouteResponse"]["properties"]
    for name in ("months_to_ready", "recency_percent", "holds_target", "estimates", "entry_answers_missing", "highest"):
        assert response[name].get("description"), name
    assert schemas["Gap"]["properties"]["stage"]["description"]
    for schema in ("Step", "RouteOut", "MonthsToReady"):
        assert "estimate" in schemas[schema]["properties"]["estimate"]["description"]


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"target": "nope"}, 404),
        ({"degree_level": "master"}, 422),
        ({"ratings": {"no-such-skill": 3}}, 422),
        ({"ratings": {"strategic-planning": 9}}, 422),
        ({"experience_months": {"operations": -1}}, 422),
        ({"experience_months": {"customer-service": 4}}, 422),  # a field that does not exist is refused, not dropped
        ({"years": {"operations": 3}}, 422),
        ({"preferred_scale": 7}, 422),
    ],
)
def test_the_planner_refuses_bad_profiles_with_a_4xx(client, content, change, status):
    assert Skill.objects.filter(slug="strategic-planning").exists()
    response = client.post("/api/v1/route", {"target": "chief-operating-officer", **change}, content_type="application/json")
    assert response.status_code == status, response.content
    assert "detail" in response.json()


def test_an_oversized_body_gets_a_json_413_and_an_unknown_field_a_422_naming_it(client, content, settings):
    settings.DEBUG = True  # the answer must not depend on the debug setting
    huge = '{"target": "chief-operating-officer", "padding": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'
    too_big = client.post("/api/v1/route", huge, content_type="application/json")
    assert too_big.status_code == 413 and too_big.json()["code"] == "body_too_large"
    typo = client.post(
        "/api/v1/route",
        {"target": "chief-operating-officer", "experience_months": {"customer-service": 4}},
        content_type="application/json",
    )
    assert typo.status_code == 422
    assert typo.json()["errors"] == [
        {
            "code": "unknown_field",
            "loc": ["body", "experience_months", "customer-service"],
            "message": typo.json()["errors"][0]["message"],
        }
    ]


def plan(client, lang="fr", **change):
    body = {"target": "chief-operating-officer", "current_role": "operations-supervisor", **change}
    return client.post(f"/api/v1/route?lang={lang}", body, content_type="application/json")


def test_the_planner_takes_the_time_in_the_current_role_and_since_leaving_it(client, content):
    assert plan(client, months_in_role=30).status_code == 200
    assert plan(client, months_in_role=30, months_since_left=6).status_code == 200
    assert plan(client, months_in_role=None, months_since_left=None).status_code == 200
    assert plan(client, months_in_role=0, months_since_left=0).status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"months_in_role": -1},
        {"months_in_role": MAX_EXPERIENCE_MONTHS + 1},
        {"months_since_left": -3},
        {"months_since_left": MAX_EXPERIENCE_MONTHS + 1},
        {"months_in_role": "long"},
        {"months_in_role": 2.5},
        {"current_role": None, "months_in_role": 12},  # a time in no role
        {"current_role": None, "months_since_left": 12},
        {"month_in_role": 12},  # a typo is refused, not dropped
    ],
)
def test_the_planner_refuses_a_bad_time_in_a_role(client, content, change):
    response = plan(client, **change)
    assert response.status_code == 422, response.content
    assert "detail" in response.json()


def test_the_time_in_a_role_is_documented(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["RouteRequest"]["properties"]
    for name in ("months_in_role", "months_since_left"):
        field = schema[name]
        assert "current_role" in field["description"]
        assert {"type": "integer", "minimum": 0, "maximum": MAX_EXPERIENCE_MONTHS} in field["anyOf"]
        assert {"type": "null"} in field["anyOf"]


def test_a_target_reserved_to_sizes_the_person_did_not_give_says_so_and_is_never_ready(client, content):
    """The facilities manager's post is reached only in organisations of medium size or more: someone who gives no
    size meets every requirement yet is told which moves are reserved and to what, not "apply now"."""
    target = Role.objects.get(slug="facilities-manager")
    body = {
        "target": target.slug,
        "degree_level": "bachelor",
        "degree_field": "facilities",
        "experience_months": {"operations": 72, "people": 72, "facilities": 132},
        "ratings": {rs.skill.slug: rs.required_level for rs in target.role_skills.select_related("skill")},
    }
    unsized = client.post("/api/v1/route", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert unsized["total"] == 100 and not unsized["ready"] and unsized["band"] != "ready"
    assert unsized["reserved_to"] and all("Medium-sized organisation" in move["text"] for move in unsized["reserved_to"])
    # Beside each text, codes a program can act on: the sizes as preferred_scale names them, the role left.
    assert all((move["min_scale"], move["max_scale"]) == (3, 4) for move in unsized["reserved_to"])
    assert {move["from_role"] for move in unsized["reserved_to"]} <= {None, *Role.objects.values_list("slug", flat=True)}
    sized = client.post(
        "/api/v1/route", {**body, "preferred_scale": 4}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    assert sized["ready"] and sized["band"] == "ready" and sized["reserved_to"] == []


def test_a_move_reserved_to_a_situation_gives_its_code_beside_its_words(client, content):
    """Every way into the family business manager's post asks for a family business: the move names the situation
    as the request's `circumstances` does, so a program can offer to declare it; declared, the move is open."""
    closed = client.post("/api/v1/route", {"target": "family-business-manager"}, content_type="application/json").json()
    (move,) = closed["reserved_to"]
    assert move["text"].startswith("Études ou autre domaine → Dirigeant d’entreprise familiale")
    assert move["text"].endswith("J’ai une entreprise familiale à diriger ou à reprendre")
    assert (move["from_role"], move["circumstance"], move["min_scale"], move["max_scale"]) == (
        None,
        "family-business",
        None,
        None,
    )
    declared = {"target": "family-business-manager", "circumstances": [move["circumstance"]]}
    assert client.post("/api/v1/route", declared, content_type="application/json").json()["reserved_to"] == []


@pytest.mark.parametrize(
    "change",
    [
        {"experience_months": {"operations": "72"}},  # a number in a string is not a number
        {"experience_months": {"operations": True}},
        {"months_in_role": "12"},
        {"ratings": {"strategic-planning": True}},
        {"ratings": {"strategic-planning": "3"}},
        {"ratings": {"strategic-planning": 3.5}},
        {"preferred_scale": "3"},
    ],
)
def test_the_planner_takes_each_value_only_with_the_type_its_schema_says(client, content, change):
    response = plan(client, **{"months_in_role": 12, **change})
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["code"] in {"wrong_type", "not_a_choice"}


def test_a_whole_number_written_with_a_decimal_point_is_that_number_as_json_schema_counts_it(client, content):
    as_integers = plan(client, months_in_role=12, ratings={"strategic-planning": 3}, experience_months={"operations": 72})
    with_points = plan(client, months_in_role=12.0, ratings={"strategic-planning": 3.0}, experience_months={"operations": 72.0})
    assert with_points.status_code == 200, with_points.content
    assert with_points.json() == as_integers.json()


def test_a_body_must_say_it_is_json(client, content):
    body = json.dumps({"target": "chief-operating-officer"})
    assert client.post("/api/v1/route", body, content_type="application/json").status_code == 200
    for content_type in ("text/plain", "application/x-www-form-urlencoded"):
        refused = client.post("/api/v1/route", body, content_type=content_type)
        assert (refused.status_code, refused.json()["code"]) == (415, "not_json")


def test_ratings_are_a_map_of_slugs_to_levels_a_generator_can_read_and_still_count(client, content):
    """The document gives the levels' type where every generator looks (additionalProperties), and ratings sent
    as before still move the score."""
    ratings = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["RouteRequest"]["properties"]["ratings"]
    assert ratings["additionalProperties"] == {"type": "integer", "minimum": 0, "maximum": 5}
    assert ratings["propertyNames"]["type"] == "string" and ratings["propertyNames"]["pattern"]
    assert "patternProperties" not in ratings
    target = Role.objects.get(slug="chief-operating-officer")
    asked = {rs.skill.slug: rs.required_level for rs in target.role_skills.select_related("skill")}
    low, rated = plan(client, ratings=dict.fromkeys(asked, 0)).json(), plan(client, ratings=asked).json()
    assert rated["not_assessed"] == [] and [gap["skill"] for gap in low["gaps"]]
    assert rated["total"] > low["total"]


def test_the_closest_roles_give_their_direction_as_a_code_beside_the_words(client, content):
    target = Role.objects.get(slug="chief-operating-officer")
    ratings = {rs.skill.slug: 2 for rs in target.role_skills.select_related("skill")}
    body = {"current_role": "operations-supervisor", "experience_months": {"operations": 36}, "ratings": ratings}
    french, english = (plan(client, **body, lang=language).json()["closest"] for language in ("fr", "en"))
    assert french and [c["direction_code"] for c in french] == [c["direction_code"] for c in english]
    assert {c["direction_code"] for c in french} <= {"up", "lateral", "down"}
    assert all(c["direction"] for c in french) and [c["direction"] for c in french] != [c["direction"] for c in english]


def test_the_answer_names_what_its_slugs_stand_for_in_the_language_asked(client, content):
    """Readable on its own: each skill, role and degree the answer gives by slug has its name beside it, and each
    text beside a code (the cap's reason) changes with the language while the code does not."""
    target = Role.objects.get(slug="chief-operating-officer")
    asked = sorted(target.role_skills.values_list("skill__slug", flat=True))
    body = {"experience_months": {"operations": 36}, "ratings": dict.fromkeys(asked[: len(asked) // 2], 1)}
    answers = {language: plan(client, lang=language, **body).json() for language in ("fr", "en")}
    for language, answer in answers.items():
        with translation.override(language):
            skills = {skill.slug: skill.name for skill in Skill.objects.all()}
            roles = {role.slug: role.display_title for role in Role.objects.all()}
            degrees = {degree.slug: degree.name for degree in Degree.objects.all()}
        assert answer["target_title"] == roles[target.slug]
        named_skills = [*answer["gaps"], *answer["not_assessed"]]
        steps = [step for route in (answer["best"], *answer["alternatives"]) for step in route["steps"]]
        for step in steps:
            named_skills += step["skills"]
            assert step["title"] and step["role_title"] == roles.get(step["role"])
            assert step["degree_name"] == degrees.get(step["degree"])
        for closest in answer["closest"]:
            assert closest["title"] == roles[closest["role"]]
            named_skills += closest["shared_skills"]
        assert answer["gaps"] and answer["not_assessed"] and any(step["skills"] for step in steps)
        assert any(step["degree"] for step in steps) and answer["closest"]
        assert all(item["name"] == skills[item["skill"]] for item in named_skills)
    french, english = answers["fr"]["cap"], answers["en"]["cap"]
    assert french["code"] == english["code"] and french["code"] in {"skills", "degree", "experience"}
    assert french["reason"] != english["reason"] and french["points"] == english["points"] < 0


def test_the_cap_code_names_the_entry_requirement_furthest_off(client, content):
    target = Role.objects.get(slug="chief-operating-officer")
    asked = {rs.skill.slug: rs.required_level for rs in target.role_skills.select_related("skill")}
    experienced = {"operations": 240, "people": 240, "facilities": 120, "business": 120}
    degree = {"degree_level": "master", "degree_field": "business-management"}
    no_skills = plan(client, **degree, experience_months=experienced, ratings=dict.fromkeys(asked, 0)).json()
    no_experience = plan(client, **degree, ratings=asked).json()
    assert (no_skills["cap"]["code"], no_experience["cap"]["code"]) == ("skills", "experience")


def test_the_experience_areas_name_the_fields_the_planner_takes_and_the_codes_it_answers_with(client, content):
    areas = {language: client.get(f"/api/v1/experience-areas?lang={language}").json() for language in ("fr", "en")}
    assert [a["area"] for a in areas["fr"]] == [a["area"] for a in areas["en"]] == list(ExperienceArea.values)
    assert [a["label"] for a in areas["fr"]] != [a["label"] for a in areas["en"]]
    body = {"target": "chief-operating-officer", "experience_months": {area["field"]: 1 for area in areas["en"]}}
    answer = client.post("/api/v1/route", body, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert set(answer.json()["experience_missing"]) <= {area["area"] for area in areas["en"]}
    assert answer.json()["experience_missing"]
