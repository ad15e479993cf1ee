"""Worked personas (issue 21): people a career counsellor meets in France, with the band and the route shape
the counsellor expects and what it rests on (personas.toml beside this file). Each persona is typed into the
route planner as the site asks it, in French and in English, and the answer must meet the counsellor's
expectation: the band (or a neighbour the counsellor accepts), the quickest route's roles in order, and what
the counsellor says must not appear. Each test's docstring is the counsellor's reasoning, quoted from the
articles (../shared/sources/, also roles/content/sources/)."""

import tomllib
from pathlib import Path

import pytest

from roles.models import Role

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent
PERSONAS = tomllib.loads((HERE / "personas.toml").read_text(encoding="utf-8"))["personas"]
# The site asks every skill of the target; what each persona would type for the skills its record leaves unrated
# (and not blank on purpose), written by a second counsellor from the record alone.
COMPLETED_RATINGS = tomllib.loads((HERE / "persona_ratings.toml").read_text(encoding="utf-8"))
SOURCES = Path(__file__).resolve().parents[2] / "roles" / "content" / "sources"
LANGUAGES = ("fr", "en")
DEGREE_LEVEL = {"none": None, "bac+2": "short-cycle", "bachelor": "bachelor", "master": "master"}
DEGREE_LEVEL |= {"engineering": "engineering", "MBA": "mba"}
SCALE = {"micro": 1, "small": 2, "medium": 3, "large": 4, "unknown": None}
FAMILY_BUSINESS = "family-business-manager"


def site_role(persona: dict, role: str) -> str | None:
    """A role of a persona's words as the site knows it: an outside job is the site role the counsellor maps it
    to (none when it sits below every site role), studies are no role."""
    if role == "studies":
        return None
    if role.startswith("outside:"):
        closest = persona["answers"]["closest_site_role"]
        return None if closest == "none" else closest
    return role


def ratings_of(persona: dict) -> dict[str, int]:
    """The persona's own ratings, completed where the record leaves a skill unrated but not blank on purpose."""
    answers = persona["answers"]
    completed = {
        skill: level
        for skill, level in COMPLETED_RATINGS.get(persona["id"], {}).items()
        if skill not in answers.get("ratings_blank_on_purpose", ())
    }
    return completed | answers["ratings"]


def request_of(persona: dict) -> dict:
    """The persona's answers as the route planner's body: ratings of the target's skills only (a skill the
    persona does not rate is left blank), areas with no months left out."""
    answers, site = persona["answers"], persona["site"]
    target = Role.objects.get(slug=answers["target_role"])
    asked = set(target.role_skills.values_list("skill__slug", flat=True))
    level = DEGREE_LEVEL[answers["degree_level"]]
    body = {
        "target": target.slug,
        "current_role": site_role(persona, answers["current_role"]),
        "degree_level": level,
        "degree_field": site["degree_field"] if level else None,
        "experience_months": {area.replace("-", "_"): n for area, n in answers["experience_months"].items() if n},
        "preferred_sector": answers["sector"],
        "preferred_scale": SCALE[answers["scale"]],
        "ratings": {skill: level for skill, level in ratings_of(persona).items() if skill in asked},
        "circumstances": site.get("circumstances", answers["circumstances"]),
    }
    if body["current_role"]:
        body["months_in_role"] = site.get("months_in_role", answers.get("months_in_role", 0))
        body["months_since_left"] = answers.get("months_since_left")
    return body


def planned(client, persona: dict, language: str) -> dict:
    response = client.post("/api/v1/route", request_of(persona), content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    assert response["Content-Language"] == language
    return response.json()


def roles_moved_to(route: dict) -> list[str]:
    """The roles a route moves the person to, in order, ending with the target."""
    return [step["role"] for step in route["steps"] if step["kind"] in ("role", "target")]


def counsellors_moves(persona: dict) -> list[str]:
    """The counsellor's route as the roles to move to: their route without the role the person is in at its head
    (which there means "stay there first", the route's start step)."""
    route = [site_role(persona, role) for role in persona["expected"]["route"]]
    current = site_role(persona, persona["answers"]["current_role"])
    return route[1:] if route and current and route[0] == current and len(route) > 1 else route


def routes_shown(answer: dict) -> list[dict]:
    return [answer["best"], *answer["alternatives"]] if answer["best"] else []


def assert_shape(persona: dict, answer: dict) -> None:
    """The quickest route has the counsellor's shape: apply now (no role before the target, no experience to
    gain where the person is: at most skills to raise while applying), or the counsellor's roles in order."""
    expected = persona["expected"]
    target = persona["answers"]["target_role"]
    if expected["route_shape"] == "apply-now":
        assert expected["route"] == [target]
        answers = persona["answers"]
        holding = site_role(persona, answers["current_role"]) == target and "months_since_left" not in answers
        if answer["ready"] or (holding and answer["best"] is None):  # holding the role, the gaps are to grow in it
            return
        steps = answer["best"]["steps"]
        assert [step["kind"] for step in steps] in (["target"], ["start", "target"])
        assert all(not step["experience_missing"] for step in steps)
        return
    assert answer["best"], "a route is expected"
    assert not answer["ready"]
    assert roles_moved_to(answer["best"]) == counsellors_moves(persona)
    if expected["route_shape"] == "stay-and-grow":
        assert answer["best"]["steps"][0]["kind"] == "start"


def assert_must_not(persona: dict, answer: dict) -> None:
    """What the counsellor says must not appear, where it can be checked mechanically."""
    site, answers = persona["site"], persona["answers"]
    shown = routes_shown(answer)
    moved_to = {step["role"] for route in shown for step in route["steps"] if step["kind"] in ("role", "target")}
    assert not moved_to & set(site["never_roles"])
    if "family-business" not in answers["circumstances"]:
        assert FAMILY_BUSINESS not in moved_to
    for role in site.get("shows_roles", []):
        assert role in moved_to
    if site.get("no_degree_step"):
        assert all(step["kind"] != "degree" for route in shown[:1] for step in route["steps"])
    if site.get("degree_met"):
        assert not answer["degree_missing"]


def persona_test(persona: dict):
    @pytest.mark.parametrize("language", LANGUAGES)
    def test(client, content, language):
        answer = planned(client, persona, language)
        expected = persona["expected"]
        assert answer["band"] in [expected["band"], *expected.get("band_also_acceptable", [])]
        assert_shape(persona, answer)
        assert_must_not(persona, answer)

    test.__name__ = "test_" + persona["id"].replace("-", "_")
    test.__doc__ = f"{persona['summary_en']}\n\n{persona['expected']['why']}"
    return test


for _persona in PERSONAS:
    globals()[f"test_{_persona['id'].replace('-', '_')}"] = persona_test(_persona)


def test_the_personas_quote_the_articles_verbatim():
    """What each persona rests on is in the articles, word for word."""
    texts = {path.name: path.read_text(encoding="utf-8") for path in SOURCES.glob("*.txt")}
    for persona in PERSONAS:
        for quote in persona["expected"]["quotes"]:
            assert quote["text"] in texts[quote["source"]], (persona["id"], quote["text"])


def pairs_differing_in(field: str) -> list[tuple[dict, dict]]:
    """The counsellors' paired personas (paired_with) whose answers differ in `field` alone."""
    by_id = {persona["id"]: persona for persona in PERSONAS}
    found = []
    for first in PERSONAS:
        second = by_id.get(first.get("paired_with"))
        if second is None or first["id"] > second["id"]:
            continue
        keys = set(first["answers"]) | set(second["answers"])
        differing = {key for key in keys if first["answers"].get(key) != second["answers"].get(key)}
        if differing == {field}:
            found.append((first, second))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_sector_preference_changes_the_route_not_the_band(client, content, language):
    """Two personas who differ in the sector they prefer only get the same band: the band measures how far the
    person is from the role, not their preferences."""
    pairs = pairs_differing_in("sector")
    assert pairs
    for first, second in pairs:
        assert planned(client, first, language)["band"] == planned(client, second, language)["band"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_more_time_served_never_comes_out_worse(client, content, language):
    """Two personas who differ in the months they have served in their role only: the one with more never gets a
    lower band nor a later time to ready."""
    pairs = pairs_differing_in("months_in_role")
    assert pairs
    order = ["far", "on-the-way", "nearly-there", "ready"]
    for pair in pairs:
        fewer, more = sorted(pair, key=lambda persona: persona["answers"]["months_in_role"])
        before, after = planned(client, fewer, language), planned(client, more, language)
        assert order.index(after["band"]) >= order.index(before["band"])
        if before["months_to_ready"] and after["months_to_ready"]:
            assert after["months_to_ready"]["max_months"] <= before["months_to_ready"]["max_months"]
