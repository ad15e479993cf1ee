import pytest

from roles.admin import SKILL_ROWS_SHOWN
from roles.models import ExperienceStep, Origin, Passage, RoleSkill, Stage
from tests.factories import MissionFactory, PassageFactory, RoleFactory, RoleSkillFactory, SkillFactory, SourceFactory
from tests.html import page_of, text_of
from tests.queries import count_queries
from tests.roles.admin_forms import form_data, role_change_form
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


def test_editor_adds_a_skill_with_the_inline_and_it_shows_on_the_profile(client, editor):
    role, skill = RoleFactory(), SkillFactory(name_fr="Négociation avec les fournisseurs")
    sign_in_verified(client, editor)
    url = f"/admin/roles/role/{role.pk}/change/"
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        role_change_form(
            role,
            **{
                "role_skills-TOTAL_FORMS": 1,
                "role_skills-0-skill": skill.pk,
                "role_skills-0-required_level": 4,
                "role_skills-0-importance": "essential",
                "role_skills-0-stage": "growth",
                "role_skills-0-rationale_fr": "Pour les achats.",
                "role_skills-0-stage_basis_fr": "Déduction de l’équipe : la négociation s’apprend avec les premiers contrats.",
            },
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    role_skill = RoleSkill.objects.get(role=role, skill=skill)
    assert (role_skill.required_level, role_skill.stage) == (4, Stage.GROWTH)
    page = client.get(role.get_absolute_url()).content.decode()
    assert "Négociation avec les fournisseurs" in page
    assert "Niveau 4 sur 5" in page
    assert "S’acquiert dans le poste" in page and "la négociation s’apprend avec les premiers contrats" in page


def test_admin_rejects_an_out_of_range_level_with_a_message(client, editor):
    role, skill = RoleFactory(), SkillFactory()
    sign_in_verified(client, editor)
    response = client.post(
        f"/admin/roles/role/{role.pk}/change/",
        role_change_form(
            role,
            **{
                "role_skills-TOTAL_FORMS": 1,
                "role_skills-0-skill": skill.pk,
                "role_skills-0-required_level": 9,
                "role_skills-0-importance": "essential",
            },
        ),
    )
    assert response.status_code == 200
    assert not RoleSkill.objects.filter(role=role).exists()


ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"


def test_an_editor_names_the_esco_occupation_of_a_team_role_before_esco_is_imported(client, editor):
    role = RoleFactory()
    sign_in_verified(client, editor)
    url = f"/admin/roles/role/{role.pk}/change/"
    uri = f"{ESCO_OCCUPATION}c64a6e4e-5b38-4f93-b26d-aded817aeaf3"

    assert client.post(url, role_change_form(role, esco_occupation_uri=uri)).status_code == 302
    role.refresh_from_db()
    assert role.esco_occupation_id == uri
    assert f'value="{uri}"' in client.get(url).content.decode()  # shown again, and kept by the next save
    assert client.post(url, role_change_form(role)).status_code == 302
    role.refresh_from_db()
    assert role.esco_occupation_id == uri


def test_the_admin_refuses_an_esco_occupation_that_is_not_an_occupations_uri(client, editor):
    role = RoleFactory()
    sign_in_verified(client, editor)
    response = client.post(
        f"/admin/roles/role/{role.pk}/change/",
        role_change_form(role, esco_occupation_uri="http://data.europa.eu/esco/skill/abc"),
    )
    assert response.status_code == 200
    assert "Un métier ESCO s’écrit http://data.europa.eu/esco/occupation/" in response.content.decode()
    role.refresh_from_db()
    assert role.esco_occupation_id is None


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/roles/role/",
        "/admin/roles/role/add/",
        "/admin/roles/skill/",
        "/admin/roles/degree/",
        "/admin/roles/roleskill/?stage__exact=growth",
        "/admin/roles/experiencestep/?stage__exact=entry",
        "/en/admin/roles/role/",
    ],
)
def test_admin_pages_open_for_staff(client, editor, content, path):
    sign_in_verified(client, editor)
    assert client.get(path).status_code == 200


def test_editors_review_requirements_by_stage_in_their_lists(client, editor, content):
    sign_in_verified(client, editor)
    growth = client.get("/admin/roles/roleskill/", {"stage__exact": "growth"}).content.decode()
    entry = client.get("/admin/roles/roleskill/", {"stage__exact": "entry"}).content.decode()
    counts = {stage: RoleSkill.objects.filter(stage=stage).count() for stage in Stage.values}
    assert f"{counts['growth']} compétences requises" in growth and f"{counts['entry']} compétences requises" in entry
    steps = client.get("/admin/roles/experiencestep/", {"stage__exact": "growth"}).content.decode()
    assert "Apprendre les plannings de maintenance et d’exploitation" in steps
    assert "à la place d’un diplôme" not in steps  # the alternative steps are entry steps


def test_admin_refuses_an_alternative_step_that_would_grow_in_the_role(client, editor):
    role = RoleFactory()
    sign_in_verified(client, editor)
    step = {
        "steps-0-position": 1,
        "steps-0-kind": "family-business",
        "steps-0-area": "business",
        "steps-0-sector": "both",
        "steps-0-min_months": 60,
        "steps-0-max_months": 120,
        "steps-0-min_scale": 1,
        "steps-0-max_scale": 4,
        "steps-0-is_alternative": "on",
        "steps-0-title_fr": "Diriger une importante entreprise familiale",
    }
    form = role_change_form(role, **{"steps-TOTAL_FORMS": 1, **step, "steps-0-stage": "growth"})
    response = client.post(f"/admin/roles/role/{role.pk}/change/", form)
    assert response.status_code == 200
    assert "Une étape qui remplace un diplôme est une voie d’entrée" in response.content.decode()
    assert not ExperienceStep.objects.filter(role=role).exists()

    form = role_change_form(role, **{"steps-TOTAL_FORMS": 1, **step, "steps-0-stage": "entry"})
    assert client.post(f"/admin/roles/role/{role.pk}/change/", form).status_code == 302
    assert ExperienceStep.objects.get(role=role).stage == Stage.ENTRY


def test_non_staff_cannot_reach_the_admin(client, django_user_model):
    visitor = django_user_model.objects.create_user("visitor", password="a-long-visitor-password")
    sign_in_verified(client, visitor)
    response = client.get("/admin/roles/role/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    client.logout()
    assert client.get("/admin/roles/role/").status_code == 302


def test_editor_links_a_mission_to_a_passage_and_the_profile_quotes_it(client, editor):
    role, passage = RoleFactory(), PassageFactory(quotation="Une phrase que l’article écrit.")
    sign_in_verified(client, editor)
    url = f"/admin/roles/role/{role.pk}/change/"
    form = client.get(url).content.decode()
    assert f'<optgroup label="{passage.source.title}">' in form  # passages are offered by source

    response = client.post(
        url,
        role_change_form(
            role,
            **{
                "missions-TOTAL_FORMS": 1,
                "missions-0-kind": "mission",
                "missions-0-position": 1,
                "missions-0-title_fr": "Tenir les plannings",
                "missions-0-passage": passage.pk,
            },
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    profile = client.get(role.get_absolute_url()).content.decode()
    assert "Une phrase que l’article écrit." in profile
    assert f'href="{passage.get_absolute_url()}"' in profile


def test_admin_refuses_a_quotation_the_article_does_not_contain(client, editor):
    source = SourceFactory(file_name="004_e0d821fb6e57f53a.txt")
    sign_in_verified(client, editor)
    form = {
        "source": source.pk,
        "anchor": "invente",
        "position": 1,
        "quotation": "Le COO n’a jamais besoin de communiquer.",
        "translation_en": "The COO never needs to communicate.",
    }
    response = client.post("/admin/roles/passage/add/", form)
    assert response.status_code == 200
    assert "ne figure pas mot pour mot" in response.content.decode()
    assert not Passage.objects.exists()

    form.update(anchor="ecoute", quotation="Savoir écouter et comprendre les besoins des collaborateurs est également crucial.")
    assert client.post("/admin/roles/passage/add/", form).status_code == 302
    assert client.get("/admin/roles/passage/", {"q": "collaborateurs"}).content.decode().count("ecoute") >= 1


def test_a_passage_statements_rest_on_cannot_be_deleted(client, editor):
    passage = PassageFactory()
    MissionFactory(passage=passage)
    sign_in_verified(client, editor)
    client.post(f"/admin/roles/passage/{passage.pk}/delete/", {"post": "yes"})
    assert Passage.objects.filter(pk=passage.pk).exists()


def test_a_roles_page_names_each_skill_in_queries_that_do_not_grow_with_the_catalogue(client, editor):
    role = RoleFactory()
    asked = RoleSkillFactory(role=role, skill=SkillFactory(name_fr="Négociation avec les fournisseurs"))
    passage = PassageFactory(source=SourceFactory(title_fr="Un article <cité>"))
    MissionFactory(role=role, passage=passage)
    sign_in_verified(client, editor)
    url = f"/admin/roles/role/{asked.role_id}/change/"
    few = count_queries(client, url)

    RoleSkillFactory.create_batch(4, role=role)  # more rows on the page
    MissionFactory.create_batch(3, role=role, passage=passage)
    SkillFactory.create_batch(40)  # and more in the catalogue, as an ESCO import brings
    RoleFactory.create_batch(20, origin=Origin.IMPORTED)
    PassageFactory.create_batch(5, source=passage.source)

    assert count_queries(client, url) == few
    page = page_of(client.get(url))
    row = page.select_one(f"#role_skills-0 .field-skill:has(input[value='{asked.skill_id}'])")
    assert "Négociation avec les fournisseurs" in text_of(row)  # the skill by its name beside its id
    assert "Négociation avec les fournisseurs" in text_of(page.select_one("#role_skills-0 h3"))
    assert not page.select("select[name$='-skill']")  # no list of every skill
    assert not page.select("#role_skills-group .inline-related:not(.empty-form) [name$='-skill'][value='']")  # no blank row
    chosen = page.select_one("select[name='missions-0-passage'] option[selected]")
    assert chosen["value"] == str(passage.pk) and chosen.parent["label"] == "Un article <cité>"


def test_an_occupation_asking_hundreds_of_skills_shows_the_most_important_and_still_saves(client, editor):
    role = RoleFactory(origin=Origin.IMPORTED)
    essential = RoleSkillFactory.create_batch(3, role=role, importance="essential", required_level=None)
    RoleSkillFactory.create_batch(SKILL_ROWS_SHOWN + 2, role=role, importance="useful", required_level=None)
    sign_in_verified(client, editor)
    url = f"/admin/roles/role/{role.pk}/change/"

    response = client.get(url)
    page = page_of(response)
    rows = page.select("#role_skills-group .inline-related:not(.empty-form)")
    assert len(rows) == SKILL_ROWS_SHOWN
    shown = {row.select_one("[name$='-skill']")["value"] for row in rows}
    assert {str(link.skill_id) for link in essential} <= shown  # the most important first
    note = page.select_one(".messagelist")
    assert f"Ce poste demande {SKILL_ROWS_SHOWN + 5} compétences" in text_of(note)
    assert note.select_one("a")["href"] == f"/admin/roles/roleskill/?role__id__exact={role.pk}"
    assert client.get(note.select_one("a")["href"]).status_code == 200

    assert client.post(url, form_data(response.content.decode())).status_code == 302
    assert RoleSkill.objects.filter(role=role).count() == SKILL_ROWS_SHOWN + 5  # those not shown are kept
