"""ESCO's attribution, as its terms ask: wherever ESCO's data is shown, on pages and in the API; nowhere else."""

import pytest

from roles.models import Origin, Role, Skill, Source
from tests.esco import files as esco_files
from tests.esco.command import import_esco
from tests.html import page_of

pytestmark = pytest.mark.django_db

PLANT = f"{esco_files.ESCO}occupation/00000000-0000-4000-8000-0000000000a1"
FRENCH = "ESCO — classification européenne des aptitudes, compétences, certifications et professions, © Union européenne"
ENGLISH = "ESCO — European Skills, Competences, Qualifications and Occupations, © European Union"
API = f"{FRENCH}, https://esco.ec.europa.eu/"  # the API's texts follow Accept-Language, French by default
TEAMS = "chief-operating-officer"


@pytest.fixture
def imported(content, tmp_path) -> Role:
    import_esco(esco_files.write(tmp_path / "esco", esco_files.sample()))
    return Role.objects.get(esco_uri=PLANT)


def attribution(client, path: str):
    """The attribution's link on the page, or None."""
    response = client.get(path)
    assert response.status_code == 200, path
    return page_of(response).select_one(".esco-attribution a")


def test_pages_showing_esco_data_credit_esco_with_a_link(client, imported):
    team_source = Source.objects.exclude(file_name__startswith="esco-v").first()
    showing = [
        imported.get_absolute_url(),
        "/roles/",  # the team's roles, then the imported ones
        "/roles/?q=usine",
        f"/compare/?roles={TEAMS}&roles={imported.slug}",
        "/roles/isco/",
        "/roles/isco/1321/",
        "/sources/esco-v1-2/",
        f"/assessment/?target={imported.slug}",
    ]
    for path in showing:
        link = attribution(client, path)
        assert link is not None, path
        assert link.get_text(" ", strip=True) == FRENCH, path
        assert link["href"] == "https://esco.ec.europa.eu/", path
    not_showing = [
        "/",
        f"/roles/{TEAMS}/",
        "/roles/?q=chief+operating+officer+coo",
        f"/compare/?roles={TEAMS}&roles=executive-director-of-operations",
        team_source.get_absolute_url(),
        f"/assessment/?target={TEAMS}",
        "/assessment/",
    ]
    for path in not_showing:
        assert attribution(client, path) is None, path


def test_the_list_credits_esco_only_on_a_page_with_an_imported_role(client, content):
    assert attribution(client, "/roles/") is None
    assert attribution(client, "/roles/isco/") is None  # no ISCO group imported yet


def test_a_team_role_asking_for_a_skill_from_esco_credits_esco(client, imported):
    coo = Role.objects.get(slug=TEAMS)
    coo.role_skills.create(skill=Skill.objects.get(origin=Origin.IMPORTED, name_en="lean management"))
    assert attribution(client, coo.get_absolute_url()) is not None
    assert client.get(f"/api/v1/roles/{TEAMS}").json()["attribution"] == API


def test_english_pages_and_answers_credit_esco_in_english(client, imported):
    """Needs the English catalogue rebuilt with this branch's strings (make messages)."""
    assert attribution(client, f"/en{imported.get_absolute_url()}").get_text(" ", strip=True) == ENGLISH
    answer = client.get(f"/api/v1/roles/{imported.slug}", headers={"accept-language": "en"}).json()
    assert answer["attribution"] == f"{ENGLISH}, https://esco.ec.europa.eu/"


def test_the_api_credits_esco_in_answers_that_carry_its_data(client, imported):
    assert client.get(f"/api/v1/roles/{imported.slug}").json()["attribution"] == API
    assert client.get(f"/api/v1/roles/{TEAMS}").json()["attribution"] is None
    listed = {role["slug"]: role["attribution"] for role in client.get("/api/v1/roles?page_size=100").json()["items"]}
    assert listed[imported.slug] == API and listed[TEAMS] is None
    assert client.get(f"/api/v1/compare?roles={TEAMS}&roles={imported.slug}").json()["attribution"] == API
    assert client.get(f"/api/v1/compare?roles={TEAMS}&roles=executive-director-of-operations").json()["attribution"] is None
