"""Starting from any ESCO job: the search that finds it, the skills it offers to confirm, and the bridge into the
team's ladder on the result, on the API and in the route finder."""

import pytest

from careerpath.cache import renew_content_version
from pathways.bridges import ESSENTIAL_IN_JOB_LEVEL, bridges_from, ladder_role_of
from pathways.catalogue import catalogue_for, profile_from, read_catalogue
from pathways.evaluation import evaluate
from pathways.models import Assessment
from roles.models import Importance, Neighbour, NeighbourCalibration, Origin, Role, RoleSkill, Skill, Viability
from tests.assessments import answers
from tests.esco import files as esco_files
from tests.esco.command import import_esco
from tests.factories import RoleFactory, SkillFactory
from tests.html import page_of, text_of

pytestmark = pytest.mark.django_db

OCCUPATION = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
COO = "chief-operating-officer"
GROUP = "S4.2"  # every skill here in one level-2 group: the activity profiles of any two occupations are alike (1.0)


def occupation(title_en: str, title_fr: str, uri: str | None = None, **fields) -> Role:
    return RoleFactory(
        title_en=title_en,
        title_fr=title_fr,
        origin=Origin.IMPORTED,
        level=None,
        esco_uri=uri or f"{OCCUPATION}{title_en.replace(' ', '-')}",
        esco_code=fields.pop("esco_code", "1324.1"),
        **fields,
    )


def needs(role: Role, essential=(), optional=()) -> None:
    for skill in essential:
        RoleSkill.objects.create(role=role, skill=skill, importance=Importance.ESSENTIAL, required_level=None)
    for skill in optional:
        RoleSkill.objects.create(role=role, skill=skill, importance=Importance.USEFUL, required_level=None)


def esco_skill(name_en: str, uri: str | None = None, group: str = GROUP) -> Skill:
    return SkillFactory(
        name_en=name_en, name_fr=f"{name_en} (fr)", esco_uri=uri or f"{SKILL}{name_en.replace(' ', '-')}", hierarchy_group=group
    )


@pytest.fixture
def world(content):
    """A warehouse manager's job and ESCO's operations manager (the team's operations manager's twin, by the URI the
    content names), the warehouse's essential skill "supervise staff" being one the COO's team skill covers."""
    coo = Role.objects.get(slug=COO)
    covered = next(rs.skill for rs in coo.role_skills.select_related("skill") if rs.required_level and rs.skill.esco_skills)
    team_ops = Role.objects.get(slug="operations-manager")
    staff = esco_skill("supervise staff", covered.esco_skills[0])
    budgets, stock, planning = esco_skill("manage budgets"), esco_skill("control stock"), esco_skill("plan operations")
    warehouse = occupation("warehouse manager", "responsable d’entrepôt")
    twin = occupation("operations manager", "directeur des opérations", team_ops.esco_occupation_id)
    needs(warehouse, essential=[staff, stock], optional=[budgets])
    needs(twin, essential=[staff, budgets, planning])
    NeighbourCalibration.objects.create(occupations=2, viable=0.1, highly_viable=0.3)
    renew_content_version()
    return {"warehouse": warehouse, "twin": twin, "team_ops": team_ops, "covered": covered, "skills": (staff, budgets, planning)}


def test_a_job_next_to_the_twin_of_a_team_role_bridges_into_it_with_the_hand_computed_similarity(world):
    """warehouse → twin: the twin's essential skills are {staff, budgets, planning}; the warehouse uses staff
    essentially and budgets optionally. Essential overlap 1/3, all skills against essential 2/3, activities 1 (one
    group): the similarity is (1/3 + 2/3 + 1) / 3 = 2/3, above the 0.3 of "highly viable"."""
    (bridge,) = bridges_from(world["warehouse"].pk)
    staff, budgets, planning = world["skills"]
    (step,) = bridge.steps
    assert bridge.role_id == world["team_ops"].pk
    assert step.similarity == pytest.approx(2 / 3, abs=1e-3)
    assert step.viability == Viability.HIGHLY_VIABLE
    assert set(step.carried) == {staff.pk, budgets.pk} and step.to_gain == (planning.pk,)


def test_a_twin_is_the_team_role_itself_and_needs_no_bridge(world):
    assert ladder_role_of(world["twin"].pk) == world["team_ops"].pk
    assert bridges_from(world["twin"].pk) == ()
    profile = profile_from(
        ratings={}, degree_level="", degree_field="", experience={}, sector="both", scale=None, current_role_id=world["twin"].pk
    )
    assert profile.current_role_id == world["team_ops"].pk


def test_a_job_two_viable_moves_away_bridges_through_the_neighbour_closest_to_the_twin(world):
    staff, budgets, planning = world["skills"]
    # Driving is another activity (group S6.1): nothing of the driver's job is like the twin's, by skill or activity.
    far, near = esco_skill("drive forklifts", group="S6.1"), esco_skill("load trucks", group="S6.1")
    driver = occupation("truck driver", "chauffeur")
    needs(driver, essential=[far, near])
    dispatcher = occupation("dispatcher", "répartiteur")
    needs(dispatcher, essential=[near, staff], optional=[budgets, planning])
    # The driver's stored neighbours: the dispatcher (viable), nothing reaching the twin directly.
    Neighbour.objects.create(
        origin=driver, destination=dispatcher, rank=1, similarity=0.5, viability=Viability.HIGHLY_VIABLE, to_gain=[staff.pk]
    )
    renew_content_version()

    bridge = next(bridge for bridge in bridges_from(driver.pk) if bridge.role_id == world["team_ops"].pk)

    assert bridge.occupation_ids == (driver.pk, dispatcher.pk, world["twin"].pk)
    assert [step.viability for step in bridge.steps] == [Viability.HIGHLY_VIABLE, Viability.HIGHLY_VIABLE]


def routes_shown(result) -> list:
    return [route for route in (result.routes.best, *result.routes.alternatives) if route]


def test_a_route_from_the_job_begins_with_the_bridge_and_its_months_rest_on_the_skills_to_gain(world):
    catalogue = read_catalogue()
    profile = profile_from(
        ratings={},
        degree_level="master",
        degree_field="business-management",
        experience={"operations": 12},
        sector="both",
        scale=None,
        current_role_id=world["warehouse"].pk,
    )
    bridged = catalogue_for(profile)
    result = evaluate(bridged, profile, Role.objects.get(slug=COO).pk)

    bridged_legs = [
        route.legs[0] for route in routes_shown(result) if route.legs[0].transition and route.legs[0].transition.bridge
    ]
    assert bridged_legs, [route.role_ids for route in routes_shown(result)]
    (first,) = bridged_legs
    assert first.to_role_id == world["team_ops"].pk
    low, high = first.transition.bridge.months(catalogue.estimates.skill_level_months)
    assert (low, high) == (6, 12)  # one skill to gain on a highly viable move: one to two periods of a skill level
    assert first.min_months >= low and first.max_months >= high


def test_the_search_finds_the_job_despite_a_typo_and_no_accents_and_lists_it_to_choose(client, world):
    page = page_of(client.get("/assessment/", {"target": COO, "job": "responsable dentrepot"}))
    choices = {option["value"]: text_of(option.parent) for option in page.select("input[name=current]")}
    assert world["warehouse"].slug in choices
    assert "ESCO 1324.1" in choices[world["warehouse"].slug]
    assert page.select_one(".esco-attribution") is not None

    typo = page_of(client.get("/assessment/", {"target": COO, "job": "warehous manger"}))
    assert world["warehouse"].slug in [option["value"] for option in typo.select("input[name=current]")]


def test_words_that_find_nothing_say_so_and_let_the_person_go_on(client, world):
    response = client.get("/assessment/", {"target": COO, "job": "xqzwv"})
    page = page_of(response)
    assert response.status_code == 200
    assert "Aucun métier ne correspond à « xqzwv »" in text_of(page).replace("\xa0", " ")
    assert page.select_one("form.job-choice button").get_text(strip=True) == "Commencer sans métier"


def test_the_skills_the_job_uses_are_offered_checked_with_the_reason_and_nothing_else_is(client, world):
    page = page_of(client.get("/assessment/", {"target": COO, "current": world["warehouse"].slug}))
    covered = f"skill_{world['covered'].pk}"
    checked = {
        radio["name"]: radio["value"] for radio in page.select("input[type=radio][checked]") if radio["name"].startswith("skill_")
    }
    assert checked == {covered: str(ESSENTIAL_IN_JOB_LEVEL)}
    (note,) = [text_of(tag) for tag in page.select(".form-text, .helptext") if "Proposé au niveau" in tag.get_text()]
    assert "supervise staff (fr)" in note and "Vérifiez" in note
    position = page.select_one("select[name=position] option[selected]")
    assert position["value"] == world["warehouse"].slug


def test_the_result_from_an_esco_job_shows_the_bridge_with_the_skills_carried_and_to_gain(client, world):
    data = answers(
        client,
        COO,
        position=world["warehouse"].slug,
        role_years=4,
        role_months=0,
        still_in_role="yes",
        years_operations=1,
    )
    response = client.post(f"/assessment/?target={COO}&current={world['warehouse'].slug}", data)
    assert response.status_code == 303
    assessment = Assessment.objects.get()
    assert assessment.current_role == world["warehouse"]

    page = page_of(client.get(response["Location"]))
    start = next(step for step in page.select(".route-step-start") if step.select_one(".bridge"))
    text = text_of(start).replace("\xa0", " ")
    assert "Responsable d’entrepôt" in text
    assert "Passage très accessible : les compétences des deux métiers dans ESCO se ressemblent à 0,67 sur 1" in text
    assert "Compétences essentielles que vous emportez : " in text and "supervise staff (fr)" in text
    assert "Compétences essentielles à acquérir : plan operations (fr)" in text
    assert page.select_one(".esco-attribution") is not None
    bridged_route = start.find_parent("section").select_one("h3")["id"]
    plan = page_of(client.get(client.post(f"/assessment/{assessment.pk}/plan/", {"route": bridged_route})["Location"]))
    assert "supervise staff (fr)" in text_of(plan) and plan.select_one(".esco-attribution") is not None

    english = text_of(page_of(client.get(f"/en{response['Location']}")).select_one(".route-step-start .bridge"))
    assert "Essential skills you take with you" in english and "plan operations" in english


def test_the_api_plans_a_route_from_an_esco_job(client, world):
    response = client.post(
        "/api/v1/route",
        {"target": COO, "current_role": world["warehouse"].slug, "experience_months": {"operations": 12}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    routes = [response.json()["best"], *response.json()["alternatives"]]
    first = next(route["steps"][0] for route in routes if route["steps"][0]["closeness"])
    assert (first["role"], first["role_title"]) == (world["warehouse"].slug, world["warehouse"].display_title)
    assert first["to_gain"] == [{"skill": world["skills"][2].slug, "name": world["skills"][2].name}]
    assert {skill["skill"] for skill in first["carried"]} == {world["skills"][0].slug, world["skills"][1].slug}
    # The closeness in words, with its band as a code and its measure beside it.
    assert 0 <= first["similarity"] <= 1
    assert str(Viability(first["viability"]).label).lower() in first["closeness"]


def test_a_job_one_of_our_roles_stands_for_is_listed_once_as_that_role(client, world):
    page = page_of(client.get("/assessment/", {"target": COO, "job": "operations manager"}))
    listed = [option["value"] for option in page.select("input[name=current]")]
    assert world["team_ops"].slug in listed and world["twin"].slug not in listed


def test_a_stale_choice_of_job_says_what_to_do(client, world):
    response = client.get("/assessment/", {"target": COO, "current": "no-such-job"})
    assert response.status_code == 400
    assert "Ce métier n’existe pas ou n’est plus publié" in text_of(page_of(response))


def test_from_the_job_a_role_standing_for_an_esco_occupation_is_entered_by_the_bridge_never_applied_to_straight(world):
    """A warehouse manager with the experience the operations manager asks still crosses the bridge: ESCO measures how
    far the job is from it."""
    profile = profile_from(
        ratings={},
        degree_level="master",
        degree_field="business-management",
        experience={"operations": 120, "people": 120},
        sector="both",
        scale=None,
        current_role_id=world["warehouse"].pk,
    )
    result = evaluate(catalogue_for(profile), profile, world["team_ops"].pk)
    (leg,) = result.routes.best.legs
    assert leg.transition is not None and leg.transition.bridge is not None


def test_a_route_from_an_occupation_imported_from_esco_downloads_bridges_into_the_ladder(content, tmp_path):
    """ESCO's own files, built here: a plant manager (standing for the team's operations manager, by the URI the
    content names), a production shift leader and a quality inspector in one ISCO unit group. The import computes
    the neighbours and calibrates "viable" on that group (the mean of its six moves: (1 + 1 + 0.5 + 0 + 0 + 0) / 6,
    rounded: 0.42); the shift leader's move to the plant manager (1.0: the same essential skill, the same activity)
    is viable, so their route begins with the bridge into the operations manager."""
    data = esco_files.sample()
    team_ops = Role.objects.get(slug="operations-manager")
    plant, shift = data.occupations
    plant.uri = team_ops.esco_occupation_id
    _plan, lean = data.skills
    inspector = esco_files.Occupation(
        f"{esco_files.ESCO}occupation/00000000-0000-4000-8000-0000000000a3",
        "1321",
        {"fr": "contrôleur qualité", "en": "quality inspector"},
        {"fr": [], "en": []},
        {"fr": "Contrôle la production.", "en": "Inspects production."},
    )
    data.occupations.append(inspector)
    data.relations.append(esco_files.Relation(inspector, lean, True))
    import_esco(*esco_files.write_downloads(tmp_path / "downloads", data))

    assert NeighbourCalibration.objects.get().viable == pytest.approx(0.42)
    job = Role.objects.get(esco_uri=shift.uri)
    (bridge,) = bridges_from(job.pk)
    assert bridge.role_id == team_ops.pk and bridge.steps[0].viability == Viability.VIABLE
    profile = profile_from(
        ratings={}, degree_level="", degree_field="", experience={}, sector="both", scale=None, current_role_id=job.pk
    )
    result = evaluate(catalogue_for(profile), profile, team_ops.pk)
    assert any(route.legs[0].transition and route.legs[0].transition.bridge for route in routes_shown(result))
