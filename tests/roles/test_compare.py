import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import RoleFactory, RoleSkillFactory, SkillFactory, build_role_with_skills

pytestmark = pytest.mark.django_db

COO, EDO = "chief-operating-officer", "executive-director-of-operations"


def compare(client, *slugs, lang=""):
    return client.get(f"{lang}/compare/", {"roles": list(slugs)})


def test_coo_and_executive_director_side_by_side(client, content):
    response = compare(client, COO, EDO)
    assert response.status_code == 200
    page = re.sub(r"\s+", " ", response.content.decode())
    for expected in [
        "Directeur des opérations",
        "Directeur exécutif des opérations",
        "Allouer les ressources",
        "Superviser les installations",
        "Compétences et niveau requis",
        "Diplômes",
        "Étapes d’expérience",
        "Selon l’organisation",
        "Master en management",
        "Licence en gestion des installations",
    ]:
        assert expected in page, expected
    # Skills only one role asks for, and level differences, are flagged in words, not only colour.
    assert re.search(r"Planification stratégique.{0,300}seul", page)
    assert re.search(r"Supervision des opérations quotidiennes.{0,300}écart\s: 1 niveau", page)
    assert "non demandée" in page


def test_the_picker_keeps_the_current_roles_and_offers_removal(client, content):
    page = compare(client, COO, EDO, "operations-manager").content.decode()
    assert page.count(" checked>") == 3
    assert f'href="/compare/?roles={EDO}&amp;roles=operations-manager"' in page  # remove the COO


def test_a_profile_links_to_comparison(client, content):
    page = client.get(f"/roles/{COO}/").content.decode()
    assert 'action="/compare/"' in page and f'name="roles" value="{COO}"' in page


@pytest.mark.parametrize(
    ("slugs", "message"),
    [
        ((COO,), "vous en avez choisi 1"),
        ((COO, EDO, "operations-manager", "facilities-manager", "operations-supervisor"), "vous en avez choisi 5"),
        ((COO, COO), "qu’une fois"),
        ((COO, "no-such-role"), "« no-such-role » n’existe pas"),
        (("<script>x</script>", COO), "n’existe pas"),
    ],
)
def test_bad_choices_are_explained_with_the_picker(client, content, slugs, message):
    response = compare(client, *slugs)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'name="roles"' in page
    assert "<script>x</script>" not in page


def test_bad_choices_are_explained_in_english(client, content):
    response = compare(client, COO, lang="/en")
    assert response.status_code == 400
    assert "you chose 1" in response.content.decode()


def test_no_choice_yet_shows_the_picker(client, content):
    response = client.get("/compare/")
    assert response.status_code == 200
    assert "Choisissez de deux à quatre postes" in response.content.decode()


def count_queries(client, *slugs) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert compare(client, *slugs).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_roles_or_skills(client, db):
    roles = [build_role_with_skills(3) for _ in range(2)] + [build_role_with_skills(30) for _ in range(2)]
    two = count_queries(client, roles[0].slug, roles[1].slug)
    assert count_queries(client, *(role.slug for role in roles)) == two
    assert count_queries(client, roles[2].slug, roles[3].slug) == two


def skill_row(page: str, name: str) -> str:
    """The comparison's row of one skill, its text with the tags set aside."""
    row = re.search(rf"<tr class=\"compare-values[^\"]*\">\s*<th[^>]*>{re.escape(name)}<.*?</tr>", page, re.S)
    assert row, name
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(0)))


def test_a_role_that_does_not_ask_a_skill_is_not_asked_and_left_out_of_the_difference(client, db):
    demanding, middling, elsewhere = RoleFactory(), RoleFactory(), RoleFactory()
    shared, single = SkillFactory(name_fr="Pilotage budgétaire"), SkillFactory(name_fr="Négociation syndicale")
    RoleSkillFactory(role=demanding, skill=shared, required_level=5)
    RoleSkillFactory(role=middling, skill=shared, required_level=4)
    RoleSkillFactory(role=demanding, skill=single, required_level=5)
    page = compare(client, demanding.slug, middling.slug, elsewhere.slug).content.decode()
    # 5/5 and 4/5 differ by one level; the third role is "not asked", not a level 0 five levels below.
    assert re.search(r"écart\s: 1 niveau .*5/5 .*4/5 .*non demandée", skill_row(page, "Pilotage budgétaire"))
    # One role alone asks for it: "only", and no difference with roles that do not ask it.
    alone = skill_row(page, "Négociation syndicale")
    assert "seul" in alone and "écart" not in alone
    assert alone.count("non demandée") == 2


def test_not_asked_reads_in_english(client, db):
    asking, other = RoleFactory(), RoleFactory()
    RoleSkillFactory(role=asking, skill=SkillFactory(name_en="Union negotiation"), required_level=5)
    RoleSkillFactory(role=other, required_level=2)
    page = compare(client, asking.slug, other.slug, lang="/en").content.decode()
    row = skill_row(page, "Union negotiation")
    assert "only" in row and "not asked" in row and "gap" not in row
